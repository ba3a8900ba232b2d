"""Rules of each 文种 that span several keys (上行文 签发人, one 主送 for a 请示 …).

They run after the model validated, on the typed model, and report located Chinese
problems: errors stop the build, warnings are shown and the build goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import Loc, Problem
from .plans import Circular, Letter, Minutes, PlanBase, Report, Request, Upward

LocAt = Callable[..., Loc]  # loc(path, key=False) of the plan's source
ISSUED_SUFFIXES = (".yaml", ".yml", ".docx", ".pdf")

# A 报告 must not ask its superior for anything (条例 第十五条); these words ask.
ASKING = re.compile(r"妥否|当否|请批示|请批准|请予批准|请审批|请予审批|请审定|请核准|请予核准|请予批复|请批复")
# Separators between several addressees (、，；/), or a collective 各… addressee.
_SEVERAL = re.compile(r"[、，,；;/／]|^各|\s各")


def kind_problems(model: PlanBase, data: dict[str, Any], loc: LocAt) -> list[Problem]:
    """Every cross-key rule of the plan's 文种."""
    out: list[Problem] = []
    if isinstance(model, Upward):
        out += _upward(model, data, loc)
    if isinstance(model, Request):
        out += _request(model, data, loc)
    if isinstance(model, Report):
        out += _report(data, loc)
    if isinstance(model, Letter):
        out += _letter(model, loc)
    if isinstance(model, Minutes):
        out += _minutes(model, loc)
    if isinstance(model, Circular):
        out += _circular(model, loc)
    out += _title_ends_with_kind(model, loc)
    return out


def _upward(m: Upward, data: dict[str, Any], loc: LocAt) -> list[Problem]:
    """上行文: 签发人 is required; it stands on the 发文字号's line (GB/T 9704 §7.2.6)."""
    if m.letterhead and m.letterhead.signers:
        return []
    where = loc(("版头",), key=True) if "版头" in data else loc(("文种",))
    return [Problem(
        f"{m.kind}是上行文，必须在版头写签发人（印在发文字号同一行的右侧），"
        "如 版头: {发文机关标志: 某镇人民政府文件, 发文字号: 某政〔2023〕12号, 签发人: 张三}。", where)]


def _request(m: Request, data: dict[str, Any], loc: LocAt) -> list[Problem]:
    """请示: exactly one 主送机关 (一文一事、主送一个机关), and who to call back."""
    out: list[Problem] = []
    to = m.addressee.strip().rstrip(":：")
    if not to:
        out.append(Problem("请示要写主送机关，而且只写一个（负责答复的上级机关），如 主送机关: 某县人民政府。",
                           loc(("文种",))))
    elif _SEVERAL.search(to):
        out.append(Problem(
            f"请示只能主送一个机关，这里是“{to}”。请只写负责答复的上级机关；"
            "需要其他机关知道的，写在 版记.抄送 里。", loc(("主送机关",))))
    missing = [k for k, v in (("联系人", m.contact), ("联系电话", m.phone)) if not v.strip()]
    if missing:
        out.append(Problem(
            f"请示要写{'和'.join(missing)}（印在成文日期下方的附注里，便于上级机关联系），"
            "如 联系人: 李四 和 联系电话: 0394-1234567。", loc(("文种",))))
    return out


def _report(data: dict[str, Any], loc: LocAt) -> list[Problem]:
    """A 报告 that asks for approval is a 请示 in disguise: the superior need not answer it."""
    for path, text in _texts(data, ("导语", "正文", "结语")):
        m = ASKING.search(text)
        if m:
            return [Problem(
                f"报告里不要夹带请示事项（这里写了“{m.group(0)}”）：报告不需要上级答复。"
                "需要上级批准的事项请另写一份请示（文种: 请示）；报告的结语一般是“特此报告。”。",
                loc(path), severity="警告")]
    return []


def _letter(m: Letter, loc: LocAt) -> list[Problem]:
    """信函格式 (GB/T 9704 §10.1): the 版记 has no 印发机关 and 印发日期."""
    c = m.colophon
    if c and (c.printer or c.print_date):
        key = "印发机关" if c.printer else "印发日期"
        return [Problem(
            "函使用信函格式，版记不印印发机关和印发日期：请删去 版记 里的 印发机关 和 印发日期"
            "（抄送可以保留）。", loc(("版记", key), key=True))]
    return []


def _minutes(m: Minutes, loc: LocAt) -> list[Problem]:
    """纪要格式 (GB/T 9704 §10.3): no 署名 and no 印章."""
    if m.seal != "无":
        return [Problem("纪要不加盖印章，也不印署名：请删去 印章: 盖章。", loc(("印章",)))]
    return []


def _circular(m: Circular, loc: LocAt) -> list[Problem]:
    """印发 / 转发: one document, of a kind docgen can append, and it is not an attachment."""
    out: list[Problem] = []
    if m.issue and m.forward:
        out.append(Problem("一份通知只能印发或转发一个文件：请只写 印发 或 转发 中的一个。",
                           loc(("转发",), key=True)))
    issued = m.issued_file()
    if issued is None:
        return out
    key, name = issued
    if not name.strip().lower().endswith(ISSUED_SUFFIXES):
        out.append(Problem(
            f"{key}的文件“{name}”应为计划文件（.yaml）或现成的 .docx / .pdf。", loc((key,))))
    if m.attachments:
        out.append(Problem(
            f"{key}通知本身不带附件：被{key}的文件紧接在成文日期之后另起一页，不是附件。"
            f"它的附件请写在被{key}的文件里。", loc(("附件",), key=True)))
    return out


_TITLE_WORD = {"复函": ("复函",), "函": ("函",)}


def _title_ends_with_kind(m: PlanBase, loc: LocAt) -> list[Problem]:
    """The title ends with the 文种 (发文机关 + 事由 + 文种, 条例 第九条): a mismatch is usually a
    wrong 文种 key or a slip in the title."""
    if not isinstance(m, Circular | Upward | Letter | Minutes):
        return []
    title = "".join(m.title).strip()
    word = "复函" if isinstance(m, Letter) and m.letter_kind == "复函" else m.kind
    if title.endswith(_TITLE_WORD.get(word, (word,))):
        return []
    return [Problem(f"标题“{title}”没有以文种“{word}”结尾：公文标题由 发文机关 + 事由 + 文种 组成，"
                    f"如 关于……的{word}。请检查标题或文种。", loc(("标题",)), severity="警告")]


def _texts(data: Any, keys: tuple[str, ...]) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every string under the given top-level keys, in reading order."""

    def walk(node: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
        if isinstance(node, str):
            yield path, node
        elif isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, (*path, k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                yield from walk(v, (*path, i))

    for k in keys:
        if k in data:
            yield from walk(data[k], (k,))
