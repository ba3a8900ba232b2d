"""Word styles, page set-up and footers from a reference .docx (pandoc's reference-doc idea).

docgen ships `templates/docx/reference.docx` (made by scripts/make_reference_docx.py from
`parts.py`); an office's `模板` folder may hold its own `样式.docx`, opened and edited in
Word or WPS. At render time styles.xml, settings.xml, the two page-number footers and the
section's page set-up are taken from it as they are (read once per process and file). A
template may change what GB/T 9704 leaves free — a heading's face within its font class,
spacing of the 版头 — but not what the standard fixes: `check()` reports each breach as a
Chinese error naming the template, the style and the rule.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ...document import Fonts
from ...errors import DocgenError, Loc, Problem

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PACKAGE_REFERENCE = TEMPLATES / "docx" / "reference.docx"
OFFICE_REFERENCE = "样式.docx"  # the file name in an office's 模板 folder

_SECT = re.compile(r"<w:sectPr\b.*?</w:sectPr>", re.S)
_HEADER_REF = re.compile(r"<w:headerReference\b[^>]*/>")
_FOOTER_REF = re.compile(r"<w:footerReference\b[^>]*/>")
_REL = re.compile(r"<Relationship\b([^>]*)/>")
_ATTR = re.compile(r'([\w:]+)="([^"]*)"')
_EAST_ASIA = re.compile(r'<w:rFonts\b[^>]*\bw:eastAsia="([^"]*)"')


@dataclass(frozen=True, slots=True)
class Reference:
    """The parts a document takes from its reference .docx, as text."""

    path: str
    styles: str
    settings: str
    footer_odd: str
    footer_even: str
    sect_pr: str  # the body's w:sectPr, footer references pointing at docgen's own ids


def _attrs(tag: str) -> dict[str, str]:
    return dict(_ATTR.findall(tag))


def _error(path: Path, message: str) -> DocgenError:
    return DocgenError(problems=[Problem(message, Loc(str(path)))])


@lru_cache(maxsize=16)
def _read(path_text: str, mtime_ns: int, size: int) -> Reference:
    from . import parts as P

    path = Path(path_text)
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        raise _error(path, f"样式模板 {path.name} 不是有效的 Word 文件（.docx）：请在 Word 或 WPS 中"
                           "另存为 .docx 后再用。") from None
    with zf:
        names = set(zf.namelist())

        def text(name: str) -> str:
            if name not in names:
                raise _error(path, f"样式模板 {path.name} 缺少 {name}：请在 Word 或 WPS 中打开后另存为 .docx。")
            return zf.read(name).decode("utf-8")

        document = text("word/document.xml")
        rels = {a.get("Id", ""): a.get("Target", "")
                for a in map(_attrs, _REL.findall(text("word/_rels/document.xml.rels")))}
        sects = _SECT.findall(document)
        if not sects:
            raise _error(path, f"样式模板 {path.name} 没有页面设置（w:sectPr）。")
        sect = sects[-1]
        footers: dict[str, str] = {}
        for tag in _FOOTER_REF.findall(sect):
            a = _attrs(tag)
            target = rels.get(a.get("r:id", ""), "")
            footers[a.get("w:type", "default")] = "word/" + target.lstrip("/").removeprefix("word/")
        if "default" not in footers or "even" not in footers:
            raise _error(path, f"样式模板 {path.name} 要有奇数页和偶数页两个页脚（页码单页居右、双页居左，N3）："
                               "在 Word 的“页眉和页脚”中勾选“奇偶页不同”，两个页脚都放页码。")
        settings = text("word/settings.xml")
        if "<w:evenAndOddHeaders" not in settings:
            raise _error(path, f"样式模板 {path.name} 没有设置“奇偶页不同”（N3）：单页码居右、双页码居左需要它。")
        # docgen's package has exactly two footers under its own relationship ids
        refs = (f'<w:footerReference w:type="default" r:id="{P.FOOTER_ODD_RID}"/>'
                f'<w:footerReference w:type="even" r:id="{P.FOOTER_EVEN_RID}"/>')
        body = _FOOTER_REF.sub("", _HEADER_REF.sub("", sect))
        open_end = body.index(">") + 1
        sect_pr = body[:open_end] + refs + body[open_end:]
        return Reference(str(path), text("word/styles.xml"), settings,
                         text(footers["default"]), text(footers["even"]), sect_pr)


def footer_faces(footer_xml: str) -> list[str]:
    """The East Asian faces the runs of page-number footers name, in order, each once."""
    return list(dict.fromkeys(_EAST_ASIA.findall(footer_xml)))


def read(path: Path) -> Reference:
    """The reference parts of `path`, cached per process while the file is unchanged."""
    st = path.stat()
    return _read(str(path), st.st_mtime_ns, st.st_size)


def office_reference(template_dir: str | None) -> Path | None:
    """The office's 样式.docx in its 模板 folder, if it has one."""
    if not template_dir:
        return None
    path = Path(template_dir) / OFFICE_REFERENCE
    return path if path.is_file() else None


def for_fonts(ref: Reference, fonts: Fonts, chosen: tuple[tuple[str, str], ...] = ()) -> Reference:
    """The reference with the document's role fonts in place of the official names it was made
    with and of the faces an office template `chosen` for a role (Fonts attribute, face) where
    docgen.yaml's 字体 set that role: Word's styles and page-number footers then name what the
    runs and the PDF use."""
    default = Fonts()
    swap = {getattr(default, k): getattr(fonts, k)
            for k in ("title", "body", "hei", "kai", "page_no", "latin")
            if getattr(default, k) != getattr(fonts, k)}
    swap.update((face, getattr(fonts, k)) for k, face in chosen if face != getattr(fonts, k))
    if not swap:
        return ref
    pattern = re.compile('="(' + "|".join(re.escape(k) for k in swap) + ')"')

    def sub(xml: str) -> str:
        return pattern.sub(lambda m: f'="{swap[m.group(1)]}"', xml)

    return Reference(ref.path, sub(ref.styles), ref.settings, sub(ref.footer_odd),
                     sub(ref.footer_even), ref.sect_pr)


def office(template_dir: str | None) -> Reference | None:
    """The office's 样式.docx read and checked against the standard (DocgenError naming each
    breach), or None when its 模板 has none: the one gate both writers' fonts and styles pass."""
    path = office_reference(template_dir)
    if path is None:
        return None
    ref = read(path)
    problems = _checked(ref.path, ref.styles, ref.sect_pr, ref.footer_odd + ref.footer_even)
    if problems:
        raise DocgenError(problems=list(problems))
    return ref


def for_document(template_dir: str | None, fonts: Fonts) -> Reference:
    """The office's reference (checked against the standard) or docgen's own."""
    ref = office(template_dir)
    if ref is None:
        return _package(fonts)
    from ...office_template import style_faces

    return for_fonts(ref, fonts, style_faces(template_dir).roles)


@lru_cache(maxsize=8)
def _package(fonts: Fonts) -> Reference:
    return for_fonts(read(PACKAGE_REFERENCE), fonts)


@lru_cache(maxsize=16)
def _checked(path: str, styles: str, sect_pr: str, footers: str) -> tuple[Problem, ...]:
    from .template_rules import check

    return tuple(check(Path(path), styles, sect_pr, footers))
