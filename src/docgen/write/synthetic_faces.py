"""Bold and italic for faces that have neither: drawn the way Word synthesises them.

The 公文 faces (仿宋, 楷体, 小标宋 and their free stand-ins) come in one weight and no
italic, so `font-weight: bold` / `font-style: italic` would fall back to the regular
glyphs and **emphasis** written in a prose field would show in Word (which emboldens and
slants synthetically) but not in the PDF. WeasyPrint is patched to draw text whose
computed weight is bold in PDF text render mode 2 (fill, then stroke the outline, 1/30 em
in the text colour), and italic text with a 12° shear of the text matrix. The docgen
stylesheets give every role one regular face, so nothing is emboldened twice.
"""

from __future__ import annotations

BOLD_WEIGHT = 600
STROKE_EM = 1 / 30
SHEAR = 0.21  # tan 12°, about Word's synthetic italic


def install() -> None:
    """Wrap WeasyPrint's text drawing once per process."""
    from weasyprint import draw
    from weasyprint.draw import text as text_mod
    from weasyprint.matrix import Matrix

    if getattr(draw.draw_text, "_docgen_faces", False):
        return
    draw_text_original = draw.draw_text
    first_line_original = text_mod.draw_first_line

    def draw_text(stream, textbox, *args, **kwargs):
        style = textbox.style
        if style["font_weight"] < BOLD_WEIGHT:
            return draw_text_original(stream, textbox, *args, **kwargs)
        stream.push_state()
        try:
            stream.set_color(style["color"], stroke=True)
            stream.set_line_width(style["font_size"] * STROKE_EM)
            stream.set_text_rendering(2)
            return draw_text_original(stream, textbox, *args, **kwargs)
        finally:
            stream.pop_state()

    def draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix):
        if textbox.style["font_style"] in ("italic", "oblique"):
            a, b, _, d, e, f = matrix.values
            matrix = Matrix(a=a, b=b, c=SHEAR, d=d, e=e, f=f)
        return first_line_original(stream, textbox, text_overflow, block_ellipsis, matrix)

    draw_text._docgen_faces = True  # type: ignore[attr-defined]
    draw.draw_text = draw_text
    text_mod.draw_first_line = draw_first_line
