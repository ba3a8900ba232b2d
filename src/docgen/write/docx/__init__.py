"""Word writer: a Document → .docx bytes laid out to GB/T 9704-2012.

The package is assembled from strings (see `xml.py`): the shared parts are cached per
font choice, only document.xml and the properties change per document, and the zip is
written with fixed timestamps and member order so identical input gives identical bytes.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ...attached import ATTACHED_BOOKMARK
from ...document import Document, Fonts
from ...errors import DocgenError
from .. import RenderContext, letterhead
from . import office as O
from . import parts as P
from . import reference
from .body import Body
from .pages import REL_IMAGE
from .xml import R_NS, W_NS, XML_HEAD, esc

ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # fixed member timestamps: byte-identical output
MEMBER_ORDER = (
    "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
    "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
    "word/settings.xml", "word/fontTable.xml", "word/footer1.xml", "word/footer2.xml",
    "word/footer3.xml",
)


def render(doc: Document, ctx: RenderContext) -> bytes:
    """The .docx file of `doc` as bytes."""
    ref = reference.for_document(doc.options.template_dir, doc.options.fonts)
    body = Body(ctx.laid_out(doc))
    office = letterhead.for_document(doc) if doc.letterhead is not None else None
    body.office = office
    body.build()
    rels, types = P.DOCUMENT_RELS_XML, P.CONTENT_TYPES_XML
    if body.pictures:
        rels = rels.replace("</Relationships>", "".join(
            f'<Relationship Id="{p.rid}" Type="{REL_IMAGE}" Target="{p.name.removeprefix("word/")}"/>'
            for p in body.pictures) + "</Relationships>")
        types = types.replace("<Override", '<Default Extension="png" ContentType="image/png"/>'
                              "<Override", 1)
    if office is not None and office.media:
        wanted = [d + "/>" for d in O.content_types(office).split("/>") if d]
        types = types.replace('<Default Extension="xml"', "".join(
            d for d in wanted if d not in types) + '<Default Extension="xml"', 1)
        rels = rels.replace("</Relationships>", O.rels(office) + "</Relationships>")
    members = {
        "[Content_Types].xml": types,
        "_rels/.rels": P.ROOT_RELS_XML,
        "docProps/core.xml": core_xml(doc),
        "docProps/app.xml": APP_XML,
        "word/document.xml": body.xml(ref.sect_pr),
        "word/_rels/document.xml.rels": rels,
        "word/styles.xml": ref.styles,
        "word/settings.xml": ref.settings,
        "word/fontTable.xml": P.font_table_xml(doc.options.fonts),
        "word/footer1.xml": ref.footer_odd,
        "word/footer2.xml": ref.footer_even,
        "word/footer3.xml": P.BLANK_FOOTER_XML,
    }
    encoded = [(name, text.encode("utf-8")) for name, text in members.items()]
    encoded += [(p.name, p.png) for p in body.pictures]
    if office is not None:
        encoded += [(f"word/media/{name}", data) for name, data in office.media]
    data = write_zip(encoded)
    if body.file_slots:
        data = _append_files(doc, data, body.file_slots, ctx)
    return data


def as_appended(data: bytes) -> bytes:
    """An attached (or 印发/转发) .docx as docgen's Word file shows it: appended with
    docxcompose to a document of docgen's own styles, settings and page set-up, without
    footers (docgen numbers the pages). attached.py converts this, not the file as it is, for
    the PDF and for layout's page count: appended, the file takes docgen's styles of the same
    name (Normal, Heading 1 …), so a file of 3 pages at Calibri 11 pt fills 8 on the 3号 grid
    in Word — the PDF and the Word file showed it differently and differed by 5 pages (issue 9)."""
    from docx import Document as open_docx
    from docxcompose.composer import Composer

    ref = reference.for_document(None, Fonts())
    members = {
        "[Content_Types].xml": P.CONTENT_TYPES_XML,
        "_rels/.rels": P.ROOT_RELS_XML,
        "docProps/core.xml": XML_HEAD + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/'
        'package/2006/metadata/core-properties"/>',
        "docProps/app.xml": APP_XML,
        "word/document.xml": XML_HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        + P.sect_pr_xml(ref.sect_pr, numbered=False) + "</w:body></w:document>",
        "word/_rels/document.xml.rels": P.DOCUMENT_RELS_XML,
        "word/styles.xml": ref.styles,
        "word/settings.xml": ref.settings,
        "word/fontTable.xml": P.font_table_xml(Fonts()),
        "word/footer1.xml": P.BLANK_FOOTER_XML,
        "word/footer2.xml": P.BLANK_FOOTER_XML,
        "word/footer3.xml": P.BLANK_FOOTER_XML,
    }
    master = open_docx(io.BytesIO(write_zip((n, t.encode("utf-8")) for n, t in members.items())))
    composer = Composer(master)
    composer.insert(0, open_docx(io.BytesIO(data)))
    out = io.BytesIO()
    composer.save(out)
    return out.getvalue()


def write_zip(members) -> bytes:
    """A deflated zip with fixed timestamps, in the order given."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def core_xml(doc: Document) -> str:
    """Core properties; every date is Meta.timestamp() (SOURCE_DATE_EPOCH or 成文日期)."""
    stamp = doc.meta.timestamp().strftime("%Y-%m-%dT%H:%M:%SZ")
    w3 = 'xsi:type="dcterms:W3CDTF"'
    return (
        XML_HEAD
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(doc.meta.title)}</dc:title>"
        f"<dc:subject>{esc(doc.meta.kind)}</dc:subject>"
        f"<dc:creator>{esc(doc.meta.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(doc.meta.author)}</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f"<cp:lastPrinted>{stamp}</cp:lastPrinted>"
        f'<dcterms:created {w3}>{stamp}</dcterms:created>'
        f'<dcterms:modified {w3}>{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP_XML = (
    XML_HEAD
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>docgen</Application><DocSecurity>0</DocSecurity></Properties>"
)


