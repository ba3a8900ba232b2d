"""GB/T 9704 checks of any PDF by measuring glyphs and rules with pdfplumber.

Lines are grouped by baseline (`page.height - matrix[5]`), never by `top`, because `top`
depends on the font's ascent and two fonts on one line would split it (spec §2.5, §9).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from .. import standard as L
from ..attached import ATTACHED_PAGES_KEY
from . import double_rule
from .findings import (
    LETTER_PAGE_ONE,
    N4_CRITERION,
    Finding,
    failed,
    fmt_list,
    fmt_mm,
    judge,
    skipped,
)
from .patterns import (
    ATTACH_LABEL,
    BOLD,
    COLOPHON_LINE,
    DATE_LOOSE,
    DATE_STRICT,
    DOCNO_LOOSE,
    DOCNO_STRICT,
    FONT_ACCEPT,
    HEI_LEAD,
    PAGE_NO,
    SECRECY,
    TITLE_FALLBACK,
    URGENCY,
    heading_level,
    lead_end,
    numbered_body,
    units,
)

MM = L.MM_PT  # pt per mm
PITCH = L.LINE_PITCH_PT
X0, Y0, X1, Y1 = L.BODY_BOX_MM
TOL = L.POSITION_TOL_MM
CENTRE_MM = (X0 + X1) / 2  # 106 mm


def base_font(name: str) -> str:
    """Font name without the subset prefix (ABCDEF+)."""
    return name.split("+", 1)[-1]


def colour_kind(colour) -> str:
    """'black', 'red' or 'other' for a pdfplumber colour (gray, RGB or CMYK tuple)."""
    if colour is None:
        return "black"
    if not isinstance(colour, (tuple, list)):
        colour = (colour,)
    try:
        c = [float(v) for v in colour]
    except (TypeError, ValueError):
        return "other"  # pattern colours
    if len(c) == 1:
        return "black" if c[0] <= 0.1 else "other"
    if len(c) == 3:
        if max(c) <= 0.1:
            return "black"
        return "red" if c[0] >= 0.8 and c[1] <= 0.3 and c[2] <= 0.3 else "other"
    if len(c) == 4:
        cy, mg, ye, k = c
        if k >= 0.9 or min(cy, mg, ye) >= 0.9:
            return "black"
        return "red" if cy <= 0.2 and mg >= 0.7 and ye >= 0.7 and k <= 0.2 else "other"
    return "other"


@dataclass
class Line:
    """Glyphs sharing one baseline on one page, left to right."""

    page: int
    baseline: float  # pt from the page top
    chars: list[dict]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)

    @property
    def compact(self) -> str:
        return "".join(c["text"] for c in self.chars if not c["text"].isspace())

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars) / MM

    @property
    def x1(self) -> float:
        return max(c["x1"] for c in self.chars) / MM

    @property
    def top(self) -> float:
        return min(c["top"] for c in self.chars) / MM

    @property
    def bottom(self) -> float:
        return max(c["bottom"] for c in self.chars) / MM

    @property
    def base_mm(self) -> float:
        return self.baseline / MM

    @property
    def size(self) -> float:
        """Most common glyph size, rounded to half points."""
        sizes = [round(c["size"] * 2) / 2 for c in self.chars if not c["text"].isspace()]
        return statistics.mode(sizes) if sizes else 0.0

    @property
    def red(self) -> bool:
        return any(colour_kind(c.get("non_stroking_color")) == "red" for c in self.chars)

    def where(self) -> str:
        return f"第 {self.page} 页「{self.compact[:10]}」"


@dataclass
class Rule:
    """A horizontal rule: a thin filled rect, a stroked line or a strip of an even-odd path."""

    x0: float  # mm
    x1: float
    top: float
    bottom: float
    colour: str

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def thickness(self) -> float:
        return self.bottom - self.top


@dataclass
class Page:
    number: int
    width: float  # pt
    height: float
    lines: list[Line]
    rules: list[Rule]
    footer: Line | None = None  # the page-number line, if any
    footer_other: list[Line] = field(default_factory=list)  # other text below the 版心
    attached: bool = False  # shows an attached file: only its page number is docgen's

    @property
    def body(self) -> list[Line]:
        """Lines in the type area (page number and footer zone excluded)."""
        return [ln for ln in self.lines if ln is not self.footer and ln not in self.footer_other]

    @property
    def grid_lines(self) -> list[Line]:
        """3号 lines in the type area: the ones the 22 × 28 grid is about."""
        return [ln for ln in self.body if abs(ln.size - L.BODY_PT) <= 0.5]

    @property
    def blank(self) -> bool:
        return not self.body and not self.attached

    @property
    def colophon(self) -> bool:
        return any(COLOPHON_LINE.search(ln.text.strip()) for ln in self.body)


def group_lines(chars: list[dict], height: float, page: int) -> list[Line]:
    """Cluster upright glyphs by baseline (1 pt tolerance), top to bottom."""
    items = sorted(((height - c["matrix"][5], c) for c in chars if c.get("upright", True)),
                   key=lambda item: item[0])
    lines: list[Line] = []
    for base, c in items:
        if lines and base - lines[-1].baseline <= 1.0:
            lines[-1].chars.append(c)
        else:
            lines.append(Line(page, base, [c]))
    for ln in lines:
        ln.chars.sort(key=lambda c: c["x0"])
    return lines


def path_strips(obj: dict) -> list[tuple[float, float, float, float]]:
    """Ink strips (x0, top, x1, bottom in pt) of a filled path made of two nested rectangles.

    WeasyPrint draws a border on a text block as an even-odd path (outer minus inner box),
    so the visible rule is the strip between the two rectangles, not the path's bbox.
    """
    subpaths: list[list[tuple[float, float]]] = []
    for seg in obj.get("path") or []:
        if seg[0] == "m":
            subpaths.append([seg[1]])
        elif seg[0] in ("l", "c") and subpaths:
            subpaths[-1].append(seg[-1])
    boxes = []
    for pts in subpaths:
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    if len(boxes) != 2:
        return []
    (ox0, ot, ox1, ob), (ix0, it, ix1, ib) = sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    strips = []
    if it - ot > 0.05:
        strips.append((ox0, ot, ox1, it))
    if ob - ib > 0.05:
        strips.append((ox0, ib, ox1, ob))
    return strips


def find_rules(page) -> list[Rule]:
    """Horizontal rules at least 50 mm long and at most 1.5 mm thick."""
    found: list[tuple[float, float, float, float, object]] = []
    for r in page.rects:
        colour = r.get("non_stroking_color") if r.get("fill") else r.get("stroking_color")
        found.append((r["x0"], r["top"], r["x1"], r["bottom"], colour))
    for ln in page.lines:
        lw = ln.get("linewidth") or 0
        mid = (ln["top"] + ln["bottom"]) / 2
        found.append((ln["x0"], mid - lw / 2, ln["x1"], mid + lw / 2, ln.get("stroking_color")))
    for cv in page.curves:
        colour = cv.get("non_stroking_color") if cv.get("fill") else cv.get("stroking_color")
        if cv["bottom"] - cv["top"] <= 1.5 * MM:
            found.append((cv["x0"], cv["top"], cv["x1"], cv["bottom"], colour))
        elif cv.get("fill"):
            found += [(*s, colour) for s in path_strips(cv)]
    rules = []
    for x0, top, x1, bottom, colour in found:
        if (x1 - x0) >= 50 * MM and (bottom - top) <= 1.5 * MM:
            rules.append(Rule(x0 / MM, x1 / MM, top / MM, bottom / MM, colour_kind(colour)))
    rules.sort(key=lambda r: r.top)
    return rules


def read_pages(path: Path) -> tuple[list[Page], dict[str, bool]]:
    """Pages with lines and rules, and each font's embedding state."""
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - pdfplumber is a dev extra today
        raise RuntimeError("检查 PDF 需要 pdfplumber：pip install pdfplumber") from exc
    pages = []
    with pdfplumber.open(path) as pdf:
        attached = attached_pages(pdf.metadata)
        for pg in pdf.pages:
            lines = group_lines(pg.chars, pg.height, pg.page_number)
            page = Page(pg.page_number, float(pg.width), float(pg.height), lines, find_rules(pg))
            below = [ln for ln in lines if ln.base_mm > Y1 + 2]
            for ln in reversed(below):
                if page.footer is None and PAGE_NO.match(ln.compact):
                    page.footer = ln
                else:
                    page.footer_other.append(ln)
            if pg.page_number in attached:  # the file's own content: not judged
                page.attached, page.lines, page.rules = True, [page.footer] if page.footer else [], []
                page.footer_other = []
            pages.append(page)
        embedding = font_embedding(pdf)
    return pages, embedding


