"""An office's own 版头 from its 模板 folder: 版头.docx filled with docxtpl, for both writers.

The office draws its letterhead in Word (emblem picture, wording, red rule) and writes
`{{ 发文字号 }}`-style placeholders that name plan keys. docxtpl fills them; the filled
paragraphs are then read once into one description — per paragraph its alignment, space
before, exact line height, bottom rule, and runs of text or inline pictures — that the Word
writer turns back into paragraphs and the HTML/PDF writer into boxes of the same heights.
Both outputs therefore show the same letterhead at the same place. What the PDF could not
show the same way (tables, floating pictures, text boxes) is refused with the fix.
"""

from __future__ import annotations

import base64
import io
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import standard as L
from ..document import Document, Role
from ..errors import DocgenError, Loc

TEMPLATE_NAME = "版头.docx"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# pictures a letterhead may hold, by file extension (the HTML data URI and Word's content types)
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif"}
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
EMU_PER_PT = 12700

# Placeholders and the plan keys they name (版头.* and a few top-level keys).
PLACEHOLDERS = ("发文机关标志", "发文字号", "份号", "密级", "保密期限", "紧急程度", "签发人",
                "发文机关", "成文日期", "标题")
ROLE_BY_FONT = (("小标宋", Role.TITLE), ("标宋", Role.TITLE), ("黑体", Role.HEI), ("楷", Role.KAI),
                ("宋体", Role.PAGE_NO))


def q(tag: str, ns: str = W) -> str:
    return f"{{{ns}}}{tag}"


@dataclass(frozen=True, slots=True)
class LhRun:
    """Text (in a font role, size, colour, horizontal scale) or an inline picture."""

    text: str = ""
    role: Role = Role.BODY
    size_pt: float = L.BODY_PT
    color: str = "000000"
    scale_pct: int = 100
    image: str = ""  # data: URI of the picture
    image_name: str = ""  # its part name in the .docx
    width_pt: float = 0.0
    height_pt: float = 0.0


@dataclass(frozen=True, slots=True)
class LhPara:
    align: str  # left / center / right / both
    before_pt: float
    line_pt: float  # exact line height
    runs: tuple[LhRun, ...]
    rule_pt: float = 0.0  # bottom border width (the red rule)
    rule_color: str = ""
    indent_left_pt: float = 0.0
    indent_right_pt: float = 0.0


@dataclass(frozen=True, slots=True)
class OfficeLetterhead:
    path: str
    paragraphs: tuple[LhPara, ...]
    media: tuple[tuple[str, bytes], ...]  # (part name under word/media/, bytes)

    @property
    def height_pt(self) -> float:
        return sum(p.before_pt + p.line_pt + p.rule_pt for p in self.paragraphs)


def find(template_dir: str | None) -> Path | None:
    if not template_dir:
        return None
    path = Path(template_dir) / TEMPLATE_NAME
    return path if path.is_file() else None


def values(doc: Document) -> dict[str, str]:
    """What each placeholder prints: the plan's values as composed (dates printed, 签发人 joined)."""
    lh = doc.letterhead
    period = (lh.secrecy if lh else "").partition("★")[2]
    return {
        "发文机关标志": lh.org_mark if lh else "",
        "发文字号": lh.doc_number if lh else "",
        "份号": lh.copy_no if lh else "",
        "密级": lh.secrecy if lh else "",  # with ★保密期限, as printed
        "保密期限": period,
        "紧急程度": lh.urgency if lh else "",
        "签发人": "\u3000".join(lh.signers) if lh else "",
        "发文机关": doc.meta.author,
        "成文日期": next((b.date for b in doc.body if type(b).__name__ == "Signature"), ""),
        "标题": "".join(doc.title_lines),
    }


def for_document(doc: Document) -> OfficeLetterhead | None:
    """The office's filled 版头 for this document, or None when its 模板 has no 版头.docx."""
    path = find(doc.options.template_dir)
    if path is None:
        return None
    st = path.stat()
    return _filled(str(path), st.st_mtime_ns, st.st_size, tuple(sorted(values(doc).items())))


def check(path: Path) -> None:
    """Raise the DocgenError a build would for this 版头.docx (damaged, unknown placeholders,
    what the PDF cannot draw), without a plan: placeholders are filled with nothing."""
    st = path.stat()
    _filled(str(path), st.st_mtime_ns, st.st_size, tuple((k, "") for k in sorted(PLACEHOLDERS)))


def _error(path: Path, message: str) -> DocgenError:
    return DocgenError(f"版头模板 {path.name}：{message}", Loc(str(path)))


