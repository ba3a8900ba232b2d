"""Where the body ends, decided once for both writers: a grid pagination model (spec §2, §5.4).

Why a model and not the PDF engine: a docx-only build must not import WeasyPrint, and the
Word file cannot paginate itself. Both writers put text on the same grid — 22 lines of
28.95 pt, 28 characters of one condensed 3号 width, 避头尾 — so lines can be counted here:
greedy breaking at 28 units (ASCII half), never before a mark that may not start a line or
after one that may not end it, never inside a run of digits/Latin letters or …… / ——.
Tables, titles and the 版头 are measured in pt from the numbers both writers use.

The model answers one question (J5, N6): on which page does the body end, and does the 版记
still fit at its bottom? From that: 版记 at the bottom, on the next (even) page, or after a
blank page — and which pages carry no number. tests/test_parity.py proves it against
WeasyPrint and LibreOffice on the examples and a generated corpus.
"""

from __future__ import annotations

import math
from dataclasses import replace

from .. import standard as S
from ..document import (
    AttachmentNote,
    Colophon,
    Document,
    Kind,
    Paragraph,
    Role,
    Run,
)
from .model import LaidBlock, Masthead, Pages, SignatureBlock, SplitParagraph
from .tables import LaidTable

LINE = S.LINE_PITCH_PT
PAGE_H = S.GRID_BODY_H_PT  # 636.9 pt: whole grid lines (standard/numbers.py)
TITLE_LINE = S.TITLE_LINE_PT
# What still fits a page: the grid's height and a margin for rounding only (sums of 28.95 pt
# steps); a margin of 0.5 pt let a line ending 0.3 pt past the 22nd grid line count as fitting.
FIT_MARGIN_PT = 0.1
ROOM = PAGE_H + FIT_MARGIN_PT
_NO_BREAK_PAIRS = ("……", "——")


def _alnum(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".,%-/:")


def can_break(text: str, i: int) -> bool:
    """May a line end before text[i] (i.e. between text[i-1] and text[i])?"""
    if i <= 0 or i >= len(text):
        return i > 0
    a, b = text[i - 1], text[i]
    if b in S.NO_LINE_START or a in S.NO_LINE_END:
        return False
    if _alnum(a) and _alnum(b):
        return False
    return a + b not in _NO_BREAK_PAIRS


# Advances in em of the half-width characters that differ from 0.5 (Fandol/Times-like faces);
# 楷体 draws letters wider (FandolKai 0.555 em); its digits are the body face's half em.
_ASCII_EM = {".": 0.28, ",": 0.28, ":": 0.28, ";": 0.28, "%": 0.83, "-": 0.33, "/": 0.28,
             " ": 0.25, "(": 0.33, ")": 0.33, "I": 0.33, "M": 0.89, "W": 0.94, "m": 0.78, "w": 0.72}
_KAI_ASCII_EM = 0.555
_LS = S.CSS_LETTER_SPACING_PT  # both writers condense every character (−0.22 / −0.25 pt)


def advance_pt(ch: str, kai: bool = False, size: float = S.BODY_PT) -> float:
    """Drawn advance of one character on the grid, in pt."""
    if S.char_width(ch) == 1:
        em = 1.0
    elif kai and ch.isalpha():  # digits are the body face's (write/html.py run_text)
        em = _KAI_ASCII_EM
    else:
        em = _ASCII_EM.get(ch, 0.5)
    return em * size + _LS


def break_lines(text: str, width: float, first_width: float | None = None,
                kai: tuple[bool, ...] | None = None, size: float = S.BODY_PT) -> list[str]:
    """Greedy lines at most `width` 3号 characters wide (`first_width` for the first line),
    with 避头尾; `kai` marks characters drawn in 楷体 (a run-in lead)."""
    unit = size + _LS
    lines: list[str] = []
    start, used = 0, 0.0
    cap = (first_width if first_width is not None else width) * unit + 0.5
    i = 0
    while i < len(text):
        w = advance_pt(text[i], bool(kai and kai[i]), size)
        if used + w > cap and i > start:
            cut = i
            while cut > start and not can_break(text, cut):
                cut -= 1
            if cut == start:  # no break point: cut at the overflow
                cut = i
            lines.append(text[start:cut])
            start, used, cap = cut, 0.0, width * unit + 0.5
            i = cut
            continue
        used += w
        i += 1
    lines.append(text[start:])
    return lines