def page_ranges(numbers: list[int]) -> str:
    """3、5–9: page numbers as runs."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def attached_pages(metadata: dict) -> set[int]:
    """Pages docgen marked as showing an attached file (attached.ATTACHED_PAGES_KEY)."""
    raw = metadata.get(ATTACHED_PAGES_KEY.lstrip("/"), "")
    if isinstance(raw, bytes):
        raw = raw.decode("latin-1")
    return {int(n) for n in str(raw).split(",") if n.strip().isdigit()}


def font_embedding(pdf) -> dict[str, bool]:
    """Every font the pages use (also inside form XObjects) → whether its program is embedded."""
    from pdfminer.pdftypes import resolve1

    result: dict[str, bool] = {}

    def descriptor_embedded(font: dict) -> bool:
        subtype = getattr(resolve1(font.get("Subtype")), "name", "")
        if subtype == "Type3":
            return True  # glyphs are content streams inside the file
        desc = resolve1(font.get("FontDescriptor"))
        if subtype == "Type0":
            kids = resolve1(font.get("DescendantFonts")) or []
            desc = resolve1(resolve1(kids[0]).get("FontDescriptor")) if kids else None
        if not isinstance(desc, dict):
            return False
        return any(k in desc for k in ("FontFile", "FontFile2", "FontFile3"))

    def walk(resources, depth: int = 0) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict) or depth > 4:
            return
        fonts = resolve1(resources.get("Font")) or {}
        for ref in fonts.values():
            font = resolve1(ref)
            if isinstance(font, dict):
                name = base_font(getattr(resolve1(font.get("BaseFont")), "name", "?"))
                result[name] = result.get(name, True) and descriptor_embedded(font)
        xobjects = resolve1(resources.get("XObject")) or {}
        for ref in xobjects.values():
            xo = resolve1(ref)
            attrs = getattr(xo, "attrs", {})
            if getattr(resolve1(attrs.get("Subtype")), "name", "") == "Form":
                walk(attrs.get("Resources"), depth + 1)

    for pg in pdf.pages:
        walk(pg.page_obj.resources)
    return result


# ----------------------------------------------------------------------------------------
# Structure


@dataclass
class Doc:
    pages: list[Page]
    fonts: dict[str, bool] = field(default_factory=dict)  # base font name → embedded
    paragraphs: list[list[Line]] = field(default_factory=list)
    letter: bool = False  # 信函格式 (S1): red double rules wider than the 版心 on page 1

    def next_first_line(self, page: Page) -> Line | None:
        if page.number >= len(self.pages):
            return None
        body = self.pages[page.number].body
        return body[0] if body else None


def is_full(line: Line) -> bool:
    """A line filled to the right edge: 28 units, or fewer when a character was pushed to the
    next line (避头尾) and the line was justified flush, or an indented first line."""
    if tabbed(line):
        return False
    return units(line.text) >= L.FULL_LINE_UNITS_OK[0] or max(c["x1"] for c in line.chars) / MM >= X1 - TOL


def tabbed(line: Line) -> bool:
    """A line of two parts set apart by a tab (信函格式: 份号 left, 发文字号 right): more than
    four characters of white inside it, which justified text never has."""
    cs = [c for c in line.chars if not c["text"].isspace()]
    return any(b["x0"] - a["x1"] > 4 * L.CHAR_PITCH_PT for a, b in pairwise(cs))


def line_units(line: Line) -> float:
    """Characters of a line counted from the left edge: a first-line indent counts too."""
    indent = max(0.0, line.x0 - X0) * MM / L.CHAR_PITCH_PT
    return units(line.text) + round(indent * 2) / 2




def kinsoku_short(line: Line, nxt: Line) -> bool:
    """A flush-right line that had to break early: 避头尾 (the next line would otherwise start
    with closing punctuation, or this one end with an opening mark), a Latin word or number
    that cannot be split, or half-width digits whose width differs by font. At most two
    characters short."""
    if not (line_units(line) >= L.FULL_LINE_UNITS_OK[0] - 2 and line.x1 >= X1 - TOL):
        return False
    head = nxt.compact[:3]
    return (any(ch in L.NO_LINE_START for ch in head) or (head[:1] in L.NO_LINE_END)
            or (head[:1].isascii() and head[:1].isalnum())
            or any(ch.isascii() and ch.isalnum() for ch in line.text))


def label_end(first: Line) -> float | None:
    """x (mm) right after a 纪要 出席：/请假：/列席： label, where its wrapped lines start (S3)."""
    if not HEI_LEAD.match(first.text.strip()):
        return None
    chars = [c for c in first.chars if not c["text"].isspace()]
    return chars[3]["x0"] / MM if len(chars) > 3 else None


def hangs_after_label(first: Line, ln: Line) -> bool:
    end = label_end(first)
    return end is not None and abs(ln.x0 - end) <= TOL


def check_minutes(doc: Doc) -> list[Finding]:
    """S3 纪要格式: 出席/请假/列席 2 characters in, label 黑体, names 仿宋, wraps after the ：."""
    paras = [p for p in doc.paragraphs if HEI_LEAD.match(p[0].text.strip())]
    if not paras:
        return []
    bad = []
    indent = X0 + L.INDENT_2C_PT / MM
    for p in paras:
        first = p[0]
        chars = [c for c in first.chars if not c["text"].isspace()]
        if abs(first.x0 - indent) > TOL:
            bad.append(f"{first.where()} 起于 {fmt_mm(first.x0)}")
        if not all(FONT_ACCEPT["黑体"].search(base_font(c["fontname"])) for c in chars[:2]):
            bad.append(f"{first.where()} 标签不是黑体")
        if not all(FONT_ACCEPT["正文"].search(base_font(c["fontname"])) for c in chars[3:]
                   if ord(c["text"][0]) > 0x2E7F):
            bad.append(f"{first.where()} 名单不是仿宋")
        end = label_end(first)
        bad += [f"{ln.where()} 回行起于 {fmt_mm(ln.x0)}" for ln in p[1:]
                if end is None or abs(ln.x0 - end) > TOL]
    return [judge(not bad, "S3", fmt_list(bad) or f"{len(paras)} 段出席、请假、列席：空二字，标签黑体，回行对齐",
                  f"空二字（{fmt_mm(indent)}），出席/请假/列席 黑体，名单仿宋，回行与冒号后首字对齐（±{TOL} mm）",
                  aspect="出席、请假、列席")]


def consecutive(a: Line, b: Line) -> bool:
    return a.page == b.page and 0 < b.baseline - a.baseline < 1.5 * PITCH


def over_page(a: Line, b: Line) -> bool:
    """b, the first line of the next page, may continue a's paragraph (the last line of a page
    before it): not an attachment's label, the one flush-left line that starts a page."""
    return b.page == a.page + 1 and not ATTACH_LABEL.match(b.compact)


