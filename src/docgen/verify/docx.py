"""GB/T 9704 checks of any .docx, read as raw OOXML with lxml.

Run properties are resolved the way Word does (docDefaults → paragraph style chain →
character style chain → direct formatting) because python-docx's `run.font` only shows
direct formatting and would miss a bold heading style or a 580-twip Normal style.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import standard as L
from ..attached import ATTACHED_BOOKMARK
from . import double_rule
from .findings import (
    LETTER_PAGE_ONE,
    N4_CRITERION,
    Finding,
    failed,
    fmt_list,
    fmt_mm,
    judge,
    passed,
    skipped,
)
from .patterns import (
    ATTACH_LABEL,
    COLOPHON_LINE,
    DATE_LOOSE,
    DATE_STRICT,
    DOCNO_LOOSE,
    DOCNO_STRICT,
    FONT_ACCEPT,
    HEI_LEAD,
    SECRECY,
    URGENCY,
    has_cjk,
    heading_level,
    lead_end,
    numbered_body,
)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def wattr(el: etree._Element | None, name: str) -> str | None:
    return None if el is None else el.get(q(name))


def on(el: etree._Element | None) -> bool | None:
    """Value of an OOXML on/off element: None when absent."""
    if el is None:
        return None
    return wattr(el, "val") not in ("0", "false", "off", "none")


def to_int(value: str | None) -> int | None:
    try:
        return None if value is None else int(float(value))
    except ValueError:
        return None


TW_MM = L.TWIPS_PER_MM
TOL_TW = round(L.POSITION_TOL_MM * TW_MM)  # ±1 mm in twips (57)
TOL_MM = L.POSITION_TOL_MM
TOP_RANGE = (math.ceil((L.MARGIN_MM["top"] - L.POSITION_TOL_MM) * TW_MM),
             math.floor((L.MARGIN_MM["top"] + L.POSITION_TOL_MM) * TW_MM))  # 2041–2154
LEFT_RANGE = (math.ceil((L.MARGIN_MM["left"] - L.POSITION_TOL_MM) * TW_MM),
              math.floor((L.MARGIN_MM["left"] + L.POSITION_TOL_MM) * TW_MM))  # 1531–1644
BODY_H_TWIPS = L.TWIPS["page_h"] - L.TWIPS["top"] - L.TWIPS["bottom"]  # 12756
INSET_RANGE = tuple(round(mm * TW_MM) for mm in L.PAGE_NO_INSET_MM_OK)  # 255–340


def border_sz_range(mm: float) -> tuple[int, int]:
    """Accepted Word border w:sz (eighths of a point) for a rule of `mm` thickness."""
    tol = L.COLOPHON_RULE_DOCX_TOL_MM
    return (math.ceil((mm - tol) * L.MM_PT * 8), math.floor((mm + tol) * L.MM_PT * 8))


THICK_SZ, THIN_SZ = border_sz_range(L.COLOPHON_THICK_MM), border_sz_range(L.COLOPHON_THIN_MM)
BODY_SZ, TITLE_SZ, COLOPHON_SZ, PAGE_NO_SZ = (
    int(L.BODY_PT * 2), int(L.TITLE_PT * 2), int(L.COLOPHON_PT * 2), int(L.PAGE_NO_PT * 2))


# ----------------------------------------------------------------------------------------
# Property resolution


def merge_rpr(props: dict, rpr: etree._Element | None) -> dict:
    """Overlay one rPr level on inherited properties (attribute-wise for rFonts)."""
    if rpr is None:
        return props
    out = dict(props)
    for child in rpr:
        name = etree.QName(child).localname
        if name == "rFonts":
            fonts = dict(out.get("rFonts", {}))
            for attr, val in child.attrib.items():
                key = etree.QName(attr).localname
                fonts[key] = val
                # an explicit name at this level replaces an inherited theme font and back
                other = key[:-5] if key.endswith("Theme") else key + "Theme"
                if other in fonts and other not in {etree.QName(a).localname for a in child.attrib}:
                    del fonts[other]
            out["rFonts"] = fonts
        elif name in ("sz", "spacing"):
            val = to_int(wattr(child, "val"))
            if val is not None:
                out[name] = val
        elif name in ("b", "i"):
            out[name] = on(child)
        elif name == "color":
            out["color"] = (wattr(child, "val") or "auto").upper()
    return out


def merge_ppr(props: dict, ppr: etree._Element | None) -> dict:
    """Overlay one pPr level: spacing and ind attribute-wise, jc, snapToGrid, borders."""
    if ppr is None:
        return props
    out = dict(props)
    for child in ppr:
        name = etree.QName(child).localname
        if name in ("spacing", "ind"):
            merged = dict(out.get(name, {}))
            merged.update({etree.QName(a).localname: v for a, v in child.attrib.items()})
            out[name] = merged
        elif name == "jc":
            out["jc"] = wattr(child, "val")
        elif name == "snapToGrid":
            out["snapToGrid"] = on(child)
        elif name == "pageBreakBefore":
            out["pageBreakBefore"] = on(child)
        elif name == "tabs":
            out["_tabs"] = [(wattr(t, "val"), to_int(wattr(t, "pos")) or 0) for t in child]
        elif name == "framePr":
            out["framePr"] = {etree.QName(a).localname: v for a, v in child.attrib.items()}
        elif name == "pBdr":
            borders = dict(out.get("pBdr", {}))
            for side in child:
                borders[etree.QName(side).localname] = dict(
                    {etree.QName(a).localname: v for a, v in side.attrib.items()})
            out["pBdr"] = borders
    return out


class Styles:
    """styles.xml: docDefaults and the basedOn chains of paragraph and character styles."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.rpr_default: dict = {}
        self.ppr_default: dict = {}
        if root is None:
            return
        for st in root.iter(q("style")):
            sid = wattr(st, "styleId")
            if sid:
                self.by_id[sid] = st
                if wattr(st, "type") == "paragraph" and wattr(st, "default") in ("1", "true", "on"):
                    self.default_para = sid
        defaults = root.find(q("docDefaults"))
        if defaults is not None:
            self.rpr_default = merge_rpr({}, defaults.find(f"{q('rPrDefault')}/{q('rPr')}"))
            self.ppr_default = merge_ppr({}, defaults.find(f"{q('pPrDefault')}/{q('pPr')}"))

    def chain(self, style_id: str | None) -> list[etree._Element]:
        """Styles from the root of the basedOn chain down to `style_id`."""
        out: list[etree._Element] = []
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            st = self.by_id[style_id]
            out.append(st)
            style_id = wattr(st.find(q("basedOn")), "val")
        return out[::-1]

    def para_props(self, style_id: str | None) -> tuple[dict, dict]:
        """(pPr, rPr) a paragraph of this style gets before direct formatting."""
        ppr, rpr = dict(self.ppr_default), dict(self.rpr_default)
        for st in self.chain(style_id or self.default_para):
            ppr = merge_ppr(ppr, st.find(q("pPr")))
            rpr = merge_rpr(rpr, st.find(q("rPr")))
        return ppr, rpr

    def run_props(self, base: dict, style_id: str | None) -> dict:
        for st in self.chain(style_id):
            base = merge_rpr(base, st.find(q("rPr")))
        return base


