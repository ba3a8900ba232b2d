"""The laid-out document: every decision of the standard, made once, for both writers.

Format-neutral frozen dataclasses in pt, mm, characters and grid lines. Writers render these
values and make no decision of their own: the Word writer turns them into twips, tab stops and
keep-with-next, the HTML writer into CSS lengths. A variant of the standard (信函格式, 纪要格式,
命令格式) is a different value of the same types, not another code path in the writers.

Extending: a new laid-out block (e.g. layout/tables.py's tables) replaces its Document block in
`LaidOut.body` / `LaidOut.attachment_blocks`; writers dispatch on the block's type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .. import standard as S
from ..document import Block, Document, Paragraph, Role
from .tables import LaidTable

Align = Literal["left", "center", "right"]


# ---------------------------------------------------------------------------------------------
# 版头 (masthead)


@dataclass(frozen=True, slots=True)
class HeadLine:
    """份号, 密级和保密期限 or 紧急程度 on one grid line at the top of the 版心 ('' = empty line)."""

    text: str
    role: Role = Role.BODY


@dataclass(frozen=True, slots=True)
class MarkLine:
    """One line of the red 发文机关标志: its size and horizontal scale (100 = not condensed).

    `width_pt` is the line's drawn width (size × characters × scale, plus the spread); the
    names of a joint 标志 are spread to the widest name's width by `spread_pt` between
    characters (the same number in both writers, instead of each client's own distribution).
    """

    text: str
    size_pt: float
    scale_pct: int = 100
    width_pt: float = 0.0
    spread_pt: float = 0.0  # extra space after each character but the last (joint names)


@dataclass(frozen=True, slots=True)
class Mark:
    """发文机关标志: one line (one agency) or stacked names with `suffix` (文件) to the right,
    vertically centred on the stack (§7.2.4). `top_mm` is the top of the first line, an exact
    line of the 标志's size, below `top_from` (the 版心 top, or the paper top for the 信函格式);
    writers put the baseline where clients do in such a line (docs/decisions.md)."""

    lines: tuple[MarkLine, ...]
    suffix: str = ""
    suffix_size_pt: float = 0.0
    suffix_gap_pt: float = 0.0  # between the names' right end and the suffix
    line_pt: float = 0.0  # line pitch of the stacked names
    top_mm: float = 35.0
    top_from: Literal["body", "paper"] = "body"

    @property
    def stacked(self) -> bool:
        return bool(self.suffix) or len(self.lines) > 1

    @property
    def height_pt(self) -> float:
        """Height of the 标志 block from its first em-box top to its last em-box bottom."""
        if not self.lines:
            return 0.0
        return self.line_pt * (len(self.lines) - 1) + self.lines[-1].size_pt

    @property
    def width_pt(self) -> float:
        names = max((ln.width_pt for ln in self.lines), default=0.0)
        return names + (self.suffix_gap_pt + self.suffix_size_pt * len(self.suffix)
                        if self.suffix else 0.0)


@dataclass(frozen=True, slots=True)
class DocNoLine:
    """One line of the 发文字号 / 签发人 block; x positions in pt from the 版心's left edge.

    Down-going documents: the 发文字号 alone, centred. 上行文 (§7.2.6, spec H6): the 发文字号 at
    `docno_x_pt` (1 character in) on the last signer line; `label` (签发人：) at `label_x_pt` on
    the first line; each line's names (two at most) start at `names_x_pt`, so wrapped lines align
    with the first name above. Nothing on these lines ever wraps.
    """

    docno: str = ""
    docno_align: Align = "center"
    docno_x_pt: float = 0.0
    label: str = ""
    label_x_pt: float = 0.0
    names: tuple[str, ...] = ()
    names_x_pt: float = 0.0
    name_gap: str = "\u3000"  # between two names of a line


@dataclass(frozen=True, slots=True)
class RedRule:
    """A red rule of the 版头: style, length and where it sits.

    `below` names what it is measured from: 'docno' (glyph bottom of the 发文字号 line, 4 mm,
    spec H7), 'mark' (信函格式: 4 mm under the 标志) or 'paper-bottom' (信函格式's lower rule,
    20 mm above the paper's bottom edge, on page 1 only).
    """

    style: Literal["single", "thick-thin", "thin-thick"] = "single"
    length_mm: float = S.BODY_W_MM
    thickness_mm: float = S.RED_RULE_MM  # the single rule, or the thick stroke of a double one
    below: Literal["docno", "mark", "paper-bottom"] = "docno"
    gap_mm: float = S.RED_RULE_BELOW_DOCNO_MM
    thin_mm: float = 0.0  # double rules: the thin stroke
    space_mm: float = 0.0  # double rules: white between the two strokes
    top_mm: float | None = None  # 信函格式: top edge from the paper's top, decided by layout

    @property
    def total_mm(self) -> float:
        """Height from the top stroke's top to the bottom stroke's bottom."""
        if self.style == "single":
            return self.thickness_mm
        return self.thickness_mm + self.space_mm + self.thin_mm

    def strokes(self) -> tuple[tuple[float, float], ...]:
        """(offset from the rule's top, thickness) of each stroke, top to bottom, in mm."""
        if self.style == "single":
            return ((0.0, self.thickness_mm),)
        first, second = ((self.thickness_mm, self.thin_mm) if self.style == "thick-thin"
                         else (self.thin_mm, self.thickness_mm))
        return ((0.0, first), (first + self.space_mm, second))

    @property
    def x0_mm(self) -> float:
        """Left end from the paper's left edge: centred on the paper (spec S1: x 20–190 mm);
        a single rule is as wide as the 版心 and starts at its left edge."""
        if self.style == "single":
            return S.BODY_BOX_MM[0]
        return (S.PAGE_W_MM - self.length_mm) / 2


@dataclass(frozen=True, slots=True)
class Masthead:
    """版头 as decided: head lines, 标志, 发文字号 lines, rules, and what page 1 looks like.

    Order on the page: head lines (grid lines 1–3), the 标志 at `mark.top_mm`, the 发文字号
    lines `docno_gap_lines` below the 标志 (or below the rule when `docno_below_rule`), the
    rules, then the title `title_gap_lines` below the last rule.
    """

    head_lines: tuple[HeadLine, ...] = ()
    mark: Mark | None = None
    docno_lines: tuple[DocNoLine, ...] = ()
    docno_gap_lines: float = 2.0  # blank grid lines between the 标志 and the 发文字号 line
    docno_below_rule: bool = False  # 信函格式: 发文字号 under the first rule
    rules: tuple[RedRule, ...] = ()
    title_gap_lines: int = 2
    page1_numbered: bool = True  # 信函格式: False
    docno_top_mm: float | None = None  # 信函格式: em-box top of the first line under the rule

    @property
    def under_rule_lines(self) -> int:
        """信函格式: grid lines under the first rule (份号… on the left, 发文字号 on the right
        of the first of them)."""
        return max(len(self.head_lines), 1 if self.docno_lines else 0)

    @property
    def flow_top_pt(self) -> float:
        """信函格式: space from the 版心 top to the top of the first line under the rule, a
        grid line whose em box is centred in it (as both writers set 3号 text) and starts at
        `docno_top_mm`; with nothing under the rule, to the rule's bottom."""
        if self.docno_top_mm is None:
            return 0.0
        top = self.docno_top_mm * S.MM_PT - S.MARGIN_MM["top"] * S.MM_PT
        if not self.under_rule_lines:
            return top - S.LETTER_GAP_PT
        return top - (S.LINE_PITCH_PT - S.BODY_PT) / 2
    reserved_only: bool = False  # 套印: the area is left blank at its exact height


# ---------------------------------------------------------------------------------------------
# 署名 and 成文日期


@dataclass(frozen=True, slots=True)
class SigLine:
    """One line of the signature block.

    `align` 'left': the line starts `x_pt` from the 版心's left edge (the date of an unsealed
    document: its first character 2 characters right of the 署名's, whatever width a client
    gives digits). 'right': the line ends `x_pt` from the 版心's right edge (sealed: the date
    4 characters in).
    """

    text: str
    align: Literal["left", "right"]
    x_pt: float
    blank_before: int = 0  # empty grid lines above this line
    role: Role = Role.BODY
    kind: Literal["org", "date", "signer"] = "org"
    # a row of a joint sealed 署名 (§7.3.5.1): each name centred on its x (pt from the 版心's
    # left edge), under its seal; `text` then holds the names for readers, `x_pt` is unused
    cells: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """署名, 签名章 line and 成文日期, as placed lines (spec B6/B7/B8, §5.2).

    `keep_with_previous`: the block never starts a page (spec B10): where pagination found it
    would, a PageBreak before the short last paragraph (layout/pages.py) moves that paragraph
    with it, a SplitParagraph carries a longer one's last line to its page, or a table's last
    rows go there (its two parts with a PageBreak between); only where
    layout placed neither do the writers keep the body line before with it (Word:
    keep-with-next; CSS: break-before avoid), so no page holds only the 署名 and the date.
    """

    lines: tuple[SigLine, ...]
    mode: Literal["unsealed", "sealed", "signed"] = "unsealed"
    keep_with_previous: bool = True

    @property
    def height_lines(self) -> int:
        return sum(1 + ln.blank_before for ln in self.lines)


@dataclass(frozen=True, slots=True)
class PageBreak:
    """A page break layout decided before the next paragraph: the last body paragraph goes to
    the next page with the 署名 (spec B10), the same in both writers (Word: pageBreakBefore;
    CSS: break-before), instead of each client's keep-with-next."""


@dataclass(frozen=True, slots=True)
class SplitParagraph:
    """A body paragraph that breaks to a new page after its `after_line`-th line (spec B10:
    its last line goes to the 署名's page), lines counted as layout.pages.break_lines sets them.

    `head` holds the lines before the break — its last line is a full line, justified like
    the others; `tail` the rest, starting the next page without a first-line indent. Both
    writers render exactly this (Word: two paragraphs, the first w:jc="distribute", the second
    pageBreakBefore; CSS: text-align-last justify, then a page break), instead of keep-with-
    next over a long paragraph, which LibreOffice honours by moving the whole paragraph.
    """

    paragraph: Paragraph
    after_line: int
    head: Paragraph
    tail: Paragraph


LaidBlock = Block | SignatureBlock | LaidTable | PageBreak | SplitParagraph


# ---------------------------------------------------------------------------------------------
# Pages


@dataclass(frozen=True, slots=True)
class Pages:
    """Where the body ends and what follows it (spec J5, N6), decided once for both writers.

    `colophon`: 'none' (no 版记), 'bottom' (at the bottom of the last body page) or
    'own-page' (on a page of its own after the body, with `blank_before` a blank page first
    so that it lands on an even page). `unnumbered`: 1-based pages without a page number.
    """

    body_pages: int
    colophon: Literal["none", "bottom", "own-page"] = "none"
    blank_before: bool = False
    unnumbered: tuple[int, ...] = ()
    # (part, block index) of paragraphs that start a new page (B10): part 'body', 'issued' or
    # 'attachment-N' (0-based); lay_out puts a PageBreak block before each
    breaks: tuple[tuple[str, int], ...] = ()
    # (part, block index, blank lines): a signature block whose blank lines above the 署名 were
    # reduced so that it fits under the body (B10: adjust spacing; never fewer than one)
    tightened: tuple[tuple[str, int, int], ...] = ()
    # (part, block index): signature blocks that fit under the body where they are — writers
    # then keep no body line with them (LibreOffice moves a whole keep-with-next paragraph,
    # and the heading kept with it, when that paragraph runs over a page break)
    unkept: tuple[tuple[str, int], ...] = ()
    # (part, block index, k): a body paragraph that breaks to a new page after its k-th line,
    # its last line going with the 署名 (B10; lay_out makes it a SplitParagraph), or a table
    # that breaks before its row k, its last rows going with it under the repeated header
    # (lay_out puts the two parts with a PageBreak between them)
    splits: tuple[tuple[str, int, int], ...] = ()

    @property
    def total(self) -> int:
        extra = (self.colophon == "own-page") + self.blank_before
        return self.body_pages + extra


@dataclass(frozen=True, slots=True)
class LaidOut:
    """A Document with the standard's decisions made: what both writers render."""

    doc: Document
    masthead: Masthead | None
    body: tuple[LaidBlock, ...]
    attachment_blocks: tuple[tuple[LaidBlock, ...], ...] = ()
    pages: Pages | None = None
    issued_blocks: tuple[LaidBlock, ...] = ()  # Document.issued's blocks (印发/转发 通知)
    notes: tuple[str, ...] = field(default=())  # decisions the writer should tell the user
    colophon_rules: bool = True  # 信函格式: the 版记 has no rules (nor 印发 line)
    # the attached or issued .pdf/.docx appended last ('' when the last part is text): the 版记
    # never shares a page with it
    last_file: str = ""
