"""PDF writer: the HTML of write/html.py laid out by WeasyPrint, 版记 anchored, bytes fixed.

Why this shape:
- One warm WeasyPrint set-up per process: one shared FontConfiguration (memory stays flat over
  hundreds of documents) and the stylesheet parsed once per font set.
- Fonts are cut, cached files given by file:// URLs (docgen.fonts), so output never depends on
  fontconfig and embedding costs milliseconds, not seconds.
- The 版记 must end on the 版心's bottom edge of the last page, on an even page when printing
  double-sided (§5.4). The first layout shows where it lands; it is then moved down in place,
  or the document is laid out once more with the 版记 on a left (even) page of its own, with a
  blank page before it and both pages unnumbered when that is needed.
- Metadata (title, author, dates from Meta.timestamp()) is fixed: same Document, same bytes.
"""

from __future__ import annotations

import io
import os
import re
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

from .. import attached
from .. import fonts as fontmod
from .. import standard as L
from ..document import Document
from ..layout import LaidOut
from . import RenderContext
from . import html as htmlw

PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS px
_lock = threading.RLock()
_state: dict = {}


# The few user-agent rules our markup needs. WeasyPrint's full HTML5 sheet (256 lines of
# selectors for forms, lists, ruby…) costs ~15 ms of cascade per document for nothing.
UA_CSS = """
head, title, meta, style, link, script, [hidden] { display: none }
html, body, main, header, footer, section, div, p, h1, h2, h3, h4, h5, h6 { display: block }
table { display: table; box-sizing: border-box; border-collapse: separate; text-indent: initial }
colgroup { display: table-column-group } col { display: table-column }
thead { display: table-header-group } tbody { display: table-row-group }
tfoot { display: table-footer-group } tr { display: table-row }
td, th { display: table-cell; vertical-align: inherit }
thead, tbody, tfoot, tr { vertical-align: middle }
b, strong { font-weight: bold } i, em { font-style: italic }
br::before { content: "\\A"; white-space: pre-line }
h1 { bookmark-level: 1 } h2 { bookmark-level: 2 }
h1, h2 { bookmark-label: content(text) }
"""


_VOID = re.compile(r"<(meta|col|br|img|hr|link|input|wbr|area|base|embed|source|track)\b"
                   r"([^<>]*?)/?>")
_NL_IN_TAG = re.compile(r"<[^<>]*\n[^<>]*>")


def fast_tree(source: str):
    """docgen's own markup parsed by expat (C) instead of tinyhtml5 (pure Python, about 12 ms
    of a batch unit), shaped as the HTML5 parser shapes it; None when the source holds
    anything the two would read differently (the HTML5 parser then reads it).

    Our template writes complete, escaped markup; what differs is fixed here: void elements,
    whitespace before <head> (dropped) and after </body> (the body's). A newline inside a tag
    (XML turns one in an attribute value into a space), a carriage return, tab, form feed or
    NUL, an HTML-only entity, a missing end tag or markup after </html> gives None.
    tests/test_pdf_parse.py compares both trees for every example plan and corpus plans."""
    if any(c in source for c in "\r\t\x0c\x00") or _NL_IN_TAG.search(source):
        return None
    end = source.rfind("</html>")
    if end < 0 or source[end + len("</html>"):].strip():
        return None
    try:
        root = ET.fromstring(_VOID.sub(r"<\1\2/>", source))
    except ET.ParseError:
        return None
    if (root.tag != "html" or (root.text or "").strip() or len(root) != 2
            or root[0].tag != "head" or root[1].tag != "body"):
        return None
    root.text = None  # the HTML5 parser drops whitespace before <head>
    body = root[1]
    trailing = (body.tail or "") + source[end + len("</html>"):]
    body.tail = None  # … and puts whitespace after </body> and </html> at the body's end
    if trailing:
        if len(body):
            body[-1].tail = (body[-1].tail or "") + trailing
        else:
            body.text = (body.text or "") + trailing
    return root


