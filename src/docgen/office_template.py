"""An office's 模板 folder as data: its style choices read once, and the folder's checks.

Why: GB/T 9704 fixes the page, the grid, the sizes and each text's class of face (一级标题
黑体, 二级标题楷体 …) but leaves the face within its class open. An office that sets its
一级标题 in 思源黑体 in its 样式.docx must see that face in the Word file *and* the PDF, so
the choice is read here once (write/docx/reference.py alone opens the .docx) into `Fonts`
(format-neutral, on the Document): the Word writer names the face in its runs, the font
resolution finds a file for it and the HTML/PDF writer draws with that file. A template that
breaks the standard is refused with the style and the rule named, by `docgen check` and by
build alike (the same problems: write/docx/template_rules.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import lru_cache

from .document import Fonts
from .errors import DocgenError, Problem


@dataclass(frozen=True, slots=True)
class StyleFaces:
    """The faces an office's 样式.docx chose where docgen's reference has others (the
    standard's class is checked before): whole roles (公文正文 → 正文, 公文标题 → 标题,
    公文页码 or the page-number footers' runs → 页码), heading levels 1–4 ("" where a level
    keeps its role's face) and elements with a style of their own (公文版记, 公文附件标签)."""

    roles: tuple[tuple[str, str], ...] = ()  # (Fonts attribute, face)
    headings: tuple[str, ...] = ()
    elements: tuple[tuple[str, str], ...] = ()  # (Fonts attribute: colophon / attach_label, face)


def style_faces(template_dir: str | None) -> StyleFaces:
    """The template's face choices; empty when the folder has no 样式.docx. Raises
    DocgenError for a damaged template or one that breaks the standard."""
    if not template_dir:  # no 模板: nothing to import or read (compose calls this per document)
        return StyleFaces()
    from .write.docx import reference

    ref = reference.office(template_dir)
    return StyleFaces() if ref is None else _faces(ref.styles, ref.footer_odd + ref.footer_even)


@lru_cache(maxsize=16)
def _faces(styles_xml: str, footers_xml: str) -> StyleFaces:
    from lxml import etree

    from .verify.docx import Styles
    from .write.docx import parts as P
    from .write.docx import reference

    pack = reference.read(reference.PACKAGE_REFERENCE)
    own = Styles(etree.fromstring(styles_xml.encode("utf-8")))
    package = Styles(etree.fromstring(pack.styles.encode("utf-8")))

    def face(styles: Styles, sid: str) -> str:
        return styles.para_props(sid)[1].get("rFonts", {}).get("eastAsia", "") or ""

    def page_no(styles: Styles, footers: str) -> str:
        """What Word draws the page number in: the footers' runs name a face (first the one
        not docgen's), else the 公文页码 style's."""
        named = [f for f in reference.footer_faces(footers) if f != face(package, P.S_PAGE_NO)]
        return named[0] if named else face(styles, P.S_PAGE_NO)

    mine = {"body": face(own, P.S_BODY), "title": face(own, P.S_TITLE),
            "page_no": page_no(own, footers_xml)}
    docgen = {"body": face(package, P.S_BODY), "title": face(package, P.S_TITLE),
              "page_no": face(package, P.S_PAGE_NO)}
    roles = tuple((attr, f) for attr, f in mine.items() if f and f != docgen[attr])
    body = dict(roles).get("body", "")
    # A level whose face differs from docgen's only by inheriting the new 正文 face (三、四级
    # are based on 公文正文) keeps its role's face: the body role already carries it.
    headings = tuple(face(own, sid) if face(own, sid) not in (face(package, sid), body) else ""
                     for _, sid in sorted(P.S_HEADING.items()))
    # 版记 and 附件 label: their own face when it is neither docgen's nor the role's new one
    elements = tuple((attr, face(own, sid)) for attr, sid in (("colophon", P.S_COLOPHON),
                                                              ("attach_label", P.S_ATTACH_LABEL))
                     if face(own, sid) not in ("", face(package, sid), body))
    return StyleFaces(roles, headings if any(headings) else (), elements)


def apply(fonts: Fonts, template_dir: str | None) -> Fonts:
    """`fonts` with the template's faces (both writers render what this gives). A role font
    the project set itself (docgen.yaml 字体) wins over the template's choice for the role."""
    faces = style_faces(template_dir)
    official = Fonts()
    roles = {attr: face for attr, face in faces.roles
             if getattr(fonts, attr) == getattr(official, attr)}
    if not roles and not faces.headings and not faces.elements:
        return fonts
    return dataclasses.replace(fonts, headings=faces.headings, **roles, **dict(faces.elements))


def check_folder(template_dir: str) -> list[Problem]:
    """Every problem of a 模板 folder, as build reports them: a damaged or non-standard
    样式.docx, a damaged 版头.docx, unknown placeholders, what the PDF could not draw."""
    problems: list[Problem] = []
    try:
        style_faces(template_dir)
    except DocgenError as exc:
        problems += exc.problems
    from .write import letterhead

    path = letterhead.find(template_dir)
    if path is not None:
        try:
            letterhead.check(path)
        except DocgenError as exc:
            problems += exc.problems
    return problems


def check_plan(plan) -> list[Problem]:
    """The problems of the 模板 folder a checked plan names (none when it names none)."""
    from .compose import template_dir

    try:
        folder = template_dir(plan.model, plan)
    except DocgenError as exc:
        return exc.problems
    return check_folder(folder) if folder else []