def _append_files(doc: Document, data: bytes, slots: list[tuple[int, str]],
                  ctx: RenderContext) -> bytes:
    """Insert attachment .docx files at their places (docxcompose), then re-zip stably."""
    from docx import Document as open_docx
    from docxcompose.composer import Composer

    master = open_docx(io.BytesIO(data))
    composer = Composer(master)
    body = master.element.body
    anchors = [body[i] for i, _ in slots]  # slot index = the element after the attachment
    for k, (anchor, path) in enumerate(zip(anchors, (p for _, p in slots), strict=True)):
        src = Path(path)
        if not src.is_file():
            raise DocgenError(f"找不到附件文件“{path}”，Word 文件没有生成：请检查 附件 的 文件 路径")
        at = list(body).index(anchor)
        composer.insert(at, open_docx(str(src)))
        _page_break_before(body, at)
        _mark_attached(body, at, list(body).index(anchor), k)
    out = io.BytesIO()
    composer.save(out)
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as zf:
        names = zf.namelist()
        order = [n for n in MEMBER_ORDER if n in names] + sorted(
            n for n in names if n not in MEMBER_ORDER)
        members = [(n, zf.read(n)) for n in order]
    core = core_xml(doc).encode("utf-8")  # python-docx may touch core.xml: put ours back
    return write_zip((n, core if n == "docProps/core.xml" else d) for n, d in members)


_BOOKMARK_ID = 90000  # far above the ids of bookmarks an appended file brings


def _mark_attached(body, start: int, end: int, k: int) -> None:
    """Body elements [start, end) are an appended file: put them between two hidden bookmarks
    (attached.ATTACHED_BOOKMARK)."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    mark = OxmlElement("w:bookmarkStart")
    mark.set(qn("w:id"), str(_BOOKMARK_ID + k))
    mark.set(qn("w:name"), f"{ATTACHED_BOOKMARK}{k + 1}")
    close = OxmlElement("w:bookmarkEnd")
    close.set(qn("w:id"), str(_BOOKMARK_ID + k))
    body.insert(end, close)
    body.insert(start, mark)


def _page_break_before(body, index: int) -> None:
    """The appended file starts on a page of its own, as its pages do in the PDF."""
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    first = body[index]
    if first.tag != qn("w:p"):  # a table first: an empty paragraph carries the break
        first = OxmlElement("w:p")
        body.insert(index, first)
    ppr = first.get_or_add_pPr()
    if ppr.find(qn("w:pageBreakBefore")) is None:
        brk = OxmlElement("w:pageBreakBefore")
        style = ppr.find(qn("w:pStyle"))
        keep = [ppr.find(qn(t)) for t in ("w:keepNext", "w:keepLines")]
        after = [e for e in (style, *keep) if e is not None]
        if after:
            after[-1].addnext(brk)
        else:
            ppr.insert(0, brk)