def _own_template(proj: Path) -> bool:
    """True when the document markup comes from docgen's template, not a project's own."""
    name = htmlw.environment(str(proj)).get_template(htmlw.DOC_TEMPLATE).filename or ""
    return Path(name).resolve().is_relative_to(_PACKAGE_TEMPLATES)


_PACKAGE_TEMPLATES = (Path(__file__).resolve().parent.parent / "templates").resolve()


def _zlib_default_level() -> None:
    """pydyf compresses streams at zlib level 9: a fifth of the render time for font data that
    level 6 (zlib's default) packs within 1 %. Output stays deterministic."""
    import types
    import zlib

    import pydyf

    pydyf.zlib = types.SimpleNamespace(
        compress=zlib.compress,
        compressobj=lambda level=6, *args, **kw: zlib.compressobj(min(level, 6), *args, **kw))


def _weasy():
    """Import WeasyPrint, install the CJK justification patch, make the shared font config."""
    if "font_config" not in _state:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        from . import cjk_justify, pdf_reuse, synthetic_faces

        cjk_justify.install()
        synthetic_faces.install()
        pdf_reuse.install()
        _zlib_default_level()
        fc = FontConfiguration()
        ua = weasyprint.CSS(string=UA_CSS, font_config=fc)

        import cssselect2
        from weasyprint.urls import URLFetcher

        class LeanHTML(weasyprint.HTML):
            """HTML with docgen's small user-agent sheet (WeasyPrint 70 `_ua_stylesheets`),
            parsed by fast_tree() when it can be (the rest as `HTML.__init__` does it)."""

            def __init__(self, string: str, base_url: str, fast: bool = False):
                root = fast_tree(string) if fast else None
                if root is None:
                    super().__init__(string=string, base_url=base_url)
                    return
                self.base_url = weasyprint._find_base_url(root, base_url)
                self.url_fetcher = URLFetcher()
                self.media_type = "print"
                self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                    root, content_language=None)
                self.etree_element = self.wrapper_element.etree_element

            def _ua_stylesheets(self, forms=False):
                return [ua]

        _state.update(weasyprint=weasyprint, font_config=fc, css={}, html=LeanHTML)
        os.register_at_fork(after_in_child=_own_font_folder)
    return _state["weasyprint"], _state["font_config"]


def _own_font_folder() -> None:
    """In a forked worker: write @font-face files to a folder of its own. WeasyPrint skips a
    face whose file is already in its folder; after prime() the folder is the parent's, shared,
    and a face another worker wrote there is not in this worker's fontconfig."""
    _state["font_config"]._folder = None


def _stylesheets(fs: fontmod.FontSet, plan: fontmod.GlyphPlan, proj: Path) -> list:
    """Parsed stylesheets, cached: base (fonts + layout) per font set, extras per glyph plan."""
    weasyprint, fc = _weasy()
    cache = _state["css"]
    # The base sheet is a function of the font set and the stylesheet template: look it up
    # by those (the template object changes when its file does) before rendering it again.
    template = htmlw.environment(str(proj)).get_template(htmlw.CSS_TEMPLATE)
    known = cache.get(("for", id(fs), str(proj), template))
    if known is not None and known[0] is fs:
        sheets = [known[1]]
    else:
        base_css = htmlw.font_faces(fs) + "\n" + htmlw.stylesheet(fs, proj)
        key = ("base", base_css)
        if key not in cache:
            cache[key] = weasyprint.CSS(string=base_css, font_config=fc)
        cache[("for", id(fs), str(proj), template)] = (fs, cache[key])  # fs kept: id stays its
        sheets = [cache[key]]
    if not plan.empty:
        extra = htmlw.extra_font_faces(fs, plan)
        if ("extra", extra) not in cache:
            cache[("extra", extra)] = weasyprint.CSS(string=extra, font_config=fc)
        sheets.append(cache[("extra", extra)])
    return sheets


