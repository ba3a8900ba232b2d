"""Justify CJK lines to the grid by spreading the free width as letter-spacing.

Why: WeasyPrint 70 justifies only at spaces (`weasyprint.layout.inline.justify_line`). A CJK
line has none, so when 避头尾 pushes the last character down (no line may start with ，。：),
the line ends one character short of the type area's right edge. GB/T 9704 wants every full
line to end flush at 184 mm.

How: replace `justify_line` so that a line containing CJK text gets its free width added to
the letter-spacing of every text box on the line, with the amount chosen so that the last
glyph's right edge lands exactly on the line's right edge. Lines without CJK keep WeasyPrint's
space stretching. The text box gets a copied style (styles are shared between boxes) and a
fresh Pango layout, which is what drawing uses.

This relies on WeasyPrint internals; weasyprint==70.0 is pinned in pyproject.toml and
tests/test_pdf_layout.py::test_full_lines_end_flush_at_type_area_right fails if it stops working.
"""

from __future__ import annotations

import weasyprint
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.text.line_break import create_layout

SUPPORTED = "70.0"
_original = inline.justify_line


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def _text_boxes(box) -> list:
    if isinstance(box, boxes.TextBox):
        return [box]
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        return [t for c in box.children if c.is_in_normal_flow() for t in _text_boxes(c)]
    return []


def _spacing(style) -> float:
    ls = style["letter_spacing"]
    return 0.0 if ls == "normal" else float(ls)


def _spread(context, box, delta: float, x_advance: float) -> float:
    """Add `delta` letter-spacing per character to text boxes, shifting what follows."""
    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        n = len(box.text)
        if n and delta:
            style = box.style.copy()
            style["letter_spacing"] = _spacing(box.style) + delta
            box.style = style
            layout = create_layout(box.text, style, context, max_width=None,
                                   justification_spacing=box.justification_spacing)
            layout.deactivate()
            box.pango_layout = layout
            box.width += n * delta
            x_advance += n * delta
    elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(context, child, delta, x_advance)
        box.width += x_advance - before
    else:  # atomic inline-level box (inline-block, image)
        box.translate(x_advance, 0)
    return x_advance


def justify_line(context, line, extra_width: float) -> None:
    """WeasyPrint hook: CJK lines get inter-character spacing, others the original behaviour."""
    texts = _text_boxes(line)
    if not any(_is_cjk(ch) for t in texts for ch in t.text):
        return _original(context, line, extra_width)
    n = sum(len(t.text) for t in texts)
    if n < 2 or extra_width <= 0:
        return None
    # Each box ends with one trailing letter-spacing; the last glyph should end at the edge.
    trailing = _spacing(texts[-1].style)
    delta = (extra_width + trailing) / (n - 1)
    if delta <= 0:
        return None
    _spread(context, line, delta, 0.0)
    return None


def install() -> None:
    """Patch WeasyPrint once; idempotent. Refuses silently-wrong versions loudly instead."""
    if weasyprint.__version__ != SUPPORTED:
        raise RuntimeError(f"docgen 的两端对齐补丁只支持 WeasyPrint {SUPPORTED}，"
                           f"当前为 {weasyprint.__version__}")
    inline.justify_line = justify_line


def installed() -> bool:
    return inline.justify_line is justify_line
