"""Small 公文 .docx files built with python-docx to the spec's Option B, with knobs to break them.

The checker tests start from a conforming document and change one thing, so each test
shows that exactly one rule notices that one fault.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen import standard as L

PARA = ("为深入贯彻落实党中央、国务院的决策部署，确保党政机关办公大楼高效有序运转，"
        "各科室要严格落实24小时值班制度，做到值班人员在岗、值班电话畅通、异常情况及时处理上报。")


def _set(parent, tag: str, **attrs: str):
    """Get or create child `tag` of an oxml element and set w: attributes on it."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _fonts(rpr, east_asia: str, latin: str = L.LATIN_FONT) -> None:
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    for attr in list(rf.attrib):
        del rf.attrib[attr]  # drop theme fonts of the default template
    rf.set(qn("w:ascii"), latin)
    rf.set(qn("w:hAnsi"), latin)
    rf.set(qn("w:eastAsia"), east_asia)


def _footer(footer, right: bool, size_half_pt: int = 28) -> None:
    """A footer paragraph — PAGE —, 宋体 4号, one 4号 character in from the edge."""
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT
    ind = _set(p._p.get_or_add_pPr(), "w:ind")
    ind.set(qn("w:right" if right else "w:left"), str(L.ONE_C4_TWIPS))

    def run(text: str | None = None, fld: str | None = None, instr: str | None = None) -> None:
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        _fonts(rpr, "宋体", "宋体")
        _set(rpr, "w:sz", val=size_half_pt)
        r.append(rpr)
        if fld:
            _set(r, "w:fldChar", fldCharType=fld)
        elif instr:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            r.append(it)
        else:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            r.append(t)
        p._p.append(r)

    run("— ")
    run(fld="begin")
    run(instr=" PAGE ")
    run(fld="separate")
    run("1")
    run(fld="end")
    run(" —")


def build_docx(path: Path, *, margins: dict | None = None, line_twips: int = L.LINE_PITCH_TWIPS,
               bold_heading: bool = False, page_numbers: bool | str = True,
               paragraphs: int = 6) -> Path:
    """Write a one-title, two-heading 公文 body to `path` (Option B grid unless told otherwise);
    `page_numbers="odd"` leaves the even pages' footer empty."""
    doc = Document()
    sec = doc.sections[0]
    tw = {**L.TWIPS, **(margins or {})}
    sp = sec._sectPr
    _set(sp, "w:pgSz", w=tw["page_w"], h=tw["page_h"])
    _set(sp, "w:pgMar", top=tw["top"], bottom=tw["bottom"], left=tw["left"], right=tw["right"],
         header=851, footer=L.PAGE_NO_FOOTER_TWIPS, gutter=0)
    grid = _set(sp, "w:docGrid", type="lines", linePitch=line_twips)
    grid.attrib.pop(qn("w:charSpace"), None)

    normal = doc.styles["Normal"]
    ppr = normal.element.get_or_add_pPr()
    _set(ppr, "w:spacing", before=0, after=0, line=line_twips, lineRule="exact")
    rpr = normal.element.get_or_add_rPr()
    _fonts(rpr, L.OFFICIAL_FONTS["正文"])
    _set(rpr, "w:spacing", val=L.RUN_CONDENSE_TWIPS)
    _set(rpr, "w:sz", val=int(L.BODY_PT * 2))
    # the default template's docDefaults name theme fonts; clear them like a real writer would
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    drpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(drpr, L.OFFICIAL_FONTS["正文"])

    def para(text: str, east_asia: str | None = None, *, size: float | None = None,
             centre: bool = False, indent: bool = True, bold: bool = False):
        p = doc.add_paragraph()
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif indent:
            _set(p._p.get_or_add_pPr(), "w:ind", firstLine=L.INDENT_2C_TWIPS)
        r = p.add_run(text)
        rpr = r._r.get_or_add_rPr()
        _fonts(rpr, east_asia or L.OFFICIAL_FONTS["正文"])
        if size:
            r.font.size = Pt(size)
        if bold:
            r.font.bold = True
        return p

    title = para("关于做好秋冬季疫情防控工作的通知", L.OFFICIAL_FONTS["标题"], size=L.TITLE_PT,
                 centre=True)
    tppr = title._p.get_or_add_pPr()
    _set(tppr, "w:snapToGrid", val=0)
    _set(tppr, "w:spacing", line=L.TITLE_LINE_PT * 20, lineRule="exact")
    para("局机关各科室、局属各单位：", indent=False)
    para(PARA)
    para("一、指导思想", L.OFFICIAL_FONTS["黑体"], bold=bold_heading)
    for _ in range(paragraphs):
        para(PARA)
    para("（一）加强组织领导。", L.OFFICIAL_FONTS["楷体"])
    para(PARA)
    sig = para("某市机关事务管理局", indent=False)
    sig.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    date = para("2022年10月8日", indent=False)
    date.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _set(date._p.get_or_add_pPr(), "w:ind", right=L.RIGHT_4C_TWIPS)

    if page_numbers:
        doc.settings.odd_and_even_pages_header_footer = True
        _footer(sec.footer, right=True)
        if page_numbers != "odd":
            _footer(sec.even_page_footer, right=False)
        else:
            sec.even_page_footer.is_linked_to_previous = False  # an even footer without PAGE
    doc.save(path)
    return path