# A page that draws one character in every role face (the page number included): laid out and
# written once by prime(), it loads what the first real document would load in each worker.
PRIMER = ('<html><body><main><h1 class="title">一</h1><p class="body">一<span class="hei">一</span>'
          '<span class="kai">一</span></p></main></body></html>')


def prime(doc: Document, ctx: RenderContext) -> None:
    """Load, before a pool forks its workers, what each worker's first document would load
    (the project's fonts, parsed stylesheets, HarfBuzz faces): they inherit it instead of each
    paying for it. Renders only PRIMER, never the document; output is not affected."""
    proj = htmlw.project_dir(doc, ctx)
    fs = fontmod.resolve(proj, doc.options.fonts)
    plan = fontmod.glyph_plan(doc, fs, strict=False)
    with _lock:
        weasyprint, fc = _weasy()
        sheets = _stylesheets(fs, plan, proj)
        primer = _state["html"](string=PRIMER, base_url=str(proj.resolve()) + "/")
        primer.render(stylesheets=sheets, font_config=fc, pdf_tags=True).write_pdf(
            io.BytesIO(), uncompressed_pdf=False, pdf_tags=True)


def _layout(doc: Document, ctx: RenderContext, sheets: list, proj: Path, mode: str,
            fs: fontmod.FontSet | None = None, laid: LaidOut | None = None,
            file_pages: dict[int, int] | None = None):
    weasyprint, fc = _weasy()
    source = htmlw.build(doc, ctx, colophon_mode=mode, fs=fs, laid=laid,
                         file_pages=file_pages or {})
    return _state["html"](string=source, base_url=str(proj.resolve()) + "/",
                          fast=_own_template(proj)).render(
        stylesheets=sheets, font_config=fc, pdf_tags=True)


def _find_colophon(wdoc) -> tuple[int, object] | None:
    """(page index, box) of the first fragment of the 版记 block."""
    for i, page in enumerate(wdoc.pages):
        for box in page._page_box.descendants():
            el = getattr(box, "element", None)
            if el is not None and el.tag == "footer" and "colophon" in el.get("class", ""):
                return i, box
    return None


def _top_of_content(page) -> float:
    return page._page_box.content_box_y()


def place_colophon(doc: Document, ctx: RenderContext, sheets: list, proj: Path,
                   fs: fontmod.FontSet | None = None, laid: LaidOut | None = None,
                   file_pages: dict[int, int] | None = None):
    """Lay out with the 版记 where layout decided (laid.pages), the same place as in the Word
    file; fall back to measuring when the model cannot tell or WeasyPrint disagrees."""
    pages = laid.pages if laid is not None else None
    if doc.colophon is None or pages is None:
        return measure_colophon(doc, ctx, sheets, proj, fs, laid, file_pages)
    if pages.colophon == "bottom":
        mode = "flow"
    elif pages.blank_before:
        mode = "page"
    else:
        mode = "left" if doc.options.double_sided else "next"
    wdoc = _layout(doc, ctx, sheets, proj, mode, fs, laid, file_pages)
    found = _find_colophon(wdoc)
    want = pages.total - 1  # 0-based page of the 版记
    if found is not None and found[0] == want == len(wdoc.pages) - 1:
        index, box = found
        pushed = abs(box.position_y - _top_of_content(wdoc.pages[index])) < 0.5
        if pages.colophon != "bottom" or not pushed:
            _sink(wdoc.pages[index], box)
            return wdoc
    got = found[0] + 1 if found is not None else 0
    ctx.warn(f"版记：排版模型定在第 {want + 1} 页，PDF 实际排在第 {got} 页；PDF 按实际分页放置，"
             "Word 文件的版记位置可能与 PDF 不同。")
    return measure_colophon(doc, ctx, sheets, proj, fs, laid, file_pages)


