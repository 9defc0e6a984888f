"""Field types shared by the plan and data file models."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field, StrictStr


def _toml_number(value: object) -> object:
    # A quoted "9" or a boolean is a typing slip in the file, not a number to coerce.
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ValueError("must be a number, written without quotes")
    return Decimal(value)


TomlNumber = Annotated[Decimal, BeforeValidator(_toml_number)]
Code = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")]
