"""Write templates/offices/示例局/: an office's own look, as an example to copy and edit.

- 版头.docx: the letterhead, drawn with docgen's styles — an emblem picture left of the
  office's own 标志 wording, and {{ 份号 }} {{ 密级 }} {{ 紧急程度 }} {{ 发文字号 }} placeholders;
- 样式.docx: docgen's reference .docx with heading 1 set in 思源黑体 (still a 黑体);
- 徽标.png: the emblem (drawn here, a red ring with a star).
Run: .venv/bin/python scripts/make_example_office.py (offices make theirs in Word or WPS).
"""

from __future__ import annotations

import io
import math
import sys
import zipfile
from pathlib import Path

from PIL import Image, ImageDraw

from docgen import standard as L
from docgen.write.docx import parts as P
from docgen.write.docx import write_zip
from docgen.write.docx.body import RED_RULE_LINE_TWIPS
from docgen.write.docx.reference import PACKAGE_REFERENCE
from docgen.write.docx.xml import R_NS, W_NS, XML_HEAD

OUT = Path(__file__).resolve().parents[1] / "templates" / "offices" / "示例局"
MARK = "示例市应急管理局"  # 标志: the full name (§7.2.4 allows it without 文件)
EMBLEM_PT = 30  # fits the 36 pt exact line of the 标志
GAP_PT = 10  # transparent margin right of the emblem, part of the picture
LINE = L.LINE_PITCH_TWIPS


def emblem_png() -> bytes:
    size = 240
    img = Image.new("RGBA", (size * (EMBLEM_PT + GAP_PT) // EMBLEM_PT, size), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    d.ellipse((8, 8, size - 8, size - 8), outline=(255, 0, 0, 255), width=18)
    cx = cy = size / 2
    pts = []
    for i in range(10):
        r = 78 if i % 2 == 0 else 31
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    d.polygon(pts, fill=(255, 0, 0, 255))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def _run(text: str, font: str, extra: str = "") -> str:
    return (f'<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
            f'w:eastAsia="{font}"/>{extra}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>')


def _picture() -> str:
    emu, wide = EMBLEM_PT * 12700, (EMBLEM_PT + GAP_PT) * 12700
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{wide}" cy="{emu}"/><wp:docPr id="1" name="徽标"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:nvPicPr><pic:cNvPr id="1" name="徽标.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        '<pic:blipFill><a:blip r:embed="rIdEmblem"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{wide}" cy="{emu}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


def letterhead_document() -> str:
    head = [("{{ 份号 }}", "仿宋_GB2312"), ("{{ 密级 }}", "黑体"), ("{{ 紧急程度 }}", "黑体")]
    paras = [f'<w:p><w:pPr><w:pStyle w:val="{P.S_HEAD_LINE}"/></w:pPr>{_run(t, f)}</w:p>'
             for t, f in head]
    mark_top = round(L.ORG_MARK_TOP_FROM_BODY_MM * L.MM_PT * L.TWIPS_PER_PT)
    paras.append(
        f'<w:p><w:pPr><w:pStyle w:val="{P.S_ORG_MARK}"/>'
        f'<w:spacing w:before="{mark_top - 3 * LINE}" w:line="720" w:lineRule="exact"/>'
        # the emblem and its gap stand left of the wording: a right indent of the same
        # width keeps the wording itself centred (H4)
        f'<w:ind w:right="{(EMBLEM_PT + GAP_PT) * 20}"/></w:pPr>'
        + _picture() + _run(MARK, "方正小标宋简体",
                            '<w:color w:val="FF0000"/><w:sz w:val="72"/><w:szCs w:val="72"/>')
        + "</w:p>")
    paras.append(f'<w:p><w:pPr><w:pStyle w:val="{P.S_DOC_NUMBER}"/>'
                 f'<w:spacing w:before="{2 * LINE}"/></w:pPr>{_run("{{ 发文字号 }}", "仿宋_GB2312")}</w:p>')
    paras.append(f'<w:p><w:pPr><w:pStyle w:val="{P.S_RED_RULE}"/>'
                 f'<w:spacing w:line="{RED_RULE_LINE_TWIPS}" w:lineRule="exact"/></w:pPr></w:p>')
    return (XML_HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
            'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
            "<w:body>" + "".join(paras) + P.SECT_PR_XML + "</w:body></w:document>")


def _from_reference(replace: dict[str, str], extra: dict[str, bytes] | None = None) -> bytes:
    ref = zipfile.ZipFile(PACKAGE_REFERENCE)
    members = []
    for name in ref.namelist():
        data = ref.read(name)
        if name in replace:
            data = replace[name].encode("utf-8")
        members.append((name, data))
    members += sorted((extra or {}).items())
    return write_zip(members)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    png = emblem_png()
    ref = zipfile.ZipFile(PACKAGE_REFERENCE)
    rels = ref.read("word/_rels/document.xml.rels").decode().replace(
        "</Relationships>", '<Relationship Id="rIdEmblem" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/image" Target="media/徽标.png"/></Relationships>')
    types = ref.read("[Content_Types].xml").decode().replace(
        '<Default Extension="xml"', '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="xml"')
    (OUT / "版头.docx").write_bytes(_from_reference(
        {"word/document.xml": letterhead_document(), "word/_rels/document.xml.rels": rels,
         "[Content_Types].xml": types}, {"word/media/徽标.png": png}))
    styles = ref.read("word/styles.xml").decode()
    at = styles.index('w:styleId="Heading1"')
    end = styles.index("</w:style>", at)
    styles = styles[:at] + styles[at:end].replace('w:eastAsia="黑体"', 'w:eastAsia="思源黑体"') + styles[end:]
    (OUT / "样式.docx").write_bytes(_from_reference({"word/styles.xml": styles}))
    (OUT / "徽标.png").write_bytes(png)
    print(f"已写入 {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
