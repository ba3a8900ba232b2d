"""The 信函格式's red double rules (S1), judged the same way in the .docx and the PDF.

Each checker measures its own strips (page-anchored rectangles in Word, filled rects or path
strips in the PDF) and hands them here: one wording, one tolerance, one idea of "thick".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from .. import standard as L
from .findings import fmt_mm

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


def problems(pair: Sequence[Strip] | None, thick_first: bool, tol_mm: float,
             red: Callable[[Strip], str | None], missing: str = "") -> list[str]:
    """What is wrong with one double rule (empty when right): two adjacent strokes, 170 mm long
    and centred, red, the thick one above (文武线 under the 标志) or below (武文线 at the foot).
    `red(strip)` gives the colour to name when a stroke is not red, else None."""
    if not pair or len(pair) != 2 or pair[1].top - pair[0].bottom > GAP_MAX_MM:
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
