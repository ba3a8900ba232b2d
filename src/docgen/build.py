"""Build plans into files: jobs (plan × format), atomic writes, failures collected per plan."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .cli_support import write_atomic
from .compose import compose
from .errors import DocgenError, Problem
from .load.plan import load_plan
from .write import DEFAULT_FORMATS, RenderContext, get_writer


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    failures: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)


def build(plans: list[Path], out_dir: Path | None, formats: tuple[str, ...] | None,
          pdf_variant: str | None = None) -> BuildResult:
    """Build every plan; one bad plan never stops the others."""
    result = BuildResult()
    for path in plans:
        try:
            plan = load_plan(path)
            result.notices += plan.notices
            doc = compose(plan)
            fmts = formats or tuple((plan.model.output and plan.model.output.formats) or DEFAULT_FORMATS)
            folder = out_dir or Path("output")
            ctx = RenderContext(project_dir=plan.project_dir, pdf_variant=pdf_variant)
            outputs = {fmt: get_writer(fmt)(doc, ctx) for fmt in fmts}
            result.notices += [Problem(w, None, "提示") for w in ctx.warnings]
            for fmt, data in outputs.items():  # write only once every format rendered
                target = folder / f"{path.stem}.{fmt}"
                write_atomic(target, data)
                result.written.append(target)
        except DocgenError as exc:
            result.failures += exc.problems
    return result
