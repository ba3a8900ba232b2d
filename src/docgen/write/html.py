"""HTML writer: the Document as semantic HTML with the 公文 layout in CSS paged media.

The same markup feeds WeasyPrint (write/pdf.py) and a browser (live preview). Templates come
from the package (templates/html/) unless the project's own templates/ folder has a file of
the same name. Every number comes from docgen.layout or from the resolved fonts' metrics.
"""

from __future__ import annotations

import contextlib
import re
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import fonts as fontmod
from .. import standard as L
from ..document import (
    FACE_SLOTS,
    AttachmentNote,
    Document,
    Kind,
    Paragraph,
    Role,
    Run,
)
from ..layout import LaidOut, LaidTable, Masthead, PageBreak, SignatureBlock, SplitParagraph
from . import RenderContext, letterhead

DOC_TEMPLATE = "document.html.j2"
ISSUED_FILE = -1  # key of a 印发/转发 文件 among the file pages (attachments count from 0)
CSS_TEMPLATE = "gongwen.css.j2"
FAMILY = {Role.TITLE: "docgen-title", Role.BODY: "docgen-body", Role.HEI: "docgen-hei",
          Role.KAI: "docgen-kai", Role.PAGE_NO: "docgen-pageno"}
FALLBACK_FAMILY = "docgen-fallback"
# Generic names a browser may know when the file:// fonts are not reachable (live preview).
_BROWSER_TAIL = {Role.TITLE: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", serif',
                 Role.BODY: '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", serif',
                 Role.HEI: '"黑体", "SimHei", "STHeiti", sans-serif',
                 Role.KAI: '"楷体_GB2312", "楷体", "KaiTi", "STKaiti", serif',
                 Role.PAGE_NO: '"宋体", "SimSun", "STSong", serif'}


def project_dir(doc: Document, ctx: RenderContext) -> Path:
    """The context's project folder, else the one recorded in the document's options."""
    if ctx.project_dir and Path(ctx.project_dir) != Path("."):
        return Path(ctx.project_dir)
    return Path(doc.options.project_dir or ".")


# ---------------------------------------------------------------------------------------------
# Templates


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept across processes: compiling the document and CSS templates cost
    each new worker (and each cold `docgen build`) about 0.3 s. Jinja checks each entry against
    the template's source, so an edited template is compiled again; a cache that cannot be
    written is only skipped."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@lru_cache(maxsize=1)
def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """~/.cache/docgen/templates (next to the cut fonts), or none when it cannot be made."""
    from ..fonts.cache import cache_dir

    folder = cache_dir().parent / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _TemplateCache(str(folder))


@lru_cache(maxsize=16)
def environment(proj: str) -> jinja2.Environment:
    """Jinja environment: project templates/html/ and templates/ first, then the package's."""
    loaders: list[jinja2.BaseLoader] = []
    for sub in ("templates/html", "templates"):
        folder = Path(proj) / sub
        if folder.is_dir():
            loaders.append(jinja2.FileSystemLoader(str(folder)))
    loaders.append(jinja2.PackageLoader("docgen", "templates/html"))
    env = jinja2.Environment(loader=jinja2.ChoiceLoader(loaders),
                             bytecode_cache=_bytecode_cache(),
                             autoescape=lambda name: bool(name) and ".html" in name,
                             trim_blocks=False, lstrip_blocks=False, keep_trailing_newline=True)
    env.filters["breakable"] = breakable
    env.filters["run_text"] = run_text
    env.globals.update(block_type=block_type, para_class=para_class, run_class=run_class,
                       col_widths=col_widths, role_class=role_class,
                       number_width=number_width)
    return env


_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_QUOTE_BREAK = re.compile(f"(?<=[{_HAN}])(?=[“‘])|(?<=[”’])(?=[{_HAN}])")