def paragraph_breaks(p: Paragraph) -> list[str]:
    """The paragraph's lines as both renderers draw them (first line indented 2 characters,
    except the 主送; 楷体 runs measured as such)."""
    indent = 0 if p.kind is Kind.ADDRESSEE else 2
    kai = tuple(r.role is Role.KAI for r in p.runs for _ in r.text)
    if p.kind is Kind.ATTENDANCE and p.runs:  # 纪要: wraps aligned after the label's ：
        label = S.text_width(p.runs[0].text)
        return break_lines(p.text, S.CHARS_PER_LINE - indent - label, S.CHARS_PER_LINE - indent, kai)
    return break_lines(p.text, S.CHARS_PER_LINE, S.CHARS_PER_LINE - indent, kai)


def paragraph_lines(p: Paragraph) -> int:
    return len(paragraph_breaks(p))


def note_lines(note: AttachmentNote) -> int:
    if len(note.names) == 1:
        return len(break_lines(note.names[0], S.CHARS_PER_LINE - 5, S.CHARS_PER_LINE - 5))
    return sum(len(break_lines(n, S.CHARS_PER_LINE - 6.5)) for n in note.names)


# What a table takes on each page beyond its rows (table_rows_pt: each row with one rule): its
# closing rule, 0.5 pt, in the PDF; LibreOffice also starts a table about 0.5 pt lower than the
# grid line it follows (measured on 203 table pages: rules 24.5/44.5 pt apart in both, the top
# rule 0.5 pt lower). Counting the larger keeps a 署名 the model fits under a table fitting in
# both outputs (corpus-t375, t521, t562 were a page apart).
TABLE_EDGE_PT = 1.0


def table_top_pt(t: LaidTable, rows: list[float]) -> float:
    """What a table takes on a page before its first body row there: the page's edge and the
    header rows (repeated on every page the table reaches)."""
    return TABLE_EDGE_PT + sum(rows[:t.header_rows])


def table_rows_pt(t: LaidTable) -> list[float]:
    """Row heights: 4号 text on its line pitch, cell padding and rules, in the columns
    layout/tables.py decided (a one-line cell is one line)."""
    cols = [max(1.0, (w - 2 * t.pad_x_pt - t.rule_pt) / t.size_pt) for w in t.widths_pt]
    out = []
    for row in t.rows:
        n = max((1 if cell.one_line else len(break_lines(cell.text, cols[c]))
                 for c, cell in enumerate(row.cells)), default=1)
        out.append(n * t.line_pt + 2 * t.pad_y_pt + t.rule_pt)
    return out


def masthead_pt(m: Masthead) -> float:
    """Height from the 版心 top to the title's top, as both writers place the 版头."""
    if m.docno_below_rule:  # 信函格式: 标志 and rules outside the flow, lines under the rule
        return m.flow_top_pt + (m.under_rule_lines + m.title_gap_lines) * LINE
    size = m.mark.height_pt if m.mark else 0.0
    top = (m.mark.top_mm if m.mark else S.ORG_MARK_TOP_FROM_BODY_MM) * S.MM_PT
    docno = (m.docno_gap_lines * LINE if m.mark else 0.0) + max(1, len(m.docno_lines)) * LINE
    rule = S.RED_RULE_BELOW_DOCNO_MM * S.MM_PT - (LINE - S.BODY_PT) / 2 + S.RED_RULE_MM * S.MM_PT
    return top + size + docno + rule + m.title_gap_lines * LINE


class _Flow:
    """Pages filled top-down; `y` is the used height of the current page; `breaks` the page
    breaks decided before paragraphs (part, index)."""

    def __init__(self) -> None:
        self.page, self.y = 1, 0.0
        self.breaks: list[tuple[str, int]] = []
        self.tightened: list[tuple[str, int, int]] = []  # (part, signature index, blank lines)
        self.unkept: list[tuple[str, int]] = []  # signature blocks that fit under the body
        self.splits: list[tuple[str, int, int]] = []  # (part, paragraph index, lines kept)

    def new_page(self) -> None:
        self.page, self.y = self.page + 1, 0.0

    def lines(self, n: int, before: float = 0.0) -> None:
        """n grid lines after `before` pt of space (dropped at a page top)."""
        if self.y > 0:
            self.y += before
        for _ in range(n):
            if self.y + LINE > ROOM:
                self.new_page()
            self.y += LINE

    def box(self, h: float, before: float = 0.0) -> None:
        """An unbreakable box (a table row, a title line)."""
        if self.y > 0:
            self.y += before
        if self.y + h > ROOM and self.y > 0:
            self.new_page()
        self.y += h