def paragraphs(pages: list[Page]) -> list[list[Line]]:
    """3号 lines joined into paragraphs: a wrap line is flush left right under a full line, or
    at the top of the next page under a full last line (a paragraph the page break cuts)."""
    out: list[list[Line]] = []
    prev: Line | None = None
    for page in pages:
        for k, ln in enumerate(page.grid_lines):
            near = prev is not None and (consecutive(prev, ln) or k == 0 and over_page(prev, ln))
            cont = near and (
                (is_full(prev) and abs(ln.x0 - X0) <= TOL) or hangs_after_label(out[-1][0], ln))
            if cont:
                out[-1].append(ln)
            else:
                out.append([ln])
            prev = ln
    return out


def pitch_steps(lines: list[Line]) -> list[tuple[Line, float]]:
    """Line pitch measured between lines of the same font mix, per run of consecutive lines.

    Renderers place a baseline by the tallest font on its line (LibreOffice moves a line with
    Latin digits by up to ~1 pt inside an exact 28.95 pt line), so the pitch is taken from a
    line to the next line drawn with the same fonts, divided by the lines between them.
    """
    runs: list[list[Line]] = []
    for ln in lines:
        if runs and consecutive(runs[-1][-1], ln):
            runs[-1].append(ln)
        else:
            runs.append([ln])
    out = []
    for run in runs:
        fonts = [frozenset(base_font(c["fontname"]) for c in ln.chars) for ln in run]
        for i in range(len(run) - 1):
            j = next((j for j in range(i + 1, len(run)) if fonts[j] == fonts[i]), None)
            if j is not None:
                out.append((run[i], (run[j].baseline - run[i].baseline) / (j - i)))
    return out


def full_pages(doc: Doc) -> tuple[list[Page], list[str]]:
    """Pages whose body must fill 22 lines, and pages excused with the reason."""
    out, excused = [], []
    for page in doc.pages:
        nxt = doc.pages[page.number] if page.number < len(doc.pages) else None
        if nxt is None:
            continue
        body = page.body
        first_next = doc.next_first_line(page)
        if not body or len(page.grid_lines) != len(body) or any(ln.red for ln in body):
            continue  # title, tables, 版记 or letterhead on the page: not a plain body page
        # the 署名 group kept with the last body lines on the next page (spec B10; layout moves
        # a last paragraph of ≤3 lines whole, with its headings and the 附件说明): this page
        # ends early, its lines still on the grid
        g = page.grid_lines
        on_grid = len(g) > 1 and (g[-1].baseline - g[0].baseline) / (grid_slots(page) - 1) \
            <= L.LINE_PITCH_PT_OK[1]
        # … or with a 纪要's 出席 list, which stands where the 署名 would (no date follows)
        ends_body = on_grid and any(DATE_LOOSE.fullmatch(ln.compact) or HEI_LEAD.match(ln.compact)
                                    for ln in nxt.body[:12])
        # the page that ends the 正文 with its 成文日期 (and 附注): what follows — an issued or
        # forwarded file (转发 a .docx), attachments — starts a page of its own
        dated = any(DATE_LOOSE.fullmatch(ln.compact) for ln in g[-3:])
        if first_next is None or nxt.colophon or ATTACH_LABEL.match(first_next.compact) or ends_body \
                or dated \
                or abs(first_next.size - L.BODY_PT) > 0.5 or nxt.rules and \
                nxt.rules[0].top < first_next.top:
            excused.append(f"第 {page.number} 页（其后分页）")
            continue
        out.append(page)
    return out, excused


# ----------------------------------------------------------------------------------------
# Checks


