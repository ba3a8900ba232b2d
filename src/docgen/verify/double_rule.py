"""The 信函格式's red double rules (S1), judged and worded the same way in the .docx and the PDF.

Each checker measures its own strips (page-anchored rectangles in Word, filled rects or path
strips in the PDF) and hands them here: one wording, one tolerance, one idea of "thick".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from .. import standard as L
from .findings import Finding, fmt_list, fmt_mm, judge

GAP_MAX_MM = 2  # strokes further apart than this are two rules, not one double rule
THICKER = 1.5  # the thick stroke is at least this many times the thin one


class Strip(Protocol):
    """A horizontal stroke in mm from the paper's top-left."""

    x0: float
    top: float

    @property
    def width(self) -> float: ...
    @property
    def bottom(self) -> float: ...
    @property
    def thickness(self) -> float: ...


S = TypeVar("S", bound=Strip)


def adjacent(pair: Sequence[Strip] | None) -> bool:
    """Two strokes close enough (at most GAP_MAX_MM apart) to be one double rule."""
    return bool(pair) and len(pair) == 2 and pair[1].top - pair[0].bottom <= GAP_MAX_MM


def upper_and_lower(strips: Sequence[S]) -> tuple[tuple[S, S] | None, tuple[S, S] | None]:
    """Page 1's red strokes, top to bottom, as the 武文线 (the first two) and the 文武线 (the last
    two, when there are four or more); None for either that is not one double rule."""
    upper, lower = tuple(strips[:2]), tuple(strips[-2:]) if len(strips) >= 4 else ()
    return (upper if adjacent(upper) else None), (lower if adjacent(lower) else None)


def problems(pair: Sequence[Strip] | None, thick_first: bool, tol_mm: float,
             red: Callable[[Strip], str | None], missing: str = "") -> list[str]:
    """What is wrong with one double rule (empty when right): two adjacent strokes, 170 mm long
    and centred, red, the thick one above (文武线 under the 标志) or below (武文线 at the foot).
    `red(strip)` gives the colour to name when a stroke is not red, else None."""
    if not adjacent(pair):
        return [f"未找到两条相邻的红色横线{missing}"]
    want_x0 = (L.PAGE_W_MM - L.LETTER_RULE_LEN_MM) / 2
    for strip in pair:
        if abs(strip.width - L.LETTER_RULE_LEN_MM) > tol_mm or abs(strip.x0 - want_x0) > tol_mm:
            return [f"线长 {fmt_mm(strip.width)}、起点 {fmt_mm(strip.x0)}"]
        if (colour := red(strip)) is not None:
            return [f"颜色 {colour}"]
    thick, thin = pair if thick_first else pair[::-1]
    if thick.thickness < THICKER * thin.thickness:
        upper, lower = ("上", "下") if thick_first else ("下", "上")
        return [f"{upper}线 {thick.thickness:.2f} mm 不比{lower}线 {thin.thickness:.2f} mm 粗"]
    return []


def judge_upper(pair: Sequence[Strip] | None, mark_bottom: float | None, tol_mm: float,
                red: Callable[[Strip], str | None], where: str = "", missing: str = "") -> Finding:
    """S1 武文线: thick over thin, LETTER_RULE_BELOW_MARK_MM under the 标志's bottom."""
    bad = problems(pair, True, tol_mm, red, missing)
    if not bad and mark_bottom is not None:
        gap = pair[0].top - mark_bottom
        if abs(gap - L.LETTER_RULE_BELOW_MARK_MM) > tol_mm:
            bad.append(f"距标志 {fmt_mm(gap)}")
    measured = fmt_list(bad) or (f"上沿 {fmt_mm(pair[0].top)}，粗/细 {pair[0].thickness:.2f}/"
                                 f"{pair[1].thickness:.2f} mm，长 {fmt_mm(pair[0].width)}")
    return judge(not bad, "S1", measured,
                 f"标志下 {L.LETTER_RULE_BELOW_MARK_MM}±{tol_mm} mm 红色双线，上粗下细，长 "
                 f"{L.LETTER_RULE_LEN_MM}±{tol_mm} mm，居中", where, aspect="武文线")


def judge_lower(pair: Sequence[Strip] | None, tol_mm: float, red: Callable[[Strip], str | None],
                where: str = "", missing: str = "") -> Finding:
    """S1 文武线: thin over thick, its bottom LETTER_RULE_FROM_PAPER_BOTTOM_MM above the paper's."""
    bad = problems(pair, False, tol_mm, red, missing)
    want_bottom = L.PAGE_H_MM - L.LETTER_RULE_FROM_PAPER_BOTTOM_MM
    if not bad and abs(pair[1].bottom - want_bottom) > tol_mm:
        bad.append(f"下沿 {fmt_mm(pair[1].bottom)}")
    measured = fmt_list(bad) or (f"下沿 {fmt_mm(pair[1].bottom)}，细/粗 {pair[0].thickness:.2f}/"
                                 f"{pair[1].thickness:.2f} mm")
    return judge(not bad, "S1", measured,
                 f"距纸张下边缘 {L.LETTER_RULE_FROM_PAPER_BOTTOM_MM} mm（下沿 {want_bottom}±{tol_mm} "
                 f"mm）红色双线，上细下粗，长 {L.LETTER_RULE_LEN_MM} mm", where, aspect="文武线")
