"""Prose fields (内容, 导语, 缘由, 结语 …) read as Markdown: paragraphs and emphasis.

The `markdown` package parses; this module keeps what a 公文 can hold — paragraphs,
**bold** and *italic* — as Runs, and turns everything else (headings, lists, links,
images, code, quotes, raw HTML) into a Chinese message that says what to write instead.
The model calls `problem()` at check time, so `docgen check` reports the field's
file:line:col; compose calls `parse()` and never sees refused input.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import lru_cache

from .document import Role, Run

# Text without any of these characters or line starts is plain paragraphs: Markdown would
# give the same result, so it is not parsed (most prose; keeps check fast).
_MARKUP = re.compile(r"[*_`<>\[\]!#\\&]|^ {0,3}(?:[-+=]|\d+[.)])|^(?: {4}|\t)|^ *-{3,}|\n +\S",
                     re.M)
_BLANK = re.compile(r"\n\s*\n")

# Markdown elements a 公文 cannot hold, and what to write instead.
REFUSED = {
    "h1": "标题（# 开头的行）", "h2": "标题（# 开头或下面一行是 --- / === 的行）",
    "h3": "标题（# 开头的行）", "h4": "标题（# 开头的行）", "h5": "标题（# 开头的行）",
    "h6": "标题（# 开头的行）",
    "ul": "列表（- 或 * 开头的行）", "ol": "编号列表（1. 开头的行）",
    "a": "链接（[文字](网址) 或 <网址>）", "img": "图片（![说明](文件)）",
    "code": "代码（`…`）", "pre": "代码块（缩进四格或 ``` 的段落）",
    "blockquote": "引用（> 开头的行）", "hr": "分隔线（--- 或 *** 一行）",
    "table": "表格",
}
FIX = {
    "ul": "分项请写在 条目 或 列举 里，docgen 自动编号",
    "ol": "分项请写在 条目 或 列举 里，docgen 自动编号（不要自己写 1. 2.）",
    "h1": "层次标题请写在 正文 各项的 标题 里，docgen 自动编号",
    "img": "公文正文不放图片，请作为附件（附件 文件）附上",
    "a": "公文不放超链接，网址请直接写出",
    "table": "表格请写在 表格 键里",
}
for _h in ("h2", "h3", "h4", "h5", "h6"):
    FIX[_h] = FIX["h1"]


class ProseError(ValueError):
    """Markdown the 公文 cannot hold; the message is Chinese and says the fix."""


@lru_cache(maxsize=1)
def _md():  # -> markdown.Markdown; imported here: most prose never needs it
    """One Markdown instance (reset per call) whose last tree step keeps the element tree."""
    import markdown
    from markdown.treeprocessors import Treeprocessor

    class Keep(Treeprocessor):
        def run(self, root: ET.Element) -> None:
            self.md.docgen_root = root  # type: ignore[attr-defined]

    class KeepTree(markdown.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (its API)
            md.treeprocessors.register(Keep(md), "docgen_keep", -10)

    return markdown.Markdown(extensions=[KeepTree()])


def _tree(text: str) -> ET.Element:
    md = _md()
    md.reset()
    md.convert(text)
    if md.htmlStash.html_counter:
        raw = md.htmlStash.rawHtmlBlocks[0] if md.htmlStash.rawHtmlBlocks else ""
        raise ProseError(f"不能写 HTML 代码（{str(raw)[:20]}）：公文正文只能是文字，"
                         "强调用 **加粗**；若要原样写出 < 或 >，请用全角＜＞。")
    return md.docgen_root  # type: ignore[attr-defined]


def join_lines(text: str) -> str:
    """Lines of one paragraph joined without spaces between CJK (as YAML folding needs)."""
    lines = [ln.strip() for ln in text.split("\n")]
    out = ""
    for ln in lines:
        if not ln:
            continue
        if out and out[-1].isascii() and ln[0].isascii() and out[-1].isalnum() and ln[0].isalnum():
            out += " "
        out += ln
    return out


def _refuse(tag: str, el: ET.Element) -> ProseError:
    what = REFUSED.get(tag, f"Markdown 的 <{tag}>")
    sample = join_lines("".join(el.itertext()))[:20]
    fix = FIX.get(tag, "请改成普通文字，强调用 **加粗**")
    shown = f"“{sample}”" if sample else ""
    return ProseError(f"公文正文里不能有{what}{shown}：{fix}。")


def _runs(el: ET.Element, role: Role | None, bold: bool, italic: bool,
          out: list[Run]) -> None:
    """Flatten inline content; adjacent text with the same flags becomes one Run."""

    def add(text: str | None) -> None:
        if not text:
            return
        if out and (out[-1].bold, out[-1].italic) == (bold, italic):
            out[-1] = Run(out[-1].text + text, role, bold=bold, italic=italic)
        else:
            out.append(Run(text, role, bold=bold, italic=italic))

    add(el.text)
    for child in el:
        tag = child.tag
        if tag in ("strong", "b"):
            _runs(child, role, True, italic, out)
        elif tag in ("em", "i"):
            _runs(child, role, bold, True, out)
        elif tag == "br":
            pass  # a hard line break is only a line of the source: paragraphs flow
        else:
            raise _refuse(tag, child)
        add(child.tail)


def parse(text: str, role: Role | None = None) -> list[tuple[Run, ...]]:
    """Prose → paragraphs of Runs. Blank lines separate paragraphs. Raises ProseError."""
    if not _MARKUP.search(text):
        parts = _BLANK.split(text.strip())
        return [(Run(j, role),) for j in (join_lines(p) for p in parts) if j]
    root = _tree(text)
    paras: list[tuple[Run, ...]] = []
    for block in root:
        if block.tag != "p":
            raise _refuse(block.tag, block)
        runs: list[Run] = []
        _runs(block, role, False, False, runs)
        runs = _joined(runs)
        if runs:
            paras.append(tuple(runs))
    return paras


def _joined(runs: list[Run]) -> list[Run]:
    """Apply the CJK line joining across the runs of one paragraph, dropping empty ones."""
    text = "".join(r.text for r in runs)
    if "\n" not in text and text == text.strip():
        return runs
    out: list[Run] = []
    for i, r in enumerate(runs):
        t = r.text
        if i == 0:
            t = t.lstrip()
        if i == len(runs) - 1:
            t = t.rstrip()
        t = join_lines(t) if "\n" in t else t
        if t:
            out.append(Run(t, r.role, bold=r.bold, italic=r.italic))
    return out


def problem(text: str) -> str | None:
    """The Chinese message for prose a 公文 cannot hold, or None when it is fine."""
    try:
        parse(text)
    except ProseError as exc:
        return str(exc)
    return None


def plain(text: str) -> str:
    """The prose with its emphasis markers removed (for titles, tables, checks)."""
    return "\n\n".join("".join(r.text for r in p) for p in parse(text))
