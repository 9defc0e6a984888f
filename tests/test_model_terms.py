"""model/terms.py and model/fields.py in memory: the fixed words, and the field rules."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from pydantic import BaseModel, ValidationError

from gxtrack.model.fields import Code, TomlNumber
from gxtrack.model.terms import Combine, Comparator, Kind, ScheduleKind, Status, UnitKind


def test_the_words_in_files_json_and_csv_are_fixed() -> None:
    # docs/reference/json-csv.*.md documents these words; changing one breaks users' files.
    # "missed": a goal not reached once the final figure is in.
    assert [s.value for s in Status] == [
        "achieved",
        "on_track",
        "at_risk",
        "behind",
        "missed",
        "no_data",
    ]
    assert [k.value for k in Kind] == ["count", "amount", "rate", "share", "milestone"]
    assert [c.value for c in Combine] == ["sum", "last", "average"]
    assert [c.value for c in Comparator] == [">=", "<="]
    assert [s.value for s in ScheduleKind] == ["linear", "flat", "due", "seasonal"]
    assert UnitKind("county_city") is UnitKind.COUNTY_CITY and len(UnitKind) == 7


class Fields(BaseModel):
    number: TomlNumber
    code: Code


@pytest.mark.parametrize(("given", "number"), [(5, D(5)), (D("7.2"), D("7.2"))])
def test_a_toml_number_is_an_int_or_a_decimal(given: object, number: D) -> None:
    assert Fields(number=given, code="2.4").number == number


@pytest.mark.parametrize("given", ["9", True, 7.2, None])
def test_a_quoted_number_a_boolean_or_a_float_is_refused(given: object) -> None:
    # tomllib gives Decimals (parse_float=Decimal), so a float is never from the file.
    with pytest.raises(ValidationError):
        Fields(number=given, code="2.4")


@pytest.mark.parametrize("code", ["2.4", "A", "x_1-b", "1234567890123456"])
def test_codes_that_are_accepted(code: str) -> None:
    assert Fields(number=1, code=code).code == code


@pytest.mark.parametrize("code", ["", ".4", "-a", "a b", "12345678901234567", "指标", 24])
def test_codes_that_are_refused(code: object) -> None:
    # At most 16 characters, starting with a letter or digit; an int is not a code.
    with pytest.raises(ValidationError):
        Fields(number=1, code=code)
