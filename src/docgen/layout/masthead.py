"""版头 decisions (spec §4.1 H1–H7, §5.1): 标志 size and condensing, joint stacks, 签发人 lines."""

from __future__ import annotations

import math
from dataclasses import replace

from .. import standard as S
from ..document import Letterhead, Role
from .model import DocNoLine, HeadLine, Mark, MarkLine, Masthead, RedRule

HEAD_LINES = 3  # 份号, 密级, 紧急程度: grid lines 1–3 of the 版心
SAFETY_PT = 1.0  # renderers round: keep a one-line 标志 this far inside the 版心


def head_lines(lh: Letterhead) -> tuple[HeadLine, ...]:
    """份号 on line 1, 密级 on line 2 (an empty line 1 keeps it there), 紧急程度 below them."""
    lines = [HeadLine(lh.copy_no, Role.BODY), HeadLine(lh.secrecy, Role.HEI)]
    if lh.urgency:
        slot = 2 if lh.secrecy else 1
        lines.insert(slot, HeadLine(lh.urgency, Role.HEI))
    lines = (lines + [HeadLine("")] * HEAD_LINES)[:HEAD_LINES]
    while lines and not lines[-1].text:
        lines.pop()
    return tuple(lines)


def fit_line(width_em: float, avail_pt: float, size_pt: float = S.ORG_MARK_PT) -> tuple[float, int]:
    """(size, scale %) that puts `width_em` ems on one line of `avail_pt`.

    Full size when it fits; else condensed horizontally down to ORG_MARK_MIN_SCALE_PCT; else
    reduced in half points down to ORG_MARK_MIN_PT at that scale; else condensed further.
    """
    if width_em <= 0 or width_em * size_pt <= avail_pt:
        return size_pt, 100
    scale = math.floor(avail_pt / (width_em * size_pt) * 100)
    if scale >= S.ORG_MARK_MIN_SCALE_PCT:
        return size_pt, scale
    lo = S.ORG_MARK_MIN_SCALE_PCT / 100
    size = math.floor(avail_pt / (width_em * lo) * 2) / 2
    if size >= S.ORG_MARK_MIN_PT:
        return size, S.ORG_MARK_MIN_SCALE_PCT
    size = S.ORG_MARK_MIN_PT
    return size, max(1, math.floor(avail_pt / (width_em * size) * 100))


def _line(text: str, size: float, scale: int) -> MarkLine:
    return MarkLine(text, size, scale, round(S.text_width(text) * size * scale / 100, 2))


def _spread(line: MarkLine, width_pt: float) -> MarkLine:
    """The line with space between its characters so that it is `width_pt` wide."""
    n = len(line.text)
    if n < 2 or line.width_pt >= width_pt - 0.01:
        return line
    spread = round((width_pt - line.width_pt) / (n - 1), 2)
    return MarkLine(line.text, line.size_pt, line.scale_pct, round(width_pt, 2), spread)


def single_mark(text: str) -> Mark:
    """One agency: the whole 标志 on one centred line."""
    size, scale = fit_line(S.text_width(text), S.BODY_W_PT - SAFETY_PT)
    return Mark((_line(text, size, scale),), top_mm=S.ORG_MARK_TOP_FROM_BODY_MM)


def joint_mark(names: tuple[str, ...], suffix: str) -> Mark:
    """Several agencies (§7.2.4): one name a line, spread to one width, `suffix` to the right,
    vertically centred on the names. One size and scale for all names, fitted to the longest."""
    suffix_w = S.text_width(suffix)
    widest = max(S.text_width(n) for n in names)
    gap = S.ORG_MARK_SUFFIX_GAP_EM if suffix else 0.0
    # The suffix is not condensed: solve the names' fit for the room the suffix leaves.
    size, scale = S.ORG_MARK_PT, 100
    for _ in range(40):
        room = S.BODY_W_PT - SAFETY_PT - (suffix_w + gap) * size
        size_fit, scale = fit_line(widest, room, size)
        if size_fit == size:
            break
        size = size_fit
    lines = tuple(_spread(_line(n, size, scale), widest * size * scale / 100) for n in names)
    return Mark(lines, suffix=suffix, suffix_size_pt=size if suffix else 0.0,
                suffix_gap_pt=gap * size, line_pt=round(size * S.ORG_MARK_STACK_LINE, 2),
                top_mm=S.ORG_MARK_TOP_FROM_BODY_MM)


