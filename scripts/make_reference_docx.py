"""Write templates/docx/reference.docx: docgen's Word styles, page set-up and footers as a file.

Run once after changing write/docx/parts.py (a test fails while the shipped file is stale):
    .venv/bin/python scripts/make_reference_docx.py
The document shows one paragraph in every style, so an office that opens it in Word or WPS
sees what each style is for; docgen reads only its styles, settings, footers and sectPr.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docgen.document import Fonts
from docgen.write.docx import parts as P
from docgen.write.docx import write_zip
from docgen.write.docx.xml import R_NS, W_NS, XML_HEAD, esc

OUT = Path(__file__).resolve().parents[1] / "templates" / "docx" / "reference.docx"

SAMPLES = [
    (P.S_HEAD_LINE, "000001（公文版头：份号、密级、紧急程度）"),
    (P.S_ORG_MARK, "某市机关事务管理局文件"),
    (P.S_DOC_NUMBER, "某机管〔2022〕15号"),
    (P.S_RED_RULE, ""),
    (P.S_TITLE, "公文标题：二号小标宋，居中"),
    (P.S_ADDRESSEE, "主送机关："),
    (P.S_BODY, "公文正文：三号仿宋，首行缩进2字，每行28字，每页22行。"),
    (P.S_HEADING[1], "一、一级标题（heading 1，黑体）"),
    (P.S_HEADING[2], "（一）二级标题（heading 2，楷体）"),
    (P.S_HEADING[3], "1.三级标题（heading 3，仿宋）"),
    (P.S_HEADING[4], "（1）四级标题（heading 4，仿宋）"),
    (P.S_ATTACH_NOTE, "附件：附件名称"),
    (P.S_SIGNATURE, "某市机关事务管理局"),
    (P.S_DATE, "2022年10月8日"),
    (P.S_NOTE, "（附注）"),
    (P.S_ATTACH_LABEL, "附件1"),
    (P.S_TABLE, "表格文字"),
    (P.S_COLOPHON, "抄送：公文版记，四号仿宋。"),
]


def document_xml() -> str:
    paras = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{sid}"/></w:pPr>'
        + (f'<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r>' if text else "")
        + "</w:p>" for sid, text in SAMPLES)
    return (XML_HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
            + paras + P.SECT_PR_XML + "</w:body></w:document>")


def build() -> bytes:
    f = Fonts()
    members = {
        "[Content_Types].xml": P.CONTENT_TYPES_XML.replace(
            '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
            '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>', ""),
        "_rels/.rels": P.ROOT_RELS_XML.replace(
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>', "").replace(
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>', ""),
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": P.DOCUMENT_RELS_XML,
        "word/styles.xml": P.styles_xml(f),
        "word/settings.xml": P.SETTINGS_XML,
        "word/fontTable.xml": P.font_table_xml(f),
        "word/footer1.xml": P.footer_xml(True, f),
        "word/footer2.xml": P.footer_xml(False, f),
        "word/footer3.xml": P.BLANK_FOOTER_XML,  # the 版记 page's empty footer (rId6)
    }
    return write_zip((n, t.encode("utf-8")) for n, t in members.items())


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = build()
    if OUT.is_file() and OUT.read_bytes() == data:
        print(f"{OUT} 已是最新。")
        return 0
    OUT.write_bytes(data)
    print(f"已写入 {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