def _sig_need(b: SignatureBlock) -> float:
    return sum(ln.blank_before * LINE + LINE for ln in b.lines)


# B10: a last paragraph of at most this many lines moves whole with the 署名 (a page break
# before it, the same in both writers); from a longer one the last line goes with it, by a
# page break inside the paragraph that layout places (SplitParagraph), not by keep-with-next,
# which LibreOffice honours by moving the whole paragraph.
WHOLE_PARAGRAPH_LINES = 3
TIGHT_SLACK = LINE / 4  # room left under a tightened 署名 group, when a blank line can still go


def _blocks(flow: _Flow, blocks: tuple[LaidBlock, ...], prev_lines: list[int],
            part: str = "body") -> None:
    """Fill pages with the blocks. The 附件说明 and the signature block after it form one group
    that never starts a page: when it does not fit, body lines go with it (B10) — a short last
    paragraph whole (with the headings right above it), by a page break before it, else its
    last line, by a page break inside it (`_Flow.splits`)."""
    i = 0
    starts: dict[int, tuple[int, float, int]] = {}  # paragraph index → page, y, lines
    top_rows: dict[int, int] = {}  # table index → its first row on the page it ends on
    text_pages: set[int] = set()  # pages showing 正文 before the current paragraph (B3)
    while i < len(blocks):
        b = blocks[i]
        if isinstance(b, Paragraph):
            if i - 1 in starts and _is_text(blocks[i - 1]):
                text_pages.add(flow.page)
            n = paragraph_lines(b)
            if b.kind is Kind.HEADING and flow.y > 0 \
                    and flow.y + n * LINE + _kept_with(blocks, i + 1) > ROOM:
                flow.new_page()  # a heading never ends a page (keep-with-next in both writers)
            starts[i] = (flow.page, flow.y, n)
            # 纪要: one blank line above the 出席/请假/列席 list (both writers' rule, §10.3)
            first_attendance = b.kind is Kind.ATTENDANCE and not (
                i > 0 and isinstance(blocks[i - 1], Paragraph) and blocks[i - 1].kind is Kind.ATTENDANCE)
            flow.lines(n, LINE if first_attendance else 0.0)
            prev_lines[:] = [n]
        elif isinstance(b, (AttachmentNote, SignatureBlock)):
            group = [b]
            if isinstance(b, AttachmentNote) and i + 1 < len(blocks) \
                    and isinstance(blocks[i + 1], SignatureBlock):
                group.append(blocks[i + 1])
                i += 1
            need = sum(_sig_need(g) if isinstance(g, SignatureBlock) else
                       (note_lines(g) + 1) * LINE for g in group)
            over = flow.y + need - ROOM
            sig = group[-1] if isinstance(group[-1], SignatureBlock) else None
            cut = math.ceil(over / LINE) if over > 0 else 0
            if sig is not None and 0 < cut < sig.lines[0].blank_before - 1 \
                    and cut * LINE - over < TIGHT_SLACK:
                cut += 1  # writers' 版头 heights differ by a few pt: leave a margin when possible
            if sig is not None and 0 < cut <= sig.lines[0].blank_before - 1:
                # B10's own remedy first: fewer blank lines above the 署名 (never under one)
                flow.tightened.append((part, i, sig.lines[0].blank_before - cut))
                flow.unkept.append((part, i))
                flow.y += need - cut * LINE
            elif over > 0:
                moved = _moved(blocks, starts, i - len(group), flow.page, text_pages)
                flow.new_page()
                if moved is not None:
                    at, lines = moved
                    flow.breaks.append((part, at))
                    flow.y = lines * LINE + need
                else:
                    at = i - len(group)
                    carried = LINE if prev_lines else 0.0  # what goes with the group
                    cut = None
                    if at in starts and _splittable(blocks[at], starts[at][2]):
                        cut = starts[at][2] - 1  # the last line: a break after the one before
                    elif at in top_rows and (cut := _table_cut(blocks[at], top_rows[at])):
                        t = blocks[at]  # a table's last rows, under the repeated header
                        rows = table_rows_pt(t)
                        carried = table_top_pt(t, rows) + sum(rows[cut:])
                    if cut is not None:
                        flow.splits.append((part, at, cut))
                        if sig is not None:  # the break is placed: nothing to keep
                            flow.unkept.append((part, i))
                    flow.y = carried + need
            else:
                if sig is not None:
                    flow.unkept.append((part, i))
                flow.y += need
        elif isinstance(b, LaidTable):
            rows = table_rows_pt(b)
            top_rows[i] = 0  # first row on the table's last page
            for k, h in enumerate(rows):
                start = flow.page
                flow.box(h + (TABLE_EDGE_PT if k == 0 else 0.0))
                if flow.page != start and k > 0:  # header rows repeated on the new page
                    flow.y += table_top_pt(b, rows)
                    top_rows[i] = k
            prev_lines[:] = []
        i += 1