def breakable(text: str) -> str:
    """Allow a line break before “ and after ” next to a hanzi, as Chinese typesetting does.

    UAX #14 (LB19) glues quotation marks to their neighbours, so "提供“冷链" cannot break
    and the line before it ends two characters short of the grid. A zero-width space marks
    the break opportunity; 避头尾 still keeps “ off a line end and ” off a line start.
    """
    return _QUOTE_BREAK.sub("\u200b", text)


_DIGITS = re.compile(r"([0-9]+)")


def run_text(r: Run) -> Markup:
    """A run's text for the page: breakable, and in a 楷体 run its Arabic digits set in the
    body face (class num), half a character wide as Word draws them in Times New Roman
    (FandolKai's are 0.555 em): a line is as wide in both writers (issue 9)."""
    text = breakable(r.text)
    if r.role is not Role.KAI:
        return Markup.escape(text)
    parts = _DIGITS.split(text)
    return Markup("").join(Markup('<span class="num">{}</span>').format(t) if i % 2 else Markup.escape(t)
                           for i, t in enumerate(parts))


def block_type(b) -> str:
    if isinstance(b, Paragraph):
        return "paragraph"
    if isinstance(b, LaidTable):
        return "table"
    if isinstance(b, AttachmentNote):
        return "attachment_note"
    if isinstance(b, SignatureBlock):
        return "signature"
    if isinstance(b, PageBreak):
        return "page_break"
    if isinstance(b, SplitParagraph):
        return "split_paragraph"
    return "unknown"


def para_class(p: Paragraph) -> str:
    if p.kind is Kind.HEADING:
        return f"heading l{p.level or 1}"
    if p.kind is Kind.ADDRESSEE:
        return "addressee"
    if p.kind is Kind.NOTE:
        return "note"
    if p.kind is Kind.ATTENDANCE:
        return "attendance"
    return "body" + (f" runin l{p.level}" if p.level else "")


def run_class(r: Run, p: Paragraph | None = None) -> str:
    """A run's font class; none for a heading's own face, which its paragraph sets (the
    template's face for the level, when it has one)."""
    if p is not None and p.kind is Kind.HEADING and r.role is fontmod.paragraph_role(p):
        return ""
    cls = []
    if r.role is Role.HEI:
        cls.append("hei")
    elif r.role is Role.KAI:
        cls.append("kai")
    return " ".join(cls)


def col_widths(t: LaidTable) -> list[float]:
    """Column widths in % of the table, as layout/tables.py decided them in pt."""
    return [100 * w / t.width_pt for w in t.widths_pt]


def role_class(role: Role) -> str:
    """The class that sets a role's font on a cell (the header's 黑体 is layout's decision)."""
    return {Role.HEI: "hei", Role.KAI: "kai"}.get(role, "")


def number_width(note: AttachmentNote) -> float:
    """Width in pt of the widest "N." of an attachment list, so every name starts aligned."""
    widest = max((L.text_width(f"{i}.") for i in range(1, len(note.names) + 1)), default=1.0)
    return widest * L.CHAR_PITCH_PT


# ---------------------------------------------------------------------------------------------
# Geometry: layout numbers plus font metrics, in the units the stylesheet uses


def family(fs: fontmod.FontSet | None, role: Role) -> str:
    """CSS family of a role: the face's PostScript name (so PDF checkers see *Fang*, *Hei*…)
    plus a suffix that no installed font has, so fontconfig can only pick our file."""
    if fs is not None and role in fs.roles:
        return f"{fs.roles[role].info.ps_name} {FAMILY[role]}"
    return FAMILY[role]


def own_family(fs: fontmod.FontSet, slot: str) -> str:
    """CSS family of the office template's own face for an element (office_template): a
    heading level (h1–h4), the 版记 or the 附件 label."""
    return f"{fs.own[slot].info.ps_name} docgen-{slot}"


