"""What a build did, per document: the records the CLI prints and `--report` writes."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..cli_support import write_atomic
from ..errors import Problem

if TYPE_CHECKING:
    from .jobs import Shard


@dataclass
class DocRecord:
    """One document in the report."""

    plan: str
    unit: str | None
    row: int | None
    status: str  # built / skipped / failed
    inputs_hash: str = ""
    outputs: list[dict] = field(default_factory=list)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    detail: str = ""

    def as_json(self) -> dict:
        return {"plan": self.plan, "unit": self.unit, "row": self.row, "status": self.status,
                "inputs_hash": self.inputs_hash, "outputs": self.outputs,
                "seconds": round(self.seconds, 4), "warnings": self.warnings,
                "error": "\n".join(str(p) for p in self.problems) or None,
                **({"detail": self.detail} if self.detail else {})}


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    failures: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    documents: list[DocRecord] = field(default_factory=list)
    seconds: float = 0.0
    scheduler: str | None = None  # the Dask scheduler that rendered the documents, if any

    def count(self, status: str) -> int:
        return sum(d.status == status for d in self.documents)

    @property
    def failed(self) -> list[DocRecord]:
        return [d for d in self.documents if d.status == "failed"]


def write_report(result: BuildResult, path: Path, shard: Shard | None = None) -> None:
    """The machine-readable report: every document with its status, outputs and timing."""
    docs = sorted(result.documents, key=lambda d: (d.plan, d.row or 0, d.unit or ""))
    body = {
        "docgen": __version__,
        "shard": f"{shard.k}/{shard.n}" if shard else None,
        "scheduler": result.scheduler,
        "seconds": round(result.seconds, 3),
        "summary": {s: result.count(s) for s in ("built", "skipped", "failed")},
        "documents": [d.as_json() for d in docs],
    }
    write_atomic(path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
