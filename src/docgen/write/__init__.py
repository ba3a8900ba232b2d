"""Writers: each output format is one module exposing `render(doc, ctx) -> bytes`."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document

FORMATS = ("docx", "pdf", "html", "txt")
DEFAULT_FORMATS = ("docx", "pdf")


@dataclass
class RenderContext:
    """What a writer may know beyond the document: where the project is, and a notice sink."""

    project_dir: Path = field(default_factory=lambda: Path("."))
    warnings: list[str] = field(default_factory=list)  # shown once per build (font substitutions)
    pdf_variant: str | None = None  # e.g. "pdf/a-3b"
    # layout's decisions per document, made once for every format of one job (docx + pdf)
    _laid: dict = field(default_factory=dict, repr=False, compare=False)

    def laid_out(self, doc: Document):
        """`lay_out(doc)`, computed once per document however many writers render it."""
        hit = self._laid.get(id(doc))
        if hit is None or hit[0] is not doc:  # the document is kept: its id cannot be reused
            from ..layout import lay_out

            hit = self._laid[id(doc)] = (doc, lay_out(doc))
        return hit[1]

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


Writer = Callable[[Document, RenderContext], bytes]


def get_writer(fmt: str) -> Writer:
    """The writer of one format, imported on first use (WeasyPrint is slow to import)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return importlib.import_module(f"{__name__}.{fmt}").render
