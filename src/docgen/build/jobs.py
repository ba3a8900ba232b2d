"""Planning a build: every (plan × unit) job with its targets, input hashes and shard slot.

Batch plans write `<out>/<plan stem>/<safe unit file name>.<ext>`; plain plans keep
`<out>/<plan stem>.<ext>`. Plan-level mistakes, bad rows and colliding names become failed
records instead of jobs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DocgenError, Loc, Problem
from ..load.plan import UNITS_KEY, _display, is_batch, read_plan_source
from ..load.yaml_reader import Source
from ..write import DEFAULT_FORMATS, FORMATS
from .manifest import (
    FONT_FORMATS,
    _canonical,
    _sha,
    code_identity,
    files_identity,
    fonts_identity,
    project_identity,
    template_identity,
)
from .outdir import name_max, too_long
from .report import DocRecord

if TYPE_CHECKING:
    from ..load.units import Batch, Unit


@dataclass(frozen=True)
class Shard:
    """Slice K of N (1-based): jobs whose stable hash is K-1 modulo N."""

    k: int
    n: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        try:
            k, n = (int(x) for x in text.replace("／", "/").split("/"))
        except ValueError:
            raise ValueError(f"分片应写成 K/N，如 1/4，这里是“{text}”。") from None
        if not 1 <= k <= n:
            raise ValueError(f"分片 {k}/{n} 不对：K 要在 1 到 N 之间。")
        return cls(k, n)

    def owns(self, plan: str, unit: str | None) -> bool:
        return job_slot(plan, unit, self.n) == self.k - 1

    @property
    def suffix(self) -> str:
        return f"-{self.k}-of-{self.n}"


def job_slot(plan: str, unit: str | None, n: int) -> int:
    """A job's shard slot: depends on the plan path and the unit name only, never on order."""
    digest = hashlib.sha256(f"{Path(plan).as_posix()}\0{unit or ''}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % n


@dataclass
class Job:
    """One document: a plan, maybe a unit of it, its formats, targets and input hashes."""

    plan: str  # plan path as displayed (relative to the working folder when possible)
    plan_path: Path
    unit: Unit | None
    targets: dict[str, Path]
    hashes: dict[str, str] = field(default_factory=dict)
    todo: tuple[str, ...] = ()  # formats to render this run

    @property
    def key(self) -> str:
        return f"{self.plan}\t{self.unit.name if self.unit else ''}"

    @property
    def inputs_hash(self) -> str:
        return _sha("\n".join(f"{f}={h}" for f, h in sorted(self.hashes.items())))


@dataclass
class Outcome:
    """What a worker reports for one job (picklable)."""

    key: str
    ok: bool
    outputs: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)  # path,size,mtime,sha
    seconds: float = 0.0
    notices: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    detail: str = ""  # traceback of an internal error, for the report
    blobs: dict[str, bytes] = field(default_factory=dict)  # a Dask worker's bytes, written by the client


def _plan_formats(data: dict) -> tuple[str, ...]:
    out = data.get("输出") if isinstance(data, dict) else None
    fmts = out.get("格式") if isinstance(out, dict) else None
    if isinstance(fmts, str):
        fmts = [fmts]
    if isinstance(fmts, list):
        chosen = tuple(dict.fromkeys(f.strip().lower() for f in fmts
                                     if isinstance(f, str) and f.strip().lower() in FORMATS))
        if chosen:
            return chosen
    return DEFAULT_FORMATS


@dataclass
class PlanInput:
    """A plan as the planner read it (docgen.yaml merged; a batch with its units): what a
    worker needs to render its documents without reading the plan again (picklable)."""

    path: Path
    source: Source
    project_file: Path | None
    batch: Batch | None = None

    def absolute(self) -> PlanInput:
        """With absolute paths, for a worker whose working folder (or machine) differs."""
        path = self.path.resolve()
        batch = dataclasses.replace(self.batch, path=path) if self.batch else None
        return dataclasses.replace(self, path=path, batch=batch)


@dataclass
class _Planned:
    jobs: list[Job] = field(default_factory=list)
    failed: list[DocRecord] = field(default_factory=list)
    inputs: dict[str, PlanInput] = field(default_factory=dict)


def plan_jobs(plans: list[Path], out_root: Path, formats: tuple[str, ...] | None,
              pdf_variant: str | None = None) -> _Planned:
    """Every job of every plan, with targets and input hashes; plan-level mistakes, bad rows,
    names the file system refuses and colliding file names become failed records instead of
    jobs. A plan that cannot be read costs only itself, whatever went wrong."""
    planned = _Planned()
    limit = name_max(out_root)
    for path in plans:
        shown = _display(path)
        try:
            _plan_one(planned, path, shown, out_root, formats, pdf_variant, limit)
        except DocgenError as exc:
            planned.failed.append(DocRecord(shown, None, None, "failed", problems=exc.problems))
        except Exception as exc:  # a bug reading one plan must not cost the other plans
            planned.failed.append(DocRecord(shown, None, None, "failed", problems=[Problem(
                f"内部错误（{type(exc).__name__}: {exc}），这个计划没有生成。"
                "请把报告里的 detail 发给 docgen 的维护者。", Loc(shown))],
                detail=traceback.format_exc()))
    _drop_collisions(planned, out_root)
    return planned


