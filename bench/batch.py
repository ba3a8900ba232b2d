"""Benchmark: one 工作方案 (plans/batch/towns-flood.yaml) issued to N units, to .docx and .pdf.

Run:  .venv/bin/python bench/batch.py [N] [--jobs J] [--formats docx,pdf]
Targets on 2 cores: 1000 units × 2 formats < 60 s, < 400 MB peak RSS per worker,
a rerun with nothing changed < 3 s. Prints total seconds, documents/s, the peak RSS of each
process of the build (sampled from /proc), and the rerun's seconds.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "plans" / "batch"


def make_units(n: int, target: Path) -> None:
    """N units: the example's rows, renamed so every name is unique."""
    rows = list(csv.DictReader(io.StringIO((EXAMPLE / "towns.csv").read_text("utf-8"))))
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    w.writeheader()
    for i in range(n):
        row = dict(rows[i % len(rows)])
        row["名称"] = f"{row['名称'][:-1]}{i:04d}{row['名称'][-1]}"
        w.writerow(row)
    target.write_text(out.getvalue(), encoding="utf-8")


def _children(pid: int) -> list[int]:
    """Direct children: the pool's workers (their own short-lived helpers, fc-list, are not)."""
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):  # the process's peak resident set
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(cmd: list[str]) -> tuple[float, dict[int, int], subprocess.CompletedProcess]:
    """Run the build, sampling every process's peak RSS (VmHWM) until it ends."""
    peaks: dict[int, int] = {}
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for pid in [proc.pid, *_children(proc.pid)]:
                peaks[pid] = max(peaks.get(pid, 0), _rss_kb(pid))
            time.sleep(0.05)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    done.set()
    t.join()
    return time.perf_counter() - t0, peaks, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--formats", default="docx,pdf")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        shutil.copy(ROOT / "plans" / "docgen.yaml", folder / "docgen.yaml")
        shutil.copy(EXAMPLE / "towns-flood.yaml", folder / "towns-flood.yaml")
        make_units(args.n, folder / "towns.csv")
        out, report = Path(tmp) / "out", Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "docgen", "build", str(folder / "towns-flood.yaml"), "-o",
               str(out), "-f", args.formats, "--jobs", str(args.jobs), "-q", "--report", str(report)]
        seconds, peaks, result = run(cmd)
        if result.returncode != 0:
            print(result.stderr[-2000:])
            raise SystemExit(result.returncode)
        files = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
        n_formats = len(args.formats.split(","))
        print(f"{args.n} units × {args.formats} with --jobs {args.jobs}: {seconds:.1f} s, "
              f"{len(files)} files, {args.n / seconds:.1f} documents/s "
              f"({len(files) / seconds:.1f} files/s; {os.cpu_count()} CPUs)")
        assert len(files) == args.n * n_formats, len(files)
        main_pid = min(peaks)
        print(f"peak RSS main process: {peaks[main_pid] / 1024:.0f} MB")
        for pid, kb in sorted(peaks.items()):
            if pid != main_pid and kb > 10 * 1024:  # not the multiprocessing helpers
                print(f"peak RSS worker {pid}: {kb / 1024:.0f} MB")
        rerun, _, result = run(cmd)
        print(f"rerun with nothing changed: {rerun:.2f} s (exit {result.returncode})")


if __name__ == "__main__":
    main()
