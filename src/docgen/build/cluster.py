"""Batches on a Dask distributed cluster (`docgen build --scheduler tcp://HOST:PORT`).

The client plans as for a local build (manifest, shards, skipped documents), sends each plan
as read once to the cluster (scattered, so every worker fetches it at most once), and submits
one task per document. A worker renders the bytes with the same function as a local worker,
keeping writers and font lists warm in its process; the bytes come back and the client writes
them with the same atomic writer and records them in the same manifest, so the output folder
only needs to exist on the client. One failing document never stops the others.

Workers need the same docgen (checked: a different version or source fails each document with
a message instead of giving different bytes), the same fonts, and the project's folder (its
templates/, fonts/, attachments) at the same path, e.g. a shared folder.

Imported only when a scheduler is given: a local build never imports Dask.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from ..errors import DocgenError, Loc, Problem
from .jobs import Outcome, PlanInput
from .manifest import code_identity
from .pool import _Task, attempt, render, warm, write_outputs

CONNECT_TIMEOUT = 5  # seconds to reach the scheduler before saying so
WORKER_WAIT = 60  # seconds to wait for a first worker (an adaptive cluster may start one)


def _remote(task: _Task, inp: PlanInput, pdf_variant: str | None, formats: tuple[str, ...],
            code: str) -> Outcome:
    """On a Dask worker: render one document and return its bytes (not written there)."""
    if code_identity() != code:
        return Outcome(task.key, False, problems=[Problem(
            "Dask 工作机上的 docgen 与本机的不同（版本或源码），这一份没有生成：为保证逐字节相同，"
            "请在每台工作机上安装与本机相同的 docgen。", Loc(task.plan))])
    warm(formats)

    def work(out: Outcome) -> None:
        out.blobs, notices = render(task, inp, pdf_variant)
        out.notices += notices

    return attempt(task, work)


def _lost(task: _Task, exc: Exception) -> Outcome:
    return Outcome(task.key, False, problems=[Problem(
        f"Dask 工作机未能完成这一份（{type(exc).__name__}: {exc}），没有生成：请查看工作机的日志，"
        "或不用 --scheduler 在本机重试。", Loc(task.plan))])


def connect(address: str):
    """A client of the scheduler at this address, or a Chinese error naming it."""
    try:
        from distributed import Client
    except ImportError:
        raise DocgenError("使用 --scheduler（或 docgen.yaml 的 构建.调度器）需要安装 Dask："
                          "pip install 'docgen[dask]'。") from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise DocgenError(f"连不上 Dask 调度器 {address}（{CONNECT_TIMEOUT} 秒内没有回应：{exc}）："
                          "请确认已在那台机器上运行 dask scheduler、地址和端口无误、防火墙放行该端口。"
                          ) from None
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT)
    except (TimeoutError, OSError):
        client.close()
        raise DocgenError(f"Dask 调度器 {address} 上 {WORKER_WAIT} 秒内没有工作机：请在各台机器上运行 "
                          f"dask worker {address}。") from None
    return client


def run_on_cluster(client, tasks: list[_Task], inputs: dict[str, PlanInput],
                   out_root: Path, pdf_variant: str | None, formats: tuple[str, ...],
                   on_done: Callable[[Outcome], None]) -> None:
    """Every task on the cluster; each result written here as it arrives. Closes the client."""
    from distributed import KilledWorker, as_completed

    root = out_root.resolve()
    run = uuid.uuid4().hex[:8]
    try:
        # Every worker holds each plan (broadcast): a worker that dies takes no plan with it.
        sent = {p: client.scatter(inputs[p].absolute(), hash=False, broadcast=True)
                for p in dict.fromkeys(t.plan for t in tasks)}
        code = code_identity()
        futures = {client.submit(_remote, t, sent[t.plan], pdf_variant, formats, code,
                                 key=f"docgen-{run}-{i}", pure=False): t
                   for i, t in enumerate(tasks)}
        resent: set[str] = set()
        done = as_completed(futures, loop=client.loop)
        for fut in done:
            task = futures.pop(fut)
            try:
                out = fut.result()
            except KilledWorker as exc:  # the document itself killed worker after worker
                out = _lost(task, exc)
            except Exception as exc:  # its input went with a dead worker: send it once more
                if task.key in resent:
                    out = _lost(task, exc)
                else:
                    resent.add(task.key)
                    again = client.submit(_remote, task, inputs[task.plan].absolute(), pdf_variant,
                                          formats, code, key=f"docgen-{run}-again-{fut.key}",
                                          pure=False)
                    futures[again] = task
                    done.add(again)
                    fut.release()
                    continue
            fut.release()
            if out.ok:
                blobs, out.blobs = out.blobs, {}
                try:
                    write_outputs(task, blobs, root, out)
                except DocgenError as exc:
                    out.ok, out.problems = False, exc.problems
            on_done(out)
    finally:
        client.close()