def families(fs: fontmod.FontSet | None, browser: bool) -> dict[str, str]:
    out = {}
    for role in FAMILY:
        fam = family(fs, role)
        chain = f'"{fam}", "{fam}-full", "{FALLBACK_FAMILY}"'
        if browser or fs is None:
            chain += ", " + _BROWSER_TAIL[role]
        out["fam_" + {Role.TITLE: "title", Role.BODY: "body", Role.HEI: "hei", Role.KAI: "kai",
                      Role.PAGE_NO: "page_no"}[role]] = chain
    # Heading levels, 版记, 附件 label: the template's face when it has one, else the role's.
    for slot, (role, _) in FACE_SLOTS.items():
        key = {Role.HEI: "hei", Role.KAI: "kai"}.get(role, "body")
        chain = out["fam_" + key]
        if fs is not None and slot in fs.own:
            fam = own_family(fs, slot)
            chain = f'"{fam}", "{fam}-full", "{FALLBACK_FAMILY}"'
            if browser:
                chain += f', "{fs.own[slot].wanted}", ' + _BROWSER_TAIL[role]
        out[f"fam_{slot}"] = chain
    return out


def _metrics(fs: fontmod.FontSet | None, role: Role) -> tuple[float, float, tuple[float, float]]:
    """(ascent, descent, dash ink bounds) in em; CJK defaults when no font is known."""
    if fs is not None and role in fs.roles:
        info = fs.roles[role].info
        return info.ascent, info.descent, info.dash or (0.28, 0.32)
    return 0.88, 0.12, (0.28, 0.32)


def geometry(fs: fontmod.FontSet | None, browser: bool = False) -> dict:
    """Every length the stylesheet needs, derived from layout.py and the fonts' metrics."""
    line = L.LINE_PITCH_PT
    a_b, d_b, _ = _metrics(fs, Role.BODY)
    a_p, d_p, dash = _metrics(fs, Role.PAGE_NO)
    # A line box of height h holding size s puts the em-box top (as PDF readers compute it from
    # the font's descent) at s·(a+d)/2 + h/2 − s below the box top.
    docno_glyph_to_line_bottom = line / 2 - L.BODY_PT * (a_b + d_b) / 2
    # Page number: the dash's ink centre sits PAGE_NO_DASH_Y_MM from the top (7 mm below 版心).
    pn = L.PAGE_NO_PT
    baseline_in_box = pn / 2 + pn * (a_p - d_p) / 2
    dash_centre = (dash[0] + dash[1]) / 2 * pn
    pad_mm = (L.PAGE_NO_DASH_Y_MM - L.GRID_BOTTOM_MM) - (baseline_in_box - dash_centre) / L.MM_PT
    g = {
        "page_w_mm": L.PAGE_W_MM, "page_h_mm": L.PAGE_H_MM, "body_w_mm": L.BODY_W_MM,
        "margin_top_mm": L.MARGIN_MM["top"], "margin_right_mm": L.MARGIN_MM["right"],
        "margin_bottom_mm": round(L.PAGE_H_MM - L.GRID_BOTTOM_MM, 4), "margin_left_mm": L.MARGIN_MM["left"],
        "body_pt": L.BODY_PT, "line_pt": line, "ls_pt": L.CSS_LETTER_SPACING_PT,
        "indent_pt": L.INDENT_2C_PT, "char_pt": L.CHAR_PITCH_PT,
        "title_pt": L.TITLE_PT, "title_line_pt": L.TITLE_LINE_PT,
        "red": L.RED_HEX, "mark_top_mm": L.ORG_MARK_TOP_FROM_BODY_MM,
        "rule_mt_pt": L.RED_RULE_BELOW_DOCNO_MM * L.MM_PT - docno_glyph_to_line_bottom,
        "red_rule_mm": L.RED_RULE_MM, "title_mt_pt": L.TITLE_BELOW_RULE_LINES * line,
        "page_no_pt": pn, "page_no_pad_mm": pad_mm, "page_no_inset_mm": L.PAGE_NO_INSET_MM,
        "colophon_pt": L.COLOPHON_PT, "colophon_c_pt": L.COLOPHON_PT,
        "thick_mm": L.COLOPHON_THICK_MM, "thin_mm": L.COLOPHON_THIN_MM,
        "table_pt": L.TABLE_PT, "table_line_pt": L.TABLE_LINE_PT,
        "table_rule_pt": L.TABLE_RULE_PT, "table_pad_pt": L.TABLE_CELL_PAD_PT[0],
        "table_pad_x_pt": L.TABLE_CELL_PAD_PT[1],
        "att_label_pt": 3 * L.CHAR_PITCH_PT,  # "附件：" is three characters wide
    }
    g.update(families(fs, browser))
    return g


