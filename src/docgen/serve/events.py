"""Live reload: a server-sent-events stream per open page, bounded in number.

The page reloads itself when the stream sends `change`: the plan, its docgen.yaml or its unit
table changed (polled mtimes, no extra dependency). Each stream holds a thread, so only
MAX_STREAMS may be open at once; more are refused with 503 (a browser opens one per tab,
and shares at most six connections per host anyway).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from .site import stamp

POLL_S = 0.25  # how often a plan page's event stream looks at the plan's mtime
INDEX_POLL_S = 1.0  # the index rescans the whole folder, so less often
HEARTBEAT_S = 10.0  # a comment line that lets a dead connection be noticed
MAX_STREAMS = 32


class Streams:
    """How many event streams are open; `enter` fails once MAX_STREAMS are."""

    def __init__(self, limit: int = MAX_STREAMS) -> None:
        self._slots = threading.BoundedSemaphore(limit)

    def enter(self) -> bool:
        return self._slots.acquire(blocking=False)

    def leave(self) -> None:
        self._slots.release()


def stream(write: Callable[[bytes], None], files: Callable[[], list[Path]], since: str,
           every: float, stopping: threading.Event) -> None:
    """Send one `change` event when the files' stamp differs from `since`, pings meanwhile."""
    write(b"retry: 1000\n\n")
    beat = time.monotonic()
    while not stopping.is_set():
        current = stamp(files())
        if current != since:
            write(f"event: change\ndata: {current}\n\n".encode())
            return
        if time.monotonic() - beat > HEARTBEAT_S:
            write(b": ping\n\n")
            beat = time.monotonic()
        stopping.wait(every)
