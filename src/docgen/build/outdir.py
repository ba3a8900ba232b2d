"""The output folder's guards: one build at a time per manifest, no stale temporary files,
no file name the file system refuses.

Two builds writing one folder would both redo everything and leave a manifest that forgets
half of it, so a run takes an exclusive lock beside its manifest (`.docgen-manifest.lock`,
or `…-K-of-N.lock` for a shard: shards sharing a folder still run side by side). The lock
is an OS file lock (flock): a killed run releases it, nothing to clean by hand. A second run
does not wait; it says the folder is busy and which process holds it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from ..cli_support import TEMP_SUFFIX, temp_prefix
from ..errors import DocgenError, Problem
from .manifest import MANIFEST

DEFAULT_NAME_MAX = 255  # bytes of one file name on ext4, XFS, btrfs, APFS, NTFS (in UTF-16)
_RANDOM = re.compile(r"[a-z0-9_]{8}")  # tempfile.mkstemp's random part


class FolderBusy(DocgenError):
    """Another docgen build holds this output folder (exit 2: run them one after another)."""


class OutputLock:
    """An exclusive, non-blocking lock on the output folder for one manifest (context manager)."""

    def __init__(self, root: Path, suffix: str = "") -> None:
        self.root = root
        self.file = root / f"{MANIFEST}{suffix}.lock"
        self._fh = None

    def __enter__(self) -> OutputLock:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fh = open(self.file, "a+", encoding="utf-8")  # noqa: SIM115 (held until __exit__)
        except OSError as exc:
            raise DocgenError(f"无法使用输出文件夹 {self.root}（{exc.strerror}）：请检查它是否可写，"
                              "或用 -o 换一个文件夹。") from None
        if not _try_lock(fh):
            fh.seek(0)
            holder = fh.read().strip()
            fh.close()
            who = f"（进程 {holder}）" if holder.isdigit() else ""
            raise FolderBusy(f"输出文件夹 {self.root} 正被另一个 docgen build{who}使用：请等它结束后再运行，"
                             "或用 -o 换一个输出文件夹。两个生成同时写一个文件夹会互相重做、清单也会不全。")
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh is not None:
            self._fh.close()  # closing releases the lock
            self._fh = None


def _try_lock(fh) -> bool:
    if sys.platform == "win32":  # pragma: no cover - docgen is tested on Linux
        import msvcrt

        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    import fcntl

    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def clean_stale_temps(files: Iterable[Path]) -> list[Path]:
    """Remove temporary files that write_atomic left beside these files when a run was killed
    mid-write (`.NAME.xxxxxxxx.tmp`). Only ours: called while holding this folder's lock, and
    only for this run's own targets, so a shard running beside us keeps its temporary files."""
    by_dir: dict[Path, set[str]] = {}
    for f in files:
        by_dir.setdefault(f.parent, set()).add(temp_prefix(f.name))
    removed: list[Path] = []
    for folder, prefixes in by_dir.items():
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if not (name.startswith(".") and name.endswith(TEMP_SUFFIX)):
                continue
            head = name[: -len(TEMP_SUFFIX)]
            prefix, _, rand = head.rpartition(".")
            if _RANDOM.fullmatch(rand) and f"{prefix}." in prefixes:
                try:
                    (folder / name).unlink()
                    removed.append(folder / name)
                except OSError:
                    pass
    return removed


def name_max(folder: Path) -> int:
    """The longest file name (bytes) the file system under this folder accepts."""
    for f in (folder, *folder.resolve().parents):
        if f.exists():
            try:
                return int(os.pathconf(f, "PC_NAME_MAX"))
            except (OSError, ValueError, AttributeError):
                return DEFAULT_NAME_MAX
    return DEFAULT_NAME_MAX


def too_long(target: Path, limit: int) -> Problem | None:
    """A target whose name the file system refuses, as a problem to report before any work."""
    size = len(target.name.encode("utf-8"))
    if size <= limit:
        return None
    return Problem(f"输出文件名“{target.name[:24]}…”有 {size} 字节，超过文件系统允许的 {limit} 字节，"
                   "没有生成：请把计划文件名改短（或批量计划的 输出.文件名）。")
