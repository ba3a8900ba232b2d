"""Build plans into files: every (plan × unit) job on a pool of warm worker processes.

A job renders one unit's document to all of its formats, so compose runs once per unit;
files are written only after every format rendered, each atomically (temp + rename).
A manifest in the output folder records each file's input hash, so an unchanged document
is skipped and a killed run's rerun builds only what is missing. One bad unit or plan
never stops the others: its failure is collected, the run goes on, the exit is 1.

Batch plans write `<out>/<plan stem>/<safe unit file name>.<ext>`; plain plans keep
`<out>/<plan stem>.<ext>`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .cli_support import write_atomic
from .errors import DocgenError, Loc, Problem
from .load.plan import _display, read_plan_source
from .load.units import UNITS_KEY, Batch, Unit, file_name, is_batch, read_batch, safe_name
from .write import DEFAULT_FORMATS, FORMATS, RenderContext, get_writer

MANIFEST = ".docgen-manifest"
MANIFEST_VERSION = 1
FONT_FORMATS = ("pdf", "html")  # formats whose bytes depend on the font files found
SAVE_EVERY = 0.2  # seconds between manifest saves while a run goes on


# ---------------------------------------------------------------------------------------------
# Jobs and results


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

    def count(self, status: str) -> int:
        return sum(d.status == status for d in self.documents)

    @property
    def failed(self) -> list[DocRecord]:
        return [d for d in self.documents if d.status == "failed"]


class Progress:
    """What the engine tells its caller as it goes (the CLI draws a bar or prints lines)."""

    def start(self, total: int, skipped: int) -> None: ...

    def done(self, record: DocRecord) -> None: ...

    def stop(self) -> None: ...


# ---------------------------------------------------------------------------------------------
# Input hashes


def _sha(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode() if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def _tree_hash(folder: Path, suffixes: Iterable[str] | None = None) -> str:
    """Contents of every file under a folder (names and bytes)."""
    if not folder.is_dir():
        return ""
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file() and "__pycache__" not in f.parts and (
                suffixes is None or f.suffix in suffixes):
            h.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


_memo: dict[tuple, str] = {}


def code_identity() -> str:
    """docgen's version and its own source and templates: an edited writer rebuilds."""
    if ("code",) not in _memo:
        pkg = Path(__file__).resolve().parent
        # templates/ is a symlink to the repository's top-level folder: rglob does not follow it
        _memo[("code",)] = _sha(__version__, _tree_hash(pkg, (".py",)),
                                _tree_hash((pkg / "templates").resolve()))
    return _memo[("code",)]


def project_identity(project_dir: Path) -> str:
    """The project's templates/ folder (HTML/CSS and reference documents)."""
    key = ("project", str(project_dir))
    if key not in _memo:
        _memo[key] = _tree_hash(project_dir / "templates")
    return _memo[key]


def fonts_identity(project_dir: Path) -> str:
    """Path, size and mtime of every font file that may be chosen: the project's fonts/
    folder and the faces fontconfig lists (a new or replaced font rebuilds PDF and HTML)."""
    key = ("fonts", str(project_dir))
    if key not in _memo:
        from . import fonts as fontmod

        files = {p for p in (project_dir / "fonts").rglob("*")
                 if p.suffix.lower() in fontmod.FONT_SUFFIXES} if (project_dir / "fonts").is_dir() else set()
        files |= {f.path for f in fontmod.system_faces()}
        rows = []
        for p in sorted(files, key=str):
            try:
                st = p.stat()
                rows.append(f"{p}|{st.st_size}|{st.st_mtime_ns}")
            except OSError:
                continue
        _memo[key] = _sha(*rows)
    return _memo[key]


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# ---------------------------------------------------------------------------------------------
# Manifest


