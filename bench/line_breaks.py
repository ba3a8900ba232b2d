"""Word vs PDF line breaks: the share of body lines that break at the same character.

Builds the example plans and a generated corpus (tests/corpus.py) into .pdf (WeasyPrint) and
.docx, lays every .docx out with one LibreOffice call — as an ECMA-376 client (MS Word, WPS)
reads it: no hanging punctuation, no hanzi/digit autospace (tests/lo_support.py says how and
why) — and compares the body lines (3号 text, not red, inside the 版心) of both PDFs. Also
prints the page counts.

    .venv/bin/python bench/line_breaks.py [N_CORPUS] [--as-is] [--tables] [--kinds] [--only-kinds]
                                          [--verify]

--as-is also lays the unmodified .docx out and prints what LibreOffice itself makes of it.
--verify runs `docgen verify` on both files docgen wrote for every plan and counts the files
with a 不符合 finding (--kinds alone verifies the kinds plans).
--tables adds the same corpus plans with a table ending the 正文 (those that have 正文).
--kinds adds N plans of the other kinds (tests/corpus.py kind_plan_text: 通知 that 印发 a 方案,
请示, 报告, 函, 纪要, attached .pdf/.docx files, 附注, 签名章 …), prints parity by kind and runs
`docgen verify` on both files docgen wrote for each of them; --only-kinds leaves the examples and
the three-kind corpus out.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from corpus import write_corpus, write_kinds  # noqa: E402
from lo_support import Breaks, render_both  # noqa: E402

from docgen.api import documents_from_path  # noqa: E402


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    n = int(args[0]) if args else 30
    work = Path(tempfile.mkdtemp(prefix="docgen-breaks-"))
    docs = {}
    only_kinds = "--only-kinds" in sys.argv
    if not only_kinds:
        for path in sorted((ROOT / "plans").glob("*.yaml")):
            if path.name != "docgen.yaml":
                docs[path.stem] = documents_from_path(path)[0]
        for path in write_corpus(work / "plans", range(n)):
            docs[path.stem] = documents_from_path(path)[0]
    kinds = {}
    if "--kinds" in sys.argv or only_kinds:
        for path in write_kinds(work / "plans", range(n)):
            docs[path.stem] = documents_from_path(path)[0]
            text = path.read_text(encoding="utf-8")
            kinds[path.stem] = text.split("\n")[0].removeprefix("文种: ") + "".join(
                f"-{verb}" for verb in ("印发", "转发") if f"\n{verb}: " in text)
    if "--tables" in sys.argv:
        for path in write_corpus(work / "plans", range(n), body_table=True):
            if "    表格:" in path.read_text(encoding="utf-8"):
                docs[path.stem] = documents_from_path(path)[0]
    examples = [k for k in docs if not k.startswith(("corpus-", "kinds-"))]
    t0 = time.perf_counter()
    out = render_both(docs, work / "out", as_is=tuple(docs) if "--as-is" in sys.argv else ())
    took = time.perf_counter() - t0
    breaks = Breaks()
    pages_equal = 0
    unequal = []
    for name, both in out.items():
        breaks.add(both["pdf"], both["docx"], docs[name])
        if len(both["pdf"]) == len(both["docx"]):
            pages_equal += 1
        else:
            unequal.append(f"{name} ({len(both['pdf'])} vs {len(both['docx'])})")
    print(f"{len(docs)} documents ({len(docs) - len(examples)} generated), rendered and converted in {took:.1f} s")
    print(f"same page count in PDF and Word (LibreOffice): {pages_equal}/{len(docs)}"
          + (f"; differ: {', '.join(unequal)}" if unequal else ""))
    print(f"Chinese-only body lines breaking at the same character: "
          f"{breaks.same_cjk}/{breaks.total_cjk} = {breaks.cjk_share:.1%}")
    print(f"all body lines: {breaks.same_all}/{breaks.total_all} = {breaks.all_share:.1%}")
    if kinds:
        _kinds_report(kinds, out)
    if kinds or "--verify" in sys.argv:
        _verify_report(sorted(out) if "--verify" in sys.argv else sorted(kinds), work / "out")
    if "--as-is" in sys.argv:
        raw = Breaks()
        same = 0
        for both in out.values():
            raw.add(both["pdf"], both["docx-as-is"])
            same += len(both["pdf"]) == len(both["docx-as-is"])
        print(f"LibreOffice on the unmodified .docx: same page count {same}/{len(docs)}, "
              f"Chinese-only {raw.cjk_share:.1%}, all {raw.all_share:.1%}")


def _kinds_report(kinds: dict[str, str], out: dict) -> None:
    """Page parity by kind."""
    by_kind: dict[str, list[int]] = {}
    for name, kind in sorted(kinds.items()):
        both = out[name]
        tally = by_kind.setdefault(kind, [0, 0])
        tally[0] += len(both["pdf"]) == len(both["docx"])
        tally[1] += 1
    print("kinds, same page count: " + ", ".join(f"{k} {a}/{b}" for k, (a, b) in sorted(by_kind.items())))


def _verify_report(names: list[str], folder: Path) -> None:
    """`docgen verify` findings (不符合) on the .docx and .pdf docgen wrote for each plan."""
    from docgen.verify import Status, verify_file

    failing: list[str] = []
    for name in names:
        for suffix in (".docx", ".pdf"):
            fails = [f for f in verify_file(folder / f"{name}{suffix}") if f.status is Status.FAIL]
            if fails:
                failing.append(f"{name}{suffix}: " + "; ".join(
                    f"{f.rule} {f.name} {f.where}: {f.measured}"[:120] for f in fails))
    print(f"docgen verify: {2 * len(names) - len(failing)}/{2 * len(names)} files without 不符合")
    for line in failing:
        print("  " + line)


if __name__ == "__main__":
    main()
