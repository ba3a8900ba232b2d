"""First-ever build (empty font cache) vs a warm-cache build, each in a fresh process.

Run: .venv/bin/python bench/first_run.py [PLAN_OR_FOLDER ...] [-n 3]
First-ever = XDG_CACHE_HOME pointing at an empty temporary folder, so the role fonts are read,
hashed and cut; warm = the same folder again. Both build .docx and .pdf with --force into a
fresh output folder. Target (issue 11): first-ever ≤ 2 × warm.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCGEN = [sys.executable, "-m", "docgen"]


def build(target: str, cache: str, out: str) -> tuple[float, float]:
    """Wall and CPU seconds (user + sys of the build and its workers)."""
    env = dict(os.environ, XDG_CACHE_HOME=cache)
    before = os.times()
    t = time.perf_counter()
    subprocess.run([*DOCGEN, "build", target, "-o", out, "--force", "--quiet"], cwd=ROOT, env=env,
                   check=True, capture_output=True)
    wall = time.perf_counter() - t
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system
                                                                  - before.children_system)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("targets", nargs="*", default=["plans/summary-minzheng.yaml", "plans/"])
    ap.add_argument("-n", type=int, default=3, help="rounds (each: one first-ever, one warm)")
    args = ap.parse_args()
    for target in args.targets:
        first, warm = [], []
        for _ in range(args.n):
            with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
                first.append(build(target, cache, out + "/a"))
                warm.append(build(target, cache, out + "/b"))
        for i, what in enumerate(("wall", "CPU")):
            f = statistics.median(x[i] for x in first)
            w = statistics.median(x[i] for x in warm)
            print(f"{target}: first-ever {f:.2f} s, warm-cache {w:.2f} s ({what}, median of "
                  f"{args.n}): ratio {f / w:.2f} (target ≤ 2)")


if __name__ == "__main__":
    main()
