"""The parts every document shares (styles, settings, footers, package plumbing).

They depend only on the font choice, so they are built once per process and per `Fonts`
value and reused: this is the "skeleton" that keeps rendering fast (rendering-notes).
"""

from __future__ import annotations

from functools import lru_cache

from ... import standard as L
from ...document import Fonts
from .xml import R_NS, W_NS, XML_HEAD, attr, border, fonts

# Style ids are ASCII (stable, safe in every client); the names users see are Chinese and
# start with 公文 so none clashes with a built-in style Word shows under a Chinese name
# (正文 = Normal, 标题 = Title, 日期 = Date, 页码 = page number …). Headings are Word's own
# heading 1–4 (ids Heading1–4): navigation pane, pandoc and mammoth see them as headings.
S_NORMAL = "Normal"
S_BODY = "GwBody"
S_HEADING = {1: "Heading1", 2: "Heading2", 3: "Heading3", 4: "Heading4"}
S_TITLE = "GwTitle"
S_ADDRESSEE = "GwAddressee"
S_SIGNATURE = "GwSignature"
S_DATE = "GwDate"
S_NOTE = "GwNote"
S_ATTACH_NOTE = "GwAttachNote"
S_COLOPHON = "GwColophon"
S_TABLE = "GwTable"
S_HEAD_LINE = "GwHeadLine"  # 份号 / 密级 / 紧急程度
S_ORG_MARK = "GwOrgMark"
S_DOC_NUMBER = "GwDocNumber"
S_RED_RULE = "GwRedRule"
S_ATTACH_LABEL = "GwAttachLabel"
S_PAGE_NO = "GwPageNo"
S_TAIL = "GwTail"  # the tiny paragraph Word needs after the final (版记) table

LINE = L.LINE_PITCH_TWIPS
PT = L.TWIPS_PER_PT
ORG_MARK_LINE_TWIPS = round(L.ORG_MARK_PT * PT)
RED_RULE_SZ = round(L.RED_RULE_MM * L.MM_PT * 8)  # border sz is in eighths of a point
THICK_SZ = round(L.COLOPHON_THICK_MM * L.MM_PT * 8)  # 8
THIN_SZ = round(L.COLOPHON_THIN_MM * L.MM_PT * 8)  # 6
PAGE_NO_INSET_TWIPS = L.ONE_C4_TWIPS


def _sz(pt: float) -> str:
    half = round(pt * 2)
    return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'


def _style(sid: str, name: str, *, based_on: str | None = S_NORMAL, next_: str | None = None,
           ppr: str = "", rpr: str = "", default: bool = False, priority: int = 1) -> str:
    """A paragraph style; `ppr`/`rpr` are inner XML already in schema order."""
    dflt = ' w:default="1"' if default else ""
    custom = 0 if sid == S_NORMAL or sid in S_HEADING.values() else 1
    out = [f'<w:style w:type="paragraph"{dflt} w:customStyle="{custom}" w:styleId="{sid}">',
           f'<w:name w:val="{attr(name)}"/>']
    if based_on:
        out.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_:
        out.append(f'<w:next w:val="{next_}"/>')
    out.append(f'<w:uiPriority w:val="{priority}"/><w:qFormat/>')
    if ppr:
        out.append(f"<w:pPr>{ppr}</w:pPr>")
    out.append(f"<w:rPr>{rpr}</w:rPr></w:style>")
    return "".join(out)


def _exact(line: int, before: int = 0) -> str:
    return f'<w:spacing w:before="{before}" w:after="0" w:line="{line}" w:lineRule="exact"/>'


OFF_GRID = '<w:snapToGrid w:val="0"/>'
NO_CONDENSE = '<w:spacing w:val="0"/>'


