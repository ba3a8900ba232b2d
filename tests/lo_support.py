"""Render Documents to .pdf (WeasyPrint) and .docx, convert every .docx with one LibreOffice call,
and read both PDFs the same way: lines by baseline (mm from the page top), rules, footers.

Shared by the layout rule tests and the Word/PDF parity tests, so a module pays for one
soffice start whatever number of documents it checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber

from docgen.document import Document
from docgen.write import RenderContext

MM = 72 / 25.4
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  {rules}
</fontconfig>
"""
# The official names mapped to the free faces docgen's PDFs use (README: 字体).
ALIASES = {"仿宋_GB2312": "FandolFang", "楷体_GB2312": "FandolKai", "黑体": "FandolHei",
           "宋体": "FandolSong", "方正小标宋简体": "Noto Serif CJK SC",
           "Times New Roman": "FandolSong"}


@dataclass
class Line:
    baseline: float  # mm from the page top
    x0: float
    x1: float
    text: str
    size: float
    red: bool
    chars: list = field(repr=False)


@dataclass
class Page:
    number: int
    lines: list[Line]
    rules: list[tuple[float, float, float, str]]  # x0, x1, y (mm), colour kind

    @property
    def body(self) -> list[Line]:
        return [ln for ln in self.lines if ln.baseline < 263]

    @property
    def footer(self) -> str:
        return "".join(ln.text for ln in self.lines if ln.baseline >= 263).replace(" ", "")


def _red(colour) -> bool:
    c = tuple(colour or ())
    if len(c) == 3:
        return c[0] > 0.8 and c[1] < 0.3 and c[2] < 0.3
    if len(c) == 4:
        return c[1] > 0.7 and c[2] > 0.7 and c[0] < 0.2
    return False


def read_pdf(path: Path) -> list[Page]:
    pages = []
    with pdfplumber.open(path) as pdf:
        for i, p in enumerate(pdf.pages, 1):
            groups: dict[float, list] = defaultdict(list)
            for c in p.chars:
                if c["text"] not in " \t\n\u200b":
                    groups[round((p.height - c["matrix"][5]) / MM, 1)].append(c)
            merged: list[tuple[float, list]] = []
            for b in sorted(groups):
                if merged and b - merged[-1][0] < 0.8:
                    merged[-1][1].extend(groups[b])
                else:
                    merged.append((b, list(groups[b])))
            lines = []
            for b, cs in merged:
                cs.sort(key=lambda c: c["x0"])
                lines.append(Line(b, cs[0]["x0"] / MM, cs[-1]["x1"] / MM,
                                  "".join(c["text"] for c in cs),
                                  max(round(c["size"], 1) for c in cs),
                                  any(_red(c.get("non_stroking_color")) for c in cs), cs))
            rules = []
            for r in p.lines + p.rects:
                if abs(r["bottom"] - r["top"]) < 2 and r["x1"] - r["x0"] > 100 * MM:
                    col = r.get("non_stroking_color") or r.get("stroking_color")
                    rules.append((r["x0"] / MM, r["x1"] / MM, (r["top"] + r["bottom"]) / 2 / MM,
                                  "red" if _red(col) else "black"))
            pages.append(Page(i, lines, rules))
    return pages


WARNINGS: dict[str, list[str]] = {}  # the writers' warnings of the last render_both, by name


def render_both(docs: dict[str, Document], work: Path) -> dict[str, dict[str, list[Page]]]:
    """{name: {"pdf": pages, "docx": pages}}: WeasyPrint PDFs and LibreOffice PDFs of the .docx."""
    import pytest

    from docgen.write import docx, pdf

    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    work.mkdir(parents=True, exist_ok=True)
    files = []
    WARNINGS.clear()
    for name, doc in docs.items():
        ctx = RenderContext()
        (work / f"{name}.pdf").write_bytes(pdf.render(doc, ctx))
        path = work / f"{name}.docx"
        path.write_bytes(docx.render(doc, ctx))
        WARNINGS[name] = list(ctx.warnings)
        files.append(str(path))
    rules = "".join(
        f'<match target="pattern"><test name="family"><string>{k}</string></test>'
        f'<edit name="family" mode="assign" binding="strong"><string>{v}</string></edit></match>'
        for k, v in ALIASES.items())
    (work / "fonts.conf").write_text(FONTS_CONF.format(rules=rules), encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(work / "fonts.conf"))
    subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work / "lo"), *files],
                   check=True, capture_output=True, env=env, timeout=300)
    return {name: {"pdf": read_pdf(work / f"{name}.pdf"), "docx": read_pdf(work / "lo" / f"{name}.pdf")}
            for name in docs}