# ----------------------------------------------------------------------------------------
# Paragraphs


@dataclass
class RunInfo:
    text: str
    props: dict
    start: int  # offset in the paragraph text


@dataclass
class Para:
    """A paragraph of the main flow (tables and text boxes are not read) with resolved props."""

    index: int  # 1-based position among main-flow paragraphs
    text: str
    runs: list[RunInfo]
    ppr: dict
    section: int
    cls: str = "body"  # letterhead/org_mark/docno/title/attach_label/attach_title/colophon/body
    field_text: str = ""  # text with fields replaced by {PAGE} etc. (footers)
    table: etree._Element | None = None  # the 版记 table this paragraph sits in, if any

    @property
    def red(self) -> bool:
        return any(is_red(r.props.get("color")) for r in self.runs if r.text.strip())

    @property
    def centred(self) -> bool:
        return self.ppr.get("jc") == "center"

    def where(self) -> str:
        snippet = self.text.strip()[:12]
        return f"第 {self.index} 段「{snippet}」"


def is_red(color: str | None) -> bool:
    if not color or len(color) != 6:
        return False
    try:
        r, g, b = (int(color[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return False
    return r >= 204 and g <= 77 and b <= 77


def is_black(color: str | None) -> bool:
    return color in (None, "AUTO", "000000")


RUN_PATHS = ("r", "hyperlink/w:r", "ins/w:r", "smartTag/w:r", "fldSimple/w:r",
             "sdt/w:sdtContent/w:r", "customXml/w:r")


def read_runs(p: etree._Element, styles: Styles, rbase: dict) -> tuple[list[RunInfo], str]:
    """Runs of a paragraph with effective props, and the text with fields marked {NAME}."""
    runs: list[RunInfo] = []
    offset = 0
    marked: list[str] = []
    in_field = 0  # nesting depth of complex fields; result text is replaced by the marker
    instr: list[str] = []
    elements = p.xpath("./w:r | ./w:hyperlink/w:r | ./w:ins/w:r | ./w:smartTag/w:r"
                       " | ./w:fldSimple | ./w:sdt/w:sdtContent/w:r | ./w:customXml/w:r",
                       namespaces={"w": W})
    for el in elements:
        if el.tag == q("fldSimple"):
            marked.append("{" + (wattr(el, "instr") or "").split()[0].upper() + "}"
                          if (wattr(el, "instr") or "").split() else "")
            for r in el.iter(q("r")):
                text = run_text(r)
                props = styles.run_props(rbase, wattr(r.find(f"{q('rPr')}/{q('rStyle')}"), "val"))
                props = merge_rpr(props, r.find(q("rPr")))
                runs.append(RunInfo(text, props, offset))
                offset += len(text)
            continue
        r = el
        props = styles.run_props(rbase, wattr(r.find(f"{q('rPr')}/{q('rStyle')}"), "val"))
        props = merge_rpr(props, r.find(q("rPr")))
        for fc in r.iter(q("fldChar")):
            kind = wattr(fc, "fldCharType")
            if kind == "begin":
                in_field += 1
                instr = []
            elif kind == "separate" and in_field:
                words = "".join(instr).split()
                marked.append("{" + words[0].upper() + "}" if words else "")
                in_field = -in_field  # in the result part
            elif kind == "end":
                if in_field > 0:  # field without separate: still mark it
                    words = "".join(instr).split()
                    marked.append("{" + words[0].upper() + "}" if words else "")
                in_field = 0
        for it in r.iter(q("instrText")):
            instr.append(it.text or "")
        text = run_text(r)
        runs.append(RunInfo(text, props, offset))
        offset += len(text)
        if in_field == 0:
            marked.append(text)
    return runs, "".join(marked)


def run_text(r: etree._Element) -> str:
    parts = []
    for child in r:
        name = etree.QName(child).localname
        if name == "t":
            parts.append(child.text or "")
        elif name == "tab":
            parts.append("\t")
        elif name in ("br", "cr"):
            parts.append("\n")
    return "".join(parts)


def read_paragraph(p: etree._Element, styles: Styles, index: int, section: int) -> Para:
    ppr_el = p.find(q("pPr"))
    ppr, rbase = styles.para_props(wattr(ppr_el.find(q("pStyle")) if ppr_el is not None
                                         else None, "val"))
    ppr = merge_ppr(ppr, ppr_el)
    runs, marked = read_runs(p, styles, rbase)
    text = "".join(r.text for r in runs)
    para = Para(index, text, runs, ppr, section, field_text=marked)
    para.ppr["_rbase"] = rbase  # paragraph-level run props, for empty paragraphs
    return para


# ----------------------------------------------------------------------------------------
# Package


@dataclass
class Package:
    """The parts of a .docx the checks need."""

    document: etree._Element
    styles: Styles
    settings: etree._Element | None
    parts: dict[str, bytes]
    rels: dict[str, str]  # rId → part name (word/footer1.xml)
    sections: list[etree._Element] = field(default_factory=list)
    paras: list[Para] = field(default_factory=list)
    attached_paras: int = 0  # paragraphs of appended .docx files, left unjudged

    @classmethod
    def open(cls, path: Path) -> Package:
        with zipfile.ZipFile(path) as zf:
            parts = {n: zf.read(n) for n in zf.namelist() if n.endswith((".xml", ".rels"))}
        parse = lambda name: etree.fromstring(parts[name]) if name in parts else None  # noqa: E731
        document = parse("word/document.xml")
        if document is None:
            raise ValueError("不是 Word 文档：缺少 word/document.xml")
        rels: dict[str, str] = {}
        rel_root = parse("word/_rels/document.xml.rels")
        if rel_root is not None:
            for rel in rel_root:
                target = rel.get("Target", "")
                if rel.get("TargetMode") != "External":
                    rels[rel.get("Id", "")] = posixpath.normpath(
                        target.lstrip("/") if target.startswith("/") else "word/" + target)
        pkg = cls(document, Styles(parse("word/styles.xml")), parse("word/settings.xml"),
                  parts, rels)
        pkg._read_body()
        return pkg

    def _read_body(self) -> None:
        body = self.document.find(q("body"))
        if body is None:
            return
        section = 0
        attached: set[str] = set()  # ids of open docgen bookmarks around an appended file

        def walk(parent: etree._Element) -> None:
            nonlocal section
            for child in parent:
                if child.tag == q("bookmarkStart") and \
                        (child.get(q("name")) or "").startswith(ATTACHED_BOOKMARK):
                    attached.add(child.get(q("id")) or "")
                elif child.tag == q("bookmarkEnd"):
                    attached.discard(child.get(q("id")) or "")
                elif child.tag == q("p"):
                    if attached:  # an appended file's own content: not judged
                        self.attached_paras += 1
                    else:
                        self.paras.append(read_paragraph(child, self.styles, len(self.paras) + 1,
                                                         section))
                    sect = child.find(f"{q('pPr')}/{q('sectPr')}")
                    if sect is not None:
                        self.sections.append(sect)
                        section += 1
                elif child.tag == q("tbl") and not attached:
                    # a 版记 is often a one-column table; read it, leave other tables alone
                    text = "".join(t.text or "" for t in child.iter(q("t")))
                    if re.search(r"抄送[：:]|日\s*印发", text):
                        for p in child.iter(q("p")):
                            para = read_paragraph(p, self.styles, len(self.paras) + 1, section)
                            para.table = child
                            self.paras.append(para)
                elif child.tag == q("sdt"):
                    content = child.find(q("sdtContent"))
                    if content is not None:
                        walk(content)
                elif child.tag == q("sectPr"):
                    self.sections.append(child)

        walk(body)

    def part(self, rid: str | None) -> etree._Element | None:
        name = self.rels.get(rid or "")
        return etree.fromstring(self.parts[name]) if name in self.parts else None

    def setting(self, name: str) -> bool:
        return bool(self.settings is not None and on(self.settings.find(q(name))))


# ----------------------------------------------------------------------------------------
# Classification


def classify(paras: list[Para]) -> None:
    """Mark 版头, 标题, 附件, 版记 paragraphs; everything else with text stays body."""
    texts = [p for p in paras if p.text.strip()]
    title_start = None
    for p in texts:
        t = p.text.strip()
        if p.centred and not p.red and not DOCNO_LOOSE.search(t) and "签发人" not in t:
            title_start = p
            break
    if title_start is not None:
        for p in texts:
            if p.index >= title_start.index:
                break
            t = p.text.strip()
            p.cls = ("org_mark" if p.red else "docno" if DOCNO_LOOSE.search(t) else "letterhead")
        in_title = True
        for p in paras:
            if p.index < title_start.index:
                continue
            if in_title and p.text.strip() and p.centred and not p.red:
                p.cls = "title"
                continue
            in_title = False
            break
    after_label = False
    for p in texts:
        if p.cls != "body":
            continue
        t = p.text.strip()
        if p.ppr.get("pageBreakBefore") and p.centred and not p.red:
            p.cls = "attach_title"  # a part's title heading its own page (印发通知's issued plan)
            continue
        if ATTACH_LABEL.match(t):
            p.cls, after_label = "attach_label", True
            continue
        if after_label and p.centred:
            p.cls = "attach_title"
            continue
        after_label = False
        if COLOPHON_LINE.search(t):
            p.cls = "colophon"


def signer_names(p: Para, run: RunInfo) -> bool:
    """A run of 签发人 names: after the 签发人： label, or after the tab that ends the 发文字号
    on a later signer line (two names a line, spec H6)."""
    label = p.text.find("签发人：")
    if label >= 0:
        return run.start >= label + 4 and bool(run.text.strip())
    docno = DOCNO_LOOSE.search(p.text)
    tab = p.text.rfind("\t")
    return docno is not None and tab > docno.end() - 1 and run.start > tab and bool(run.text.strip())


def run_role(p: Para, run: RunInfo) -> str:
    """Font role a run should have: 正文 (仿宋), 黑体, 楷体 or 标题."""
    t = p.text.lstrip()
    if p.cls in ("title", "attach_title"):
        return "标题"
    if p.cls == "attach_label":
        return "黑体"
    if p.cls == "letterhead" and (SECRECY.match(t) or URGENCY.match(t)):
        return "黑体"
    if p.cls in ("docno", "letterhead") and signer_names(p, run):
        return "楷体"  # H6: 签发人 names in 楷体 (the label and the 发文字号 仿宋)
    level = heading_level(t)
    shift = len(p.text) - len(t)
    if level in (1, 2) and run.start - shift < lead_end(t) and not numbered_body(
            t, {r.props.get("rFonts", {}).get("eastAsia") for r in p.runs if r.text.strip()}):
        return L.HEADING_ROLE[level]
    m = HEI_LEAD.match(t)
    if m and run.start - shift < m.end():
        return "黑体"
    return "正文"


# ----------------------------------------------------------------------------------------
# Checks


def check_page(pkg: Package) -> list[Finding]:
    """P1–P4 for every section."""
    p1, p2, p3, p4 = [], [], [], []
    first = None
    for n, sect in enumerate(pkg.sections, 1):
        pg, mar = sect.find(q("pgSz")), sect.find(q("pgMar"))
        w, h = to_int(wattr(pg, "w")), to_int(wattr(pg, "h"))
        top, bottom = to_int(wattr(mar, "top")), to_int(wattr(mar, "bottom"))
        left, right = to_int(wattr(mar, "left")), to_int(wattr(mar, "right"))
        landscape = wattr(pg, "orient") == "landscape"
        if landscape and w and h:
            w, h = h, w
        where = f"第 {n} 节"
        first = first or (w, h, top, bottom, left, right)
        if w is None or h is None or abs(w - L.TWIPS["page_w"]) > L.PAGE_SIZE_TOL_TWIPS or \
                abs(h - L.TWIPS["page_h"]) > L.PAGE_SIZE_TOL_TWIPS:
            p1.append(f"{where} {w}×{h} twips")
        top = abs(top) if top is not None else None
        bottom = abs(bottom) if bottom is not None else None
        if top is None or not TOP_RANGE[0] <= top <= TOP_RANGE[1]:
            p2.append(f"{where} 上边距 {top} twips（{(top or 0) / TW_MM:.1f} mm）")
        if left is None or not LEFT_RANGE[0] <= left <= LEFT_RANGE[1]:
            p3.append(f"{where} 左边距 {left} twips（{(left or 0) / TW_MM:.1f} mm）")
        if None in (w, h, top, bottom, left, right):
            p4.append(f"{where} 缺少页边距")
            continue
        bw, bh = w - left - right, h - top - bottom
        if abs(bw - L.BODY_W_TWIPS) > TOL_TW or abs(bh - BODY_H_TWIPS) > TOL_TW:
            p4.append(f"{where} 版心 {bw / TW_MM:.1f}×{bh / TW_MM:.1f} mm（{bw}×{bh} twips）")
    if first is None:
        return [skipped(r, "文档没有节属性 sectPr") for r in ("P1", "P2", "P3", "P4")]
    w, h, top, bottom, left, right = first
    return [
        judge(not p1, "P1", fmt_list(p1) or f"{w}×{h} twips",
              f"A4 210×297 mm（{L.TWIPS['page_w']}×{L.TWIPS['page_h']} twips ±{L.PAGE_SIZE_TOL_TWIPS}）"),
        judge(not p2, "P2", fmt_list(p2) or f"{top} twips（{(top or 0) / TW_MM:.1f} mm）",
              f"{L.MARGIN_MM['top']}±{L.POSITION_TOL_MM} mm（{TOP_RANGE[0]}–{TOP_RANGE[1]} twips）"),
        judge(not p3, "P3", fmt_list(p3) or f"{left} twips（{(left or 0) / TW_MM:.1f} mm）",
              f"{L.MARGIN_MM['left']}±{L.POSITION_TOL_MM} mm（{LEFT_RANGE[0]}–{LEFT_RANGE[1]} twips）"),
        judge(not p4, "P4", fmt_list(p4) or
              f"{(w - left - right) / TW_MM:.1f}×{(h - abs(top) - abs(bottom)) / TW_MM:.1f} mm",
              f"{L.BODY_W_MM}×{L.BODY_H_MM} mm ±{L.POSITION_TOL_MM} mm（右 {L.MARGIN_MM['right']} mm，"
              f"下 {L.MARGIN_MM['bottom']} mm）"),
    ]


def grid_of(sect: etree._Element) -> tuple[str, int | None, int | None]:
    grid = sect.find(q("docGrid"))
    return (wattr(grid, "type") or "default", to_int(wattr(grid, "linePitch")),
            to_int(wattr(grid, "charSpace")))


def body_paras(pkg: Package) -> list[Para]:
    """3号 paragraphs of the main flow: body, headings, letterhead lines, attachment labels."""
    return [p for p in pkg.paras if p.text.strip()
            and p.cls in ("body", "letterhead", "docno", "attach_label")]


def check_grid(pkg: Package) -> list[Finding]:
    """G1 (22 lines: grid pitch and body line spacing) and G2 (28 characters)."""
    if not pkg.sections:
        return [skipped("G1", "文档没有节属性 sectPr"),
                skipped("G2", "文档没有节属性 sectPr")]
    lo, hi = L.LINE_PITCH_TWIPS_OK
    grids = [grid_of(s) for s in pkg.sections]
    bad_grid = [f"第 {n} 节 docGrid type={t} linePitch={lp}" for n, (t, lp, _) in enumerate(grids, 1)
                if t != "default" and (lp is None or not lo <= lp <= hi)]
    bad_lines: dict[str, list[str]] = {}
    for p in body_paras(pkg):
        sp = p.ppr.get("spacing", {})
        rule, line = sp.get("lineRule", "auto"), to_int(sp.get("line"))
        gtype, pitch, _ = grids[min(p.section, len(grids) - 1)]
        if rule == "exact" and line is not None and lo <= line <= hi:
            continue
        if rule == "auto" and (line is None or line == 240) and p.ppr.get("snapToGrid") is not False \
                and gtype in ("lines", "linesAndChars") and pitch is not None and lo <= pitch <= hi:
            continue
        key = (f"行距 {rule} {line}" + (f"（{line / 20:.2f} pt）" if rule == "exact" and line else ""))
        bad_lines.setdefault(key, []).append(p.where())
    g1_bad = bad_grid + [f"{k}：{fmt_list(v, 3)}" for k, v in bad_lines.items()]
    gtype, pitch, cs = grids[0]
    g1 = judge(not g1_bad, "G1",
               fmt_list(g1_bad) or f"docGrid type={gtype} linePitch={pitch}，正文行距固定值 {lo}–{hi} twips",
               f"每页 {L.LINES_PER_PAGE} 行：行距固定值 {L.LINE_PITCH_TWIPS} twips（{L.LINE_PITCH_PT} pt，"
               f"可 {lo}–{hi}，不可 580/29 pt），或单倍行距对齐 linePitch {lo}–{hi} 的网格")
    # G2: characters per line
    clo, chi = L.DOCGRID_CHARSPACE_OK
    slo, shi = L.RUN_CONDENSE_TWIPS_OK
    g2_bad: list[str] = []
    for n, (t, _, space) in enumerate(grids, 1):
        if t == "linesAndChars" and (space is None or not clo <= space <= chi):
            g2_bad.append(f"第 {n} 节 charSpace={space}")
    if not g2_bad:
        uncondensed: dict[int | None, list[str]] = {}
        for p in body_paras(pkg):
            if grids[min(p.section, len(grids) - 1)][0] == "linesAndChars":
                continue
            for r in p.runs:
                sp = r.props.get("spacing")
                if has_cjk(r.text) and (sp is None or not slo <= sp <= shi):
                    uncondensed.setdefault(sp, []).append(p.where())
                    break
        g2_bad = [f"字符间距 {k if k is not None else '未设'}：{fmt_list(v, 3)}"
                  for k, v in uncondensed.items()]
    g2 = judge(not g2_bad, "G2",
               fmt_list(g2_bad) or ("docGrid linesAndChars charSpace=" + str(cs) if gtype ==
                                    "linesAndChars" else f"正文字符间距 {slo}–{shi} twips"),
               f"每行 {L.CHARS_PER_LINE} 字：正文字符紧缩 w:spacing {slo}–{shi}（{L.RUN_CONDENSE_TWIPS / 20} pt），"
               f"或 linesAndChars 网格 charSpace {clo}–{chi}")
    return [g1, g2]


def check_fonts(pkg: Package) -> list[Finding]:
    """F1 no bold/italic on headings and titles, F2 East Asian fonts, F4 sizes."""
    bold: list[str] = []
    fonts: dict[str, list[str]] = {}
    sizes: dict[str, list[str]] = {}
    checked = 0
    for p in pkg.paras:
        t = p.text.strip()
        if not t or p.cls in ("org_mark",):
            continue
        is_heading = p.cls in ("title", "attach_title", "attach_label") or heading_level(t) in (1, 2, 3, 4)
        lead = lead_end(p.text.lstrip()) + len(p.text) - len(p.text.lstrip())
        want_sz = (TITLE_SZ if p.cls in ("title", "attach_title") else
                   COLOPHON_SZ if p.cls == "colophon" else BODY_SZ)
        for r in p.runs:
            if not r.text.strip():
                continue
            checked += 1
            if is_heading and r.start < lead and (r.props.get("b") or r.props.get("i")):
                bold.append(f"{p.where()} {'加粗' if r.props.get('b') else '倾斜'}")
            sz = r.props.get("sz")
            if sz != want_sz:
                sizes.setdefault(f"{sz / 2 if sz else '未设'} pt（应 {want_sz / 2:g} pt）", []).append(p.where())
            if not has_cjk(r.text) or "签发人" in p.text:
                continue
            role = run_role(p, r)
            rf = r.props.get("rFonts", {})
            name = rf.get("eastAsia")
            if "eastAsiaTheme" in rf or not name:
                fonts.setdefault(f"未设 eastAsia 字体（{rf.get('eastAsiaTheme', '缺省')}）", []).append(p.where())
            elif not FONT_ACCEPT[role].search(name):
                fonts.setdefault(f"{role}用了「{name}」", []).append(p.where())
    if not checked:
        return [skipped(r, "文档没有正文段落") for r in ("F1", "F2", "F4")]
    return [
        judge(not bold, "F1", fmt_list(bold) or "各级标题无加粗、倾斜",
              "只规定字体不规定字重：标题、各级层次标题不加粗（w:b）不倾斜（w:i）"),
        judge(not fonts, "F2", (fmt_list([f"{k}：{fmt_list(v, 2)}" for k, v in fonts.items()])
              or "各段中文字体（w:eastAsia）均为规定字体")
              + (f"（不计附上文件的 {pkg.attached_paras} 段）" if pkg.attached_paras else ""),
              "正文仿宋，标题小标宋，一级标题黑体，二级标题楷体，附件标识黑体；每个 run 须设 w:eastAsia"),
        judge(not sizes, "F4", fmt_list([f"{k}：{fmt_list(v, 2)}" for k, v in sizes.items()])
              or "正文 16 pt，标题 22 pt，版记 14 pt",
              f"正文等三号 {L.BODY_PT} pt（sz {BODY_SZ}），标题二号 {L.TITLE_PT} pt（sz {TITLE_SZ}），"
              f"版记四号 {L.COLOPHON_PT} pt（sz {COLOPHON_SZ}）"),
    ]


def check_colour(pkg: Package) -> Finding:
    """P5: text black except the red 发文机关标志."""
    bad = []
    for p in pkg.paras:
        if p.cls == "org_mark":
            continue
        for r in p.runs:
            if r.text.strip() and not is_black(r.props.get("color")):
                bad.append(f"{p.where()} 颜色 {r.props.get('color')}")
                break
    return judge(not bad, "P5", fmt_list(bad) or "除发文机关标志外均为黑色",
                 "文字黑色（w:color 缺省、auto 或 000000），发文机关标志等红色要素除外")


def footer_paras(pkg: Package, root: etree._Element | None) -> list[Para]:
    if root is None:
        return []
    return [read_paragraph(p, pkg.styles, i, 0) for i, p in enumerate(root.iter(q("p")), 1)]


def page_para(paras: list[Para]) -> Para | None:
    for p in paras:
        if "{PAGE}" in p.field_text:
            return p
    return None


def check_page_numbers(pkg: Package, letter: bool = False) -> list[Finding]:
    """N1 content/size/font, N3 odd/even placement, N4 page 1 numbered (not in a 信函格式,
    whose unnumbered page 1 S1 checks, as in the PDF checker)."""
    if not pkg.sections:
        return [skipped("N1", "文档没有节属性 sectPr"),
                skipped("N4", LETTER_PAGE_ONE if letter else "文档没有节属性 sectPr")]
    even_odd = pkg.setting("evenAndOddHeaders")
    refs: dict[str, str | None] = {"default": None, "even": None, "first": None}
    n1: list[str] = []
    n3: list[str] = []
    n4: list[str] = []
    examples: dict[str, str] = {}
    unnumbered_tail = False
    for n, sect in enumerate(pkg.sections, 1):
        for ref in sect.findall(q("footerReference")):
            refs[wattr(ref, "type") or "default"] = ref.get(f"{{{R}}}id")
        title_pg = bool(on(sect.find(q("titlePg"))))
        wanted = ["default"] + (["even"] if even_odd else []) + (["first"] if title_pg else [])
        if n > 1 and n == len(pkg.sections) and not any(
                p.text.strip() for kind in wanted for p in footer_paras(pkg, pkg.part(refs[kind]))):
            unnumbered_tail = True  # N6: a final section for the blank page and the 版记 page
            continue
        for kind in wanted:
            label = {"default": "奇数页", "even": "偶数页", "first": "首页"}[kind]
            where = f"第 {n} 节{label}页脚"
            paras = footer_paras(pkg, pkg.part(refs[kind]))
            p = page_para(paras)
            if p is None:
                (n4 if kind == "first" else n1).append(f"{where}无 PAGE 页码域")
                continue
            shown = p.field_text.replace("{PAGE}", "N").strip()
            examples.setdefault(kind, shown)
            if not re.fullmatch(r"[—]\s?\{PAGE\}\s?[—]", p.field_text.strip("\u3000 \t")):
                n1.append(f"{where}为「{shown}」")
            for r in p.runs:
                if not r.text.strip():
                    continue
                if r.props.get("sz") != PAGE_NO_SZ:
                    n1.append(f"{where}字号 {(r.props.get('sz') or 0) / 2:g} pt")
                    break
                rf = r.props.get("rFonts", {})
                names = [rf.get(k) for k in ("eastAsia", "ascii", "hAnsi")]
                if not all(nm and FONT_ACCEPT["页码"].search(nm) for nm in names):
                    n1.append(f"{where}字体 {'/'.join(str(x) for x in names)}")
                    break
            if kind == "first":
                continue
            jc, ind = p.ppr.get("jc"), p.ppr.get("ind", {})
            if kind == "default" or not even_odd:
                inset = to_int(ind.get("right") or ind.get("end")) or 0
                if p.field_text.rstrip(" \t").endswith("\u3000"):
                    inset += 280
                ok = jc in ("right", "end") and INSET_RANGE[0] <= inset <= INSET_RANGE[1]
                if not ok:
                    n3.append(f"{where}对齐 {jc}，右缩进 {inset} twips")
            else:
                inset = to_int(ind.get("left") or ind.get("start")) or 0
                if p.field_text.lstrip(" \t").startswith("\u3000"):
                    inset += 280
                ok = jc in (None, "left", "start", "both") and INSET_RANGE[0] <= inset <= INSET_RANGE[1]
                if not ok:
                    n3.append(f"{where}对齐 {jc}，左缩进 {inset} twips")
        if n == 1 and title_pg and not n4:
            first = page_para(footer_paras(pkg, pkg.part(refs["first"])))
            if first is None:
                n4.append("首页不同（titlePg）且首页页脚无页码")
    if not even_odd:
        n3.insert(0, "未设奇偶页不同（settings evenAndOddHeaders）")
    return [
        judge(not n1, "N1", fmt_list(n1) or f"「{examples.get('default', '')}」，"
              f"{L.PAGE_NO_PT:g} pt 宋体", f"PAGE 域，两侧一字线「— N —」，四号（sz {PAGE_NO_SZ}）"
              "半角宋体阿拉伯数字"),
        judge(not n3, "N3", fmt_list(n3) or "奇数页居右、偶数页居左，各空一字",
              f"奇偶页不同；单页码居右空一字（jc=right，右缩进 {INSET_RANGE[0]}–{INSET_RANGE[1]} twips），"
              "双页码居左空一字"),
        skipped("N4", LETTER_PAGE_ONE) if letter else
        judge(not n4, "N4", fmt_list(n4) or "首页有页码", f"{N4_CRITERION}：不设 titlePg，或首页页脚有 PAGE 域"),
    ] + ([passed("N6", "末节（空白页和其后的版记页）页脚为空", "版记前的空白页和版记页放在最后一节，页脚为空")]
         if unnumbered_tail else [])


def check_date(pkg: Package) -> Finding:
    """B9: the 成文日期 line in Arabic digits without leading zeros."""
    dates = [p for p in pkg.paras if p.cls == "body" and DATE_LOOSE.fullmatch(p.text.strip())]
    if not dates:
        return skipped("B9", "未找到成文日期行")
    bad = [f"{p.where()}" for p in dates if not DATE_STRICT.fullmatch(p.text.strip())]
    return judge(not bad, "B9", fmt_list(bad) or dates[-1].text.strip(),
                 "阿拉伯数字，年份写全，月日不编虚位，如 2022年6月5日")


def check_docno(pkg: Package) -> Finding:
    """H5: 发文字号 form 代字〔YYYY〕N号."""
    for p in pkg.paras:
        if p.cls not in ("docno", "letterhead"):
            continue
        m = DOCNO_LOOSE.search(p.text.strip())
        if m:
            docno = m.group(0)
            return judge(bool(DOCNO_STRICT.fullmatch(docno)), "H5", docno,
                         "机关代字 + 〔年份〕 + 序号 + 号，六角括号，不加「第」，不编虚位", p.where())
    return skipped("H5", "无版头或无发文字号")


def check_colophon_rules(pkg: Package) -> Finding:
    """J1: 版记 rules as paragraph borders: thick first and last, thin between, full width."""
    col = [p for p in pkg.paras if p.cls == "colophon"]
    if not col:
        return skipped("J1", "无版记")
    if col[0].table is not None:
        return check_colophon_table(col[0].table, col[0])
    lo = max(0, col[0].index - 2)
    hi = min(len(pkg.paras), col[-1].index + 1)
    rules: list[tuple[int, str, dict]] = []
    for p in pkg.paras[lo:hi]:
        if p.text.strip() and p.cls != "colophon":
            continue
        bdr = p.ppr.get("pBdr", {})
        for side in ("top", "bottom"):
            b = bdr.get(side)
            if b and b.get("val") not in (None, "nil", "none"):
                rules.append((p.index, side, b))
    if len(rules) < 2:
        return failed("J1", f"版记处找到 {len(rules)} 条段落边框线（可能用了表格或图形）",
                      "首末两条粗线、中间细线，与版心等宽", col[0].where())
    bad = []
    for k, (idx, side, b) in enumerate(rules):
        sz = to_int(b.get("sz"))
        lo_sz, hi_sz = THICK_SZ if k in (0, len(rules) - 1) else THIN_SZ
        if sz is None or not lo_sz <= sz <= hi_sz:
            bad.append(f"第 {idx} 段{side}线 sz={sz}（应 {lo_sz}–{hi_sz}）")
        if not is_black((b.get("color") or "auto").upper()):
            bad.append(f"第 {idx} 段{side}线颜色 {b.get('color')}")
    measured = "，".join(f"sz {b.get('sz')}" for _, _, b in rules)
    return judge(not bad, "J1", fmt_list(bad) or f"{len(rules)} 条：{measured}",
                 f"首末粗线 {L.COLOPHON_THICK_MM} mm（sz {THICK_SZ[0]}–{THICK_SZ[1]}），中间细线 "
                 f"{L.COLOPHON_THIN_MM} mm（sz {THIN_SZ[0]}–{THIN_SZ[1]}），黑色")


def check_colophon_table(tbl: etree._Element, first: Para) -> Finding:
    """J1 for a 版记 table: top and bottom borders thick, borders between rows thin."""
    tbl_pr = tbl.find(q("tblPr"))
    borders = tbl_pr.find(q("tblBorders")) if tbl_pr is not None else None
    rows = tbl.findall(q("tr"))

    def border(name: str) -> dict:
        el = borders.find(q(name)) if borders is not None else None
        return {} if el is None else {etree.QName(a).localname: v for a, v in el.attrib.items()}

    seq = [("上边框", border("top"), THICK_SZ)]
    seq += [(f"第 {k} 行下", border("insideH"), THIN_SZ) for k in range(1, len(rows))]
    seq.append(("下边框", border("bottom"), THICK_SZ))
    bad = []
    for label, b, (lo, hi) in seq:
        sz = to_int(b.get("sz"))
        if b.get("val") in (None, "nil", "none") or sz is None or not lo <= sz <= hi:
            bad.append(f"{label} {b.get('val')} sz={sz}（应 {lo}–{hi}）")
        elif not is_black((b.get("color") or "auto").upper()):
            bad.append(f"{label}颜色 {b.get('color')}")
    width = to_int(wattr(tbl_pr.find(q("tblW")) if tbl_pr is not None else None, "w"))
    if width is None or abs(width - L.BODY_W_TWIPS) > TOL_TW:
        bad.append(f"表宽 {width} twips（应 {L.BODY_W_TWIPS}）")
    measured = "，".join(f"{label} sz {b.get('sz')}" for label, b, _ in seq)
    return judge(not bad, "J1", fmt_list(bad) or f"版记表格：{measured}",
                 f"首末粗线 {L.COLOPHON_THICK_MM} mm（sz {THICK_SZ[0]}–{THICK_SZ[1]}），中间细线 "
                 f"{L.COLOPHON_THIN_MM} mm（sz {THIN_SZ[0]}–{THIN_SZ[1]}），黑色，与版心等宽", first.where())


WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


@dataclass
class Stroke:
    """A filled rectangle anchored to the page (mm from the paper's top-left) and its colour."""

    x0: float
    top: float
    width: float
    height: float
    colour: str

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def thickness(self) -> float:
        return self.height


def page_strokes(pkg: Package) -> list[Stroke]:
    """Thin page-anchored rectangles (at most 1.5 mm high, at least 50 mm long), top to bottom."""
    out = []
    for anchor in pkg.document.iter(f"{{{WP}}}anchor"):
        pos = {}
        for axis in ("positionH", "positionV"):
            el = anchor.find(f"{{{WP}}}{axis}")
            off = el.find(f"{{{WP}}}posOffset") if el is not None else None
            if el is None or el.get("relativeFrom") != "page" or off is None:
                break
            pos[axis] = int(off.text or 0) / L.EMU_PER_MM
        extent = anchor.find(f"{{{WP}}}extent")
        if len(pos) != 2 or extent is None:
            continue
        w, h = (int(extent.get(k, 0)) / L.EMU_PER_MM for k in ("cx", "cy"))
        fill = anchor.find(f".//{{{A}}}solidFill/{{{A}}}srgbClr")
        if w >= 50 and h <= 1.5 and fill is not None:
            out.append(Stroke(pos["positionH"], pos["positionV"], w, h, (fill.get("val") or "").upper()))
    return sorted(out, key=lambda st: st.top)


def letter_mark(pkg: Package) -> Para | None:
    """The 信函格式's 标志: a red paragraph in a frame anchored to the page (an empty one on
    套印 paper, where the 标志 and the rules are printed already)."""
    return next((p for p in pkg.paras if (p.red or not p.text.strip())
                 and p.ppr.get("framePr", {}).get("vAnchor") == "page"), None)


ANCHORED = "（锚定到页面的矩形）"


def _not_red(st: Stroke) -> str | None:
    return None if is_red(st.colour) else st.colour


def check_letter(pkg: Package) -> list[Finding]:
    """S1 信函格式: the 标志 in a page-anchored frame 30 mm from the paper's top; the red double
    rules as page-anchored strokes (thick over thin 4 mm under the 标志, thin over thick 20 mm
    above the paper's bottom, 170 mm, centred); the 发文字号 flush right; no number on page 1."""
    mark = letter_mark(pkg)
    if mark is None:
        return []
    out = []
    if not mark.red:  # 套印: the paper carries the 标志 and the rules
        out += [skipped("S1", "套印：标志和红色双线印在纸上", aspect=a)
                for a in ("发文机关标志", "武文线", "文武线")]
    else:
        frame = mark.ppr["framePr"]
        y = (to_int(frame.get("y")) or 0) / L.TWIPS_PER_MM
        centred = frame.get("xAlign") == "center" or (mark.centred and frame.get("hAnchor") in ("margin", None))
        want = L.LETTER_MARK_TOP_FROM_PAPER_MM
        out.append(judge(abs(y - want) <= TOL_MM and centred, "S1",
                         f"图文框上边缘距纸张上边缘 {fmt_mm(y)}，" + ("居中" if centred else "未居中"),
                         f"标志在锚定到页面的图文框内（framePr vAnchor=page），上边缘 {want}±{TOL_MM} mm，居中",
                         mark.where(), aspect="发文机关标志"))
        strokes = [st for st in page_strokes(pkg) if is_red(st.colour)]
        line = to_int(mark.ppr.get("spacing", {}).get("line")) or to_int(frame.get("h")) or 0
        mark_bottom = y + line / L.TWIPS_PER_MM
        upper, lower = double_rule.upper_and_lower(strokes)
        out.append(double_rule.judge_upper(upper, mark_bottom, TOL_MM, _not_red, missing=ANCHORED))
        out.append(double_rule.judge_lower(lower, TOL_MM, _not_red, missing=ANCHORED))
    docno = next((p for p in pkg.paras if p.index > mark.index and DOCNO_LOOSE.search(p.text)), None)
    if docno is not None:
        right_tab = any(v == "right" and abs(pos - L.BODY_W_TWIPS) <= TOL_TW
                        for v, pos in docno.ppr.get("_tabs", []))
        before_tab = docno.text.split("\t")[-1] if "\t" in docno.text else ""
        ok = docno.ppr.get("jc") in ("right", "end") or (right_tab and DOCNO_LOOSE.search(before_tab))
        out.append(judge(bool(ok), "S1", "居右" if ok else f"对齐 {docno.ppr.get('jc')}，右对齐制表位 "
                         f"{'有' if right_tab else '无'}", "发文字号在第一条双线下顶格居版心右边缘（右对齐，"
                         f"或右对齐制表位 {L.BODY_W_TWIPS} twips）", docno.where(), aspect="发文字号"))
    sect = pkg.sections[0] if pkg.sections else None
    first_ref = None
    if sect is not None:
        first_ref = next((r.get(f"{{{R}}}id") for r in sect.findall(q("footerReference"))
                          if wattr(r, "type") == "first"), None)
    title_pg = sect is not None and bool(on(sect.find(q("titlePg"))))
    numbered = page_para(footer_paras(pkg, pkg.part(first_ref))) is not None if first_ref else title_pg
    ok = title_pg and not numbered
    out.append(judge(ok, "S1", "首页不同（titlePg），首页页脚无页码" if ok else
                     ("未设首页不同（titlePg）" if not title_pg else "首页页脚有 PAGE 页码域"),
                     "首页不显示页码：titlePg 且首页页脚为空（第 2 页起页码照常）", aspect="首页页码"))
    return out


def check_minutes(pkg: Package) -> list[Finding]:
    """S3 纪要格式: 出席/请假/列席 start 2 characters in and wrap aligned after the ："""
    paras = [p for p in pkg.paras if p.cls == "body" and HEI_LEAD.match(p.text.strip())]
    if not paras:
        return []
    bad = []
    for p in paras:
        ind = p.ppr.get("ind", {})
        left, hanging = int(ind.get("left", ind.get("start", 0)) or 0), int(ind.get("hanging", 0) or 0)
        first = left - hanging if hanging else left + int(ind.get("firstLine", 0) or 0)
        label = HEI_LEAD.match(p.text.strip()).end()
        want = label * L.CHAR_ADVANCE_PT * L.TWIPS_PER_PT
        if not 600 <= first <= 680:
            bad.append(f"{p.where()} 首行缩进 {first} twips")
        if abs(hanging - want) > 40:
            bad.append(f"{p.where()} 悬挂 {hanging} twips")
    return [judge(not bad, "S3", fmt_list(bad) or f"{len(paras)} 段出席、请假、列席：空二字，回行与冒号后对齐",
                  "首行空二字（640 twips），悬挂缩进等于「出席：」的宽度（回行与冒号后首字对齐）",
                  aspect="出席、请假、列席")]


def verify_docx(path: Path) -> list[Finding]:
    """All DOCX checks of one file, in the spec's order."""
    pkg = Package.open(path)
    classify(pkg.paras)
    findings = check_page(pkg) + [check_colour(pkg)] + check_grid(pkg) + check_fonts(pkg)
    letter = check_letter(pkg)
    findings += [check_docno(pkg), check_date(pkg)]
    findings.append(skipped("J1", "信函格式的版记不加分隔线（见 S1）") if letter
                    else check_colophon_rules(pkg))
    findings += letter + check_page_numbers(pkg, letter=bool(letter)) + check_minutes(pkg)
    findings.append(skipped("N2", "需渲染为 PDF 后检查",
                            f"一字线距版心下边缘 7 mm（页脚距 ≈ {L.PAGE_NO_FOOTER_TWIPS} twips）"))
    return findings
