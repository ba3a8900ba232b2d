"""Benchmark: a batch of N units to .docx + .pdf, against LibreOffice and on Dask.

Run:  .venv/bin/python bench/batch.py [N] [--small n] [--repeat R] [--jobs J] [--no-dask]
      [--no-libreoffice]   (N defaults to 40; `bench/batch.py 1000` is the large run.)

Measured in one run, on the same N documents of plans/batch/towns-flood.yaml:
1. docgen, local: `docgen build … -f docx,pdf --jobs 2` (a fresh process; fonts cache warm);
2. LibreOffice converting the N .docx files docgen wrote to PDF: two `soffice --headless
   --convert-to pdf` processes at once, each with its own -env:UserInstallation profile, each
   converting half (profiles created beforehand, so start-up is not counted twice);
3. docgen on Dask: a LocalCluster of 2 worker processes (1 thread each) started before timing,
   `docgen build … --scheduler tcp://…`; its files are compared byte for byte with step 1's.
Prints each time, the ratios docgen/LibreOffice and Dask/local, peak RSS per process of step
1, and a rerun with nothing changed. Target: docx+pdf faster than LibreOffice's pdf alone.

Fixed and marginal cost: steps 1 and 2 are also run on the first n units (--small, default
N/5), so each side's CPU is split as fixed + marginal × units from the two sizes measured in
this run (the slope between n and N). At large N only the marginal cost counts: docgen is
faster than LibreOffice there only if its marginal unit costs less. --repeat R takes the
median of R measurements of each of the four (the machine is shared; CPU time still moves).
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


def split_cost(small: int, big: int, small_cpu: float, big_cpu: float) -> tuple[float, float]:
    """(fixed, marginal) CPU seconds: the line through the two measured batch sizes."""
    marginal = (big_cpu - small_cpu) / (big - small)
    return small_cpu - small * marginal, marginal


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def make_batch(tmp: Path, name: str, n: int) -> Path:
    """A folder with the example plan, the project defaults and N units; the plan's path."""
    folder = tmp / name
    folder.mkdir()
    shutil.copy(ROOT / "plans" / "docgen.yaml", folder / "docgen.yaml")
    shutil.copy(EXAMPLE / "towns-flood.yaml", folder / "towns-flood.yaml")
    make_units(n, folder / "towns.csv")
    return folder / "towns-flood.yaml"


