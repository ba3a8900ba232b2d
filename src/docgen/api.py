"""The library's front door: plan files in, Documents out (writers turn them into bytes)."""

from __future__ import annotations

from pathlib import Path

from .compose import compose
from .document import Document
from .errors import DocgenError
from .load.plan import load_plan


def document_from_plan(path: Path) -> Document:
    """Load, check and compose one plan, as written (placeholders of a batch plan unexpanded)."""
    return compose(load_plan(Path(path)))


def documents_from_path(path: Path) -> list[Document]:
    """Every Document a plan file or a folder of plans gives: one per unit of a batch plan.

    Raises DocgenError with every problem of the first plan or unit that fails."""
    from .cli_support import find_plans
    from .load.units import load_plan_units

    docs = []
    for plan_path in find_plans([Path(path)]):
        for unit in load_plan_units(plan_path):
            if unit.error is not None:
                raise unit.error
            docs.append(compose(unit.plan))
    return docs


__all__ = ["DocgenError", "document_from_plan", "documents_from_path"]