def check_paper(doc: Doc) -> Finding:
    w_pt, h_pt = L.PAGE_W_MM * MM, L.PAGE_H_MM * MM
    bad = [f"第 {p.number} 页 {p.width / MM:.1f}×{p.height / MM:.1f} mm" for p in doc.pages
           if not (abs(p.width - w_pt) <= L.PAGE_SIZE_TOL_PT and abs(p.height - h_pt) <= L.PAGE_SIZE_TOL_PT)
           and not (abs(p.height - w_pt) <= L.PAGE_SIZE_TOL_PT and abs(p.width - h_pt) <= L.PAGE_SIZE_TOL_PT)]
    first = doc.pages[0]
    return judge(not bad, "P1", fmt_list(bad) or f"{first.width:.2f}×{first.height:.2f} pt，"
                 f"共 {len(doc.pages)} 页", f"A4 {L.PAGE_W_MM}×{L.PAGE_H_MM} mm（{w_pt:.2f}×{h_pt:.2f} pt "
                 f"±{L.PAGE_SIZE_TOL_PT}）")


def check_type_area(doc: Doc) -> list[Finding]:
    """P4: glyphs inside 版心 ±1 mm; P3: full lines start at 28 mm; P2: first line on line 1."""
    bad = []
    for page in doc.pages:
        for ln in page.body:
            if doc.letter and page.number == 1 and ln.red and ln.top < Y0:
                continue  # 信函格式: the 标志 stands above the 版心 (S1)
            outside = [c for c in ln.chars if not c["text"].isspace() and (
                c["x0"] / MM < X0 - TOL or c["x1"] / MM > X1 + TOL
                or c["top"] / MM < Y0 - TOL or c["bottom"] / MM > Y1 + TOL)]
            if outside:
                c = outside[0]
                bad.append(f"{ln.where()} 「{c['text']}」x {c['x0'] / MM:.1f}–{c['x1'] / MM:.1f} mm，"
                           f"y {c['top'] / MM:.1f}–{c['bottom'] / MM:.1f} mm")
    files = page_ranges([p.number for p in doc.pages if p.attached])
    note = f"（第 {files} 页是附上的文件，只查页码）" if files else ""
    p4 = judge(not bad, "P4", (fmt_list(bad) or "正文字符均在版心内") + note,
               f"版心 {L.BODY_W_MM}×{L.BODY_H_MM} mm：字符 x {X0 - TOL}–{X1 + TOL} mm，"
               f"y {Y0 - TOL}–{Y1 + TOL} mm（页码除外）")
    starts = [ln.x0 for p in doc.pages for ln in p.grid_lines if is_full(ln)
              and ln.x0 < X0 + 2 * L.CHAR_PITCH_PT / MM - TOL]
    if not starts:
        p3 = skipped("P3", "无满行正文可量")
    else:
        x0 = statistics.median(starts)
        p3 = judge(abs(x0 - X0) <= TOL, "P3", f"满行起点 {fmt_mm(x0)}（中位数）",
                   f"{L.MARGIN_MM['left']}±{TOL} mm")
    pages, _ = full_pages(doc)
    em_mm = L.BODY_PT / MM
    lo, hi = Y0 + 0.7 * em_mm - TOL, Y0 + PITCH / MM + TOL
    bases = [(p.number, p.grid_lines[0].base_mm) for p in pages]
    if not bases:
        p2 = skipped("P2", "无整页正文可量")
    else:
        bad2 = [f"第 {n} 页首行基线 {fmt_mm(b)}" for n, b in bases if not lo <= b <= hi]
        p2 = judge(not bad2, "P2", fmt_list(bad2) or f"整页首行基线 {fmt_mm(bases[0][1])}",
                   f"天头 {L.MARGIN_MM['top']}±{TOL} mm：整页首行基线在 {lo:.1f}–{hi:.1f} mm")
    return [p2, p3, p4]


def check_colour(doc: Doc) -> Finding:
    """P5: black text; red only for the 发文机关标志 on page 1."""
    bad = []
    for page in doc.pages:
        for ln in page.lines:
            kinds = {colour_kind(c.get("non_stroking_color")) for c in ln.chars if not c["text"].isspace()}
            if "other" in kinds or ("red" in kinds and page.number != 1):
                bad.append(f"{ln.where()} 颜色 {ln.chars[0].get('non_stroking_color')}")
    return judge(not bad, "P5", fmt_list(bad) or "黑色（首页红色标志除外）",
                 "文字黑色，发文机关标志等红色要素除外")


def grid_slots(page: Page) -> int:
    """Grid lines a page's 3号 text fills: its lines plus the single blank lines the standard
    puts between them (before the 附件说明, before a 纪要's 出席 list): a gap of two pitches."""
    g = page.grid_lines
    blanks = sum(1 for a, b in zip(g, g[1:], strict=False)
                 if abs(b.baseline - a.baseline - 2 * PITCH) <= 0.25 * PITCH)
    return len(g) + blanks


def check_grid(doc: Doc) -> list[Finding]:
    """G1 22 lines on full pages; G2 27.5–28 units on full lines and 28.0–28.99 pt pitch."""
    pages, excused = full_pages(doc)
    out = []
    if not pages:
        out.append(skipped("G1", "无整页正文（最后一页或分页前的页不计）"))
    else:
        bad = []
        for p in pages:
            n = grid_slots(p)
            first_next = doc.next_first_line(p)
            kept = (n == L.LINES_PER_PAGE - 1 and first_next is not None
                    and heading_level(first_next.compact) is not None)
            if n != L.LINES_PER_PAGE and not kept:
                bad.append(f"第 {p.number} 页 {n} 行")
        counts = sorted({grid_slots(p) for p in pages})
        note = f"（不计{fmt_list(excused, 3)}）" if excused else ""
        out.append(judge(not bad, "G1", (fmt_list(bad) or f"整页 {counts} 行") + note,
                         f"整页 {L.LINES_PER_PAGE} 行撑满版心（各部分最后一页和分页前的页除外）"))
    # characters per full line
    ulo, uhi = L.FULL_LINE_UNITS_OK
    full: list[tuple[Line, Line]] = []
    for para in doc.paragraphs:
        full += list(zip(para[:-1], para[1:], strict=True))
    if not full:
        out.append(skipped("G2", "无折行段落"))
    else:
        bad = [f"{ln.where()} {line_units(ln):g} 字" for ln, nxt in full
               if not (ulo <= line_units(ln) <= uhi or kinsoku_short(ln, nxt))]
        out.append(judge(not bad, "G2", fmt_list(bad) or
                         f"{len(full)} 个满行均为 {ulo:g}–{uhi:g} 字",
                         f"每行 {L.CHARS_PER_LINE} 字（半角按 0.5 字，{ulo:g}–{uhi:g}）"))
    # line pitch
    slo, shi = L.LINE_PITCH_STEP_PT_OK
    plo, phi = L.LINE_PITCH_PT_OK
    bad, means = [], []
    for page in doc.pages:
        steps = pitch_steps(page.grid_lines)
        bad += [f"{a.where()} 行距 {d:.2f} pt" for a, d in steps if not slo <= d <= shi]
        if len(steps) >= 3:
            mean = sum(d for _, d in steps) / len(steps)
            means.append(mean)
            if not plo <= mean <= phi:
                bad.append(f"第 {page.number} 页平均行距 {mean:.2f} pt")
    if not means and not bad:
        out.append(skipped("G1", "无连续正文行", aspect="行距"))
    else:
        shown = f"平均行距 {min(means):.2f}–{max(means):.2f} pt" if means else ""
        out.append(judge(not bad, "G1", fmt_list(bad) or shown, aspect="行距", criterion=
                         f"基线间距 {L.LINE_PITCH_PT} pt（平均 {plo}–{phi} pt，单步 {slo}–{shi} pt；"
                         "29 pt 只排得下 21 行）"))
    return out


