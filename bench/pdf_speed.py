"""PDF writer speed: warm ms per document, peak RSS, and a cold CLI build.

Run: .venv/bin/python bench/pdf_speed.py [plan.yaml] [-n 30]
Targets (2-core machine, font cache built): warm < 100 ms/doc, cold CLI < 3 s, peak RSS < 400 MB.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def documents(plan: Path | None):
    """The plan's documents when the composer exists, else the hand-built sample."""
    if plan is not None:
        from docgen.api import documents_from_path

        return documents_from_path(plan), plan.parent
    from sample_document import sample_document

    return [sample_document()], ROOT


def warm(plan: Path | None, n: int) -> tuple[float, float, int]:
    from docgen.write import RenderContext, pdf

    docs, proj = documents(plan)
    pdf.render(docs[0], RenderContext(project_dir=proj))  # warm-up: imports, fonts, CSS
    t, c = time.perf_counter(), time.process_time()
    for i in range(n):
        pdf.render(docs[i % len(docs)], RenderContext(project_dir=proj))
    return ((time.perf_counter() - t) / n * 1000, (time.process_time() - c) / n * 1000,
            len(docs))


def cold(plan: Path | None) -> float:
    """One fresh process: the CLI when there is a plan, else import + render once."""
    with tempfile.TemporaryDirectory() as out:
        if plan is not None:
            cmd = [sys.executable, "-m", "docgen", "build", str(plan), "--format", "pdf", "-o", out]
        else:
            code = ("import sys; sys.path.insert(0, 'tests');"
                    "from sample_document import sample_document;"
                    "from docgen.write import RenderContext, pdf;"
                    "pdf.render(sample_document(), RenderContext())")
            cmd = [sys.executable, "-c", code]
        t = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)
        return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    default = ROOT / "plans" / "workplan-jiguan.yaml"
    ap.add_argument("plan", nargs="?", type=Path, default=default if default.exists() else None)
    ap.add_argument("-n", type=int, default=30)
    args = ap.parse_args()
    ms, cpu_ms, ndocs = warm(args.plan, args.n)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    c = cold(args.plan)
    name = args.plan.name if args.plan else "sample_document()"
    print(f"plan           {name} ({ndocs} document(s))")
    print(f"warm           {ms:.1f} ms/doc over {args.n} renders (CPU {cpu_ms:.1f} ms/doc)")
    print(f"peak RSS       {rss:.0f} MiB (this worker, after {args.n + 1} renders)")
    print(f"cold           {c:.2f} s (new process, font cache already built)")


if __name__ == "__main__":
    main()
