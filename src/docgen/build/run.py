"""The run: plan the jobs, skip what the manifest knows, render the rest, collect results.

One bad unit or plan never stops the others: its failure is collected, the run goes on,
the exit is 1.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import Loc, Problem
from .jobs import Job, Shard, _Planned, plan_jobs
from .manifest import Manifest
from .outdir import OutputLock, clean_stale_temps
from .pool import Outcome, _init_worker, _run_pool, _run_task, _Task
from .progress import Progress
from .report import BuildResult, DocRecord


def build(plans: list[Path], out_dir: Path | None, formats: tuple[str, ...] | None,
          pdf_variant: str | None = None, *, jobs: int = 1, shard: Shard | None = None,
          force: bool = False, progress: Progress | None = None,
          scheduler: str | None = None) -> BuildResult:
    """Build every document of every plan; one bad plan or unit never stops the others.
    With a Dask scheduler's address the documents are rendered on that cluster."""
    t0 = time.perf_counter()
    progress = progress or Progress()
    out_root = out_dir or Path("output")
    planned = plan_jobs(plans, out_root, formats, pdf_variant)
    if shard:
        planned.jobs = [j for j in planned.jobs if shard.owns(j.plan, j.unit.name if j.unit else None)]
        planned.failed = [d for d in planned.failed if d.unit is None or shard.owns(d.plan, d.unit)]
    with OutputLock(out_root, shard.suffix if shard else ""):
        stale = clean_stale_temps([t for j in planned.jobs for t in j.targets.values()]
                                  + [Manifest.file_for(out_root, shard)])
        result = _run(planned, out_root, pdf_variant, jobs, shard, force, progress, scheduler)
    if stale:
        result.notices.append(Problem(f"清理了上次中断留下的 {len(stale)} 个临时文件。", Loc(str(out_root)),
                                      "提示"))
    result.scheduler = scheduler
    result.seconds = time.perf_counter() - t0
    return result


def _run(planned: _Planned, out_root: Path, pdf_variant: str | None, jobs: int,
         shard: Shard | None, force: bool, progress: Progress,
         scheduler: str | None = None) -> BuildResult:
    """Skip what the manifest knows, render the rest, record each result as it comes."""
    result = BuildResult()
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
                index = planned.inputs[job.plan].batch.units.index(job.unit)
            tasks.append(_Task(job.key, job.plan, index, job.targets, job.todo))
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

    needed = tuple(dict.fromkeys(f for t in tasks for f in t.todo))
    client = None
    if scheduler and tasks:  # connect before drawing progress: an unreachable address says so
        from .cluster import connect

        client = connect(scheduler)
    progress.start(len(tasks), len(result.documents))
    for rec in planned.failed:
        progress.done(rec)
    try:
        init_args = (planned.inputs, out_root, pdf_variant, needed)
        if client is not None:
            from .cluster import run_on_cluster

            run_on_cluster(client, tasks, planned.inputs, out_root, pdf_variant, needed, on_done)
        elif jobs <= 1 or len(tasks) <= 1:
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
    return result
