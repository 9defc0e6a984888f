"""mkdocs hook: a line break inside a Chinese sentence is no space.

The Chinese pages are wrapped at about 100 columns like the English ones, to read and
diff well. A browser shows a line break between two Chinese characters as a space
(`完成率 为`); this hook joins such lines before Markdown sees them, outside code blocks.
"""

import re
import unicodedata

FENCE = re.compile(r"^\s*(```|~~~)")


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


def join_chinese_lines(markdown: str) -> str:
    """Join a line ending in a wide character with the next when that starts with one."""
    joined: list[str] = []
    in_code = False
    for line in markdown.split("\n"):
        if FENCE.match(line):
            in_code = not in_code
            joined.append(line)
            continue
        continuation = line.lstrip()
        if (
            not in_code
            and joined
            and continuation
            and _wide(continuation[0])
            and joined[-1].rstrip()
            and _wide(joined[-1].rstrip()[-1])
            and not FENCE.match(joined[-1])
        ):
            joined[-1] = joined[-1].rstrip() + continuation
        else:
            joined.append(line)
    return "\n".join(joined)


def on_page_markdown(markdown: str, **_: object) -> str:
    return join_chinese_lines(markdown)
