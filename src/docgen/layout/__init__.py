"""The layout step (DESIGN.md): Document → LaidOut, the standard's decisions made once.

Both writers render a LaidOut and decide nothing of the standard themselves: 标志 size and
condensing, joint stacks, 发文字号/签发人 lines, signature geometry, where the body ends and
what page the 版记 takes. Numbers come from docgen.standard.
"""

from __future__ import annotations

from ..document import Block, Document, Format, Signature, Table
from .masthead import letter_masthead, masthead
from .model import (
    DocNoLine,
    HeadLine,
    LaidBlock,
    LaidOut,
    Mark,
    MarkLine,
    Masthead,
    Pages,
    RedRule,
    SigLine,
    SignatureBlock,
)
from .pages import paginate
from .signature import signature_block
from .tables import LaidCell, LaidRow, LaidTable, lay_out_table

__all__ = ["DocNoLine", "HeadLine", "LaidBlock", "LaidOut", "Mark", "MarkLine", "Masthead",
           "Pages", "RedRule", "SigLine", "SignatureBlock", "LaidCell", "LaidRow", "LaidTable", "lay_out", "lay_out_blocks"]


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
    return LaidOut(doc=doc, masthead=head, body=body, attachment_blocks=atts,
                   issued_blocks=issued, pages=paginate(doc, head, body, atts, issued),
                   colophon_rules=doc.format is not Format.LETTER)
