"""Benchmark: a batch of N units to .docx + .pdf, against LibreOffice and on Dask.

Run:  .venv/bin/python bench/batch.py [N] [--jobs J] [--no-dask] [--no-libreoffice]
      (N defaults to 40; `bench/batch.py 1000` is the large run.)

Measured in one run, on the same N documents of plans/batch/towns-flood.yaml:
1. docgen, local: `docgen build … -f docx,pdf --jobs 2` (a fresh process; fonts cache warm);
2. LibreOffice converting the N .docx files docgen wrote to PDF: two `soffice --headless
   --convert-to pdf` processes at once, each with its own -env:UserInstallation profile, each
   converting half (profiles created beforehand, so start-up is not counted twice);
3. docgen on Dask: a LocalCluster of 2 worker processes (1 thread each) started before timing,
   `docgen build … --scheduler tcp://…`; its files are compared byte for byte with step 1's.
Prints each time, the ratios docgen/LibreOffice and Dask/local, peak RSS per process of step
1, and a rerun with nothing changed. Target: docx+pdf faster than LibreOffice's pdf alone.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import resource
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


def _child_cpu() -> float:
    """CPU seconds (user + system) of every child process reaped so far, and of theirs."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


CPU: dict[str, float] = {}  # CPU seconds of the last run(), soffice_convert()


def run(cmd: list[str]) -> tuple[float, dict[int, int], subprocess.CompletedProcess]:
    """Run the build, sampling every process's peak RSS (VmHWM) until it ends."""
    peaks: dict[int, int] = {}
    c0 = _child_cpu()
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
    CPU["run"] = _child_cpu() - c0
    return time.perf_counter() - t0, peaks, subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def soffice_convert(docs: list[Path], out: Path, profiles: list[Path]) -> float:
    """Two soffice processes at once, each with its own profile, each converting its half."""
    halves = [docs[i::len(profiles)] for i in range(len(profiles))]
    c0 = _child_cpu()
    t0 = time.perf_counter()
    procs = [subprocess.Popen(["soffice", f"-env:UserInstallation={prof.as_uri()}", "--headless",
                               "--norestore", "--convert-to", "pdf", "--outdir", str(out),
                               *map(str, half)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
             for prof, half in zip(profiles, halves, strict=True) if half]
    codes = [p.wait() for p in procs]
    seconds = time.perf_counter() - t0
    CPU["soffice"] = _child_cpu() - c0
    if any(codes):
        raise SystemExit(f"soffice failed: {codes}")
    return seconds


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=40)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--formats", default="docx,pdf")
    ap.add_argument("--no-libreoffice", action="store_true")
    ap.add_argument("--no-dask", action="store_true")
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
        cpu = CPU["run"]
        if result.returncode != 0:
            print(result.stderr[-2000:])
            raise SystemExit(result.returncode)
        files = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
        n_formats = len(args.formats.split(","))
        print(f"docgen: {args.n} units × {args.formats} with --jobs {args.jobs}: {seconds:.1f} s, "
              f"{len(files)} files, {args.n / seconds:.1f} documents/s "
              f"({len(files) / seconds:.1f} files/s; {os.cpu_count()} CPUs); CPU {cpu:.1f} s")
        assert len(files) == args.n * n_formats, len(files)
        main_pid = min(peaks)
        print(f"peak RSS main process: {peaks[main_pid] / 1024:.0f} MB")
        for pid, kb in sorted(peaks.items()):
            if pid != main_pid and kb > 10 * 1024:  # not the multiprocessing helpers
                print(f"peak RSS worker {pid}: {kb / 1024:.0f} MB")

        docs = sorted(out.rglob("*.docx"))
        if not args.no_libreoffice and docs and shutil.which("soffice"):
            profiles = [Path(tmp) / f"lo-profile-{i}" for i in range(2)]
            soffice_convert(docs[:2], Path(tmp) / "lo-warm", profiles)  # create both profiles
            lo = soffice_convert(docs, Path(tmp) / "lo-pdf", profiles)
            assert len(list((Path(tmp) / "lo-pdf").glob("*.pdf"))) == len(docs)
            lo_cpu = CPU["soffice"]
            print(f"LibreOffice: {len(docs)} .docx → .pdf with 2 soffice processes: {lo:.1f} s, "
                  f"{len(docs) / lo:.1f} documents/s; CPU {lo_cpu:.1f} s")
            print(f"ratio docgen (docx+pdf) / LibreOffice (pdf only): wall {seconds / lo:.2f}, "
                  f"CPU {cpu / lo_cpu:.2f}  ({'faster' if seconds < lo else 'slower'})")

        if not args.no_dask:
            dask_run(args, cmd, out, Path(tmp), seconds, cpu)

        rerun, _, result = run(cmd)
        print(f"rerun with nothing changed: {rerun:.2f} s (exit {result.returncode})")


def dask_run(args: argparse.Namespace, cmd: list[str], local_out: Path, tmp: Path,
             local_seconds: float, local_cpu: float) -> None:
    """The same batch on a LocalCluster of 2 worker processes; bytes compared with local.
    CPU counts the client process and the worker processes (not the idle scheduler)."""
    import psutil
    from distributed import LocalCluster

    def workers_cpu() -> float:
        total = 0.0
        for p in psutil.Process().children(recursive=True):
            try:
                t = p.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
        return total

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=":0") as cluster:
        results = []
        for attempt in ("cold workers", "warm workers"):  # a second build on the same cluster
            out = tmp / f"out-dask-{len(results)}"
            dcmd = [*cmd[:cmd.index("-o")], "-o", str(out), *cmd[cmd.index("-o") + 2:],
                    "--scheduler", cluster.scheduler_address]
            dcmd[dcmd.index("--report") + 1] = str(tmp / "report-dask.json")
            w0 = workers_cpu()
            seconds, _, result = run(dcmd)
            cpu = CPU["run"] + workers_cpu() - w0
            if result.returncode != 0:
                print(result.stderr[-2000:])
                raise SystemExit(result.returncode)
            results.append((attempt, out, seconds, cpu))
    for attempt, out, seconds, cpu in results:
        same = _hashes(out) == _hashes(local_out)
        print(f"Dask (LocalCluster, 2 worker processes, {attempt}): {seconds:.1f} s, "
              f"{args.n / seconds:.1f} documents/s; CPU {cpu:.1f} s; bytes identical to local: {same}")
        print(f"ratio Dask ({attempt}) / local: wall {seconds / local_seconds:.2f}, "
              f"CPU {cpu / local_cpu:.2f}")
        if not same:
            raise SystemExit("Dask output differs from the local build")


if __name__ == "__main__":
    main()
