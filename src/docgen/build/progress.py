"""Showing a build's progress: a rich bar on a terminal, plain lines otherwise, or nothing."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

from .report import DocRecord


class Progress:
    """What the engine tells its caller as it goes (the CLI draws a bar or prints lines)."""

    def start(self, total: int, skipped: int) -> None: ...

    def done(self, record: DocRecord) -> None: ...

    def stop(self) -> None: ...


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
