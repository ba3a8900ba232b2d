"""The office's own 版头 (write/letterhead.py) as Word paragraphs, pictures as inline drawings.

Every paragraph gets the exact line height and space before that the HTML writer gives its
box, so the letterhead stands at the same place in the .docx and the PDF.
"""

from __future__ import annotations

from ... import standard as L
from ...document import Fonts
from ..letterhead import EMU_PER_PT, IMAGE_TYPES, LhPara, LhRun, OfficeLetterhead
from . import parts as P
from .xml import PPr, border, para, run


def image_rid(name: str) -> str:
    return "rIdLh" + name.split(".")[0].removeprefix("lh")


def _drawing(r: LhRun, n: int) -> str:
    cx, cy = round(r.width_pt * EMU_PER_PT), round(r.height_pt * EMU_PER_PT)
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="版头图片{n}"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:nvPicPr><pic:cNvPr id="{n}" name="{r.image_name}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{image_rid(r.image_name)}"/><a:stretch><a:fillRect/>'
        '</a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


def _run(r: LhRun, fonts: Fonts) -> str:
    half = round(r.size_pt * 2)
    extra = (f'<w:color w:val="{r.color}"/>'
             + ('<w:spacing w:val="0"/>' if r.size_pt != L.BODY_PT else "")  # body size: grid
             + (f'<w:w w:val="{r.scale_pct}"/>' if r.scale_pct != 100 else "")
             + f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return run(r.text, fonts.for_role(r.role), fonts.latin, extra=extra)


def _paragraph(p: LhPara, fonts: Fonts, first_id: int) -> str:
    ppr = PPr(style=P.S_HEAD_LINE, snap_to_grid=False, before=round(p.before_pt * 20),
              line=round(p.line_pt * 20), left=round(p.indent_left_pt * 20) or None,
              right=round(p.indent_right_pt * 20) or None,
              jc=p.align if p.align != "left" else "left",
              borders=border("bottom", round(p.rule_pt * 8), p.rule_color) if p.rule_pt else "")
    runs = []
    n = first_id
    for r in p.runs:
        if r.image:
            runs.append(_drawing(r, n))
            n += 1
        else:
            runs.append(_run(r, fonts))
    return para(ppr, "".join(runs))


def paragraphs(office: OfficeLetterhead, fonts: Fonts) -> list[str]:
    out, n = [], 1
    for p in office.paragraphs:
        out.append(_paragraph(p, fonts, n))
        n += sum(1 for r in p.runs if r.image)
    return out


def rels(office: OfficeLetterhead) -> str:
    return "".join(
        f'<Relationship Id="{image_rid(name)}" Type="http://schemas.openxmlformats.org/'
        f'officeDocument/2006/relationships/image" Target="media/{name}"/>'
        for name, _ in office.media)


def content_types(office: OfficeLetterhead) -> str:
    exts = sorted({name.rsplit(".", 1)[1] for name, _ in office.media})
    return "".join(f'<Default Extension="{e}" ContentType="{IMAGE_TYPES[e]}"/>' for e in exts)