class Manifest:
    """Per output folder: each file's input hash and the size/mtime it was written with.

    A run writes its own file (`.docgen-manifest.json`, or `…-K-of-N.json` for a shard, so
    shards sharing a folder never overwrite each other's) and reads all of them."""

    def __init__(self, root: Path, shard: Shard | None) -> None:
        self.root = root
        self.file = root / f"{MANIFEST}{shard.suffix if shard else ''}.json"
        self.known: dict[str, list[dict]] = {}
        self.own: dict[str, dict] = {}
        for f in sorted(root.glob(f"{MANIFEST}*.json")) if root.is_dir() else []:
            entries = self._read(f)
            for k, e in entries.items():
                self.known.setdefault(k, []).append(e)
            if f == self.file:
                self.own = dict(entries)
        self.dirty = False
        self.saved_at = time.monotonic()

    @staticmethod
    def _read(f: Path) -> dict[str, dict]:
        try:
            data = json.loads(f.read_text("utf-8"))
            if data.get("version") == MANIFEST_VERSION and isinstance(data.get("files"), dict):
                return data["files"]
        except (OSError, ValueError, AttributeError):
            pass
        return {}

    def _rel(self, target: Path) -> str:
        return target.relative_to(self.root).as_posix()

    def fresh(self, key: str, digest: str, target: Path) -> dict | None:
        """The entry if the file on disk is the one built from these inputs."""
        try:
            st = target.stat()
        except OSError:
            return None
        rel = self._rel(target)
        for e in self.known.get(key, []):
            if (e.get("hash") == digest and e.get("path") == rel and e.get("size") == st.st_size
                    and e.get("mtime_ns") == st.st_mtime_ns):
                return e
        return None

    def record(self, key: str, entry: dict) -> None:
        self.own[key] = entry
        self.known[key] = [entry]
        self.dirty = True

    def forget(self, key: str) -> None:
        if self.own.pop(key, None) is not None:
            self.dirty = True

    def save(self, force: bool = False) -> None:
        """Atomic, and at most every SAVE_EVERY seconds unless forced."""
        if not self.dirty or (not force and time.monotonic() - self.saved_at < SAVE_EVERY):
            return
        body = {"version": MANIFEST_VERSION, "docgen": __version__,
                "files": dict(sorted(self.own.items()))}
        write_atomic(self.file, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
        self.dirty = False
        self.saved_at = time.monotonic()


# ---------------------------------------------------------------------------------------------
# Planning


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
class _Planned:
    jobs: list[Job] = field(default_factory=list)
    failed: list[DocRecord] = field(default_factory=list)
    batches: dict[str, Batch] = field(default_factory=dict)


def plan_jobs(plans: list[Path], out_root: Path, formats: tuple[str, ...] | None,
              pdf_variant: str | None = None) -> _Planned:
    """Every job of every plan, with targets and input hashes; plan-level mistakes, bad rows
    and colliding file names become failed records instead of jobs."""
    planned = _Planned()
    for path in plans:
        shown = _display(path)
        try:
            source, project_file = read_plan_source(path)
            project_dir = project_file.parent if project_file else path.resolve().parent
            fmts = formats or _plan_formats(source.data)
            data = source.data
            batch = read_batch(path, source, project_file) if is_batch(source) else None
        except DocgenError as exc:
            planned.failed.append(DocRecord(shown, None, None, "failed", problems=exc.problems))
            continue
        if batch is not None:
            planned.batches[shown] = batch
            if isinstance(data.get(UNITS_KEY), list):  # inline units: each unit hashes its own row
                data = {k: v for k, v in data.items() if k != UNITS_KEY}
        common = _sha(code_identity(), project_identity(project_dir), shown, _canonical(data),
                      os.environ.get("SOURCE_DATE_EPOCH", ""))
        units: list[Unit | None] = list(batch.units) if batch else [None]
        for unit in units:
            if unit is None:
                targets = {f: out_root / f"{path.stem}.{f}" for f in fmts}
            else:
                try:
                    name = safe_name(file_name(batch, unit))
                except DocgenError as exc:
                    planned.failed.append(DocRecord(shown, unit.name, unit.row, "failed",
                                                    problems=exc.problems))
                    continue
                targets = {f: out_root / safe_name(path.stem) / f"{name}.{f}" for f in fmts}
            job = Job(shown, path, unit, targets)
            row = _canonical(unit.values) if unit else ""
            for f, target in targets.items():
                fonts = fonts_identity(project_dir) if f in FONT_FORMATS else ""
                variant = (pdf_variant or "") if f == "pdf" else ""
                job.hashes[f] = _sha(common, row, f, fonts, variant, target.name)
            planned.jobs.append(job)
        if batch is not None:
            planned.failed += [DocRecord(shown, u.name, u.row, "failed", problems=ps)
                               for u, ps in batch.bad_rows]
    _drop_collisions(planned, out_root)
    return planned


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


# ---------------------------------------------------------------------------------------------
# Workers

_STATE: dict[str, Any] = {}


def _init_worker(batches: dict[str, Batch], out_root: Path, pdf_variant: str | None,
                 formats: tuple[str, ...]) -> None:
    """Once per worker: keep the batches, import the writers (WeasyPrint, templates, font
    lists load here, not per document)."""
    _STATE.update(batches=batches, out_root=out_root.resolve(), pdf_variant=pdf_variant)
    for f in formats:
        module = sys.modules.get(get_writer(f).__module__)
        warm = getattr(module, "_weasy", None)
        if callable(warm):
            warm()
    if any(f in FONT_FORMATS for f in formats):
        from . import fonts as fontmod

        fontmod.system_faces()


@dataclass(frozen=True)
class _Task:
    key: str
    plan: str
    plan_path: Path
    unit_index: int | None  # index into the batch's units
    targets: dict[str, Path]
    todo: tuple[str, ...]


def _run_task(task: _Task) -> Outcome:
    """Render one document to its formats; write the files only if every format rendered."""
    t0 = time.perf_counter()
    out = Outcome(task.key, False)
    try:
        from .compose import compose
        from .load.plan import load_plan
        from .load.units import expand

        if task.unit_index is None:
            plan = load_plan(task.plan_path)
        else:
            batch = _STATE["batches"][task.plan]
            plan = expand(batch, batch.units[task.unit_index])
        out.notices += plan.notices
        doc = compose(plan)
        ctx = RenderContext(project_dir=plan.project_dir, pdf_variant=_STATE.get("pdf_variant"))
        data = {f: get_writer(f)(doc, ctx) for f in task.todo}
        out.notices += [Problem(w, None, "提示") for w in ctx.warnings]
        root: Path = _STATE["out_root"]
        for f, blob in data.items():
            target = task.targets[f]
            if not target.resolve().is_relative_to(root):  # a symlinked folder, say
                raise DocgenError(f"输出文件“{target}”不在输出文件夹里，没有生成。")
            write_atomic(target, blob)
            st = target.stat()
            out.outputs[f] = (str(target), st.st_size, st.st_mtime_ns,
                              hashlib.sha256(blob).hexdigest())
        out.ok = True
    except DocgenError as exc:
        out.problems = exc.problems
    except Exception as exc:  # a bug must cost one document, not the run
        out.problems = [Problem(f"内部错误（{type(exc).__name__}: {exc}），这一份没有生成。"
                                "请把报告里的 detail 发给 docgen 的维护者。", Loc(task.plan))]
        out.detail = traceback.format_exc()
    out.seconds = time.perf_counter() - t0
    return out


def _pool_context():
    import multiprocessing as mp

    # fork starts warm and fast on Linux; it is safe here because the pool is created (and,
    # with fork, every worker started) before any thread of ours runs.
    return mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _run_pool(tasks: list[_Task], workers: int, init_args: tuple,
              on_done: Callable[[Outcome], None]) -> None:
    """Run tasks on a process pool; if a worker dies (OOM, a crash), start a new pool for
    the tasks not finished yet, twice at most, then report them as failed."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    pending = list(tasks)
    for attempt in range(3):
        if not pending:
            return
        broken: list[_Task] = []
        with ProcessPoolExecutor(max_workers=min(workers, len(pending)),
                                 mp_context=_pool_context(), initializer=_init_worker,
                                 initargs=init_args) as pool:
            futures = {pool.submit(_run_task, t): t for t in pending}
            for fut in as_completed(futures):
                task = futures[fut]
                try:
                    on_done(fut.result())
                except BrokenProcessPool:
                    broken.append(task)
                except Exception as exc:  # an outcome that failed to pickle, say
                    on_done(Outcome(task.key, False, problems=[Problem(
                        f"内部错误（{type(exc).__name__}: {exc}），这一份没有生成。", Loc(task.plan))]))
        pending = broken
        if pending and attempt == 2:
            for task in pending:
                on_done(Outcome(task.key, False, problems=[Problem(
                    "工作进程意外退出（内存不足或崩溃），这一份没有生成：请减少 --jobs 后重试。",
                    Loc(task.plan))]))


# ---------------------------------------------------------------------------------------------
# The run


def build(plans: list[Path], out_dir: Path | None, formats: tuple[str, ...] | None,
          pdf_variant: str | None = None, *, jobs: int = 1, shard: Shard | None = None,
          force: bool = False, progress: Progress | None = None) -> BuildResult:
    """Build every document of every plan; one bad plan or unit never stops the others."""
    t0 = time.perf_counter()
    progress = progress or Progress()
    out_root = out_dir or Path("output")
    result = BuildResult()
    planned = plan_jobs(plans, out_root, formats, pdf_variant)
    if shard:
        planned.jobs = [j for j in planned.jobs if shard.owns(j.plan, j.unit.name if j.unit else None)]
        planned.failed = [d for d in planned.failed if d.unit is None or shard.owns(d.plan, d.unit)]
    manifest = Manifest(out_root, shard)
    by_key: dict[str, Job] = {}
    tasks: list[_Task] = []
    for job in planned.jobs:
        todo = []
        for f, target in job.targets.items():
            mkey = f"{job.key}\t{f}"
            entry = None if force else manifest.fresh(mkey, job.hashes[f], target)
            if entry is None:
                todo.append(f)
            elif mkey not in manifest.own:
                manifest.record(mkey, entry)
        job.todo = tuple(todo)
        if todo:
            by_key[job.key] = job
            index = None
            if job.unit is not None:
                index = planned.batches[job.plan].units.index(job.unit)
            tasks.append(_Task(job.key, job.plan, job.plan_path, index, job.targets, job.todo))
        else:
            result.documents.append(DocRecord(
                job.plan, job.unit.name if job.unit else None, job.unit.row if job.unit else None,
                "skipped", job.inputs_hash,
                [{"format": f, "path": str(t)} for f, t in job.targets.items()]))
    result.documents += planned.failed
    notices: dict[Problem, None] = {}

    def on_done(o: Outcome) -> None:
        job = by_key[o.key]
        rec = DocRecord(job.plan, job.unit.name if job.unit else None,
                        job.unit.row if job.unit else None, "built" if o.ok else "failed",
                        job.inputs_hash, seconds=o.seconds, warnings=[str(n) for n in o.notices],
                        problems=o.problems, detail=o.detail)
        for f, (path, size, mtime, digest) in o.outputs.items():
            rec.outputs.append({"format": f, "path": path, "bytes": size, "sha256": digest})
            manifest.record(f"{job.key}\t{f}", {"hash": job.hashes[f], "path": manifest._rel(
                job.targets[f]), "size": size, "mtime_ns": mtime, "sha256": digest})
            result.written.append(Path(path))
        if not o.ok:
            for f in job.targets:
                manifest.forget(f"{job.key}\t{f}")
        notices.update(dict.fromkeys(o.notices))
        result.documents.append(rec)
        manifest.save()
        progress.done(rec)

    progress.start(len(tasks), len(result.documents))
    for rec in planned.failed:
        progress.done(rec)
    try:
        needed = tuple(dict.fromkeys(f for t in tasks for f in t.todo))
        init_args = (planned.batches, out_root, pdf_variant, needed)
        if jobs <= 1 or len(tasks) <= 1:
            _init_worker(*init_args)
            for task in tasks:
                on_done(_run_task(task))
        else:
            _run_pool(tasks, jobs, init_args, on_done)
    finally:
        manifest.save(force=True)
        progress.stop()
    result.notices = list(notices)
    result.failures = [p for d in result.failed for p in d.problems]
    result.seconds = time.perf_counter() - t0
    return result


def write_report(result: BuildResult, path: Path, shard: Shard | None = None) -> None:
    """The machine-readable report: every document with its status, outputs and timing."""
    docs = sorted(result.documents, key=lambda d: (d.plan, d.row or 0, d.unit or ""))
    body = {
        "docgen": __version__,
        "shard": f"{shard.k}/{shard.n}" if shard else None,
        "seconds": round(result.seconds, 3),
        "summary": {s: result.count(s) for s in ("built", "skipped", "failed")},
        "documents": [d.as_json() for d in docs],
    }
    write_atomic(path, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# Showing progress


class LineProgress(Progress):
    """Not a terminal (CI logs, pipes): one plain line per file written."""

    def __init__(self, echo: Callable[[str], None]) -> None:
        self.echo = echo

    def done(self, record: DocRecord) -> None:
        for out in record.outputs if record.status == "built" else []:
            self.echo(f"已生成 {out['path']}")


class BarProgress(Progress):
    """A terminal: a rich progress bar with documents done, rate and time left."""

    def __init__(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.progress import Progress as RichProgress

        self.bar = RichProgress(TextColumn("生成公文"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]}"), TextColumn("已用"),
                                TimeElapsedColumn(), TextColumn("剩余"), TimeRemainingColumn(),
                                transient=False)
        self.task = None
        self.t0 = time.perf_counter()
        self.n = 0

    def start(self, total: int, skipped: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("", total=total, rate="")
        self.t0 = time.perf_counter()

    def done(self, record: DocRecord) -> None:
        if record.status not in ("built", "failed") or self.task is None or record.seconds == 0:
            return
        self.n += 1
        rate = self.n / max(time.perf_counter() - self.t0, 1e-6)
        self.bar.update(self.task, advance=1, rate=f"{rate:.1f} 份/秒")

    def stop(self) -> None:
        self.bar.stop()


def make_progress(quiet: bool, echo: Callable[[str], None]) -> Progress:
    """Bar on a terminal, plain lines otherwise, nothing when quiet."""
    if quiet:
        return Progress()
    if sys.stdout.isatty():
        return BarProgress()
    return LineProgress(echo)
