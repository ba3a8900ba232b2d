"""Shared helpers for the PDF/HTML writer tests: render once per session, probe with pdfplumber.

Geometry follows spec/GBT9704.md §2.5 and §9: lines are grouped by baseline (page height minus
the text matrix's y), never by `top`, and positions are in mm from the page's top-left.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pdfplumber
from sample_document import sample_document

from docgen import standard as L
from docgen.write import RenderContext

MM = L.MM_PT
PLANS = Path(__file__).resolve().parent.parent / "plans"


def mm(pt: float) -> float:
    return pt / MM


@dataclass
class Rendered:
    data: bytes
    warnings: list[str]

    @property
    def pdf(self):
        return pdfplumber.open(io.BytesIO(self.data))


@cache
def render_pdf(kind: str = "sample") -> Rendered:
    """Render a named test document once per process (sealed, no letterhead, single-sided…)."""
    from dataclasses import replace

    from docgen.write import pdf

    doc = {
        "sample": lambda: sample_document(),
        "sealed": lambda: sample_document(letterhead=False, sealed=True),
        "single": lambda: replace(lines_document(10),
                                  options=replace(sample_document().options, double_sided=False)),
        "table": lambda: table_document(),
        # body fills page 2 (even): the 版记 needs a blank page 3 and lands on page 4
        "blank": lambda: lines_document(40),
        # body ends on page 1 (odd): the 版记 moves to page 2, which keeps its number
        "odd": lambda: lines_document(10),
        "rare": lambda: rare_document(),
    }[kind]()
    ctx = RenderContext()
    return Rendered(pdf.render(doc, ctx), ctx.warnings)


ONE_LINE = "各单位要按照要求认真做好值班值守工作。"  # fits one line with the indent


def lines_document(n: int):
    """No 版头, a one-line title, `n` one-line paragraphs and a 版记."""
    from dataclasses import replace

    from docgen.document import Kind, Paragraph, Run

    base = sample_document(letterhead=False)
    body = tuple(Paragraph(Kind.BODY, (Run(f"{i + 1}.{ONE_LINE}"),)) for i in range(n))
    return replace(base, title_lines=("关于做好值班值守工作的通知",), body=body, attachments=())


RARE = "龚䶮与吉𠮷两位同志负责联络。"


def rare_document():
    """A name character outside GB2312 and outside FandolFang: drawn by the fallback chain."""
    from dataclasses import replace

    from docgen.document import Kind, Paragraph, Run

    base = sample_document(letterhead=False)
    body = (Paragraph(Kind.BODY, (Run(RARE + ONE_LINE * 3),)),)
    return replace(base, body=body, attachments=(), colophon=None)


def baseline(page, ch) -> float:
    """Baseline in mm from the page top."""
    return mm(page.height - ch["matrix"][5])


LINE_TOL_MM = 0.8  # baselines this close are one line: mixed fonts shift one by a few tenths


def group_lines(page, keep=lambda c: c["text"] not in " \t\n\u200b",
                tol_mm: float = LINE_TOL_MM) -> list[tuple[float, list[dict]]]:
    """pdfplumber chars of a page as lines, top to bottom: (baseline in mm from the page top,
    chars left to right). Grouped by baseline (never `top`: LibreOffice's glyph boxes have no
    descent), a line taking every baseline within `tol_mm` of its first. U+3000 counts as a
    character; `keep` filters chars (default: drop spaces, tabs and zero-width spaces).
    The one line grouping of the PDF probes (pdf_probe, lo_support, test_docx_layout)."""
    groups: dict[float, list[dict]] = {}
    for c in page.chars:
        if keep(c):
            groups.setdefault(round(baseline(page, c), 1), []).append(c)
    merged: list[tuple[float, list[dict]]] = []
    for b in sorted(groups):
        if merged and b - merged[-1][0] < tol_mm:
            merged[-1][1].extend(groups[b])
        else:
            merged.append((b, list(groups[b])))
    return [(b, sorted(cs, key=lambda c: c["x0"])) for b, cs in merged]


def body_lines(page, size: float = L.BODY_PT) -> list[list[dict]]:
    """Lines of `size`-pt text inside the type area, grouped by baseline, top to bottom."""
    y0, y1 = L.BODY_BOX_MM[1], L.BODY_BOX_MM[3]
    lines = group_lines(page, lambda c: abs(c["size"] - size) <= 0.5 and bool(c["text"].strip()))
    return [cs for b, cs in lines if y0 < b < y1]


def units(line: list[dict]) -> float:
    return sum(L.text_width(c["text"]) for c in line)


def line_text(line: list[dict]) -> str:
    return "".join(c["text"] for c in line)


def colour(c: dict) -> tuple:
    col = c.get("non_stroking_color") or (0,)
    return tuple(round(float(v), 2) for v in col)


def is_red(col) -> bool:
    col = tuple(col or ())
    return (len(col) == 3 and col[0] >= 0.8 and col[1] <= 0.3 and col[2] <= 0.3) or \
        (len(col) == 4 and col[1] >= 0.8 and col[2] >= 0.8 and col[3] <= 0.3)


def footer_chars(page) -> list[dict]:
    return [c for c in page.chars if mm(c["top"]) > L.BODY_BOX_MM[3] + 1]


def have_api() -> bool:
    try:
        from docgen import api  # noqa: F401
    except ImportError:
        return False
    return hasattr(api, "documents_from_path")


def env_epoch(value: str | None):
    """Context manager setting SOURCE_DATE_EPOCH."""
    from contextlib import contextmanager

    @contextmanager
    def cm():
        old = os.environ.get("SOURCE_DATE_EPOCH")
        if value is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = value
        try:
            yield
        finally:
            if old is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = old
    return cm()


def table_document():
    """A table longer than a page: its header row must repeat."""
    from dataclasses import replace

    from docgen.document import Table

    rows = (("序号", "工作任务", "责任科室"),) + tuple(
        (str(i), f"第{i}项工作任务：认真落实值班值守制度", "办公室") for i in range(1, 61))
    base = sample_document(letterhead=False)
    return replace(base, body=(Table(rows),), attachments=(), colophon=None)


def page_lines_all(pdf) -> list[tuple[int, list[dict]]]:
    """(page index, line) for every body line of every page."""
    return [(i, line) for i, p in enumerate(pdf.pages) for line in body_lines(p)]


def full_lines(pdf) -> list[tuple[int, list[dict], list[dict]]]:
    """Lines that wrapped: the next line continues the paragraph flush left (x0 = 28 mm).

    Returns (page index, line, next line). Short flush-left lines (版头 stubs) are skipped."""
    left = L.BODY_BOX_MM[0]
    out = []
    seq = page_lines_all(pdf)
    for (pi, line), (pj, nxt) in zip(seq, seq[1:], strict=False):
        if abs(mm(nxt[0]["x0"]) - left) > 0.3 or units(line) < 20 or units(nxt) < 1:
            continue
        if pi == pj:
            step = baseline(pdf.pages[pi], nxt[0]) - baseline(pdf.pages[pi], line[0])
            if abs(step * MM - L.LINE_PITCH_PT) > 0.5:
                continue
        elif pj != pi + 1 or units(nxt) < 20:
            continue
        out.append((pi, line, nxt))
    return out
