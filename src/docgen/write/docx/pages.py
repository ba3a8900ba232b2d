"""An attached .pdf in the Word file: each page as a full-page picture on a page of its own.

Why pictures: Word cannot embed PDF pages, and an office needs the attachment in the file it
edits and prints. Each page is rendered with PDFium (pypdfium2, pinned) at a fixed resolution
onto an A4 canvas exactly as the PDF writer places it (fitted, centred: write/pdf_attach.fit),
the two page-number patches made transparent (write/pdf_attach.MASK_*) so docgen's own running
number shows there and the file's own number does not. The picture is anchored behind the text
at the page's top-left corner, so the page's footer (page number) stays. Same input, same PNG
bytes: fixed DPI, no timestamps in the PNG.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from ... import standard as L
from ...attached import FilePages
from ..pdf_attach import MASK_W_MM, MASK_Y_MM, fit

DPI = 150  # sharp enough to read 4号 print, ~150 kB a page
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"


@dataclass(frozen=True, slots=True)
class Picture:
    """One media part: its relationship id, part name and PNG bytes."""

    rid: str
    name: str  # word/media/…
    png: bytes


def page_pngs(fp: FilePages) -> tuple[bytes, ...]:
    """Each page of the file on an A4 canvas at DPI, as docgen's PDF shows it."""
    return _pngs(fp.pdf)


@lru_cache(maxsize=8)  # a batch attaches the same file to every unit: render it once
def _pngs(pdf_bytes: bytes) -> tuple[bytes, ...]:
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    page_w = L.PAGE_W_MM * L.MM_PT
    page_h = L.PAGE_H_MM * L.MM_PT
    px = DPI / 72  # pixels per pt
    out = []
    pdf = pdfium.PdfDocument(pdf_bytes)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            w, h = page.get_size()  # pt, rotation applied
            scale, dx, dy = fit(w, h, page_w, page_h)
            image = page.render(scale=scale * px).to_pil().convert("RGBA")
            canvas = Image.new("RGBA", (round(page_w * px), round(page_h * px)), "white")
            # PDF dy is from the bottom; the canvas' y runs down.
            canvas.paste(image, (round(dx * px), round((page_h - dy - h * scale) * px)))
            draw = ImageDraw.Draw(canvas)
            y0, y1 = (round(v * L.MM_PT * px) for v in MASK_Y_MM)
            for x0 in (L.BODY_BOX_MM[0], L.BODY_BOX_MM[2] - MASK_W_MM):
                draw.rectangle((round(x0 * L.MM_PT * px), y0,
                                round((x0 + MASK_W_MM) * L.MM_PT * px) - 1, y1 - 1),
                               fill=(255, 255, 255, 0))
            buf = io.BytesIO()
            canvas.save(buf, format="PNG", optimize=False, compress_level=6)
            out.append(buf.getvalue())
            page.close()
    finally:
        pdf.close()
    return tuple(out)


def anchored_picture(rid: str, shape_id: int, name: str) -> str:
    """A run holding a picture the size of the page, anchored at its top-left corner."""
    cx = round(L.PAGE_W_MM * L.EMU_PER_MM)
    cy = round(L.PAGE_H_MM * L.EMU_PER_MM)
    return (
        "<w:r><w:drawing>"
        f'<wp:anchor xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="0" behindDoc="1" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="{name}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A_NS}" noChangeAspect="1"/>'
        "</wp:cNvGraphicFramePr>"
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{PIC_NS}">'
        f'<pic:pic xmlns:pic="{PIC_NS}"><pic:nvPicPr><pic:cNvPr id="{shape_id}" name="{name}"/>'
        "<pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )


def anchored_rect(shape_id: int, name: str, x_mm: float, y_mm: float, w_mm: float, h_mm: float,
                  color: str) -> str:
    """A run holding a filled rectangle (no outline) placed on the page at (x, y) mm from its
    top-left corner, in front of the text: a stroke of the 信函格式's red double rules, where
    the 版心's flow cannot reach (above its top, 20 mm above the paper's bottom)."""
    emu = L.EMU_PER_MM
    x, y, cx, cy = (round(v * emu) for v in (x_mm, y_mm, w_mm, h_mm))
    return (
        "<w:r><w:drawing>"
        f'<wp:anchor xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{shape_id}" behindDoc="0" locked="1" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="{name}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{WPS_NS}">'
        f'<wps:wsp xmlns:wps="{WPS_NS}"><wps:cNvSpPr/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:ln><a:noFill/></a:ln>'
        '</wps:spPr><wps:bodyPr/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )
