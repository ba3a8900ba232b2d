"""Benchmark: `docgen check` on a folder of 1000 plans (target: under 5 s on 2 cores).

Run:  .venv/bin/python bench/check_speed.py [N]
Prints the wall time of one `docgen check` process over N copies of the example plans.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(n: int = 1000) -> None:
    sources = [p for p in sorted((ROOT / "plans").glob("*.yaml")) if p.name != "docgen.yaml"]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(ROOT / "plans" / "docgen.yaml", folder / "docgen.yaml")
        for i in range(n):
            src = sources[i % len(sources)]
            shutil.copy(src, folder / f"{i:05d}-{src.name}")
        t0 = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "docgen", "check", str(folder)],
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - t0
    print(result.stdout.strip().splitlines()[-1] if result.stdout else result.stderr[-500:])
    print(f"check {n} plans: {elapsed:.2f} s  ({elapsed / n * 1000:.2f} ms/plan, one process)")
    if result.returncode != 0:
        raise SystemExit(result.returncode)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