def _plan_one(planned: _Planned, path: Path, shown: str, out_root: Path,
              formats: tuple[str, ...] | None, pdf_variant: str | None, limit: int) -> None:
    source, project_file = read_plan_source(path)
    project_dir = project_file.parent if project_file else path.resolve().parent
    fmts = formats or _plan_formats(source.data)
    data = source.data
    batch = None
    if is_batch(source):  # load.units (~10 ms of a cold start) only for a batch
        from ..load.units import read_batch

        batch = read_batch(path, source, project_file)
        if isinstance(data.get(UNITS_KEY), list):
            data = {k: v for k, v in data.items() if k != UNITS_KEY}  # inline units hash their own row
    files = files_identity(path, data, lambda f: read_plan_source(f)[0].data)
    files += template_identity(source)
    common = _sha(code_identity(), project_identity(project_dir), shown, _canonical(data),
                  files, os.environ.get("SOURCE_DATE_EPOCH", ""))
    units: list[Unit | None] = list(batch.units) if batch else [None]
    jobs: list[Job] = []
    failed: list[DocRecord] = []
    for unit in units:
        if unit is None:
            targets = {f: out_root / f"{path.stem}.{f}" for f in fmts}
        else:
            from ..load.units import file_name, safe_name

            try:
                name = safe_name(file_name(batch, unit))
            except DocgenError as exc:
                failed.append(DocRecord(shown, unit.name, unit.row, "failed", problems=exc.problems))
                continue
            targets = {f: out_root / safe_name(path.stem) / f"{name}.{f}" for f in fmts}
        job = Job(shown, path, unit, targets)
        long = [p for p in (too_long(t, limit) for t in targets.values()) if p]
        if long:  # before any work: the file system would refuse the name
            failed.append(DocRecord(shown, unit.name if unit else None, unit.row if unit else None,
                                    "failed", problems=[Problem(long[0].message, _job_loc(job))]))
            continue
        row = _canonical(unit.values) if unit else ""
        for f, target in targets.items():
            fonts = fonts_identity(project_dir) if f in FONT_FORMATS else ""
            variant = (pdf_variant or "") if f == "pdf" else ""
            job.hashes[f] = _sha(common, row, f, fonts, variant, target.name)
        jobs.append(job)
    planned.inputs[shown] = PlanInput(path, source, project_file, batch)
    if batch is not None:
        failed += [DocRecord(shown, u.name, u.row, "failed", problems=ps) for u, ps in batch.bad_rows]
    planned.jobs += jobs
    planned.failed += failed


def _who(job: Job) -> str:
    return job.unit.label if job.unit else f"计划 {job.plan}"


def _drop_collisions(planned: _Planned, out_root: Path) -> None:
    """Two documents with one output file (names equal ignoring case, as on Windows and
    macOS) or a file outside the output folder: those jobs fail, naming each other."""
    root = out_root.resolve()
    owners: dict[str, list[Job]] = {}
    bad: dict[int, list[Problem]] = {}
    for job in planned.jobs:
        for target in job.targets.values():
            resolved = target.resolve()
            if not resolved.is_relative_to(root):
                bad.setdefault(id(job), []).append(Problem(
                    f"{_who(job)}：输出文件“{target}”不在输出文件夹 {out_root} 里，没有生成。",
                    _job_loc(job)))
                continue
            owners.setdefault(str(resolved).casefold(), []).append(job)
    for same in owners.values():
        if len(same) < 2:
            continue
        for job in same:
            others = "、".join(_who(o) for o in same if o is not job)
            name = next(iter(job.targets.values())).with_suffix("").name
            bad.setdefault(id(job), []).append(Problem(
                f"{_who(job)}：输出文件名“{name}”与{others}相同，会互相覆盖，都没有生成。"
                "请让 输出.文件名 能区分它们（如 {{ 单位.名称 }}-{{ 单位.编号 }}），或改名。",
                _job_loc(job)))
    if not bad:
        return
    keep = []
    for job in planned.jobs:
        if id(job) in bad:
            problems = list(dict.fromkeys(bad[id(job)]))
            planned.failed.append(DocRecord(job.plan, job.unit.name if job.unit else None,
                                            job.unit.row if job.unit else None, "failed",
                                            job.inputs_hash, problems=problems))
        else:
            keep.append(job)
    planned.jobs = keep


def _job_loc(job: Job) -> Loc:
    return job.unit.loc("名称") if job.unit else Loc(job.plan)
