"""Shared pieces of the plan models: strict base class, Chinese-messaged value checks."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError


class Strict(BaseModel):
    """Unknown keys are errors; keys are the Chinese words of the documents."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


def fail(message: str) -> PydanticCustomError:
    """A validation error whose message reaches the user unchanged."""
    return PydanticCustomError("docgen", message)


def _to_text_list(value: object) -> object:
    """A single string where a list of strings is allowed becomes a one-item list."""
    if isinstance(value, str):
        return [value]
    return value


TextList = Annotated[list[str], BeforeValidator(_to_text_list)]


def field(key: str, description: str, default: object = None, **kw: object):
    """A model field under its Chinese key, with the Chinese help editors show."""
    extra = {k: v for k, v in kw.items() if k in ("examples",)}
    rest = {k: v for k, v in kw.items() if k not in ("examples",)}
    if default is ...:
        return Field(..., alias=key, title=key, description=description, **extra, **rest)
    return Field(default, alias=key, title=key, description=description, **extra, **rest)
