"""Local worker processes: each renders whole documents and writes them atomically.

A worker is started once and kept warm (writers imported, font lists read); a job renders one
unit's document to all of its formats, so compose runs once per unit, and its files are written
only after every format rendered.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cli_support import write_atomic
from ..errors import DocgenError, Loc, Problem
from ..write import RenderContext, get_writer
from .jobs import Outcome, PlanInput
from .manifest import FONT_FORMATS

_STATE: dict[str, Any] = {}
_WARM: set[str] = set()  # formats whose writer this process has already warmed
_RENDER = threading.Lock()  # one render at a time per process (Dask workers may run threads)


def warm(formats: Iterable[str]) -> None:
    """Import the writers (WeasyPrint, templates) and read the font lists once per process,
    not per document; later calls for the same formats cost nothing."""
    todo = [f for f in formats if f not in _WARM]
    for f in todo:
        module = sys.modules.get(get_writer(f).__module__)
        hook = getattr(module, "_weasy", None)
        if callable(hook):
            hook()
    if any(f in FONT_FORMATS for f in todo):
        from .. import fonts as fontmod

        fontmod.system_faces()
    _WARM.update(todo)


def prime(task: _Task, inp: PlanInput, pdf_variant: str | None) -> None:
    """Before forking: let the PDF writer load this job's project fonts and stylesheets once
    (write/pdf.py prime), so that no worker's first document pays for them. Best effort: a
    problem here is the job's own, reported when a worker renders it."""
    if "pdf" not in task.todo:
        return
    from ..compose import compose
    from ..load.plan import check_plan

    try:
        if inp.batch is None:
            plan = check_plan(inp.path, inp.source, inp.project_file)
        else:
            from ..load.units import expand

            plan = expand(inp.batch, inp.batch.units[task.unit_index])
        from ..write import pdf

        pdf.prime(compose(plan), RenderContext(project_dir=plan.project_dir,
                                               pdf_variant=pdf_variant))
    except Exception:  # the worker reports this job's problem when it renders the job
        pass


def _init_worker(inputs: dict[str, PlanInput], out_root: Path, pdf_variant: str | None,
                 formats: tuple[str, ...]) -> None:
    """Once per local worker: keep the plans read by the planner, warm the writers."""
    _STATE.update(inputs=inputs, out_root=out_root.resolve(), pdf_variant=pdf_variant)
    warm(formats)


@dataclass(frozen=True)
class _Task:
    key: str
    plan: str
    unit_index: int | None  # index into the batch's units
    targets: dict[str, Path]
    todo: tuple[str, ...]


def render(task: _Task, inp: PlanInput, pdf_variant: str | None) -> tuple[dict[str, bytes],
                                                                          list[Problem]]:
    """One document's bytes in every format to do, and its notices (a pure function of the
    plan as read by the planner: local workers and Dask workers run exactly this)."""
    from ..compose import compose
    from ..load.plan import check_plan

    with _RENDER:
        if inp.batch is None:
            plan = check_plan(inp.path, inp.source, inp.project_file)
        else:
            from ..load.units import expand

            plan = expand(inp.batch, inp.batch.units[task.unit_index])
        doc = compose(plan)
        ctx = RenderContext(project_dir=plan.project_dir, pdf_variant=pdf_variant)
        data = {f: get_writer(f)(doc, ctx) for f in task.todo}
    return data, [*plan.notices, *(Problem(w, None, "提示") for w in ctx.warnings)]


def write_outputs(task: _Task, data: dict[str, bytes], root: Path, out: Outcome) -> None:
    """Write every format atomically inside the output folder and note what was written."""
    for f, blob in data.items():
        target = task.targets[f]
        if not target.resolve().is_relative_to(root):  # a symlinked folder, say
            raise DocgenError(f"输出文件“{target}”不在输出文件夹里，没有生成。")
        try:
            write_atomic(target, blob)
        except OSError as exc:  # disk full, permissions, a path the file system refuses
            raise DocgenError(f"无法写入输出文件 {target}（{exc.strerror or exc}），这一份没有生成："
                              "请检查输出文件夹的空间和权限，或把名称改短。", Loc(task.plan)) from None
        st = target.stat()
        out.outputs[f] = (str(target), st.st_size, st.st_mtime_ns, hashlib.sha256(blob).hexdigest())


def attempt(task: _Task, work: Callable[[Outcome], None]) -> Outcome:
    """Run one job's work; a user's mistake or a bug costs this document only."""
    t0 = time.perf_counter()
    out = Outcome(task.key, False)
    try:
        work(out)
        out.ok = True
    except DocgenError as exc:
        out.problems = exc.problems
    except Exception as exc:  # a bug must cost one document, not the run
        out.problems = [Problem(f"内部错误（{type(exc).__name__}: {exc}），这一份没有生成。"
                                "请把报告里的 detail 发给 docgen 的维护者。", Loc(task.plan))]
        out.detail = traceback.format_exc()
    out.seconds = time.perf_counter() - t0
    return out


def _run_task(task: _Task) -> Outcome:
    """Local worker: render one document to its formats, then write the files (only if every
    format rendered)."""

    def work(out: Outcome) -> None:
        data, notices = render(task, _STATE["inputs"][task.plan], _STATE.get("pdf_variant"))
        out.notices += notices
        write_outputs(task, data, _STATE["out_root"], out)

    return attempt(task, work)


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
    if _pool_context().get_start_method() == "fork":
        # Warm once here: forked workers inherit the imported writers and font lists instead of
        # each paying for them (about 1.2 s of CPU per worker); their own warm() is then a no-op.
        warm(init_args[3])
        if pending:
            prime(pending[0], init_args[0][pending[0].plan], init_args[2])
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
