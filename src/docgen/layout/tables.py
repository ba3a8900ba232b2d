"""Tables, decided once for both writers: column widths, header font, cell alignment, keeps.

Why here: the Word and the PDF writer each computed their own column widths and alignments
and disagreed (issue 9, 7): the header was 仿宋 in Word and 黑体 in the PDF, a one-line cell was
letter-spaced across its cell in the PDF, a table's last row could stand alone on a page. The
decisions (all in pt, from docgen.standard's numbers):

- **Widths from the content**: each column's natural width is its longest cell on one line;
  when all fit, the spare width is shared in proportion; when not, narrow columns keep their
  natural width and the wide ones share the rest (as a browser's automatic table layout does),
  but no column is narrower than its header's first 4 characters (a 序号 never wraps).
- **Header 黑体, cells 仿宋**, both 4号: GB/T 9704 is silent; a 黑体 header is the common practice
  of 公文 tables and sets the header apart without bold (rule F1: no bold).
- **Alignment**: header cells centred; a column whose every cell fits on one line is centred,
  any other column flush left. Never justified: a one-line cell is never letter-spaced.
- **Keeps**: every row stays whole on its page; header rows repeat on every page and keep with
  the first row; the last two rows keep together, so no page starts with a lone last row.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .. import standard as L
from ..document import Role, Table
from ..errors import Loc

HEADER_ROLE = Role.HEI
CELL_ROLE = Role.BODY
MIN_HEADER_CHARS = 4  # a column is at least this much of its header wide (序号, 责任人 on one line)
MIN_CHARS = 2
PAD_X_PT, PAD_Y_PT = L.TABLE_CELL_PAD_PT[1], L.TABLE_CELL_PAD_PT[0]
# Room added to a column's natural width: a text exactly as wide as its cell wraps in one
# client and not in another (rounding, a Latin font's digits), so "fits" keeps this margin.
SLACK_PT = 0.25 * L.TABLE_PT

Align = Literal["left", "center"]


@dataclass(frozen=True, slots=True)
class LaidCell:
    text: str
    align: Align
    one_line: bool  # fits its column on one line (never stretched to the cell's width)


@dataclass(frozen=True, slots=True)
class LaidRow:
    cells: tuple[LaidCell, ...]
    header: bool = False  # repeated at the top of every page the table reaches
    keep_with_next: bool = False  # never the last row on a page (header, penultimate row)


@dataclass(frozen=True, slots=True)
class LaidTable:
    """A full-width ruled table as both writers draw it; widths in pt sum to the 版心 width."""

    rows: tuple[LaidRow, ...]
    widths_pt: tuple[float, ...]
    header_role: Role = HEADER_ROLE
    cell_role: Role = CELL_ROLE
    size_pt: float = L.TABLE_PT
    line_pt: float = L.TABLE_LINE_PT
    pad_x_pt: float = PAD_X_PT
    pad_y_pt: float = PAD_Y_PT
    rule_pt: float = L.TABLE_RULE_PT
    loc: Loc | None = None

    @property
    def header_rows(self) -> int:
        return sum(1 for r in self.rows if r.header)

    @property
    def width_pt(self) -> float:
        return sum(self.widths_pt)


def text_pt(text: str, size: float = L.TABLE_PT) -> float:
    """Drawn width of a cell's text on one line (CJK one em, ASCII half)."""
    return L.text_width(text) * size


def column_widths(rows: tuple[tuple[str, ...], ...], header_rows: int,
                  given: tuple[float, ...] | None = None,
                  full: float = L.BODY_W_MM * L.MM_PT) -> tuple[float, ...]:
    """Column widths in pt summing to `full`: the table's own proportions, else from the text."""
    n = max((len(r) for r in rows), default=1)
    pad = 2 * PAD_X_PT + L.TABLE_RULE_PT + SLACK_PT

    def cell(r: tuple[str, ...], i: int) -> str:
        return r[i] if i < len(r) else ""

    natural = [pad + max(MIN_CHARS * L.TABLE_PT, max(text_pt(cell(r, i)) for r in rows))
               for i in range(n)]
    header = [max((min(L.text_width(cell(r, i)), MIN_HEADER_CHARS) for r in rows[:header_rows]),
                  default=0.0) for i in range(n)]
    minimum = [min(natural[i], pad + L.TABLE_PT * max(MIN_CHARS, header[i])) for i in range(n)]
    if given and len(given) == n and sum(given) > 0:  # the plan's proportions
        widths = [full * w / sum(given) for w in given]
    elif sum(natural) <= full:
        widths = [full * w / sum(natural) for w in natural]
    else:
        widths = _share(natural, full)
    if sum(minimum) <= full:
        for _ in range(n):  # widen columns below their minimum, taking from the widest
            short = [i for i in range(n) if widths[i] < minimum[i] - 0.01]
            if not short:
                break
            for i in short:
                widths[i] = minimum[i]
            rest = [i for i in range(n) if i not in short and widths[i] > minimum[i]]
            room = full - sum(widths[i] for i in range(n) if i not in rest)
            total = sum(widths[i] for i in rest) or 1.0
            for i in rest:
                widths[i] = room * widths[i] / total
    out = [round(w, 2) for w in widths]
    out[-1] = round(full - sum(out[:-1]), 2)
    return tuple(out)


def _share(natural: list[float], full: float) -> list[float]:
    """Automatic table layout: columns no wider than a fair share keep their natural width,
    the others share what is left in proportion to their natural widths."""
    widths: list[float | None] = [None] * len(natural)
    room, rest = full, list(range(len(natural)))
    while rest:
        fair = room / len(rest)
        small = [i for i in rest if natural[i] <= fair]
        if not small:
            break
        for i in small:
            widths[i] = natural[i]
            room -= natural[i]
        rest = [i for i in rest if i not in small]
    total = sum(natural[i] for i in rest) or 1.0
    for i in rest:
        widths[i] = room * natural[i] / total
    return [w or 0.0 for w in widths]


def lay_out_table(t: Table) -> LaidTable:
    """The table's widths, alignments and keeps."""
    n = max((len(r) for r in t.rows), default=1)
    rows = tuple(tuple(r) + ("",) * (n - len(r)) for r in t.rows)
    hr = min(t.header_rows, len(rows))
    widths = column_widths(rows, hr, t.widths)
    room = [w - 2 * PAD_X_PT - L.TABLE_RULE_PT - SLACK_PT for w in widths]
    fits = [[text_pt(r[i]) <= room[i] + 0.01 for i in range(n)] for r in rows]
    centred = [all(f[i] for f in fits[hr:]) for i in range(n)]
    last = len(rows) - 1
    laid = []
    for k, row in enumerate(rows):
        header = k < hr
        cells = tuple(LaidCell(text, "center" if header or centred[i] else "left", fits[k][i])
                      for i, text in enumerate(row))
        keep = header or (k == last - 1 and k >= hr)
        laid.append(LaidRow(cells, header, keep))
    return LaidTable(tuple(laid), widths, loc=t.loc)
