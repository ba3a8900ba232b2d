"""Finding plans and writing files safely: shared by the CLI, the build engine and the server."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .load.plan import PROJECT_FILE

PLAN_SUFFIXES = (".yaml", ".yml")


class UsageError(Exception):
    """Misuse of the command (exit 2), as opposed to bad plan content (exit 1)."""


def _is_data_file(path: Path) -> bool:
    """A YAML whose top level is a list holds batch units, not a plan."""
    try:
        with path.open("rb") as fh:
            for raw in fh:
                line = raw.decode("utf-8", "replace").lstrip("\ufeff").strip()
                if line and not line.startswith("#") and line != "---":
                    return line.startswith("- ") or line == "-"
    except OSError:
        return False
    return False


def find_plans(paths: list[Path]) -> list[Path]:
    """Plan files named on the command line, and *.yaml under folders (not docgen.yaml)."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if (f.suffix in PLAN_SUFFIXES and f.name != PROJECT_FILE and f.is_file()
                        and not any(part.startswith(".") for part in f.parts)
                        and not _is_data_file(f)):
                    found.append(f)
        elif p.is_file():
            found.append(p)
        else:
            raise UsageError(f"找不到文件或文件夹：{p}")
    return found


TEMP_SUFFIX = ".tmp"
TEMP_NAME_BYTES = 200  # of the target's name kept in its temporary file's name


def temp_prefix(name: str) -> str:
    """`.NAME.` for the temporary file of target NAME, NAME cut to 200 UTF-8 bytes so that the
    temporary name (prefix, 8 random characters, .tmp) fits a file system's 255 bytes
    whenever the target's own name does."""
    while len(name.encode("utf-8")) > TEMP_NAME_BYTES:
        name = name[:-1]
    return f".{name}."


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=TEMP_SUFFIX,
                               dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
