"""Glyph coverage of a document: which role font draws each character, and which characters
need a role's full face or a fallback face (never a blank box: an error names the character).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from ..document import Document, Kind, Paragraph, Role, Table
from ..errors import DocgenError, Loc
from ..standard import HEADING_ROLE
from .roles import FontSet


def paragraph_role(p: Paragraph) -> Role:
    if p.kind is Kind.HEADING and p.level:
        return Role(HEADING_ROLE.get(p.level, Role.BODY.value))
    return Role.BODY


def document_text(doc: Document) -> Iterator[tuple[Role, str, Loc | None]]:
    """Every piece of text with the role font that will draw it and where it came from."""
    for role, _, text, loc, _ in _pieces(doc):
        yield role, text, loc


class Piece(NamedTuple):
    """One piece of a document's text: the role font and element slot ("" if none, else
    document.FACE_SLOTS: h1–h4, colophon, attach_label) whose template face may draw it, where
    it came from, and whether it is the office's own 版头 (模板/版头.docx as
    write/letterhead.py loads it), which an error then names."""

    role: Role
    slot: str
    text: str
    loc: Loc | None
    letterhead: bool = False


def _pieces(doc: Document) -> Iterator[Piece]:
    """As document_text, with the element slot and whether the piece is the office 版头."""
    def blocks(bs) -> Iterator[Piece]:
        from ..document import AttachmentNote, Signature

        for b in bs:
            if isinstance(b, Paragraph):
                base = paragraph_role(b)
                slot = f"h{b.level or 1}" if b.kind is Kind.HEADING else ""
                for r in b.runs:
                    role = r.role or base
                    yield Piece(role, slot if role is base else "", r.text, b.loc)
            elif isinstance(b, Table):
                for i, row in enumerate(b.rows):
                    for cell in row:
                        yield Piece(Role.HEI if i < b.header_rows else Role.BODY, "", cell, b.loc)
            elif isinstance(b, AttachmentNote):
                yield Piece(Role.BODY, "", "附件：" + "".join(b.names) + "0123456789.", None)
            elif isinstance(b, Signature):
                yield Piece(Role.BODY, "", b.org + b.date, None)

    for line in doc.title_lines:
        yield Piece(Role.TITLE, "", line, doc.title_loc)
    lh = doc.letterhead
    if lh:
        yield Piece(Role.BODY, "", lh.copy_no + lh.doc_number + "签发人：", None)
        yield Piece(Role.HEI, "", lh.secrecy + lh.urgency, None)
        yield Piece(Role.TITLE, "", lh.org_mark, None)
        yield Piece(Role.KAI, "", "".join(lh.signers), None)
        yield from _office_letterhead(doc)
    yield from blocks(doc.body)
    if doc.issued:  # a 通知's 印发/转发 document
        for line in doc.issued.title_lines:
            yield Piece(Role.TITLE, "", line, None)
        yield from blocks(doc.issued.blocks)
    for att in doc.attachments:
        yield Piece(Role.HEI, "attach_label", att.label, None)
        for line in att.title_lines:
            yield Piece(Role.TITLE, "", line, None)
        yield from blocks(att.blocks)
    if doc.colophon:
        c = doc.colophon
        yield Piece(Role.BODY, "colophon", c.cc + c.printer + c.print_date, None)
    yield Piece(Role.PAGE_NO, "", "— 0123456789", None)


def _office_letterhead(doc: Document) -> Iterator[Piece]:
    """The text of an office's own 版头 (模板/版头.docx) as the writers draw it: a character
    only the letterhead has (a rare one in the office's name) is checked like body text and
    located at the template file."""
    if not doc.options.template_dir or (doc.letterhead and doc.letterhead.preprinted):
        return  # 套印: the paper carries the 版头, nothing of it is drawn
    from ..write import letterhead

    office = letterhead.for_document(doc)
    if office is None:
        return
    where = Loc(office.path)
    for p in office.paragraphs:
        for r in p.runs:
            if r.text:
                yield Piece(r.role, "", r.text, where, letterhead=True)


def _skip(ch: str) -> bool:
    return ch.isspace() or ord(ch) < 0x20 or 0x200B <= ord(ch) <= 0x200F or ch == "\ufeff"


@dataclass(frozen=True)
class GlyphPlan:
    """Which characters need more than the cut role font, and which face draws them."""

    full: dict[Role, frozenset[int]]  # role → chars drawn from the role's full face
    fallback: dict[int, frozenset[int]]  # fallback index → chars it draws
    # slot → chars drawn from the full file of the template's own face for that element
    own_full: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.full and not self.fallback and not self.own_full


def glyph_plan(doc: Document, fs: FontSet, strict: bool = True, warn=None) -> GlyphPlan:
    """Check every character against its role font; raise DocgenError for one no font has."""
    full: dict[Role, set[int]] = {}
    fb: dict[int, set[int]] = {}
    own: dict[str, set[int]] = {}
    seen: set[tuple[Role, str, str]] = set()
    for role, slot, text, loc, from_letterhead in _pieces(doc):
        slot = slot if slot in fs.own and fs.own[slot].role is role else ""
        rf = fs.face(role, slot)
        cut = rf.cut_cover
        for ch in text:
            if (role, slot, ch) in seen or _skip(ch):
                continue
            seen.add((role, slot, ch))
            cp = ord(ch)
            if cp in cut:
                continue
            if cp in rf.info.cover:
                if slot:
                    own.setdefault(slot, set()).add(cp)
                else:
                    full.setdefault(role, set()).add(cp)
                continue
            for i, f in enumerate(fs.fallbacks):
                if cp in f.info.cover:
                    fb.setdefault(i, set()).add(cp)
                    break
            else:
                names = "、".join([rf.face.label, *(f.face.label for f in fs.fallbacks)])
                where = (f"（出现在版头模板 {Path(loc.file).name} 中）"
                         if from_letterhead and loc is not None else "")
                msg = (f"字符“{ch}”（U+{cp:04X}）{where}在{role.value}字体及后备字体（{names}）中都没有字形；"
                       "请改用常用字，或把含有该字的字体文件放进项目的 fonts/ 文件夹")
                if strict:
                    raise DocgenError(msg, loc)
                if warn:
                    warn(msg)
    return GlyphPlan({r: frozenset(v) for r, v in full.items()},
                     {i: frozenset(v) for i, v in fb.items()},
                     {k: frozenset(v) for k, v in own.items()})