def measure_colophon(doc: Document, ctx: RenderContext, sheets: list, proj: Path,
                     fs: fontmod.FontSet | None = None, laid: LaidOut | None = None,
                     file_pages: dict[int, int] | None = None):
    """Lay out, then put the 版记 at the bottom of the right page (two passes at most)."""
    wdoc = _layout(doc, ctx, sheets, proj, "flow", fs, laid, file_pages)
    if doc.colophon is None:
        return wdoc
    found = _find_colophon(wdoc)
    if found is None:
        return wdoc
    index, box = found
    pushed = abs(box.position_y - _top_of_content(wdoc.pages[index])) < 0.5
    on_last = index == len(wdoc.pages) - 1
    even = (index + 1) % 2 == 0
    if on_last and (even or not doc.options.double_sided):
        _sink(wdoc.pages[index], box)
        return wdoc
    # 版记 on an even page of its own. A blank page before it: neither page is numbered (N6).
    body_last = index if pushed else index + 1  # 1-based number of the last body page
    mode = "page" if body_last % 2 == 0 else "left"
    wdoc = _layout(doc, ctx, sheets, proj, mode, fs, laid, file_pages)
    found = _find_colophon(wdoc)
    if found is not None:
        _sink(wdoc.pages[found[0]], found[1])
    return wdoc


def _sink(page, box) -> None:
    """Move the 版记 down so its last rule's bottom lies on the 版心's bottom edge (262 mm).

    Backgrounds (the rules are filled blocks) are positioned at layout time, so they are
    laid out again for the moved box."""
    from weasyprint.layout.background import layout_box_backgrounds

    bottom = box.position_y + box.margin_height()
    target = L.BODY_BOX_MM[3] * PX_PER_MM
    if target - bottom > 0.01:
        box.translate(dy=target - bottom)
        layout_box_backgrounds(page._page_box, box, lambda **_: None)


def render(doc: Document, ctx: RenderContext) -> bytes:
    """The PDF bytes of one document; DocgenError for a character no font can draw."""
    proj = htmlw.project_dir(doc, ctx)
    fs = fontmod.resolve(proj, doc.options.fonts)
    for notice in fs.notices:
        ctx.warn(notice)
    plan = fontmod.glyph_plan(doc, fs, strict=True)
    files = {i: attached.pages(a) for i, a in enumerate(doc.attachments) if a.file}
    if doc.issued is not None and doc.issued.file:  # 印发/转发 a .docx/.pdf: before the 附件
        files[htmlw.ISSUED_FILE] = attached.issued_pages(doc.issued)
    with _lock:
        sheets = _stylesheets(fs, plan, proj)
        wdoc = place_colophon(doc, ctx, sheets, proj, fs, ctx.laid_out(doc),
                              {i: f.count for i, f in files.items()})
        slots = _file_slots(wdoc, files)
        out = io.BytesIO()
        options = {"uncompressed_pdf": False, "pdf_tags": True}
        if ctx.pdf_variant:
            options["pdf_variant"] = ctx.pdf_variant
        wdoc.write_pdf(out, **options)
    if not files:
        return out.getvalue()
    from .pdf_attach import draw_files

    return draw_files(out.getvalue(), slots)


def _file_slots(wdoc, files: dict) -> list:
    """Which laid-out page shows which page of which attachment file (placeholder pages)."""
    from .pdf_attach import Slot

    if not files:
        return []
    slots = []
    for i, page in enumerate(wdoc.pages):
        for box in page._page_box.descendants():
            el = getattr(box, "element", None)
            if el is not None and el.tag == "div" and el.get("class") == "att-file-page":
                slots.append(Slot(i, files[int(el.get("data-att"))], int(el.get("data-page"))))
                break
    shown = {(id(s.file), s.page_no) for s in slots}
    wanted = {(id(f), n) for f in files.values() for n in range(f.count)}
    assert shown == wanted, "every attached page has a placeholder page of its own"
    return slots
