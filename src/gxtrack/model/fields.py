"""Field types shared by the plan and data file models."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, Field, StrictStr, ValidationInfo

# The validation context under which numbers arrive as exact decimal text (JSON that
# gxtrack wrote itself, as pydantic's `model_dump_json` writes Decimal), not from TOML.
NUMBERS_AS_TEXT = "numbers_as_text"


def _toml_number(value: object, info: ValidationInfo) -> object:
    if isinstance(value, str) and info.context and info.context.get(NUMBERS_AS_TEXT):
        number = Decimal(value)  # a malformed text raises: not a valid entry
        if not number.is_finite():
            raise ValueError("must be a finite number")
        return number
    # A quoted "9" or a boolean is a typing slip in the file, not a number to coerce.
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise ValueError("must be a number, written without quotes")
    return Decimal(value)


TomlNumber = Annotated[Decimal, BeforeValidator(_toml_number)]
Code = Annotated[StrictStr, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")]