def char_roles(doc: Doc) -> list[tuple[dict, str, Line, bool]]:
    """(char, font role, line, is-heading) for the CJK glyphs of 3号 paragraphs and 版记 lines."""
    out = []
    for para in doc.paragraphs:
        chars = [(c, ln) for ln in para for c in ln.chars if not c["text"].isspace()]
        text = "".join(c["text"] for c, _ in chars)
        level = heading_level(text)
        lead, role = 0, "正文"
        if ATTACH_LABEL.match(text):
            lead, role = len(text), "黑体"
        elif level in (1, 2) and not numbered_body(
                text, {base_font(c["fontname"]) for c, _ in chars if ord(c["text"][0]) > 0x2E7F}):
            lead, role = lead_end(text), L.HEADING_ROLE[level]
        elif para[0].page == 1 and (SECRECY.match(text) or URGENCY.match(text)):
            lead, role = len(text), "黑体"
        elif m := HEI_LEAD.match(text):
            lead, role = m.end(), "黑体"
        if "签发人" in text:
            continue
        docno = DOCNO_LOOSE.search(text) if para[0].page == 1 else None
        if docno is not None and len(text) > docno.end():
            # H6: a later signer line — the 发文字号 in 仿宋, the names after it in 楷体
            out += [(c, "正文" if i < docno.end() else "楷体", ln, False)
                    for i, (c, ln) in enumerate(chars) if ord(c["text"][0]) > 0x2E7F]
            continue
        heading = level is not None or role != "正文"
        for i, (c, ln) in enumerate(chars):
            if ord(c["text"][0]) > 0x2E7F:
                out.append((c, role if i < (lead if level != 3 and level != 4 else 0) else "正文",
                            ln, heading and i < max(lead, lead_end(text) if level else 0)))
    for page in doc.pages:
        for ln in page.body:
            if abs(ln.size - L.COLOPHON_PT) <= 0.5 and COLOPHON_LINE.search(ln.text.strip()):
                out += [(c, "正文", ln, False) for c in ln.chars if ord(c["text"][0]) > 0x2E7F]
    return out


def check_fonts(doc: Doc) -> list[Finding]:
    """F1 no bold headings/titles, F2 fonts per element, B1 title."""
    roles = char_roles(doc)
    wrong: dict[str, list[str]] = {}
    bold: list[str] = []
    for c, role, ln, heading in roles:
        name = base_font(c["fontname"])
        if not FONT_ACCEPT[role].search(name):
            wrong.setdefault(f"{role}用了 {name}", []).append(ln.where())
        if heading and BOLD.search(name):
            bold.append(f"{ln.where()} {name}")
    titles = [ln for p in doc.pages for ln in p.body if abs(ln.size - L.TITLE_PT) <= 0.5 and not ln.red]
    big = [ln for p in doc.pages for ln in p.body if ln.size > L.BODY_PT + 1 and not ln.red
           and abs(ln.size - L.TITLE_PT) > 0.5]
    for ln in titles:
        name = base_font(ln.chars[0]["fontname"])
        if BOLD.search(name):
            bold.append(f"{ln.where()} {name}")
    out = []
    if not roles:
        out.append(skipped("F2", "无三号正文"))
    else:
        fonts = sorted({base_font(c["fontname"]) for c, *_ in roles})
        out.append(judge(not wrong, "F2", fmt_list([f"{k}：{fmt_list(v, 2)}" for k, v in wrong.items()])
                         or "、".join(fonts), "正文仿宋（*Fang*），一级标题黑体（*Hei*），二级标题楷体（*Kai*），"
                         "附件标识黑体"))
    out.insert(0, judge(not bold, "F1", fmt_list(bold) or "标题、层次标题无粗体字体",
                        "只规定字体不规定字重：标题和各级层次标题不用 Bold 字体"))
    if not titles:
        what = f"无 {L.TITLE_PT:g} pt 标题行" + (f"，但有 {big[0].size:g} pt 行 {big[0].where()}" if big else "")
        out.append(failed("B1", what, f"二号（{L.TITLE_PT:g} pt）小标宋，居中"))
        return out
    bad, notes = [], set()
    for ln in titles:
        centre = (ln.x0 + ln.x1) / 2
        if abs(centre - CENTRE_MM) > TOL:
            bad.append(f"{ln.where()} 中心 {fmt_mm(centre)}")
        name = base_font(ln.chars[0]["fontname"])
        if FONT_ACCEPT["标题"].search(name):
            continue
        if TITLE_FALLBACK.search(name):
            notes.add(f"以 {name} 代替小标宋")
        else:
            bad.append(f"{ln.where()} 字体 {name}")
    bad += [f"{ln.where()} 字号 {ln.size:g} pt" for ln in big if ln.page == titles[0].page]
    measured = fmt_list(bad) or f"{len(titles)} 行 {L.TITLE_PT:g} pt 居中" + (
        "（" + "、".join(sorted(notes)) + "）" if notes else "")
    out.append(judge(not bad, "B1", measured,
                     f"二号（{L.TITLE_PT:g} pt）小标宋，每行居中（中心 {CENTRE_MM:g}±{TOL} mm）"))
    return out