@lru_cache(maxsize=8)
def styles_xml(f: Fonts) -> str:
    """styles.xml: docDefaults, Normal, heading 1–4 and the 公文 styles (公文正文 …)."""
    lat = f.latin
    body, hei, kai, title = (fonts(f.body, lat), fonts(f.hei, lat), fonts(f.kai, lat),
                             fonts(f.title, lat))
    song_all = fonts(f.page_no, f.page_no)
    lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    no_indent = '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'
    body_ind = f'<w:ind w:firstLine="{L.INDENT_2C_TWIPS}"/>'
    heading_font = {1: hei, 2: kai, 3: body, 4: body}
    # Built-in headings carry bold, colour and spacing in Word's own template: say "none".
    plain = '<w:b w:val="0"/><w:bCs w:val="0"/><w:i w:val="0"/><w:iCs w:val="0"/>'
    black = '<w:color w:val="000000"/>'

    s = [
        XML_HEAD,
        f'<w:styles xmlns:w="{W_NS}" xmlns:r="{R_NS}">',
        "<w:docDefaults><w:rPrDefault><w:rPr>", body, '<w:kern w:val="0"/>', _sz(L.BODY_PT),
        lang, "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>", _exact(LINE),
        "</w:pPr></w:pPrDefault></w:docDefaults>",
        # Normal carries the grid: exact 579-twip lines, runs condensed by 0.25 pt.
        # overflowPunct off: no ，。 hanging past the type area, 28 characters a line as in
        # the PDF (docs/decisions.md: LibreOffice 7.4 reads this flag inverted).
        _style(S_NORMAL, "Normal", based_on=None, default=True, priority=0, ppr=(
            '<w:widowControl w:val="0"/><w:overflowPunct w:val="0"/>'
            '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
            + _exact(LINE) + '<w:jc w:val="both"/>'),
            rpr=body + f'<w:spacing w:val="{L.RUN_CONDENSE_TWIPS}"/>' + _sz(L.BODY_PT) + lang),
        _style(S_BODY, "公文正文", next_=S_BODY, ppr=body_ind + '<w:jc w:val="both"/>',
               rpr=body),
    ]
    for lvl in (1, 2, 3, 4):
        s.append(_style(S_HEADING[lvl], f"heading {lvl}", based_on=S_BODY, next_=S_BODY,
                        ppr=(f'<w:keepNext/>{_exact(LINE)}{body_ind}'
                             f'<w:jc w:val="both"/><w:outlineLvl w:val="{lvl - 1}"/>'),
                        rpr=heading_font[lvl] + plain + black + _sz(L.BODY_PT), priority=9))
    s += [
        _style(S_TITLE, "公文标题", next_=S_ADDRESSEE, ppr=(
            "<w:keepNext/>" + OFF_GRID + _exact(round(L.TITLE_LINE_PT * PT)) + no_indent
            + '<w:jc w:val="center"/>'), rpr=title + NO_CONDENSE + _sz(L.TITLE_PT)),
        _style(S_ADDRESSEE, "公文主送", next_=S_BODY, ppr=no_indent + '<w:jc w:val="both"/>',
               rpr=body),
        _style(S_SIGNATURE, "公文署名", next_=S_DATE, ppr='<w:keepNext/><w:jc w:val="right"/>',
               rpr=body),
        _style(S_DATE, "公文日期", next_=S_NOTE, ppr='<w:jc w:val="right"/>', rpr=body),
        _style(S_NOTE, "公文附注", based_on=S_BODY, next_=S_BODY, rpr=body),
        _style(S_ATTACH_NOTE, "公文附件说明", next_=S_ATTACH_NOTE, ppr='<w:jc w:val="left"/>',
               rpr=body),
        _style(S_COLOPHON, "公文版记", ppr=no_indent + '<w:jc w:val="left"/>',
               rpr=body + NO_CONDENSE + _sz(L.COLOPHON_PT)),
        _style(S_TABLE, "公文表格", ppr=(OFF_GRID + _exact(round(L.TABLE_LINE_PT * PT))
                                   + no_indent + '<w:jc w:val="center"/>'),
               rpr=body + NO_CONDENSE + _sz(L.TABLE_PT)),
        _style(S_HEAD_LINE, "公文版头", ppr=no_indent + '<w:jc w:val="left"/>', rpr=body),
        _style(S_ORG_MARK, "公文发文机关标志", ppr=(
            OFF_GRID + _exact(ORG_MARK_LINE_TWIPS) + no_indent + '<w:jc w:val="center"/>'),
            rpr=title + f'<w:color w:val="{L.RED_HEX}"/>' + NO_CONDENSE + _sz(L.ORG_MARK_PT)),
        _style(S_DOC_NUMBER, "公文发文字号", ppr=no_indent + '<w:jc w:val="center"/>', rpr=body),
        _style(S_RED_RULE, "公文版头分隔线", ppr=(
            "<w:pBdr>" + border("bottom", RED_RULE_SZ, L.RED_HEX) + "</w:pBdr>" + OFF_GRID
            + no_indent), rpr=body + _sz(1)),
        _style(S_ATTACH_LABEL, "公文附件标签", next_=S_TITLE, ppr=no_indent + '<w:jc w:val="left"/>',
               rpr=hei),
        _style(S_PAGE_NO, "公文页码", ppr=OFF_GRID + _exact(round(L.PAGE_NO_PT * PT)),
               rpr=song_all + NO_CONDENSE + _sz(L.PAGE_NO_PT)),
        _style(S_TAIL, "公文版记锚点", ppr=OFF_GRID + _exact(PT) + no_indent, rpr=body + _sz(1)),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        "</w:styles>",
    ]
    return "".join(s)


