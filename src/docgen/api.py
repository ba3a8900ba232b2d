"""The library's front door: plan files in, Documents and bytes out."""

from __future__ import annotations

from pathlib import Path

from .compose import compose
from .document import Document
from .load.plan import load_plan


def document_from_plan(path: Path) -> Document:
    """Load, check and compose one plan (no batch expansion)."""
    return compose(load_plan(Path(path)))


def documents_from_path(path: Path) -> list[Document]:
    """Every Document a plan file or a folder of plans gives, in a stable order."""
    from .cli_support import find_plans  # local: keeps import light for library users

    return [document_from_plan(p) for p in find_plans([Path(path)])]
