"""Shared fixtures: the repository root, the example plans, a CLI runner that uses a real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"
sys.path.insert(0, str(Path(__file__).parent))


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `python -m docgen` as a user would; output decoded as UTF-8."""
    return subprocess.run([sys.executable, "-m", "docgen", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd or ROOT, timeout=300)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def write_plan(tmp_path: Path):
    """Write a plan file (text or bytes) into a fresh folder and return its path."""

    def _write(content: str | bytes, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