def exact_line_top_off(s: float, line_h: float, a: float, d: float) -> float:
    """How far above layout's 标志 top (the top of an exact line of size `s`, what the .docx
    writes) a CSS line box of height `line_h` must start so the baseline lands where
    LibreOffice (Word not measured) puts it: it fits a face taller than such a line by scaling
    ascent `a` and descent `d` into it, the baseline s·a/(a+d) below the line's top; the CSS
    box puts it (h − s·(a+d))/2 + s·a below its own top. Ordinary and 信函 版头 alike."""
    return (line_h - s * (a + d)) / 2 + s * a - s * a / (a + d)


def masthead_geometry(m: Masthead | None, fs: fontmod.FontSet | None) -> dict:
    """Lengths of one document's 版头 (they depend on layout's 标志 size): the spacer above the
    标志, so the top of its exact line lands at layout's top_mm, and the gap down to the 发文字号."""
    if m is None:
        return {}
    line = L.LINE_PITCH_PT
    a_t, d_t, _ = _metrics(fs, Role.TITLE)
    used = len(m.head_lines) * line
    if m.mark is None:
        spacer = L.ORG_MARK_TOP_FROM_BODY_MM * L.MM_PT
        return {"spacer_pt": max(0.0, spacer - used), "docno_mt_pt": 0.0, "used_pt": used}
    mk = m.mark
    first = mk.lines[0]
    line_h = mk.line_pt if mk.stacked else first.size_pt
    top_off = exact_line_top_off(first.size_pt, line_h, a_t, d_t)
    if m.docno_below_rule:  # 信函格式: the 标志 placed absolutely, from the 版心 top
        return {"mark_top_pt": (mk.top_mm - L.MARGIN_MM["top"]) * L.MM_PT - top_off}
    spacer = mk.top_mm * L.MM_PT - top_off
    if mk.top_from == "paper":
        spacer -= L.MARGIN_MM["top"] * L.MM_PT
    # The CSS block is len(lines) line boxes tall; layout's 标志 ends at the last em box
    # (Mark.height_pt), where the .docx ends it too: the 发文字号 starts from there.
    extra = len(mk.lines) * line_h - mk.height_pt
    return {"spacer_pt": max(0.0, spacer - used), "used_pt": used,
            "docno_mt_pt": m.docno_gap_lines * line + top_off - extra, "line_h_pt": line_h}


def office_shifts(office: letterhead.OfficeLetterhead | None,
                  fs: fontmod.FontSet | None) -> list[float]:
    """Per 版头 paragraph, how far up to move its large text so that its em box sits where
    Word puts it in the same exact line (the line's top when line and size are equal)."""
    if office is None:
        return []
    out = []
    for p in office.paragraphs:
        big = [r for r in p.runs if r.text and r.size_pt > L.BODY_PT + 0.1]
        if not big:
            out.append(0.0)
            continue
        s, h = big[0].size_pt, p.line_pt
        a, d, _ = _metrics(fs, big[0].role)
        out.append(s * (a + d) / 2 + h / 2 - s - (h - s) / 2)
    return out


def stylesheet(fs: fontmod.FontSet | None, proj: Path, browser: bool = False) -> str:
    """The rendered stylesheet (layout only; @font-face rules come from font_faces())."""
    return environment(str(proj)).get_template(CSS_TEMPLATE).render(g=geometry(fs, browser))


