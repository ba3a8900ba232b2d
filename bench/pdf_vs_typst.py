"""Warm PDF render vs typst compiling the same text, in one process, same run.

Run: .venv/bin/python bench/pdf_vs_typst.py [plan.yaml] [-n 10]
The anchor is typst (the `typst` package, a compiled typesetter) setting the document's text —
title, headings, paragraphs, table cells — on A4 with the same role font files (docgen's cut
fonts), 16 pt body on a 28.95 pt line, 22 pt title. It is the physical-limit anchor of issue
11: a typesetter with no HTML/CSS layer. Both sides are warm (one render first, then timed).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def typst_source(doc, families: dict) -> str:
    """The document's text as typst markup: same page, fonts, sizes and line pitch."""
    from docgen.document import Role
    from docgen.fonts import document_text

    def esc(s: str) -> str:
        return "".join("\\" + c if c in "\\#*_`$<>@[]=-+/~\"'" else c for c in s)

    out = ['#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),'
           ' numbering: "— 1 —")',
           f'#set text(font: "{families[Role.BODY]}", size: 16pt, lang: "zh")',
           "#set par(leading: 12.95pt, first-line-indent: 2em, justify: true)"]
    for role, text, _ in document_text(doc):
        text = text.strip()
        if not text:
            continue
        size = "22pt" if role is Role.TITLE else "16pt"
        out.append(f'#text(font: "{families[role]}", size: {size})[{esc(text)}]\n')
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("plan", nargs="?", default=str(ROOT / "plans" / "workplan-jiguan.yaml"))
    ap.add_argument("-n", type=int, default=10)
    args = ap.parse_args()
    import typst

    from docgen import fonts
    from docgen.api import documents_from_path
    from docgen.write import RenderContext, pdf

    plan = Path(args.plan)
    doc = documents_from_path(plan)[0]
    ctx = RenderContext(project_dir=plan.parent)
    fs = fonts.resolve(plan.parent, doc.options.fonts)
    work = Path(tempfile.mkdtemp())
    (work / "fonts").mkdir()
    for role, rf in fs.roles.items():  # typst reads font folders: one with the cut role fonts
        shutil.copy(rf.cut_file(), work / "fonts" / f"{role.name}{rf.cut_file().suffix}")
    found = {Path(f.path).stem: f.family for f in typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False,
        font_paths=[str(work / "fonts")]).fonts()}
    families = {r: found[r.name] for r in fs.roles}
    src = work / "doc.typ"
    src.write_text(typst_source(doc, families), encoding="utf-8")

    def typeset() -> bytes:  # a fresh compile each time: a Compiler would reuse its last layout
        return typst.compile(str(src), font_paths=[str(work / "fonts")], ignore_system_fonts=True)

    ours, theirs = [], []
    out_pdf, out_typst = pdf.render(doc, ctx), typeset()  # warm-up
    for _ in range(args.n):  # alternate, so machine load hits both alike
        t = time.perf_counter()
        pdf.render(doc, RenderContext(project_dir=plan.parent))
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        typeset()
        theirs.append(time.perf_counter() - t)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"{plan.name}: docgen warm PDF {a * 1000:.0f} ms ({len(out_pdf)} bytes) vs typst "
          f"{b * 1000:.0f} ms ({len(out_typst)} bytes), median of {args.n}: ratio {a / b:.1f}")


if __name__ == "__main__":
    main()