def _kept_with(blocks: tuple[LaidBlock, ...], i: int) -> float:
    """Height a heading keeps with it from block i on: the headings right after it and the
    first line of the next paragraph, or a table's header row and first row (Word:
    keep-with-next without widow control; CSS: break-after avoid, orphans 1)."""
    need = 0.0
    while i < len(blocks) and isinstance(blocks[i], Paragraph) \
            and blocks[i].kind is Kind.HEADING:
        need += paragraph_lines(blocks[i]) * LINE
        i += 1
    b = blocks[i] if i < len(blocks) else None
    if isinstance(b, Paragraph):
        return need + LINE
    if isinstance(b, LaidTable):
        rows = table_rows_pt(b)
        return need + table_top_pt(b, rows) + sum(rows[b.header_rows:b.header_rows + 1])
    return need


def _splittable(b: LaidBlock, lines: int) -> bool:
    """Can this paragraph, right before the 附件说明/署名 group, give its last line to the
    署名's page by a page break inside it? A body paragraph of two lines or more."""
    return isinstance(b, Paragraph) and b.kind is Kind.BODY and lines >= 2


def _table_cut(t: LaidTable, top: int) -> int | None:
    """Row index where a table right before the 附件说明/署名 group breaks to a new page so that
    its last rows go with the group: two rows (a table's last row is never alone, tables.py),
    one when it has only two body rows — and never leaving only the header on this page."""
    hr = t.header_rows
    body = len(t.rows) - hr
    if body < 2:
        return None
    cut = len(t.rows) - (2 if body >= 3 else 1)
    return cut if cut > max(top, hr) else None


def split_table(t: LaidTable, before_row: int) -> tuple[LaidTable, LaidTable]:
    """The table cut before row `before_row`: the rows above, and the header rows with the rest
    (drawn on the next page as the repeated header would be); no row of the first part keeps
    with the next, since the page break between them is decided."""
    head_rows = t.rows[:before_row]
    last = head_rows[-1]
    head = replace(t, rows=(*head_rows[:-1], replace(last, keep_with_next=last.header)))
    return head, replace(t, rows=(*t.rows[:t.header_rows], *t.rows[before_row:]))


def split_paragraph(p: Paragraph, after_line: int) -> SplitParagraph:
    """The paragraph cut after its `after_line`-th line as paragraph_breaks sets it (the lines
    both renderers draw): the head keeps the runs' roles and the outline level, the tail
    neither indent nor level (it continues the same paragraph on the next page)."""
    cut = sum(len(ln) for ln in paragraph_breaks(p)[:after_line])
    head: list[Run] = []
    tail: list[Run] = []
    at = 0
    for r in p.runs:
        end = at + len(r.text)
        if end <= cut:
            head.append(r)
        elif at >= cut:
            tail.append(r)
        else:
            head.append(replace(r, text=r.text[:cut - at]))
            tail.append(replace(r, text=r.text[cut - at:]))
        at = end
    return SplitParagraph(p, after_line, replace(p, runs=tuple(head)),
                          replace(p, runs=tuple(tail), level=None))


def _is_text(b: LaidBlock) -> bool:
    return isinstance(b, Paragraph) and b.kind is Kind.BODY


def _moved(blocks: tuple[LaidBlock, ...], starts: dict[int, tuple[int, float, int]],
           last: int, page: int, text_pages: set[int]) -> tuple[int, int] | None:
    """(index, grid lines) of what moves whole to the next page with the 署名: the last
    paragraph when it has at most WHOLE_PARAGRAPH_LINES lines and lies on this page, with the
    headings right above it (never a heading left alone at a page's foot). None when that
    would empty this page or leave page 1 without 正文 (B3)."""
    if last not in starts or starts[last][0] != page or starts[last][2] > WHOLE_PARAGRAPH_LINES:
        return None
    at, lines = last, starts[last][2]
    while at - 1 in starts and blocks[at - 1].kind is Kind.HEADING \
            and starts[at - 1][0] == page:
        at -= 1
        lines += starts[at][2]
    if starts[at][1] <= 0 or (page == 1 and 1 not in text_pages):
        return None
    if lines * LINE > PAGE_H / 2:
        return None
    return at, lines