def build_pdf(path: Path, *, margins_mm: dict | None = None, line_pt: float = L.LINE_PITCH_PT,
              page_numbers: bool | str = True, paragraphs: int = 14, blank_head_mm: float = 0) -> Path:
    """Render a small 公文 body with WeasyPrint per spec §2.5 (Fandol fonts), with knobs to break it:
    `page_numbers="odd"` numbers odd pages only; `blank_head_mm` leaves that much blank above
    the title on page 1, as a 版头 left to 套印 paper does."""
    import weasyprint

    m = {**L.MARGIN_MM, **(margins_mm or {})}
    number = ('content: "— " counter(page) " —"; font: 14pt/14pt "FandolSong"; vertical-align: top;'
              " padding-top: 4.53mm;")
    pages = (f"@page :right {{ @bottom-right {{ {number} margin-right: 14pt; }} }}"
             if page_numbers else "")
    if page_numbers and page_numbers != "odd":
        pages += f"@page :left {{ @bottom-left {{ {number} margin-left: 14pt; }} }}"
    css = f"""
    @page {{ size: 210mm 297mm; margin: {m['top']}mm {m['right']}mm {m['bottom']}mm {m['left']}mm; }}
    {pages}
    html {{ font-family: "FandolFang"; font-size: 16pt; line-height: {line_pt}pt; }}
    body {{ margin: 0; orphans: 1; widows: 1; }}
    p {{ margin: 0; text-align: justify; letter-spacing: {L.CSS_LETTER_SPACING_PT}pt;
         text-indent: {L.INDENT_2C_PT}pt; }}
    .h1 {{ font-family: "FandolHei"; }}
    .flush {{ text-indent: 0; }}
    .title {{ font: 22pt/35pt "FandolSong"; text-align: center; text-indent: 0; letter-spacing: 0;
              padding-top: {blank_head_mm}mm; }}
    .right {{ text-align: right; text-indent: 0; padding-right: 64pt; }}
    """
    body = "".join(f"<p>{PARA}</p>" for _ in range(paragraphs))
    html = (f"<html><head><style>{css}</style></head><body>"
            '<p class="title">关于做好秋冬季疫情防控工作的通知</p>'
            '<p class="flush">局机关各科室、局属各单位：</p>'
            f'<p class="h1">一、指导思想</p>{body}'
            '<p class="right">2022年10月8日</p></body></html>')
    weasyprint.HTML(string=html).write_pdf(path)
    return path
