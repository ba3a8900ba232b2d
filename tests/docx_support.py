"""Helpers for the Word writer tests: render, open parts, resolve style chains."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from docgen.document import Document
from docgen.write import RenderContext
from docgen.write.docx import render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    """Clark name of a w: tag or attribute."""
    return f"{{{W}}}{tag}"


@dataclass
class Docx:
    """A rendered .docx opened for inspection."""

    data: bytes

    @cached_property
    def zip(self) -> zipfile.ZipFile:
        return zipfile.ZipFile(io.BytesIO(self.data))

    def part(self, name: str) -> etree._Element:
        return etree.fromstring(self.zip.read(name))

    @cached_property
    def document(self) -> etree._Element:
        return self.part("word/document.xml")

    @cached_property
    def styles(self) -> etree._Element:
        return self.part("word/styles.xml")

    @cached_property
    def settings(self) -> etree._Element:
        return self.part("word/settings.xml")

    @cached_property
    def footers(self) -> dict[str, etree._Element]:
        """Footer part by footerReference type (default = odd pages, even)."""
        rels = etree.fromstring(self.zip.read("word/_rels/document.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        refs = self.document.findall(".//w:sectPr/w:footerReference", NS)
        rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
        return {r.get(q("type")): self.part("word/" + target[r.get(rid)]) for r in refs}

    @cached_property
    def style_by_id(self) -> dict[str, etree._Element]:
        return {s.get(q("styleId")): s for s in self.styles.findall("w:style", NS)}

    def style_id(self, name: str) -> str:
        for sid, s in self.style_by_id.items():
            if s.find("w:name", NS).get(q("val")) == name:
                return sid
        raise KeyError(name)

    def chain(self, sid: str | None) -> list[etree._Element]:
        """The style and its basedOn ancestors, nearest first."""
        out = []
        while sid:
            style = self.style_by_id[sid]
            out.append(style)
            based = style.find("w:basedOn", NS)
            sid = based.get(q("val")) if based is not None else None
        return out

    def body_paragraphs(self) -> list[etree._Element]:
        return self.document.findall("w:body/w:p", NS)

    def all_paragraphs(self) -> list[etree._Element]:
        return self.document.findall(".//w:p", NS)

    def runs(self) -> list[etree._Element]:
        return self.document.findall(".//w:r", NS)

    def para_style(self, p: etree._Element) -> str | None:
        ps = p.find("w:pPr/w:pStyle", NS)
        return ps.get(q("val")) if ps is not None else "Normal"

    def effective_ppr(self, p: etree._Element, path: str, attr: str) -> str | None:
        """A paragraph property resolved direct → style chain → docDefaults."""
        el = p.find(f"w:pPr/{path}", NS)
        if el is not None and el.get(q(attr)) is not None:
            return el.get(q(attr))
        for style in self.chain(self.para_style(p)):
            el = style.find(f"w:pPr/{path}", NS)
            if el is not None and el.get(q(attr)) is not None:
                return el.get(q(attr))
        el = self.styles.find(f"w:docDefaults/w:pPrDefault/w:pPr/{path}", NS)
        return el.get(q(attr)) if el is not None else None

    def effective_rpr(self, r: etree._Element, path: str, attr: str = "val") -> str | None:
        """A run property resolved run → paragraph style chain → docDefaults.

        A toggle element present without w:val resolves to "1".
        """
        el = r.find(f"w:rPr/{path}", NS)
        if el is not None:
            return el.get(q(attr), "1")
        p = r.getparent()
        while p is not None and p.tag != q("p"):
            p = p.getparent()
        for style in self.chain(self.para_style(p) if p is not None else "Normal"):
            el = style.find(f"w:rPr/{path}", NS)
            if el is not None:
                return el.get(q(attr), "1")
        el = self.styles.find(f"w:docDefaults/w:rPrDefault/w:rPr/{path}", NS)
        return el.get(q(attr), "1") if el is not None else None


def text_of(el: etree._Element) -> str:
    """Visible text: w:t joined, w:tab as a tab, w:br as a newline."""
    out = []
    for node in el.iter(q("t"), q("tab"), q("br")):
        if node.tag == q("t"):
            out.append(node.text or "")
        elif node.tag == q("tab") and node.getparent().tag == q("r"):
            out.append("\t")
        elif node.tag == q("br"):
            out.append("\n")
    return "".join(out)


def render_docx(doc: Document, ctx: RenderContext | None = None) -> Docx:
    return Docx(render(doc, ctx or RenderContext()))
