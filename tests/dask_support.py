"""Dask helpers for the tests: imported only where distributed is installed."""

from __future__ import annotations

import os
from pathlib import Path

from distributed import WorkerPlugin


class KillOnce(WorkerPlugin):
    """A Dask worker plugin that kills its worker process when the task whose key ends with
    `suffix` starts executing: once only (a marker file remembers), or every time (`always`)."""

    def __init__(self, suffix: str, marker: str, always: bool = False) -> None:
        self.suffix, self.marker, self.always = suffix, marker, always

    def transition(self, key, start, finish, **kwargs) -> None:
        starts = finish == "executing" and str(key).endswith(self.suffix)
        if starts and (self.always or not Path(self.marker).exists()):
            Path(self.marker).touch()
            os._exit(1)
