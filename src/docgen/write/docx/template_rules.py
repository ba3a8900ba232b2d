"""What an office's reference .docx may not change: GB/T 9704's page, grid, sizes and faces.

Each breach is one Chinese problem naming the template file, the style (as Word shows it)
and the rule of `docgen.standard.rules`, so the office knows which style to fix in Word.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ... import standard as L
from ...errors import Loc, Problem
from ...standard.rules import rule
from ...verify.docx import Styles, is_black, q, to_int, wattr
from ...verify.patterns import FONT_ACCEPT
from . import parts as P
from .reference import footer_faces
from .xml import W_NS

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MM = 1440 / 25.4  # twips per mm

# style id → (font role, size in half points); None: not checked
STYLE_RULES: dict[str, tuple[str | None, int | None]] = {
    P.S_BODY: ("正文", round(L.BODY_PT * 2)),
    P.S_HEADING[1]: ("黑体", round(L.BODY_PT * 2)),
    P.S_HEADING[2]: ("楷体", round(L.BODY_PT * 2)),
    P.S_HEADING[3]: ("正文", round(L.BODY_PT * 2)),
    P.S_HEADING[4]: ("正文", round(L.BODY_PT * 2)),
    P.S_TITLE: ("标题", round(L.TITLE_PT * 2)),
    P.S_ORG_MARK: ("标题", None),  # size: the 标志 is shrunk to fit one line by layout
    P.S_ADDRESSEE: ("正文", round(L.BODY_PT * 2)),
    P.S_SIGNATURE: ("正文", round(L.BODY_PT * 2)),
    P.S_DATE: ("正文", round(L.BODY_PT * 2)),
    P.S_COLOPHON: ("正文", round(L.COLOPHON_PT * 2)),
    P.S_ATTACH_LABEL: ("黑体", round(L.BODY_PT * 2)),
    P.S_PAGE_NO: ("页码", round(L.PAGE_NO_PT * 2)),
}
NOT_BOLD = (P.S_BODY, *P.S_HEADING.values(), P.S_TITLE, P.S_ORG_MARK)
INDENTED = (P.S_BODY, *P.S_HEADING.values())  # first line 2 characters in (B3, B4)


def check(path: Path, styles_xml: str, sect_pr: str, footers_xml: str = "") -> list[Problem]:
    """Every breach of the standard in this template's styles, page set-up and page-number
    footers (their runs name the face Word draws the number in: it must be a 宋体, N1)."""
    where = Loc(str(path))
    out: list[Problem] = []

    def breach(what: str, rule_id: str, style: str = "", subject: str = "") -> None:
        r = rule(rule_id)
        subject = subject or (f"样式“{style}”" if style else "页面设置")
        out.append(Problem(f"样式模板 {path.name} 的{subject}{what}，不符合 GB/T 9704"
                           f"（{r.id} {r.name}：{r.asks}）。请在 Word 或 WPS 中改回后保存。", where))

    _check_page(sect_pr, breach)
    faces = footer_faces(footers_xml)
    for face in faces:
        if not FONT_ACCEPT["页码"].search(face):
            breach(f"中文字体是“{face}”（应为页码类字体，如宋体）", "N1", subject="页脚里的页码")
    if len(faces) > 1:  # the PDF draws every number in one face: Word must show the same one
        breach(f"用了 {len(faces)} 种字体（{'、'.join(faces)}；单双页页码应为同一字体）", "N1",
               subject="页脚里的页码")
    root = etree.fromstring(styles_xml.encode("utf-8"))
    styles = Styles(root)
    for sid in (P.S_NORMAL, P.S_BODY, *P.S_HEADING.values(), P.S_TITLE, P.S_ADDRESSEE,
                P.S_SIGNATURE, P.S_DATE, P.S_NOTE, P.S_ATTACH_NOTE, P.S_COLOPHON, P.S_TABLE,
                P.S_HEAD_LINE, P.S_ORG_MARK, P.S_DOC_NUMBER, P.S_RED_RULE, P.S_ATTACH_LABEL,
                P.S_PAGE_NO, P.S_TAIL):
        if sid not in styles.by_id:
            out.append(Problem(f"样式模板 {path.name} 缺少样式 {sid}：请从 docgen 自带的 "
                               "templates/docx/reference.docx 复制一份再修改，不要删除或改名样式。", where))
    if out:
        return out
    for sid, (role, half_points) in STYLE_RULES.items():
        name = wattr(styles.by_id[sid].find(q("name")), "val") or sid
        ppr, rpr = styles.para_props(sid)
        if half_points is not None and rpr.get("sz") != half_points:
            got = rpr.get("sz")
            breach(f"字号是 {got / 2 if got else '未设'} pt（应为 {half_points / 2:g} pt）",
                   "F4" if sid != P.S_PAGE_NO else "N1", name)
        face = rpr.get("rFonts", {}).get("eastAsia", "")
        if role and not FONT_ACCEPT[role].search(face or ""):
            breach(f"中文字体是“{face or '未设'}”（应为{role}类字体）",
                   "N1" if sid == P.S_PAGE_NO else "B4" if sid in P.S_HEADING.values() else "F2",
                   name)
        if sid != P.S_ORG_MARK and not is_black(rpr.get("color")):
            breach(f"文字颜色是 #{rpr.get('color')}（应为黑色）", "P5", name)
        if sid in NOT_BOLD and (rpr.get("b") or rpr.get("i")):
            breach("加粗或倾斜", "F1", name)
        if sid in INDENTED:
            first = to_int(ppr.get("ind", {}).get("firstLine"))
            if first is None or abs(first - L.INDENT_2C_TWIPS) > 20:
                breach(f"首行缩进是 {first or 0} twips（应为 2 字，{L.INDENT_2C_TWIPS} twips）",
                       "B4" if sid in P.S_HEADING.values() else "B3", name)
        if sid == P.S_BODY:
            spacing = ppr.get("spacing", {})
            line, rule_ = to_int(spacing.get("line")), spacing.get("lineRule")
            if rule_ != "exact" or line not in L.LINE_PITCH_TWIPS_OK:
                breach(f"行距是 {line} twips（{rule_ or 'auto'}），应为固定值 "
                       f"{L.LINE_PITCH_TWIPS} twips（{L.LINE_PITCH_PT} pt）", "G1", name)
            cond = rpr.get("spacing")
            lo, hi = L.RUN_CONDENSE_TWIPS_OK
            if cond is None or not lo <= cond <= hi:
                breach(f"字符间距是 {cond or 0} twips（应紧缩 {-L.RUN_CONDENSE_TWIPS / 20:g} pt，"
                       "一行才放得下 28 字）", "G2", name)
    return out


def _check_page(sect_pr: str, breach) -> None:
    doc = etree.fromstring(
        f'<w:root xmlns:w="{W_NS}" xmlns:r="{R_NS}">{sect_pr}</w:root>'.encode())
    sect = doc[0]
    pg, mar, grid = sect.find(q("pgSz")), sect.find(q("pgMar")), sect.find(q("docGrid"))
    w, h = to_int(wattr(pg, "w")), to_int(wattr(pg, "h"))
    tw = L.TWIPS
    tol = L.PAGE_SIZE_TOL_TWIPS
    if (w is None or h is None or abs(w - tw["page_w"]) > tol or abs(h - tw["page_h"]) > tol
            or wattr(pg, "orient") == "landscape"):
        breach(f"纸张是 {w}×{h} twips", "P1")
    m = {k: to_int(wattr(mar, k)) or 0 for k in ("top", "bottom", "left", "right")}
    mm_tol = L.POSITION_TOL_MM * MM
    if abs(m["top"] - tw["top"]) > mm_tol:
        breach(f"上边距是 {m['top'] / MM:.1f} mm", "P2")
    if abs(m["left"] - tw["left"]) > mm_tol:
        breach(f"左边距是 {m['left'] / MM:.1f} mm", "P3")
    body_w = (w or 0) - m["left"] - m["right"]
    body_h = (h or 0) - m["top"] - m["bottom"]
    if abs(body_w - L.BODY_W_TWIPS) > mm_tol or abs(body_h - (tw["page_h"] - tw["top"]
                                                                - tw["bottom"])) > mm_tol:
        breach(f"版心是 {body_w / MM:.1f}×{body_h / MM:.1f} mm", "P4")
    pitch = to_int(wattr(grid, "linePitch"))
    if pitch not in L.LINE_PITCH_TWIPS_OK:
        breach(f"文档网格行距是 {pitch} twips（应为 {L.LINE_PITCH_TWIPS}，每页 22 行）", "G1")
