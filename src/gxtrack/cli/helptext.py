"""Help, usage lines and usage errors in the interface's language, fitted to the terminal.

Our help texts are catalogue entries, chosen when the commands are built (the launcher
settles the language first). Typer (0.29) writes its headings, usage line and usage
errors in English from its own copy of Click. Help is laid out here from the commands'
public attributes (parameters, metavars, defaults, environment variables), measured in
terminal cells (a Chinese character takes two); in Chinese, usage errors are worded from
the errors' public attributes. What a type conversion says beyond those stays English.
"""

from __future__ import annotations

from typing import Any, get_args, get_origin

import typer

from gxtrack.i18n import MESSAGES, current_language, t
from gxtrack.i18n.text import display_width, wrap_cells


class WordedBadParameter(typer.BadParameter):
    """A bad value refused in our own words (a callback's), shown as it is."""


def chinese() -> bool:
    return current_language() != "en"


# ── Help ────────────────────────────────────────────────────────────────────────────────


def usage_pieces(command: Any, ctx: typer.Context) -> list[str]:
    """The usage line after the command's path: options, arguments, subcommands."""
    arguments = [_argument(p) for p in command.get_params(ctx) if p.param_type_name == "argument"]
    group = [t("usage.command_metavar")] if hasattr(command, "list_commands") else []
    return [t("usage.options_metavar"), *arguments, *group]


def _argument(param: Any) -> str:
    name = _metavar(param) or str(param.name)
    return name if param.required else f"[{name}]"


def write_section(formatter: Any, key: str, rows: list[tuple[str, str]]) -> None:
    """A heading of ours (with its own colon), then the rows as Click lays out a list of
    definitions (terms up to 30 wide, two spaces, the text wrapped beside them), but
    measured in terminal cells: a Chinese character takes two."""
    if not rows:
        return
    formatter.write_paragraph()
    formatter.write(f"{' ' * formatter.current_indent}{t(key)}\n")
    indent = formatter.current_indent + 2
    first = min(max(display_width(term) for term, _ in rows), 30)
    for term, text in rows:
        beside = indent + first + 2
        lines = [
            part
            for line in text.split("\n")
            for part in wrap_cells(line, max(formatter.width - beside, 16))
        ]
        if display_width(term) > first:  # on lines of its own, broken if need be
            for part in wrap_cells(term, max(formatter.width - indent, 16)):
                formatter.write(f"{' ' * indent}{part}\n")
        else:
            head = lines.pop(0) if lines else ""
            gap = " " * (first + 2 - display_width(term)) if head else ""
            formatter.write(f"{' ' * indent}{term}{gap}{head}\n")
        for line in lines:
            formatter.write(f"{' ' * beside}{line}\n")


def help_rows(command: Any, ctx: typer.Context, kind: str) -> list[tuple[str, str]]:
    """The help rows of the command's arguments or options, in our words."""
    return [
        (_term(param), _described(param, ctx))
        for param in command.get_params(ctx)
        if param.param_type_name == kind and not getattr(param, "hidden", False)
    ]


def _term(param: Any) -> str:
    if param.param_type_name == "argument":  # export's WHAT: say which it may be
        return _argument(param) + (f" {_type_word(param)}" if _choices(param, "|") else "")

    def joined(opts: list[str]) -> str:
        return ", ".join(sorted(opts, key=lambda name: len(name) - len(name.lstrip("-"))))

    term = joined(param.opts) + (
        f" / {joined(param.secondary_opts)}" if param.secondary_opts else ""
    )
    return (
        term if param.is_flag or param.count else f"{term} {_metavar(param) or _type_word(param)}"
    )


def _metavar(param: Any) -> str | None:
    """The metavar a command declares (CODE, FILE|URL) in the interface's words."""
    if param.metavar is None and param.param_type_name == "option":
        return None
    bare = (param.metavar or str(param.name).upper()).strip("[]")
    key = f"metavar.{bare.lower()}"
    return t(key) if key in MESSAGES else bare


def _type_word(param: Any) -> str:
    annotation = getattr(param.type_descriptor, "annotation", str)
    many = get_origin(annotation) is list
    inner = get_args(annotation)[0] if many else annotation
    word = _choices(param, "|") or t(f"metavar.{getattr(inner, '__name__', 'str').lower()}")
    return f"<{word}>" + ("..." if many else "")


def _described(param: Any, ctx: typer.Context) -> str:
    """The help, then Typer's notes in our words: environment variable, default, range,
    whether required."""
    envvar = param.envvar if getattr(param, "show_envvar", False) else None
    default, bounds = _default_words(param, ctx), _range(param)
    notes = [
        *([t("usage.env_var", name=envvar)] if isinstance(envvar, str) else []),
        *([t("usage.default", value=default)] if default else []),
        *([t("usage.range", low=bounds[0], high=bounds[1])] if bounds else []),
        *([t("usage.required")] if param.required else []),
    ]
    worded = t("usage.notes", notes=t("usage.notes_separator").join(notes)) if notes else ""
    return "  ".join(part for part in (param.help or "", worded) if part)


