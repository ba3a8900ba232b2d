"""Shared pieces of the plan models: strict base class, Chinese-messaged value checks."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError


class Strict(BaseModel):
    """Unknown keys are errors; keys are the Chinese words of the documents."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, frozen=True, defer_build=True)


def fail(message: str) -> PydanticCustomError:
    """A validation error whose message reaches the user unchanged."""
    return PydanticCustomError("docgen", message)


def _to_text_list(value: object) -> object:
    """A single string where a list of strings is allowed becomes a one-item list."""
    if isinstance(value, str):
        return [value]
    return value


TextList = Annotated[list[str], BeforeValidator(_to_text_list)]


def _check_prose(text: str) -> str:
    """Prose is Markdown; what a 公文 cannot hold (headings, links …) is refused here, at check."""
    from ..prose import problem

    message = problem(text)
    if message:
        raise fail(message)
    return text


# Prose fields (内容, 导语, 缘由, 结语 …): Markdown emphasis, checked when the plan is read.
Prose = Annotated[str, AfterValidator(_check_prose)]
ProseList = Annotated[list[Prose], BeforeValidator(_to_text_list)]


def field(key: str, description: str, default: object = None, **kw: object):
    """A model field under its Chinese key, with the Chinese help editors show."""
    extra = {k: v for k, v in kw.items() if k in ("examples",)}
    rest = {k: v for k, v in kw.items() if k not in ("examples",)}
    if default is ...:
        return Field(..., alias=key, title=key, description=description, **extra, **rest)
    return Field(default, alias=key, title=key, description=description, **extra, **rest)