def check_embedding(doc: Doc) -> Finding:
    """F5: every font program inside the file, or the PDF prints with substitutes."""
    missing = sorted(name for name, ok in doc.fonts.items() if not ok)
    if not doc.fonts:
        return skipped("F5", "文件未用字体")
    return judge(not missing, "F5", ("未嵌入：" + "、".join(missing)) if missing else
                 f"{len(doc.fonts)} 种字体均已嵌入", "所有字体嵌入 PDF（FontFile/FontFile2/FontFile3）")


def check_letterhead(doc: Doc) -> list[Finding]:
    """H4 red 标志 position, H5 发文字号 form, H7 red rule."""
    if doc.letter:
        return check_letter(doc)
    page = doc.pages[0]
    red = [c for ln in page.body for c in ln.chars
           if colour_kind(c.get("non_stroking_color")) == "red" and not c["text"].isspace()]
    red_rules = [r for r in page.rules if r.colour == "red"]
    out = []
    if not red:
        out.append(skipped("H4", "首页无红色文字（无版头）"))
    else:
        top = min(c["top"] for c in red) / MM
        centre = (min(c["x0"] for c in red) + max(c["x1"] for c in red)) / 2 / MM
        want = Y0 + L.ORG_MARK_TOP_FROM_BODY_MM
        ok = abs(top - want) <= L.ORG_MARK_TOL_MM and abs(centre - CENTRE_MM) <= TOL
        out.append(judge(ok, "H4", f"上边缘 {fmt_mm(top)}，中心 {fmt_mm(centre)}",
                         f"红色，上边缘距版心上边缘 {L.ORG_MARK_TOP_FROM_BODY_MM} mm（{want}±"
                         f"{L.ORG_MARK_TOL_MM} mm），居中（{CENTRE_MM:g}±{TOL} mm）", "第 1 页"))
    rule_top = red_rules[0].top if red_rules else None
    docno_line = None
    for ln in page.body:
        if rule_top is not None and ln.top > rule_top:
            break
        if DOCNO_LOOSE.search(ln.compact):
            docno_line = ln
    if docno_line is None:
        out.append(skipped("H5", "首页无发文字号"))
    else:
        m = DOCNO_LOOSE.search(docno_line.compact)
        out.append(judge(bool(DOCNO_STRICT.fullmatch(m.group(0))), "H5", m.group(0),
                         "机关代字 + 〔年份〕 + 序号 + 号，六角括号，不加「第」，不编虚位", "第 1 页"))
    if not red_rules:
        if red:
            out.append(failed("H7", "有红色标志但无红色分隔线", "发文字号下 4 mm 红色横线，与版心等宽"))
        else:
            out.append(skipped("H7", "无版头"))
        return out
    r = red_rules[0]
    bad = []
    if abs(r.width - L.BODY_W_MM) > TOL or abs(r.x0 - X0) > 0.5:
        bad.append(f"宽 {fmt_mm(r.width)}，起点 {fmt_mm(r.x0)}")
    lo, hi = L.RED_RULE_HEIGHT_MM_OK
    if not lo - 0.01 <= r.thickness <= hi + 0.01:
        bad.append(f"粗 {r.thickness:.2f} mm")
    if docno_line is not None:
        gap = r.top - docno_line.bottom
        if abs(gap - L.RED_RULE_BELOW_DOCNO_MM) > TOL:
            bad.append(f"距发文字号 {fmt_mm(gap)}")
    else:
        gap = None
    measured = fmt_list(bad) or (f"宽 {fmt_mm(r.width)}，粗 {r.thickness:.2f} mm" +
                                 (f"，距发文字号 {fmt_mm(gap)}" if gap is not None else ""))
    out.append(judge(not bad, "H7", measured,
                     f"红色，宽 {L.BODY_W_MM}±{TOL} mm，起于 {X0} mm，粗 {lo}–{hi} mm，"
                     f"在发文字号下 {L.RED_RULE_BELOW_DOCNO_MM}±{TOL} mm", "第 1 页"))
    return out


def is_letter(page: Page) -> bool:
    """信函格式: page 1 carries red rules longer than the 版心 is wide (the 170 mm double rules)."""
    return any(r.colour == "red" and r.width > L.BODY_W_MM + 5 for r in page.rules)


# The highest a title can stand under a 通用格式 版头, printed or left blank for 套印 paper
# (H4, H5, H7, B1): the 标志 35 mm below the 版心 top and at least 二号 high, 2 blank lines, the
# 发文字号 line, the red rule 4 mm under it, 2 blank lines. A 信函's 版头 ends far higher
# (its 标志 30 mm from the paper's top): a 套印 信函's text starts some 55–106 mm down.
ORDINARY_TITLE_TOP_MIN_MM = (Y0 + L.ORG_MARK_TOP_FROM_BODY_MM + L.ORG_MARK_MIN_PT / MM
                             + L.RED_RULE_BELOW_DOCNO_MM
                             + (L.DOCNO_BELOW_MARK_LINES + 1 + L.TITLE_BELOW_RULE_LINES) * PITCH / MM)
BLANK_HEAD_MIN_MM = 20  # less blank than this above page 1's text is no 版头 area at all


def preprinted_letter(pages: list[Page]) -> bool:
    """A 信函 on 套印 paper (标志 and rules printed already): nothing red and no number on page
    1 (only the 信函格式 leaves page 1 unnumbered, N4), its text starting in the band a 信函's
    版头 leaves blank — well below the 版心 top, yet above where any 通用格式 版头 could end —
    and, when there is a page 2, 2 on it. One page is enough: a one-page 函 has no page 2."""
    first = pages[0]
    if first.footer is not None or first.blank:
        return False
    if any(ln.red for ln in first.body) or any(r.colour == "red" for r in first.rules):
        return False
    top = first.body[0].top
    if not Y0 + BLANK_HEAD_MIN_MM < top < ORDINARY_TITLE_TOP_MIN_MM:
        return False
    if len(pages) < 2:
        return True
    number = PAGE_NO.match(pages[1].footer.compact) if pages[1].footer is not None else None
    return bool(number) and number.group(1) == "2"


def _red_already(rule: Rule) -> None:
    return None  # check_letter hands over red rules only


