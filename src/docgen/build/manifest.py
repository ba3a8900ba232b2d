"""Incremental state: input hashes of every document and the manifest that remembers them.

A manifest in the output folder records each file's input hash and the size/mtime it was
written with, so an unchanged document is skipped and a killed run's rerun builds only what
is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..cli_support import write_atomic

if TYPE_CHECKING:
    from .jobs import Shard

MANIFEST = ".docgen-manifest"
MANIFEST_VERSION = 1
FONT_FORMATS = ("pdf", "html")  # formats whose bytes depend on the font files found
SAVE_EVERY = 0.2  # seconds between manifest saves while a run goes on


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
    # os.walk and plain strings, not Path.rglob: the same files in the same order (Path sorts by
    # parts) for a third of the cost, which every cold build pays for code_identity().
    found: list[list[str]] = []
    for top, dirs, files in os.walk(folder):  # like rglob: symlinked folders are not entered
        rel = os.path.relpath(top, folder)
        parts = [] if rel == "." else rel.split(os.sep)
        if "__pycache__" in parts:
            dirs.clear()
            continue
        found += [[*parts, name] for name in files
                  if (suffixes is None or os.path.splitext(name)[1] in suffixes)
                  and os.path.isfile(os.path.join(top, name))]
    h = hashlib.sha256()
    for parts in sorted(found):
        with open(os.path.join(folder, *parts), "rb") as f:
            h.update("/".join(parts).encode() + b"\0" + f.read() + b"\0")
    return h.hexdigest()


_memo: dict[tuple, str] = {}


def code_identity() -> str:
    """docgen's version and its own source and templates: an edited writer rebuilds."""
    if ("code",) not in _memo:
        pkg = Path(__file__).resolve().parent.parent  # the docgen package
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
        from .. import fonts as fontmod

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


FILE_KEYS = ("文件", "印发", "转发")  # keys whose value names a file the document takes in


def _file_refs(data: Any) -> Iterable[str]:
    """Every string under a key of FILE_KEYS, at any depth of the plan data."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k in FILE_KEYS and isinstance(v, str):
                yield v.strip()
            else:
                yield from _file_refs(v)
    elif isinstance(data, list):
        for v in data:
            yield from _file_refs(v)


def files_identity(plan: Path, data: Any, read_data: Callable[[Path], Any],
                   seen: frozenset[Path] = frozenset()) -> str:
    """Bytes of the files a plan takes in (附件 文件, 印发/转发 and what an issued plan takes
    in, recursively): editing an attached file or an issued 方案 rebuilds the document."""
    rows = []
    for ref in sorted(set(_file_refs(data))):
        f = (plan.parent / ref).resolve()
        if not f.is_file() or f in seen:
            continue
        rows.append(f"{ref}={hashlib.sha256(f.read_bytes()).hexdigest()}")
        if f.suffix in (".yaml", ".yml"):
            try:
                rows.append(files_identity(f, read_data(f), read_data, seen | {f}))
            except Exception:  # a bad issued plan fails later, located, in check
                continue
    return _sha(*rows) if rows else ""


def template_identity(source: Any) -> str:
    """Bytes of the office 模板 folder a plan (or its docgen.yaml) names: an office that edits
    its 样式.docx or 版头.docx in Word gets its documents rebuilt."""
    name = source.data.get("模板") if isinstance(source.data, dict) else None
    if not isinstance(name, str) or not name.strip():
        return ""
    folder = (Path(source.loc(("模板",)).file).parent / name.strip()).resolve()
    return _tree_hash(folder)


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Manifest:
    """Per output folder: each file's input hash and the size/mtime it was written with.

    A run writes its own file (`.docgen-manifest.json`, or `…-K-of-N.json` for a shard, so
    shards sharing a folder never overwrite each other's) and reads all of them."""

    def __init__(self, root: Path, shard: Shard | None) -> None:
        self.root = root
        self.file = self.file_for(root, shard)
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
    def file_for(root: Path, shard: Shard | None) -> Path:
        return root / f"{MANIFEST}{shard.suffix if shard else ''}.json"

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
