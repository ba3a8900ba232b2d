"""Tiny WordprocessingML string builders.

The writer emits XML as strings rather than through python-docx objects: the parts are
small, the element order is under our control (Word is strict about child order in
pPr/rPr), and string joining keeps one document well under the 30 ms budget.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

_TEXT_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(text: str) -> str:
    """Escape character data."""
    return text.translate(_TEXT_ESC)


def attr(text: str) -> str:
    """Escape an attribute value (double-quoted)."""
    return text.translate(_ATTR_ESC)


# Characters Unicode shares between Latin and CJK text. Word draws them with the ascii/hAnsi
# font (Times New Roman, half width) unless the run's rFonts carries w:hint="eastAsia".
SHARED_PUNCT = frozenset("“”‘’—…·")


def fonts(east_asia: str, latin: str, *, hint: bool = False) -> str:
    """`w:rFonts` naming every slot explicitly, so no theme font can leak in (MS Mincho).

    `hint` adds w:hint="eastAsia": the shared punctuation then takes the east-Asian font.
    """
    h = ' w:hint="eastAsia"' if hint else ""
    return (f'<w:rFonts w:ascii="{attr(latin)}" w:hAnsi="{attr(latin)}" '
            f'w:eastAsia="{attr(east_asia)}" w:cs="{attr(latin)}"{h}/>')


def needs_hint(text: str) -> bool:
    """True when `text` holds punctuation Word would otherwise draw in the Latin font."""
    return not SHARED_PUNCT.isdisjoint(text)


def run(text: str, east_asia: str, latin: str, *, bold: bool = False, italic: bool = False,
        extra: str = "") -> str:
    """One `w:r`; tabs and newlines in `text` become `w:tab` / `w:br`.

    `extra` is raw rPr content placed after the fonts/bold (caller keeps schema order).
    """
    rpr = (fonts(east_asia, latin, hint=needs_hint(text)) + ("<w:b/><w:bCs/>" if bold else "")
           + ("<w:i/><w:iCs/>" if italic else "") + extra)
    if "\t" not in text and "\n" not in text:
        return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    out = [f"<w:r><w:rPr>{rpr}</w:rPr>"]
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append("<w:br/>")
        for j, piece in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if piece:
                out.append(f'<w:t xml:space="preserve">{esc(piece)}</w:t>')
    out.append("</w:r>")
    return "".join(out)


@dataclass(slots=True)
class PPr:
    """Direct paragraph properties, serialised in schema order (CT_PPrBase)."""

    style: str = ""
    keep_next: bool = False
    page_break_before: bool = False
    frame: str = ""  # a whole w:framePr element (a paragraph placed on the page, e.g. 信函 标志)
    borders: str = ""  # inner XML of w:pBdr
    tabs: Iterable[tuple[str, int]] = ()  # (val, pos twips)
    snap_to_grid: bool | None = None
    before: int | None = None  # twips
    line: int | None = None  # exact line height, twips
    left: int | None = None
    right: int | None = None
    first_line: int | None = None
    hanging: int | None = None
    jc: str = ""
    outline: int | None = None  # 0-based outline level

    def xml(self) -> str:
        out = []
        if self.style:
            out.append(f'<w:pStyle w:val="{self.style}"/>')
        if self.keep_next:
            out.append("<w:keepNext/>")
        if self.page_break_before:
            out.append("<w:pageBreakBefore/>")
        if self.frame:
            out.append(self.frame)
        if self.borders:
            out.append(f"<w:pBdr>{self.borders}</w:pBdr>")
        tabs = list(self.tabs)
        if tabs:
            out.append("<w:tabs>" + "".join(
                f'<w:tab w:val="{v}" w:pos="{p}"/>' for v, p in tabs) + "</w:tabs>")
        if self.snap_to_grid is not None:
            out.append(f'<w:snapToGrid w:val="{int(self.snap_to_grid)}"/>')
        if self.before is not None or self.line is not None:
            s = "<w:spacing"
            if self.before is not None:
                s += f' w:before="{self.before}"'
            if self.line is not None:
                s += f' w:line="{self.line}" w:lineRule="exact"'
            out.append(s + "/>")
        if any(v is not None for v in (self.left, self.right, self.first_line, self.hanging)):
            s = "<w:ind"
            if self.left is not None:
                s += f' w:left="{self.left}"'
            if self.right is not None:
                s += f' w:right="{self.right}"'
            if self.first_line is not None:
                s += f' w:firstLine="{self.first_line}"'
            if self.hanging is not None:
                s += f' w:hanging="{self.hanging}"'
            out.append(s + "/>")
        if self.jc:
            out.append(f'<w:jc w:val="{self.jc}"/>')
        if self.outline is not None:
            out.append(f'<w:outlineLvl w:val="{self.outline}"/>')
        return "<w:pPr>" + "".join(out) + "</w:pPr>" if out else ""


def para(ppr: PPr, runs: str = "") -> str:
    """One `w:p`."""
    return f"<w:p>{ppr.xml()}{runs}</w:p>"


def border(side: str, sz: int, color: str = "000000", space: int = 0) -> str:
    """One single-line border element (`w:top`, `w:bottom`, …); sz in eighths of a point."""
    return f'<w:{side} w:val="single" w:sz="{sz}" w:space="{space}" w:color="{color}"/>'
