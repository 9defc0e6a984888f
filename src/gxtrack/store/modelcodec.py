"""Validated pydantic models to plain JSON and back, checked, without pydantic's schema.

The cache keeps the validated plan. Validating it again with pydantic would build the
models' schema on every run (about 20 ms, a tenth of a warm status), and pickle could run
code. So a model is written as JSON (decimals as their exact text, enums as their value,
only the fields the file gave), and read back by a decoder compiled once per model class
from the very annotations pydantic validates with: each value must have its field's type
exactly (no coercion) and meet its field's constraints (lengths, bounds, patterns), and
the model is built with `model_construct`. An annotation or constraint the decoder does
not know raises `Malformed`, so a model that grows a new kind of field is read from its
file again (slower, never wrong). Model validators (cross-field checks) are not re-run:
what is read back is what they accepted when the entry was written.
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel

Decoder = Callable[[object], object]
Model = TypeVar("Model", bound=BaseModel)


class Malformed(ValueError):
    """A value that is not what its annotation says."""


def encode(value: object) -> object:
    """A validated model as JSON-ready values."""
    if isinstance(value, BaseModel):
        # Only the fields the file gave: the others take their defaults again on load.
        given = value.model_fields_set
        return {
            name: encode(getattr(value, name)) for name in type(value).model_fields if name in given
        }
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {text(key): encode(item) for key, item in value.items()}
    if value is None or isinstance(value, str | int):  # bool is an int
        return value
    raise Malformed(type(value).__name__)


def decoder_for(model: type[Model]) -> Callable[[object], Model]:
    """A function reading `model` back from what `encode` wrote; raises ValueError (or
    TypeError, LookupError) on anything else."""
    decode = _model_decoder(model)

    def typed(value: object) -> Model:
        decoded = decode(value)
        assert isinstance(decoded, model)
        return decoded

    return typed


# ── Checked scalars ─────────────────────────────────────────────────────────────────────


def text(value: object) -> str:
    if type(value) is not str:
        raise Malformed(value)
    return value


def whole(value: object) -> int:
    if type(value) is not int:
        raise Malformed(value)
    return value


def flag(value: object) -> bool:
    if type(value) is not bool:
        raise Malformed(value)
    return value


def number(value: object) -> Decimal:
    """A decimal written as its exact text; never NaN or infinite."""
    if type(value) is not str:
        raise Malformed(value)
    try:
        result = Decimal(value)
    except InvalidOperation:
        raise Malformed(value) from None
    if not result.is_finite():
        raise Malformed(value)
    return result


def _nothing(value: object) -> None:
    if value is not None:
        raise Malformed(value)


def _mapping(value: object) -> dict[str, object]:
    if type(value) is not dict:
        raise Malformed(value)
    return value


def _sequence(value: object) -> list[object]:
    if type(value) is not list:
        raise Malformed(value)
    return value


_SCALARS: dict[object, Decoder] = {
    Decimal: number,
    str: text,
    int: whole,
    bool: flag,
    type(None): _nothing,
}


# ── Compiling decoders from annotations ─────────────────────────────────────────────────


@functools.cache
def _model_decoder(model: type[BaseModel]) -> Decoder:
    fields = {name: _compile(f.annotation, f.metadata) for name, f in model.model_fields.items()}
    required = {name for name, f in model.model_fields.items() if f.is_required()}

    def decode(value: object) -> object:
        given = _mapping(value)
        if not required <= given.keys() <= fields.keys():
            raise Malformed(value)
        checked = {name: fields[name](item) for name, item in given.items()}
        return model.model_construct(set(checked), **checked)

    return decode


def _compile(annotation: object, constraints: Sequence[object] = ()) -> Decoder:
    if get_origin(annotation) is Annotated:
        inner, *extras = get_args(annotation)
        return _compile(inner, [*constraints, *_flatten(extras)])
    bare = _compile_bare(annotation)
    checks = [check for check in map(_compile_check, constraints) if check is not None]
    if not checks:
        return bare

    def decode(value: object) -> object:
        result = bare(value)
        if not all(check(result) for check in checks):
            raise Malformed(value)
        return result

    return decode


def _flatten(extras: Sequence[object]) -> list[object]:
    """The constraints inside an `Annotated`, with a nested `Field(...)` opened up."""
    from pydantic.fields import FieldInfo

    flat: list[object] = []
    for extra in extras:
        flat.extend(extra.metadata if isinstance(extra, FieldInfo) else [extra])
    return flat


def _compile_bare(annotation: object) -> Decoder:
    origin, arguments = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        return _union([_compile(option) for option in arguments])
    if origin is Literal:
        return _literal(arguments)
    if origin is list:
        item = _compile(arguments[0])
        return lambda value: [item(element) for element in _sequence(value)]
    if origin is dict:
        key, item = _compile(arguments[0]), _compile(arguments[1])
        return lambda value: {key(k): item(v) for k, v in _mapping(value).items()}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _model_decoder(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        members = annotation
        return lambda value: members(text(value))  # ValueError for a value not a member
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    raise Malformed(f"an annotation the cache cannot read: {annotation!r}")


def _union(options: list[Decoder]) -> Decoder:
    def decode(value: object) -> object:
        for option in options:
            try:
                return option(value)
            except (ValueError, TypeError):
                continue
        raise Malformed(value)

    return decode


def _literal(allowed: tuple[object, ...]) -> Decoder:
    def decode(value: object) -> object:
        if not any(type(value) is type(choice) and value == choice for choice in allowed):
            raise Malformed(value)
        return value

    return decode


def _compile_check(constraint: object) -> Callable[[object], bool] | None:
    """A test for one field constraint (annotated_types' and pydantic's own); None for
    one that the strict type check already covers."""
    import annotated_types as at
    from pydantic.functional_validators import BeforeValidator
    from pydantic.types import Strict

    if isinstance(constraint, Strict | BeforeValidator):
        return None  # types are exact already; the before-validator reads TOML
    if isinstance(constraint, at.MinLen):
        shortest = constraint.min_length
        return lambda value: len(_sized(value)) >= shortest
    if isinstance(constraint, at.MaxLen):
        longest = constraint.max_length
        return lambda value: len(_sized(value)) <= longest
    if isinstance(constraint, at.Gt | at.Ge | at.Lt | at.Le):
        return _bound(constraint)
    pattern = _pattern(constraint)
    if pattern is not None:
        return lambda value: isinstance(value, str) and pattern.fullmatch(value) is not None
    raise Malformed(f"a constraint the cache cannot check: {constraint!r}")


def _sized(value: object) -> str | list[object] | dict[str, object]:
    if not isinstance(value, str | list | dict):
        raise Malformed(value)
    return value


def _numeric(value: object) -> Decimal | int:
    if not isinstance(value, Decimal | int):
        raise Malformed(value)
    return value


def _bound(constraint: object) -> Callable[[object], bool]:
    import annotated_types as at

    if isinstance(constraint, at.Gt):
        low = Decimal(str(constraint.gt))
        return lambda value: _numeric(value) > low
    if isinstance(constraint, at.Ge):
        least = Decimal(str(constraint.ge))
        return lambda value: _numeric(value) >= least
    if isinstance(constraint, at.Lt):
        high = Decimal(str(constraint.lt))
        return lambda value: _numeric(value) < high
    if isinstance(constraint, at.Le):
        most = Decimal(str(constraint.le))
        return lambda value: _numeric(value) <= most
    raise Malformed(constraint)


def _pattern(constraint: object) -> re.Pattern[str] | None:
    """pydantic's `Field(pattern=...)` metadata, and nothing else in it."""
    if type(constraint).__name__ != "_PydanticGeneralMetadata":
        return None
    settings = vars(constraint)
    if set(settings) != {"pattern"} or not isinstance(settings["pattern"], str):
        raise Malformed(constraint)
    return re.compile(settings["pattern"])