def build_cmd(plan: Path, out: Path, report: Path, args: argparse.Namespace) -> list[str]:
    return [sys.executable, "-m", "docgen", "build", str(plan), "-o", str(out), "-f",
            args.formats, "--jobs", str(args.jobs), "-q", "--report", str(report), "--force"]


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", nargs="?", type=int, default=40)
    ap.add_argument("--small", type=int, default=None,
                    help="the smaller batch for the fixed/marginal split (default N/5)")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--formats", default="docx,pdf")
    ap.add_argument("--no-libreoffice", action="store_true")
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args()
    small = args.small if args.small is not None else max(1, args.n // 5)
    split = 0 < small < args.n
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        plan = make_batch(tmp, "batch", args.n)
        out, report = tmp / "out", tmp / "report.json"
        cmd = build_cmd(plan, out, report, args)
        small_cmd = (build_cmd(make_batch(tmp, "batch-small", small), tmp / "out-small",
                               tmp / "report-small.json", args) if split else None)
        lo = not args.no_libreoffice and shutil.which("soffice") is not None
        profiles = [tmp / f"lo-profile-{i}" for i in range(2)]
        cpus: dict[str, list[float]] = {"docgen n": [], "docgen N": [], "lo n": [], "lo N": []}
        walls: dict[str, list[float]] = {k: [] for k in cpus}
        for rep in range(args.repeat):
            if small_cmd is not None:
                s_seconds, _, s_result = run(small_cmd)
                if s_result.returncode != 0:
                    print(s_result.stderr[-2000:])
                    raise SystemExit(s_result.returncode)
                cpus["docgen n"].append(CPU["run"])
                walls["docgen n"].append(s_seconds)
            seconds, peaks, result = run(cmd)
            cpu = CPU["run"]
            if result.returncode != 0:
                print(result.stderr[-2000:])
                raise SystemExit(result.returncode)
            cpus["docgen N"].append(cpu)
            walls["docgen N"].append(seconds)
            files = [p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")]
            docs = sorted(out.rglob("*.docx"))
            if rep == 0:
                report_docgen(args, seconds, cpu, peaks, files)
            if lo and docs:
                if rep == 0:
                    soffice_convert(docs[:2], tmp / "lo-warm", profiles)  # create both profiles
                if split:
                    small_docs = sorted((tmp / "out-small").rglob("*.docx"))
                    walls["lo n"].append(soffice_convert(small_docs, tmp / f"lo-pdf-n{rep}",
                                                         profiles))
                    cpus["lo n"].append(CPU["soffice"])
                lo_seconds = soffice_convert(docs, tmp / f"lo-pdf-{rep}", profiles)
                assert len(list((tmp / f"lo-pdf-{rep}").glob("*.pdf"))) == len(docs)
                lo_cpu = CPU["soffice"]
                cpus["lo N"].append(lo_cpu)
                walls["lo N"].append(lo_seconds)
                if rep == 0:
                    print(f"LibreOffice: {len(docs)} .docx → .pdf with 2 soffice processes: "
                          f"{lo_seconds:.1f} s, {len(docs) / lo_seconds:.1f} documents/s; "
                          f"CPU {lo_cpu:.1f} s")
                    print(f"ratio docgen (docx+pdf) / LibreOffice (pdf only): wall "
                          f"{seconds / lo_seconds:.2f}, CPU {cpu / lo_cpu:.2f}  "
                          f"({'faster' if seconds < lo_seconds else 'slower'})")
        if split:
            report_split(args.n, small, cpus, walls, args.repeat)

        if not args.no_dask:
            dask_run(args, cmd, out, tmp, walls["docgen N"][0], cpus["docgen N"][0])

        rerun, _, result = run([c for c in cmd if c != "--force"])
        print(f"rerun with nothing changed: {rerun:.2f} s (exit {result.returncode})")


def report_docgen(args: argparse.Namespace, seconds: float, cpu: float, peaks: dict[int, int],
                  files: list[Path]) -> None:
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


def report_split(big: int, small: int, cpus: dict[str, list[float]],
                 walls: dict[str, list[float]], repeat: int) -> None:
    """Fixed + marginal cost of each side from the two batch sizes, and their ratios."""
    how = f"median of {repeat}" if repeat > 1 else "one measurement each"
    print(f"fixed + marginal cost, from batches of {small} and {big} units in this run ({how}):")
    sides = {}
    for side, name in (("docgen", "docgen (docx+pdf)"), ("lo", "LibreOffice (pdf)")):
        if not cpus[f"{side} N"] or not cpus[f"{side} n"]:
            continue
        c_n, c_big = _median(cpus[f"{side} n"]), _median(cpus[f"{side} N"])
        w_n, w_big = _median(walls[f"{side} n"]), _median(walls[f"{side} N"])
        fixed, marginal = split_cost(small, big, c_n, c_big)
        w_fixed, w_marginal = split_cost(small, big, w_n, w_big)
        sides[side] = (fixed, marginal, c_big)
        print(f"  {name:18s} CPU {c_n:.1f} s ({small}) / {c_big:.1f} s ({big}): "
              f"fixed {fixed:.2f} s + {marginal * 1000:.0f} ms/unit;  "
              f"wall fixed {w_fixed:.2f} s + {w_marginal * 1000:.0f} ms/unit")
    if len(sides) == 2:
        (d_fixed, d_marg, d_tot), (l_fixed, l_marg, l_tot) = sides["docgen"], sides["lo"]
        print(f"ratio docgen / LibreOffice: marginal CPU per unit {d_marg / l_marg:.2f}, "
              f"total CPU at {big} units {d_tot / l_tot:.2f}, fixed {d_fixed / l_fixed:.2f}")
        if d_marg < l_marg:
            even = (d_fixed - l_fixed) / (l_marg - d_marg)
            print(f"  docgen's marginal unit is cheaper: faster at large N"
                  f"{f' (from about {even:.0f} units)' if even > 0 else ''}")
        else:
            print("  docgen's marginal unit costs more: slower than LibreOffice at any large N")


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