def _face(family: str, path: Path, ranges: frozenset[int] | None = None) -> str:
    rule = f'@font-face {{ font-family: "{family}"; src: url("{path.resolve().as_uri()}"); '
    if ranges:
        rule += "unicode-range: " + ", ".join(f"U+{cp:04X}" for cp in sorted(ranges)) + "; "
    return rule + "}"


def font_faces(fs: fontmod.FontSet) -> str:
    """@font-face rules of the cut role fonts: file:// URLs, never fontconfig's choice."""
    rules = [_face(family(fs, r), rf.cut_file()) for r, rf in fs.roles.items()]
    rules += [_face(own_family(fs, slot), rf.cut_file()) for slot, rf in sorted(fs.own.items())]
    return "\n".join(rules)


def extra_font_faces(fs: fontmod.FontSet, plan: fontmod.GlyphPlan) -> str:
    """Faces only some documents need: a role's full font, fallback fonts for rare characters."""
    rules = [_face(family(fs, r) + "-full", fs.roles[r].full_file(), cps)
             for r, cps in sorted(plan.full.items())]
    rules += [_face(own_family(fs, slot) + "-full", fs.own[slot].full_file(), cps)
              for slot, cps in sorted(plan.own_full.items())]
    rules += [_face(FALLBACK_FAMILY, fs.fallbacks[i].full_file(), cps)
              for i, cps in sorted(plan.fallback.items())]
    return "\n".join(rules)


# ---------------------------------------------------------------------------------------------
# Rendering


def build(doc: Document, ctx: RenderContext, *, css: str | None = None,
          colophon_mode: str = "flow", fs: fontmod.FontSet | None = None,
          laid: LaidOut | None = None, file_pages: dict[int, int] | None = None) -> str:
    """The document's HTML; `css` is inlined (standalone HTML), None when WeasyPrint links it.
    Renders layout's decisions (`laid`, made here when not given).

    `file_pages` (PDF): attachment index → pages of its 文件; each gets an empty placeholder
    page that write/pdf_attach.py draws the file's page on. None (HTML preview): the file is
    only named where its pages would be."""
    laid = laid or ctx.laid_out(doc)
    issued_file = bool(doc.issued and doc.issued.file)
    if issued_file and file_pages is None:
        ctx.warn(f"{doc.issued.verb}的文件 {Path(doc.issued.file).name} 只在 Word 和 PDF 文件中并入，"
                 "HTML 预览中只列出文件名")
    office = letterhead.for_document(doc) if laid.masthead is not None else None
    env = environment(str(project_dir(doc, ctx)))
    if file_pages is None:
        for att in doc.attachments:
            if att.file:
                ctx.warn(f"{att.label}的文件 {Path(att.file).name} 只在 Word 和 PDF 文件中并入，"
                         "HTML 预览中只列出文件名")
    return env.get_template(DOC_TEMPLATE).render(
        doc=doc, laid=laid, g=geometry(None), mg=masthead_geometry(laid.masthead, fs),
        office=office, oshift=office_shifts(office, fs),
        css=Markup(css) if css else None,
        colophon_mode=colophon_mode, timestamp=doc.meta.timestamp().isoformat(),
        file_pages=file_pages, last_is_file=bool(laid.last_file), file_name=lambda f: Path(f).name,
        issued_key=ISSUED_FILE)


def render(doc: Document, ctx: RenderContext) -> bytes:
    """Standalone HTML with the stylesheet and @font-face rules inlined (browser preview)."""
    proj = project_dir(doc, ctx)
    fs = fontmod.resolve(proj, doc.options.fonts)
    for notice in fs.notices:
        ctx.warn(notice)
    plan = fontmod.glyph_plan(doc, fs, strict=False, warn=ctx.warn)
    css = "\n".join(filter(None, [font_faces(fs), extra_font_faces(fs, plan),
                                  stylesheet(fs, proj, browser=True)]))
    return build(doc, ctx, css=css, fs=fs).encode("utf-8")