def colophon_pt(c: Colophon) -> float:
    lines = (1 if c.cc else 0) + (1 if c.printer or c.print_date else 0)
    cc_lines = len(break_lines(c.cc, (S.BODY_W_PT - 2 * S.COLOPHON_PT) / S.COLOPHON_PT - 0.5)) \
        if c.cc else 0
    return (cc_lines + lines - (1 if c.cc else 0)) * LINE + (
        2 * S.COLOPHON_THICK_MM + (S.COLOPHON_THIN_MM if c.cc else 0)) * S.MM_PT


def file_pages(path: str, loc=None) -> int | None:
    """Pages of an attached or issued .pdf/.docx as both writers append it (attached.pages:
    a .docx converted once by LibreOffice, cached); None when it cannot be read here — the
    writer then reports the located error, or measures."""
    from .. import attached
    from ..document import Attachment
    from ..errors import DocgenError

    try:
        return attached.pages(Attachment("", (), file=path, loc=loc)).count
    except DocgenError:
        return None


def _file(flow: _Flow, count: int) -> None:
    """An appended file: each of its pages a page of its own, the last one full (the 版记
    never shares a page with it)."""
    flow.new_page()
    flow.page += count - 1
    flow.y = PAGE_H


def _flow(doc: Document, masthead: Masthead | None, body: tuple[LaidBlock, ...],
          attachments: tuple[tuple[LaidBlock, ...], ...],
          issued: tuple[LaidBlock, ...] = ()) -> _Flow | None:
    flow = _Flow()
    if masthead is not None:
        flow.y = masthead_pt(masthead)
    if doc.title_lines:
        flow.y += len(doc.title_lines) * TITLE_LINE
        flow.y += LINE  # one blank line below the title
    prev: list[int] = []
    _blocks(flow, body, prev)
    if doc.issued is not None:  # 印发/转发: a new page, its title on line 1, a blank line
        if doc.issued.title_lines or issued:
            flow.new_page()
            if doc.issued.title_lines:
                flow.y = len(doc.issued.title_lines) * TITLE_LINE + LINE
            _blocks(flow, issued, [], "issued")
        if doc.issued.file:
            count = file_pages(doc.issued.file)
            if count is None:
                return None
            _file(flow, count)
    for k, (att, blocks) in enumerate(zip(doc.attachments, attachments, strict=True)):
        flow.new_page()
        flow.lines(1)  # 附件N on line 1
        flow.y += LINE + len(att.title_lines) * TITLE_LINE + LINE
        _blocks(flow, blocks, [], f"attachment-{k}")
        if att.file:
            count = file_pages(att.file, att.loc)
            if count is None:
                return None
            _file(flow, count)
    return flow


def paginate(doc: Document, masthead: Masthead | None, body: tuple[LaidBlock, ...],
             attachments: tuple[tuple[LaidBlock, ...], ...],
             issued: tuple[LaidBlock, ...] = ()) -> Pages | None:
    """The Pages decision, also for an issued document (on a new page, on the same grid) and
    attached/issued files (their pages counted); None only when a file cannot be read."""
    end = _flow(doc, masthead, body, attachments, issued)
    if end is None:
        return None
    last, used = end.page, end.y
    decided = {"breaks": tuple(end.breaks), "tightened": tuple(end.tightened),
               "unkept": tuple(end.unkept), "splits": tuple(end.splits),
               "unnumbered": () if masthead is None or masthead.page1_numbered else (1,)}
    if doc.colophon is None:
        return Pages(last, "none", **decided)
    fits = used + colophon_pt(doc.colophon) <= ROOM
    double = doc.options.double_sided
    if fits and (last % 2 == 0 or not double):
        return Pages(last, "bottom", **decided)
    if not double or last % 2 == 1:
        return Pages(last, "own-page", **decided)
    # body ends on an even page that has no room: a blank page, then the 版记 (N6)
    decided["unnumbered"] += (last + 1, last + 2)
    return Pages(last, "own-page", blank_before=True, **decided)

__all__ = ["break_lines", "can_break", "paginate", "split_paragraph", "split_table"]
