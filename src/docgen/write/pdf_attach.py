"""Attachment files into the PDF: each page of an attached .pdf (or converted .docx) drawn onto
a page WeasyPrint left for it.

Why placeholder pages: the HTML gives every attached page an empty page of its own, so
WeasyPrint counts them — page numbers run on through the attachment (GB/T 9704 N5), and the
版记's even-page placement and the blank page before it see the real page count. Here each
attached page is drawn under its placeholder (scaled to fit A4, centred), so docgen's page
number stays on top; a white patch at the two places a page number of GB/T 9704 stands
(odd: right, even: left, around 269 mm) covers the attached file's own number, so an attached
公文 does not show two numbers overprinted. pypdf (pinned) copies WeasyPrint's trailer ID and metadata: the same
input gives the same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from .. import standard as L
from ..attached import ATTACHED_PAGES_KEY, FilePages

# The white patches under docgen's page number: the number line ± 5 mm, 35 mm in from each end
# of the 版心 (a 4号 "— 123 —" is ~30 mm wide).
MASK_Y_MM = (L.PAGE_NO_DASH_Y_MM - 5, L.PAGE_NO_DASH_Y_MM + 5)
MASK_W_MM = 35


@dataclass(frozen=True, slots=True)
class Slot:
    """Page `page_index` (0-based, in the laid-out PDF) shows page `page_no` of `file`."""

    page_index: int
    file: FilePages
    page_no: int


def fit(width: float, height: float, box_w: float, box_h: float) -> tuple[float, float, float]:
    """(scale, dx, dy) that fit a width × height page into box_w × box_h, centred."""
    scale = min(box_w / width, box_h / height)
    return scale, (box_w - width * scale) / 2, (box_h - height * scale) / 2


def draw_files(pdf: bytes, slots: list[Slot]) -> bytes:
    """The laid-out PDF with each slot's attached page drawn under its placeholder page."""
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    readers: dict[int, PdfReader] = {}
    for slot in slots:
        if id(slot.file) not in readers:
            clean = without_page_numbers(slot.file.pdf, float(writer.pages[0].mediabox.width),
                                         float(writer.pages[0].mediabox.height))
            readers[id(slot.file)] = PdfReader(io.BytesIO(clean))
        reader = readers[id(slot.file)]
        src = reader.pages[slot.page_no]
        if (src.rotation or 0) % 360:
            src.transfer_rotation_to_content()
        box = src.mediabox
        target = writer.pages[slot.page_index]
        tw, th = float(target.mediabox.width), float(target.mediabox.height)
        scale, dx, dy = fit(float(box.width), float(box.height), tw, th)
        ctm = (Transformation().translate(-float(box.left), -float(box.bottom))
               .scale(scale, scale).translate(dx, dy))
        target.merge_page(_mask(tw, th), over=False)
        target.merge_transformed_page(src, ctm, over=False)
    pages = sorted({slot.page_index + 1 for slot in slots})
    writer.add_metadata({ATTACHED_PAGES_KEY: ",".join(map(str, pages))})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _mask(width: float, height: float):
    """A page holding only the two white patches (drawn between the file's page and ours)."""
    from pypdf import PageObject
    from pypdf.generic import DecodedStreamObject, NameObject

    page = PageObject.create_blank_page(width=width, height=height)
    stream = DecodedStreamObject()
    stream.set_data(" ".join(f"1 g {a:.2f} {b:.2f} {c - a:.2f} {d - b:.2f} re f"
                             for a, b, c, d in mask_boxes(width, height)).encode("ascii"))
    page[NameObject("/Contents")] = stream
    return page


def mask_boxes(page_w: float, page_h: float) -> list[tuple[float, float, float, float]]:
    """The two page-number patches as PDF rectangles (x0, y0, x1, y1; y up from the bottom)."""
    pt = L.MM_PT
    y0, y1 = page_h - MASK_Y_MM[1] * pt, page_h - MASK_Y_MM[0] * pt
    return [(x * pt, y0, (x + MASK_W_MM) * pt, y1)
            for x in (L.BODY_BOX_MM[0], L.BODY_BOX_MM[2] - MASK_W_MM)]


@lru_cache(maxsize=8)  # a batch attaches the same file to every unit: clean it once
def without_page_numbers(pdf: bytes, page_w: float, page_h: float) -> bytes:
    """The attached PDF without the text objects centred in the page-number patches.

    The white patch hides a file's own page number from the eye; this takes it out of the text
    layer too, so a reader (or docgen verify) finds one page number per page, docgen's. Only
    unrotated pages are cleaned (PDFium, pinned); the same bytes in give the same bytes out."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    doc = pdfium.PdfDocument(pdf)
    changed = False
    try:
        for i in range(len(doc)):
            page = doc[i]
            if page.get_rotation():
                continue
            x0, y0, x1, y1 = page.get_mediabox()
            scale, dx, dy = fit(x1 - x0, y1 - y0, page_w, page_h)
            # Patches in the file page's own coordinates (inverse of draw_files' transform).
            zones = [((a - dx) / scale + x0, (b - dy) / scale + y0,
                      (c - dx) / scale + x0, (d - dy) / scale + y0)
                     for a, b, c, d in mask_boxes(page_w, page_h)]
            doomed = []
            for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_TEXT,), max_depth=1):
                left, bottom, right, top = obj.get_bounds()
                cx, cy = (left + right) / 2, (bottom + top) / 2
                if any(a <= cx <= c and b <= cy <= d for a, b, c, d in zones):
                    doomed.append(obj)
            for obj in doomed:
                page.remove_obj(obj)
            if doomed:
                page.gen_content()
                changed = True
        if not changed:
            return pdf
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    finally:
        doc.close()
