"""Cold `docgen build plan.yaml --format docx` vs `python -c "import docx"`, same venv, same run.

Run: .venv/bin/python bench/cold_start.py [plan.yaml] [-n 7]
Each round starts both as fresh processes, alternating, so machine load hits both alike; the
figures are medians of wall time and of CPU time (user + sys of the child). Target (issue 11):
cold docx build ≤ 3 × importing python-docx.

Both children run with bytecode caching on (PYTHONDONTWRITEBYTECODE removed from their
environment): python-docx's .pyc files were written by pip at install, docgen's are written by
the warm-up run, as on any user's machine; without them docgen alone would recompile its sources
every run and the ratio would measure the compiler.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)  # microseconds, not 10 ms ticks
    t = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, env=ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("plan", nargs="?", default="plans/workplan-jiguan.yaml")
    ap.add_argument("-n", type=int, default=7)
    args = ap.parse_args()
    anchor, build = [], []
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-m", "docgen", "build", args.plan, "--format", "docx", "-o", out,
               "--force", "--quiet"]
        timed(cmd)  # bytecode caches written once, as after any install
        for _ in range(args.n):
            anchor.append(timed([sys.executable, "-c", "import docx"]))
            build.append(timed(cmd))
    for i, what in enumerate(("wall", "CPU")):
        a = statistics.median(x[i] for x in anchor)
        b = statistics.median(x[i] for x in build)
        print(f"cold docx build {b:.3f} s vs import docx {a:.3f} s ({what}, median of {args.n}): "
              f"ratio {b / a:.2f} (target ≤ 3)")


if __name__ == "__main__":
    main()
