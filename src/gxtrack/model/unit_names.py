"""Which reporting unit a clerk means: one rule for `--unit`, sheet names and unit cells.

A unit is named by its code, its name, its English name or one of the plan's `aliases`,
with or without its administrative suffix (江华县, 江华 and 江华瑶族自治县 are one unit) and
without a trailing 工信局 (a bureau writes its own name on its sheet).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from gxtrack.errors import InvalidInputError
from gxtrack.i18n import t
from gxtrack.model.plan import Plan, ReportingUnit

# The peoples an autonomous county is named for (瑶族自治县, 土家族苗族自治县, 各族自治县):
# listed, because the county's own name is no fixed length (江华 + 瑶族, 石柱 + 土家族苗族).
_PEOPLES = str.split(
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山"
    " 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米"
    " 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴"
    " 基诺 各"
)
_PEOPLE = "|".join(sorted(_PEOPLES, key=len, reverse=True))
# Longest first, so 回龙圩管理区 loses 管理区 and not only 区, and 江华瑶族自治县 loses
# 瑶族自治县 and not only 县.
_SUFFIX = re.compile(rf"(?:管理区|开发区|(?:(?:{_PEOPLE})族)+自治县|市|县|区)$")
_BUREAU = re.compile(r"(?:工业和信息化局|工信局)$")
_SPACES = re.compile(r"\s+")


def _plain(text: str) -> str:
    """The name as compared: full-width forms folded, spaces dropped, case ignored, the
    trailing bureau word removed."""
    folded = _SPACES.sub("", unicodedata.normalize("NFKC", text)).casefold()
    return _BUREAU.sub("", folded) or folded


def base_name(text: str) -> str:
    """The name without its administrative suffix (江华瑶族自治县 -> 江华); a name that is
    nothing but a suffix (市) is kept whole."""
    plain = _plain(text)
    return _SUFFIX.sub("", plain) or plain


def _full_names(unit: ReportingUnit) -> Iterator[str]:
    yield unit.code
    yield unit.name
    if unit.name_en:
        yield unit.name_en
    yield from unit.aliases


def units_named(units: Sequence[ReportingUnit], text: str) -> list[ReportingUnit]:
    """The units `text` names: those it names in full if any, else those whose name
    without its suffix is the text without its suffix. More than one is an ambiguity."""
    plain = _plain(text)
    if not plain:
        return []
    exact = [u for u in units if any(_plain(name) == plain for name in _full_names(u))]
    if exact:
        return exact
    base = base_name(text)
    return [u for u in units if any(base_name(name) == base for name in _full_names(u))]


def match_unit(plan: Plan, text: str) -> ReportingUnit | None:
    """The one unit `text` names, or None when it names none or more than one."""
    found = units_named(plan.units, text)
    return found[0] if len(found) == 1 else None


def units_hint(plan: Plan) -> str:
    """The plan's units as a clerk knows them: names beside codes."""
    listed = ", ".join(f"{unit.code}（{unit.name}）" for unit in plan.units) or "—"
    return t("plan.units.hint", codes=listed)


def find_unit(plan: Plan, text: str) -> ReportingUnit:
    """The unit `text` names, or a clear error: none such (listing the units with their
    names), or more than one (listing those it could be)."""
    found = units_named(plan.units, text)
    if len(found) == 1:
        return found[0]
    if not found:
        raise InvalidInputError(t("plan.no_unit", code=text), hint=units_hint(plan))
    could_be = ", ".join(f"{unit.code}（{unit.name}）" for unit in found)
    raise InvalidInputError(t("unit_names.ambiguous", text=text, units=could_be))