SETTINGS_XML = (
    XML_HEAD + f'<w:settings xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
    '<w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="420"/>'
    "<w:evenAndOddHeaders/>"  # odd pages number right, even pages left (N3)
    # Full-width punctuation keeps its full width: compression would break 28 per line.
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
    "</w:settings>"
)


@lru_cache(maxsize=16)
def footer_xml(odd: bool, f: Fonts) -> str:
    """A page-number footer: `— N —` with a PAGE field, inset one 4号 character."""
    if odd:
        ppr = (f'<w:ind w:left="0" w:right="{PAGE_NO_INSET_TWIPS}" w:firstLine="0"/>'
               '<w:jc w:val="right"/>')
    else:
        ppr = (f'<w:ind w:left="{PAGE_NO_INSET_TWIPS}" w:right="0" w:firstLine="0"/>'
               '<w:jc w:val="left"/>')

    song = fonts(f.page_no, f.page_no)  # digits too: every slot 宋体
    song_dash = fonts(f.page_no, f.page_no, hint=True)  # — is shared punctuation

    def r(inner: str) -> str:
        return f"<w:r><w:rPr>{song_dash if '—' in inner else song}</w:rPr>{inner}</w:r>"

    return (
        XML_HEAD + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f'<w:p><w:pPr><w:pStyle w:val="{S_PAGE_NO}"/>{ppr}</w:pPr>'
        + r('<w:t xml:space="preserve">— </w:t>')
        + r('<w:fldChar w:fldCharType="begin"/>')
        + r('<w:instrText xml:space="preserve"> PAGE </w:instrText>')
        + r('<w:fldChar w:fldCharType="separate"/>')
        + r("<w:t>1</w:t>")
        + r('<w:fldChar w:fldCharType="end"/>')
        + r('<w:t xml:space="preserve"> —</w:t>')
        + "</w:p></w:ftr>"
    )



