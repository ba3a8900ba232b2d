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

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)


Writer = Callable[[Document, RenderContext], bytes]


def get_writer(fmt: str) -> Writer:
    """The writer of one format, imported on first use (WeasyPrint is slow to import)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    return importlib.import_module(f"{__name__}.{fmt}").render