def _default_words(param: Any, ctx: typer.Context) -> str:
    """The default as Typer shows it: the text given for it, else the value (a flag
    pair by the name that is on); nothing for an unset or a plain flag."""
    shown = getattr(param, "show_default", False)
    if isinstance(shown, str) or param.param_type_name == "argument":
        return shown if isinstance(shown, str) else ""
    value = param.get_default(ctx, call=False)
    if not shown or value is None or callable(value):
        return ""
    if param.is_flag:
        names = param.opts if value else param.secondary_opts
        return names[0].lstrip("-") if param.secondary_opts and names else ""
    if isinstance(value, list | tuple):
        return ", ".join(str(getattr(item, "value", item)) for item in value)
    return str(getattr(value, "value", value))


def write_paragraphs(formatter: Any, text: str) -> None:
    """A command's help, paragraph by paragraph, wrapped between words (or Chinese
    characters) to the formatter's width; an indented paragraph (an example) keeps its
    indent."""
    formatter.write_paragraph()
    for number, paragraph in enumerate(text.split("\n\n")):
        indent = formatter.current_indent + 2 + len(paragraph) - len(paragraph.lstrip(" "))
        lines = wrap_cells(paragraph.strip(), max(formatter.width - indent, 16))
        for index in range(len(lines) - 1):  # an opening bracket goes with what it opens
            if lines[index].endswith(("(", "（")):
                lines[index + 1] = lines[index][-1] + lines[index + 1]
                lines[index] = lines[index][:-1].rstrip()
        formatter.write("\n" * (number > 0) + "".join(f"{' ' * indent}{line}\n" for line in lines))


# ── Usage errors ────────────────────────────────────────────────────────────────────────


def usage_message(error: Any, arguments: list[str]) -> str:
    """A usage error in the interface's language, from its public attributes and the
    `arguments` typed."""
    kind = type(error).__name__
    if not chinese() or isinstance(error, WordedBadParameter) or kind == "UsageError":
        return str(error.format_message())  # English, or words of ours (`ctx.fail`)
    param = getattr(error, "param", None)
    name = param.get_error_hint() if param is not None else None
    name = name or getattr(error, "param_hint", None) or ""
    if kind == "NoSuchOption":
        message = t("usage.no_such_option", name=error.option_name)
        possible = sorted(error.possibilities or ())
        return (
            t("usage.possible", message=message, names=", ".join(possible)) if possible else message
        )
    if kind == "BadOptionUsage":  # a value given to a flag (--strict=1), or none at all
        given = any(argument.startswith(f"{error.option_name}=") for argument in arguments)
        key = "usage.takes_no_value" if given else "usage.requires_argument"
        return t(key, name=f"'{error.option_name}'")
    if kind == "MissingParameter":
        choices = _choices(param)
        if getattr(param, "param_type_name", error.param_type) == "option":
            return t("usage.missing_option", name=name)
        key = "usage.missing_argument_choose" if choices else "usage.missing_argument"
        return t(key, name=name, choices=choices)
    reason = _conversion_reason(param) or str(error.message)
    return t("usage.invalid_value_for", name=name, message=reason) if name else reason


def _choices(param: Any, separator: str | None = None) -> str:
    described = getattr(param, "type_descriptor", None)
    if described is None or not described.is_choice:
        return ""
    words = (str(getattr(choice, "value", choice)) for choice in described.choices)
    return (separator or t("list.separator")).join(words)


def _range(param: Any) -> tuple[object, object] | None:
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    return None if low is None or high is None else (low, high)


def _conversion_reason(param: Any) -> str | None:
    """What the value must be, from the parameter itself: one of its choices, a whole
    number in its range."""
    choices, bounds = _choices(param), _range(param)
    if choices:
        return t("usage.one_of", choices=choices)
    if bounds:
        return t("usage.within", low=bounds[0], high=bounds[1])
    annotation = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    return t("usage.not_integer") if annotation is int else None


def show_usage_error(error: Any, arguments: list[str]) -> None:
    """The usage, where to find help, and the error, as Typer shows them, in our words."""
    from gxtrack.i18n.safe_text import terminal_safe

    ctx = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            lines.append(t("usage.try", command=command))
        lines.append("")
    lines.append(t("usage.error", message=usage_message(error, arguments)))
    typer.echo(terminal_safe("\n".join(lines), one_line=False), err=True)


# ── Typer's own options: help in our words, and an installer that speaks them ──────────


def own_options(params: list[Any]) -> list[Any]:
    """Typer's --help, --install-completion and --show-completion, by their names: help
    in our language, and --install-completion saying what it did in it too."""
    for param in params:
        if "--help" in param.opts:
            param.help = t("usage.help")
        elif "--install-completion" in param.opts:
            param.help = t("usage.install_completion")
            param.callback = install_completion
        elif "--show-completion" in param.opts:
            param.help = t("usage.show_completion")
    return params


def install_completion(ctx: typer.Context, param: Any, value: object) -> object:
    """Install the shell's completion script (Typer's `typer.completion.install`)."""
    if not value or ctx.resilient_parsing:
        return value
    # Typer's installer, as its own --install-completion calls it (from its public
    # `typer.completion` module, which imports it without re-exporting it to mypy).
    from typer.completion import install  # type: ignore[attr-defined]

    shell, path = install(shell=value if isinstance(value, str) else None)
    typer.secho(t("completion.installed", shell=shell, path=path), fg="green")
    typer.echo(t("completion.restart"))
    raise typer.Exit(0)