def docno_lines(lh: Letterhead) -> tuple[DocNoLine, ...]:
    """发文字号 centred; with 签发人 (spec H6): two names a line, right 1 character in, the
    发文字号 1 character in from the left on the last signer line."""
    if not lh.signers:
        return (DocNoLine(lh.doc_number),) if lh.doc_number else ()
    c = S.CHAR_ADVANCE_PT  # text widths
    em = S.BODY_PT  # 空一字 (spec H5/H6: w:ind 320 twips)
    label = "签发人："
    rows = [tuple(lh.signers[i:i + 2]) for i in range(0, len(lh.signers), 2)]
    gap = "\u3000"
    widest = max(S.text_width(gap.join(r)) for r in rows) * c
    label_w = S.text_width(label) * c
    label_x = round(S.BODY_W_PT - em - widest - label_w, 2)
    names_x = round(label_x + label_w, 2)
    out = []
    for i, row in enumerate(rows):
        last = i == len(rows) - 1
        out.append(DocNoLine(docno=lh.doc_number if last else "", docno_align="left",
                             docno_x_pt=em, label=label if i == 0 else "", label_x_pt=label_x,
                             names=row, names_x_pt=names_x, name_gap=gap))
    return tuple(out)


def masthead(lh: Letterhead) -> Masthead:
    """The 通用格式 版头 (§7.2): the value other formats vary."""
    mark = None
    if lh.joint:
        suffix = "文件" if not lh.org_mark or lh.org_mark.endswith("文件") else ""
        mark = joint_mark(tuple(lh.joint), suffix)
    elif lh.org_mark:
        mark = single_mark(lh.org_mark)
    rule = RedRule("single", S.BODY_W_MM, S.RED_RULE_MM, "docno", S.RED_RULE_BELOW_DOCNO_MM)
    return Masthead(head_lines=head_lines(lh), mark=mark, docno_lines=docno_lines(lh),
                    docno_gap_lines=S.DOCNO_BELOW_MARK_LINES, rules=(rule,),
                    title_gap_lines=S.TITLE_BELOW_RULE_LINES, reserved_only=lh.preprinted)


def letter_masthead(lh: Letterhead) -> Masthead:
    """The 信函格式 版头 (§10.1, spec S1): the 标志 30 mm below the paper's top edge, a red
    thick-over-thin rule 4 mm under it and a thin-over-thick one 20 mm above the paper's
    bottom (both 170 mm, centred), 份号/密级/紧急程度 flush left and the 发文字号 flush right
    under the first rule, 7/8 of a 3号 character below it; no page number on page 1.

    A joint letter carries the host organ's 标志 only (§10.1: 联合行文时使用主办机关标志).
    Positions are decided here in mm from the paper's top so that both writers place the
    标志 and the rules absolutely on the page, outside the 版心's flow."""
    text = lh.joint[0] if lh.joint else lh.org_mark
    mark = None
    if text:
        size, scale = fit_line(S.text_width(text), S.BODY_W_PT - SAFETY_PT)
        mark = Mark((_line(text, size, scale),), top_mm=S.LETTER_MARK_TOP_FROM_PAPER_MM,
                    top_from="paper")
    mark_bottom = S.LETTER_MARK_TOP_FROM_PAPER_MM + (mark.height_pt / S.MM_PT if mark else 0.0)
    double = {"length_mm": S.LETTER_RULE_LEN_MM, "thickness_mm": S.LETTER_RULE_THICK_MM,
              "thin_mm": S.LETTER_RULE_THIN_MM, "space_mm": S.LETTER_RULE_SPACE_MM}
    upper = RedRule("thick-thin", below="mark", gap_mm=S.LETTER_RULE_BELOW_MARK_MM,
                    top_mm=round(mark_bottom + S.LETTER_RULE_BELOW_MARK_MM, 3), **double)
    lower = RedRule("thin-thick", below="paper-bottom", gap_mm=S.LETTER_RULE_FROM_PAPER_BOTTOM_MM,
                    **double)
    lower = replace(lower, top_mm=round(
        S.PAGE_H_MM - S.LETTER_RULE_FROM_PAPER_BOTTOM_MM - lower.total_mm, 3))
    first_line = upper.top_mm + upper.total_mm + S.LETTER_GAP_PT / S.MM_PT
    docno = (DocNoLine(lh.doc_number, docno_align="right"),) if lh.doc_number else ()
    heads = tuple(h for h in head_lines(lh) if h.text)  # in order, from the first line
    return Masthead(head_lines=heads, mark=mark, docno_lines=docno, docno_gap_lines=0,
                    docno_below_rule=True, rules=(upper, lower),
                    title_gap_lines=S.TITLE_BELOW_RULE_LINES, page1_numbered=False,
                    docno_top_mm=round(first_line, 3), reserved_only=lh.preprinted)