def check_letter(doc: Doc) -> list[Finding]:
    """S1 信函格式 on page 1: 标志 30 mm from the paper top, the thick-over-thin rule 4 mm under
    it and the thin-over-thick one 20 mm above the paper's bottom (170 mm, centred), 发文字号
    flush right 7/8 of a 3号 character under the rule; H5 for the 发文字号's form."""
    page = doc.pages[0]
    red_rules = [r for r in page.rules if r.colour == "red"]
    red = [c for ln in page.body for c in ln.chars
           if colour_kind(c.get("non_stroking_color")) == "red" and not c["text"].isspace()]
    upper, lower = double_rule.upper_and_lower(red_rules)
    out = [skipped("H4", "信函格式：标志位置见 S1"), skipped("H7", "信函格式：红色双线见 S1")]
    where = "第 1 页"
    if not red and not red_rules:  # 套印: the paper carries them
        out += [skipped("S1", "套印：标志和红色双线印在纸上", aspect=a)
                for a in ("发文机关标志", "武文线", "文武线")]
        return out + _letter_rest(doc, None)
    # 标志
    top_mm = L.LETTER_MARK_TOP_FROM_PAPER_MM
    if not red:
        out.append(failed("S1", "首页无红色标志", f"标志上边缘距纸张上边缘 {top_mm} mm", where,
                          aspect="发文机关标志"))
        mark_bottom = None
    else:
        # the 标志's exact line (height = size), read from its baseline: pdfplumber's `top`
        # and `bottom` depend on the descent each producer writes (LibreOffice writes none)
        size = max(c["size"] for c in red) / MM
        base = max(ln.base_mm for ln in page.body if any(c in red for c in ln.chars))
        top = base - size * L.MARK_BASELINE_IN_LINE
        mark_bottom = top + size
        centre = (min(c["x0"] for c in red) + max(c["x1"] for c in red)) / 2 / MM
        ok = abs(top - top_mm) <= L.ORG_MARK_TOL_MM and abs(centre - CENTRE_MM) <= TOL
        out.append(judge(ok, "S1", f"上边缘 {fmt_mm(top)}，中心 {fmt_mm(centre)}",
                         f"红色，上边缘距纸张上边缘 {top_mm}±{L.ORG_MARK_TOL_MM} mm，居中（{CENTRE_MM:g}"
                         f"±{TOL} mm）", where, aspect="发文机关标志"))
    out.append(double_rule.judge_upper(upper, mark_bottom, TOL, _red_already, where))
    out.append(double_rule.judge_lower(lower, TOL, _red_already, where))
    return out + _letter_rest(doc, upper)


def _letter_rest(doc: Doc, upper: tuple[Rule, Rule] | None) -> list[Finding]:
    """S1's 发文字号 (with H5), page numbers and 版记 aspects."""
    page, where, out = doc.pages[0], "第 1 页", []
    # 发文字号 under the first rule, flush right
    rule_bottom = upper[1].bottom if upper is not None else Y0
    docno = next((ln for ln in page.body if ln.top > rule_bottom and ln.top < rule_bottom + 40
                  and DOCNO_LOOSE.search(ln.compact)), None)
    if docno is None:
        out.append(skipped("H5", "首页无发文字号"))
    else:
        m = DOCNO_LOOSE.search(docno.compact)
        out.append(judge(bool(DOCNO_STRICT.fullmatch(m.group(0))), "H5", m.group(0),
                         "机关代字 + 〔年份〕 + 序号 + 号，六角括号，不加「第」，不编虚位", where))
        gap_mm = L.LETTER_GAP_PT / MM
        right, gap = docno.x1, docno.top - rule_bottom
        bad = []
        if abs(right - X1) > TOL:
            bad.append(f"右端 {fmt_mm(right)}")
        if abs(gap - gap_mm) > TOL:
            bad.append(f"距双线 {fmt_mm(gap)}")
        out.append(judge(not bad, "S1", fmt_list(bad) or f"右端 {fmt_mm(right)}，距双线 {fmt_mm(gap)}",
                         f"第一条双线下顶格居版心右边缘（右端 {X1}±{TOL} mm），距该线三号字高的 7/8"
                         f"（{gap_mm:.2f}±{TOL} mm）", where, aspect="发文字号"))
    # page numbers: none on page 1, 2 on page 2 (N5 checks the rest)
    bad = []
    if page.footer is not None:
        bad.append(f"第 1 页有页码「{page.footer.compact}」")
    if len(doc.pages) > 1:
        second = doc.pages[1]
        if not second.blank and second.footer is None:
            bad.append("第 2 页无页码")
        elif second.footer is not None and PAGE_NO.match(second.footer.compact).group(1) != "2":
            bad.append(f"第 2 页标为「{second.footer.compact}」")
    out.append(judge(not bad, "S1", fmt_list(bad) or "第 1 页无页码" + ("，第 2 页为 2" if len(doc.pages) > 1 else ""),
                     "首页不显示页码，第 2 页起标 2、3…", aspect="首页页码"))
    # 版记: no 印发 line and no rules
    last = doc.pages[-1]
    col = [ln for ln in last.body if COLOPHON_LINE.search(ln.text.strip())]
    if col:
        bad = [ln.compact for ln in col if "印发" in ln.compact]
        black = [r for r in last.rules if r.colour == "black" and r.top >= col[0].top - 12]
        if black:
            bad.append(f"版记处有 {len(black)} 条黑色分隔线")
        out.append(judge(not bad, "S1", fmt_list(bad) or "版记无印发机关、印发日期和分隔线",
                         "版记不加印发机关和印发日期、分隔线", f"第 {last.number} 页", aspect="版记"))
    return out


def check_date(doc: Doc) -> Finding:
    dates = [ln for p in doc.pages for ln in p.grid_lines if DATE_LOOSE.fullmatch(ln.compact)]
    if not dates:
        return skipped("B9", "未找到成文日期行")
    bad = [ln.where() for ln in dates if not DATE_STRICT.fullmatch(ln.compact)]
    return judge(not bad, "B9", fmt_list(bad) or dates[-1].compact,
                 "阿拉伯数字，年份写全，月日不编虚位，如 2022年6月5日")