@lru_cache(maxsize=8)
def font_table_xml(f: Fonts) -> str:
    """fontTable.xml: declares the official fonts as GB2312 (charset 86) faces.

    Word uses charset/family to pick a sensible substitute on machines without the font.
    """
    alt = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "方正小标宋_GBK"}
    out = [XML_HEAD, f'<w:fonts xmlns:w="{W_NS}" xmlns:r="{R_NS}">']
    seen: list[str] = []
    for name in (f.body, f.title, f.hei, f.kai, f.page_no):
        if name in seen:
            continue
        seen.append(name)
        alt_xml = f'<w:altName w:val="{attr(alt[name])}"/>' if name in alt else ""
        out.append(f'<w:font w:name="{attr(name)}">{alt_xml}<w:charset w:val="86"/>'
                   '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>')
    out.append(f'<w:font w:name="{attr(f.latin)}"><w:charset w:val="00"/>'
               '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
    out.append("</w:fonts>")
    return "".join(out)


CONTENT_TYPES_XML = (
    XML_HEAD
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
ROOT_RELS_XML = (
    XML_HEAD
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
FOOTER_ODD_RID, FOOTER_EVEN_RID, FOOTER_BLANK_RID = "rId4", "rId5", "rId6"
DOCUMENT_RELS_XML = (
    XML_HEAD
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="{FOOTER_ODD_RID}" Type="{_REL}footer" Target="footer1.xml"/>'
    f'<Relationship Id="{FOOTER_EVEN_RID}" Type="{_REL}footer" Target="footer2.xml"/>'
    f'<Relationship Id="{FOOTER_BLANK_RID}" Type="{_REL}footer" Target="footer3.xml"/>'
    "</Relationships>"
)

T = L.TWIPS


def sect_pr_xml(base: str | None = None, numbered: bool = True, new_page: bool = False) -> str:
    """A section's properties; `numbered` False: empty footers (the blank page and the 版记 page
    after it, spec N6); `new_page`: the section starts on a new page."""
    odd, even = (FOOTER_ODD_RID, FOOTER_EVEN_RID) if numbered else (FOOTER_BLANK_RID,) * 2
    return (base or SECT_PR_XML).replace(f'r:id="{FOOTER_ODD_RID}"', f'r:id="{odd}"', 1).replace(
        f'r:id="{FOOTER_EVEN_RID}"', f'r:id="{even}"', 1).replace(
        "<w:pgSz", '<w:type w:val="nextPage"/><w:pgSz' if new_page else "<w:pgSz", 1)


_AFTER_TITLE_PG = ("<w:textDirection", "<w:bidi", "<w:rtlGutter", "<w:docGrid",
                   "<w:printerSettings", "</w:sectPr>")


def first_page_blank(sect_pr: str) -> str:
    """The section with a different first page (w:titlePg) whose footer is the empty one:
    the 信函格式 shows no number on page 1 and numbers page 2 as 2 (spec S1, N4)."""
    if "<w:titlePg" in sect_pr:
        return sect_pr
    ref = f'<w:footerReference w:type="first" r:id="{FOOTER_BLANK_RID}"/>'
    at = sect_pr.index(">", sect_pr.index("<w:sectPr")) + 1
    sect_pr = sect_pr[:at] + ref + sect_pr[at:]
    at = min(i for i in (sect_pr.find(t) for t in _AFTER_TITLE_PG) if i >= 0)
    return sect_pr[:at] + "<w:titlePg/>" + sect_pr[at:]


BLANK_FOOTER_XML = (XML_HEAD + f'<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
                    f'<w:p><w:pPr><w:pStyle w:val="{S_PAGE_NO}"/></w:pPr></w:p></w:ftr>')

SECT_PR_XML = (
    "<w:sectPr>"
    f'<w:footerReference w:type="default" r:id="{FOOTER_ODD_RID}"/>'
    f'<w:footerReference w:type="even" r:id="{FOOTER_EVEN_RID}"/>'
    f'<w:pgSz w:w="{T["page_w"]}" w:h="{T["page_h"]}"/>'
    f'<w:pgMar w:top="{T["top"]}" w:right="{T["right"]}" w:bottom="{T["bottom"]}" '
    f'w:left="{T["left"]}" w:header="851" w:footer="{L.PAGE_NO_FOOTER_TWIPS}" w:gutter="0"/>'
    '<w:cols w:space="425"/>'
    f'<w:docGrid w:type="lines" w:linePitch="{LINE}"/>'
    "</w:sectPr>"
)