@lru_cache(maxsize=64)
def _filled(path_text: str, mtime_ns: int, size: int,
            items: tuple[tuple[str, str], ...]) -> OfficeLetterhead:
    from docx.opc.exceptions import PackageNotFoundError
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError

    path = Path(path_text)
    try:
        tpl = DocxTemplate(str(path))
        names = tpl.get_undeclared_template_variables()
    except TemplateSyntaxError as exc:
        raise _error(path, f"占位符写法有误（{exc.message}）：占位符写成 {{{{ 发文字号 }}}}。") from None
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError):
        raise _error(path, "不是有效的 Word 文件（.docx）：请在 Word 或 WPS 中另存为 .docx。") from None
    unknown = sorted(set(names) - set(PLACEHOLDERS))
    if unknown:
        shown = "、".join(f"{{{{ {n} }}}}" for n in unknown)
        raise _error(path, f"占位符 {shown} 不是计划的键；可用的占位符：{'、'.join(PLACEHOLDERS)}。")
    tpl.render(dict(items), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return _read(path, out.getvalue())


def _read(path: Path, data: bytes) -> OfficeLetterhead:
    from lxml import etree  # here, not at import: most builds have no 版头.docx (16 ms cold)

    from ..verify.docx import Styles, merge_ppr, merge_rpr

    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    root = etree.fromstring(zf.read("word/document.xml"))
    styles = Styles(etree.fromstring(zf.read("word/styles.xml"))
                    if "word/styles.xml" in names else None)
    rels: dict[str, str] = {}
    if "word/_rels/document.xml.rels" in names:
        for rel in etree.fromstring(zf.read("word/_rels/document.xml.rels")):
            rels[rel.get("Id")] = rel.get("Target")
    body = root.find(q("body"))
    paras: list[LhPara] = []
    media: list[tuple[str, bytes]] = []
    for el in body:
        tag = etree.QName(el).localname
        if tag == "sectPr":
            continue
        if tag != "p":
            raise _error(path, "版头里只能用段落（文字和嵌入型图片）；表格、文本框等 PDF 无法照样排出，"
                               "请改用居中的段落和“嵌入型”图片。")
        if el.find(f".//{q('anchor', WP)}") is not None or el.find(f".//{q('txbxContent')}") is not None:
            raise _error(path, "图片要设成“嵌入型”（不能浮动或放在文本框里），PDF 才能放在同一位置。")
        style_id = el.find(f"{q('pPr')}/{q('pStyle')}")
        sid = style_id.get(q("val")) if style_id is not None else None
        ppr, rbase = styles.para_props(sid)
        ppr = merge_ppr(ppr, el.find(q("pPr")))
        rbase = merge_rpr(rbase, el.find(f"{q('pPr')}/{q('rPr')}"))
        runs: list[LhRun] = []
        for r in el.iter(q("r")):
            rpr = merge_rpr(rbase, r.find(q("rPr")))
            fonts = rpr.get("rFonts", {})
            face = fonts.get("eastAsia") or fonts.get("ascii") or ""
            role = next((ro for key, ro in ROLE_BY_FONT if key in face), Role.BODY)
            size = (rpr.get("sz") or round(L.BODY_PT * 2)) / 2
            color = rpr.get("color", "000000")
            color = "000000" if color in ("AUTO", "auto") else color
            w_el = r.find(f"{q('rPr')}/{q('w')}")
            scale = int(w_el.get(q("val"))) if w_el is not None else 100
            for child in r:
                name = etree.QName(child).localname
                if name == "t" and child.text:
                    runs.append(LhRun(text=child.text, role=role, size_pt=size, color=color,
                                      scale_pct=scale))
                elif name == "tab":
                    runs.append(LhRun(text="\u3000", role=role, size_pt=size, color=color))
                elif name == "drawing":
                    blip = child.find(f".//{q('blip', A)}")
                    extent = child.find(f".//{q('extent', WP)}")
                    rid = blip.get(q("embed", R)) if blip is not None else None
                    target = rels.get(rid or "", "")
                    part = "word/" + target.lstrip("/").removeprefix("word/")
                    if not target or part not in names or extent is None:
                        raise _error(path, "有一张图片读不出来：请在 Word 中重新插入（嵌入型）后保存。")
                    blob = zf.read(part)
                    ext = Path(part).suffix.lower().lstrip(".")
                    mime = IMAGE_TYPES.get(ext)
                    if mime is None:
                        raise _error(path, f"图片格式 .{ext} 不支持：请用 PNG 或 JPEG。")
                    image_name = f"lh{len(media) + 1}.{ext}"
                    media.append((image_name, blob))
                    runs.append(LhRun(
                        image=f"data:{mime};base64,{base64.b64encode(blob).decode()}",
                        image_name=image_name,
                        width_pt=int(extent.get("cx")) / EMU_PER_PT,
                        height_pt=int(extent.get("cy")) / EMU_PER_PT))
        spacing = ppr.get("spacing", {})
        before = int(spacing.get("before", "0") or 0) / 20
        tallest = max([r.height_pt for r in runs if r.image]
                      + [r.size_pt for r in runs if r.text] + [0.0])
        if spacing.get("lineRule") == "exact" and spacing.get("line"):
            line = int(spacing["line"]) / 20
        else:
            line = max(L.LINE_PITCH_PT, tallest)
        line = max(line, max([r.height_pt for r in runs if r.image] + [0.0]))
        bottom = ppr.get("pBdr", {}).get("bottom", {})
        drawn = bottom.get("val") not in (None, "nil", "none")
        rule = int(bottom.get("sz", "0") or 0) / 8 if drawn else 0.0
        rule_color = bottom.get("color", L.RED_HEX) if rule else ""
        ind = ppr.get("ind", {})
        paras.append(LhPara(align=ppr.get("jc") or "left", before_pt=before, line_pt=line,
                            runs=tuple(runs), rule_pt=rule, rule_color=rule_color,
                            indent_left_pt=int(ind.get("left", "0") or 0) / 20,
                            indent_right_pt=int(ind.get("right", "0") or 0) / 20))
    return OfficeLetterhead(str(path), tuple(paras), tuple(media))