def check_colophon(doc: Doc) -> Finding:
    """J1: black rules of 156 mm, thick first/last, thin between, last at 262 mm."""
    if doc.letter:
        return skipped("J1", "信函格式的版记不加分隔线（见 S1）")
    page = doc.pages[-1]
    texts = [ln for ln in page.body if COLOPHON_LINE.search(ln.text.strip())]
    if not texts:
        return skipped("J1", "末页无版记（抄送、印发）")
    start = texts[0].top - 12
    rules = [r for r in page.rules if r.colour == "black" and r.top >= start]
    if len(rules) < 2:
        return failed("J1", f"末页版记处找到 {len(rules)} 条黑色横线",
                      "首末两条粗线、中间细线，与版心等宽", f"第 {page.number} 页")
    bad = []
    tol = L.COLOPHON_RULE_TOL_MM
    for k, r in enumerate(rules):
        want = L.COLOPHON_THICK_MM if k in (0, len(rules) - 1) else L.COLOPHON_THIN_MM
        if abs(r.width - L.BODY_W_MM) > TOL or abs(r.x0 - X0) > TOL:
            bad.append(f"第 {k + 1} 条宽 {fmt_mm(r.width)}、起点 {fmt_mm(r.x0)}")
        if abs(r.thickness - want) > tol + 0.005:
            bad.append(f"第 {k + 1} 条粗 {r.thickness:.2f} mm（应 {want} mm）")
    last = rules[-1].bottom
    if abs(last - Y1) > TOL:
        bad.append(f"末条下沿 {fmt_mm(last)}")
    measured = fmt_list(bad) or (f"{len(rules)} 条，粗 " + "/".join(f"{r.thickness:.2f}" for r in rules)
                                 + f" mm，末条下沿 {fmt_mm(last)}")
    return judge(not bad, "J1", measured,
                 f"与版心等宽 {L.BODY_W_MM} mm；首末粗 {L.COLOPHON_THICK_MM} mm、中间细 {L.COLOPHON_THIN_MM} mm"
                 f"（±{tol}）；末条与版心下边缘重合（{Y1}±{TOL} mm）", f"第 {page.number} 页")


def check_page_numbers(doc: Doc) -> list[Finding]:
    """N1 text/size/font, N2 height, N3 side, N5 continuity, N6 blank page before 版记."""
    n1, n2, n3, n4, n5, n6 = [], [], [], [], [], []
    blank_before = False
    numbered = 0
    for page in doc.pages:
        unnumbered_ok = page.blank or (page.colophon and blank_before)
        if doc.letter and page.number == 1:
            continue  # 信函格式: page 1 shows no number, page 2 shows 2 (S1)
        if page.footer is None:
            if not unnumbered_ok:
                odd = [ln.compact for ln in page.footer_other]
                # page 1 unnumbered is N4's (as in the .docx checker), any later page N1's
                (n4 if page.number == 1 else n1).append(
                    f"第 {page.number} 页无页码" + (f"（页脚为「{odd[0]}」）" if odd else ""))
            blank_before = page.blank
            continue
        if unnumbered_ok:
            n6.append(f"第 {page.number} 页{'为空白页' if page.blank else '为空白页后的版记页'}却有页码")
        numbered += 1
        ln = page.footer
        digits = [c for c in ln.chars if c["text"].isdigit()]
        size = ln.size
        if abs(size - L.PAGE_NO_PT) > 0.25:
            n1.append(f"第 {page.number} 页字号 {size:g} pt")
        fonts = {base_font(c["fontname"]) for c in digits}
        if not all(FONT_ACCEPT["页码"].search(f) for f in fonts):
            n1.append(f"第 {page.number} 页字体 {'、'.join(sorted(fonts))}")
        lo, hi = L.PAGE_NO_BASELINE_MM_OK
        if not lo <= ln.base_mm <= hi:
            n2.append(f"第 {page.number} 页基线 {fmt_mm(ln.base_mm)}")
        inset = L.PAGE_NO_INSET_MM
        if page.number % 2:
            if abs(ln.x1 - (X1 - inset)) > L.PAGE_NO_X_TOL_MM:
                n3.append(f"第 {page.number} 页（单页）右端 {fmt_mm(ln.x1)}")
        elif abs(ln.x0 - (X0 + inset)) > L.PAGE_NO_X_TOL_MM:
            n3.append(f"第 {page.number} 页（双页）左端 {fmt_mm(ln.x0)}")
        number = int(PAGE_NO.match(ln.compact).group(1))
        if number != page.number:
            n5.append(f"第 {page.number} 页标为 {number}")
        blank_before = page.blank
    first = (skipped("N4", LETTER_PAGE_ONE) if doc.letter else
             judge(not n4, "N4", fmt_list(n4) or "第 1 页有页码", N4_CRITERION))
    if not numbered and not n1:
        return [skipped(r, "无页码") for r in ("N1", "N3", "N5")] + [first]
    lo, hi = L.PAGE_NO_BASELINE_MM_OK
    inset = L.PAGE_NO_INSET_MM
    out = [
        judge(not n1, "N1", fmt_list(n1) or f"{numbered} 页有「— N —」，{L.PAGE_NO_PT:g} pt 宋体",
              f"每页（空白页除外）页码「— N —」，四号（{L.PAGE_NO_PT:g} pt）半角宋体阿拉伯数字"),
        judge(not n2, "N2", fmt_list(n2) or "基线在规定范围",
              f"一字线距版心下边缘 7 mm：基线 {lo}–{hi} mm"),
        judge(not n3, "N3", fmt_list(n3) or "单页居右、双页居左各空一字",
              f"单页右端 {X1 - inset:.1f}±{L.PAGE_NO_X_TOL_MM} mm，双页左端 {X0 + inset:.1f}±"
              f"{L.PAGE_NO_X_TOL_MM} mm"),
        first,
        judge(not n5, "N5", fmt_list(n5) or "页码与页序一致", "页码从 1 起连续编排（附件与正文一起装订时连续）"),
    ]
    if any(p.blank for p in doc.pages):
        out.append(judge(not n6, "N6", fmt_list(n6) or "空白页及其后的版记页无页码",
                         "版记前有空白页时，空白页和版记页均不编排页码"))
    return out


def verify_pdf(path: Path) -> list[Finding]:
    """All PDF checks of one file, in the spec's order."""
    pages, fonts = read_pages(Path(path))
    if not pages:
        return [failed("P1", "PDF 没有页面", "A4")]
    doc = Doc(pages, fonts)
    doc.paragraphs = paragraphs(pages)
    doc.letter = is_letter(pages[0]) or preprinted_letter(pages)
    findings = [check_paper(doc)] + check_type_area(doc) + [check_colour(doc)]
    findings += check_grid(doc) + check_fonts(doc) + [check_embedding(doc)]
    findings += check_letterhead(doc) + [check_date(doc), check_colophon(doc)]
    findings += check_minutes(doc)
    findings += check_page_numbers(doc)
    return findings
