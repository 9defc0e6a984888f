"""The plan and the data file hold plain decimal numbers only: an exponent, hex, octal or
binary is TOML a person misreads (`goal = 1e2` is a hundred, `value = 0x10` sixteen), so
each is refused with FILE:LINE:COL, the line and a caret, on gxtrack's own fast layout
and on any other layout alike, and leaves every file as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from gxtrack.errors import ExitCode, FileProblemError
from gxtrack.store.toml import refuse_other_numbers

from .conftest import Cli, indicator, plan_document

LITERALS = ["1e2", "1E2", "5e-1", "2.5e3", "1_0e1", "0x10", "0o17", "0b101", "-1e2", "+2E0"]


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


@pytest.fixture
def plan(workdir: Path) -> Path:
    path = workdir / "targets.toml"
    path.write_text(tomli_w.dumps(plan_document(indicator("A"))), "utf-8")
    return path


@pytest.mark.parametrize("literal", LITERALS)
def test_a_goal_written_otherwise_is_refused_where_it_stands(plan: Path, literal: str) -> None:
    lines = plan.read_text("utf-8").splitlines()
    number = next(n for n, line in enumerate(lines) if line.startswith("goal = "))
    lines[number] = f"goal = {literal}"
    plan.write_text("\n".join(lines) + "\n", "utf-8")
    before = digests(plan.parent)
    result = Cli()("validate")
    assert result.exit_code == ExitCode.BAD_FILE
    # "goal = " is 7 characters: the number starts in column 8.
    assert f"targets.toml:{number + 1}:8: {literal} is not a plain decimal number" in result.output
    assert f"| goal = {literal}\n" in result.output
    assert "^" in result.output.split(f"goal = {literal}\n", 1)[1].splitlines()[0]
    assert digests(plan.parent) == before


@pytest.mark.parametrize("layout", ["gxtrack's own", "a hand edit"])
@pytest.mark.parametrize("literal", ["1e1", "0x10", "0o7", "0b1"])
def test_a_value_written_otherwise_is_refused_in_either_layout(
    plan: Path, layout: str, literal: str
) -> None:
    cli = Cli()
    assert cli("record", "A", "5", "-m", "2024-01").exit_code == 0
    data = plan.parent / "actuals.toml"
    text = data.read_text("utf-8").replace("value = 5,", f"value = {literal},")
    if layout == "a hand edit":  # the record as a table of its own: tomllib reads it
        text = (
            'schema_version = 1\nplan_year = 2024\n\n[[records]]\ncode = "A"\n'
            f'month = "2024-01"\nvalue = {literal}\nrecorded_at = 2024-02-01T09:00:00+08:00\n'
        )
    data.write_text(text, "utf-8")
    before = digests(plan.parent)
    for command in (("status",), ("validate",), ("record", "A", "6", "-m", "2024-02")):
        result = cli(*command)
        assert result.exit_code == ExitCode.BAD_FILE, (command, result.output)
        assert f"{literal} is not a plain decimal number" in result.output
        assert "actuals.toml:" in result.output
    assert digests(plan.parent) == before


@pytest.mark.parametrize(
    "text",
    [
        'note = "1e2 and 0x10"',  # in a string
        "note = '0b101'",
        'note = """\n0x10 = 1e2\n"""',
        "goal = 100 # was 1e2",  # in a comment
        "1e2 = 5",  # a key, not a value
        "when = 2024-02-01T09:00:00+08:00",  # a time
        "list = [1, 2.5, -3]",
        "inline = { a = 1, b = [2, 3] }",
    ],
)
def test_text_comments_keys_times_and_decimals_are_left_alone(text: str) -> None:
    refuse_other_numbers(text + "\n", Path("x.toml"))


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("list = [1, 2e3]", "x.toml:1:12"),
        ("inline = { a = 1, b = 0x1 }", "x.toml:1:23"),  # 22 characters before it
        ('a = "#"\nb = [\n  1,\n  0o7,\n]', "x.toml:4:3"),
    ],
)
def test_inside_arrays_and_inline_tables_too(text: str, where: str) -> None:
    with pytest.raises(FileProblemError) as refused:
        refuse_other_numbers(text + "\n", Path("x.toml"))
    assert refused.value.message.startswith(where)


@settings(max_examples=200)
@given(
    st.lists(
        st.one_of(
            st.integers(-(10**9), 10**9).map(str),
            st.decimals(allow_nan=False, allow_infinity=False, places=3).map(
                lambda d: format(d, "f")
            ),
        ),
        max_size=6,
    )
)
def test_any_plain_decimal_passes(numbers: list[str]) -> None:
    refuse_other_numbers(
        f"values = [{', '.join(numbers)}]\nx = {numbers[0] if numbers else 0}\n", Path("x.toml")
    )
