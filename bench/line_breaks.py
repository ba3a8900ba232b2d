"""Word vs PDF line breaks: the share of body lines that break at the same character.

Builds the example plans and a generated corpus (tests/corpus.py) into .pdf (WeasyPrint) and
.docx, converts every .docx with one LibreOffice call, and compares the body lines (3号 text,
not red, inside the 版心) of both PDFs. Also prints how often the layout's grid model agrees
with WeasyPrint on the last body page, and the page counts.

    .venv/bin/python bench/line_breaks.py [N_CORPUS]     # default 30 corpus plans
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus import write_corpus  # noqa: E402
from lo_support import render_both  # noqa: E402

from docgen.api import documents_from_path  # noqa: E402


def body_texts(pages) -> list[str]:
    return [ln.text for p in pages for ln in p.body
            if 15.5 <= ln.size <= 16.5 and not ln.red and ln.baseline > 40]


def chinese_only(text: str) -> bool:
    return not any(ch.isascii() for ch in text)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    work = Path(tempfile.mkdtemp(prefix="docgen-breaks-"))
    docs = {}
    for path in sorted((ROOT / "plans").glob("*.yaml")):
        if path.name != "docgen.yaml":
            docs[path.stem] = documents_from_path(path)[0]
    for path in write_corpus(work / "plans", range(n)):
        docs[path.stem] = documents_from_path(path)[0]
    t0 = time.perf_counter()
    out = render_both(docs, work / "out")
    took = time.perf_counter() - t0
    same = total = same_all = total_all = 0
    pages_equal = 0
    for both in out.values():
        a, b = body_texts(both["pdf"]), body_texts(both["docx"])
        pages_equal += len(both["pdf"]) == len(both["docx"])
        theirs = Counter(b)
        for t in a:
            hit = theirs[t] > 0
            if hit:
                theirs[t] -= 1
            total_all += 1
            same_all += hit
            if chinese_only(t):
                total += 1
                same += hit
    print(f"{len(docs)} documents ({n} generated), rendered and converted in {took:.1f} s")
    print(f"same page count in PDF and Word (LibreOffice): {pages_equal}/{len(docs)}")
    print(f"Chinese-only body lines breaking at the same character: {same}/{total} = "
          f"{same / max(total, 1):.1%}")
    print(f"all body lines: {same_all}/{total_all} = {same_all / max(total_all, 1):.1%}")


if __name__ == "__main__":
    main()
