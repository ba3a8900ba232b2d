"""The layout step (DESIGN.md): Document → LaidOut, the standard's decisions made once.

Both writers render a LaidOut and decide nothing of the standard themselves: 标志 size and
condensing, joint stacks, 发文字号/签发人 lines, signature geometry, where the body ends and
what page the 版记 takes. Numbers come from docgen.standard.
"""

from __future__ import annotations

from dataclasses import replace

from ..document import Block, Document, Format, Paragraph, Signature, Table
from .masthead import letter_masthead, masthead
from .model import (
    DocNoLine,
    HeadLine,
    LaidBlock,
    LaidOut,
    Mark,
    MarkLine,
    Masthead,
    PageBreak,
    Pages,
    RedRule,
    SigLine,
    SignatureBlock,
    SplitParagraph,
)
from .pages import paginate, split_paragraph, split_table
from .signature import signature_block
from .tables import LaidCell, LaidRow, LaidTable, lay_out_table

__all__ = ["DocNoLine", "HeadLine", "LaidBlock", "LaidOut", "Mark", "MarkLine", "Masthead",
           "PageBreak", "Pages", "RedRule", "SigLine", "SignatureBlock", "SplitParagraph", "LaidCell", "LaidRow", "LaidTable", "lay_out", "lay_out_blocks"]


def lay_out_blocks(blocks: tuple[Block, ...]) -> tuple[LaidBlock, ...]:
    """Blocks with the ones layout decides replaced by their laid-out form."""
    return tuple(signature_block(b) if isinstance(b, Signature)
                 else lay_out_table(b) if isinstance(b, Table) else b for b in blocks)


def lay_out(doc: Document) -> LaidOut:
    """Every layout decision of one document, for both writers."""
    head = None
    if doc.letterhead is not None:
        letter = doc.format is Format.LETTER
        head = (letter_masthead if letter else masthead)(doc.letterhead)
    body = lay_out_blocks(doc.body)
    atts = tuple(lay_out_blocks(a.blocks) for a in doc.attachments)
    issued = lay_out_blocks(doc.issued.blocks) if doc.issued else ()
    pages = paginate(doc, head, body, atts, issued)
    if pages is not None:
        body = _decided(body, pages, "body")
        issued = _decided(issued, pages, "issued")
        atts = tuple(_decided(a, pages, f"attachment-{k}") for k, a in enumerate(atts))
    return LaidOut(doc=doc, masthead=head, body=body, attachment_blocks=atts,
                   issued_blocks=issued, pages=pages,
                   colophon_rules=doc.format is not Format.LETTER, last_file=last_file(doc))


def last_file(doc: Document) -> str:
    """The file appended last: the last attachment's 文件, else (no attachments) the issued
    document's; '' when the document ends with text."""
    if doc.attachments:
        return doc.attachments[-1].file or ""
    return (doc.issued.file or "") if doc.issued is not None else ""


def _decided(blocks: tuple[LaidBlock, ...], pages: Pages, part: str) -> tuple[LaidBlock, ...]:
    """One part's blocks with pagination's decisions applied (spacing, keeps, page breaks)."""
    blocks = _tightened(blocks, pages.tightened, part)
    blocks = _unkept(blocks, pages.unkept, part)
    return _with_breaks(blocks, pages.breaks, pages.splits, part)


def _tightened(blocks: tuple[LaidBlock, ...], tight: tuple[tuple[str, int, int], ...],
               part: str) -> tuple[LaidBlock, ...]:
    """The blocks with the signature blocks pagination tightened (fewer blank lines above)."""
    at = {i: n for p, i, n in tight if p == part}
    out = list(blocks)
    for i, n in at.items():
        b = out[i]
        assert isinstance(b, SignatureBlock)
        out[i] = replace(b, lines=(replace(b.lines[0], blank_before=n), *b.lines[1:]))
    return tuple(out)


def _unkept(blocks: tuple[LaidBlock, ...], unkept: tuple[tuple[str, int], ...],
            part: str) -> tuple[LaidBlock, ...]:
    """The signature blocks that fit under the body, marked to keep no body line with them."""
    at = {i for p, i in unkept if p == part}
    return tuple(replace(b, keep_with_previous=False) if i in at and isinstance(b, SignatureBlock)
                 else b for i, b in enumerate(blocks))


def _with_breaks(blocks: tuple[LaidBlock, ...], breaks: tuple[tuple[str, int], ...],
                 splits: tuple[tuple[str, int, int], ...], part: str) -> tuple[LaidBlock, ...]:
    """The blocks with a PageBreak before each paragraph pagination moved to a new page, and
    the page breaks inside a paragraph or table it decided (B10's carried line or rows): a
    SplitParagraph, or the table's two parts with a PageBreak between them."""
    at = {i for p, i in breaks if p == part}
    cut = {i: k for p, i, k in splits if p == part}
    out: list[LaidBlock] = []
    for i, b in enumerate(blocks):
        if i in at:
            out.append(PageBreak())
        if i in cut and isinstance(b, Paragraph):
            out.append(split_paragraph(b, cut[i]))
        elif i in cut and isinstance(b, LaidTable):
            head, tail = split_table(b, cut[i])
            out += [head, PageBreak(), tail]
        else:
            out.append(b)
    return tuple(out)
