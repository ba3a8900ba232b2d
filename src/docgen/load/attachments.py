"""附件 文件: an existing .docx or .pdf, which must stay inside the project.

A plan can come from someone else (a shared folder, a pull request built by CI). Whatever it
names is merged into the outputs and offered by `docgen serve` for download, so a 文件 of
`../../home/x/secret.docx`, an absolute path or a symlink leading out of the project would
publish a file its writer never meant to. The rule: the file, symlinks followed, lies in the
plan's folder or below, or in the project folder (where docgen.yaml is) or below. An office
that keeps shared attachments elsewhere names those folders in docgen.yaml under
`项目外附件目录` — a plan itself cannot widen the rule.

The name is stripped of surrounding spaces here, once, and the model gets the checked
absolute path, so check, build and serve all use the same file. A damaged .docx or .pdf is
found here, with the line of its 文件, rather than failing later inside a writer.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem
from .yaml_reader import Source

OUTSIDE_KEY = "项目外附件目录"  # docgen.yaml only: folders outside the project allowed for 文件
SUFFIXES = (".docx", ".pdf")
_RULE = ("附件文件只能放在计划所在的文件夹（或其子文件夹）、或项目文件夹（docgen.yaml 所在）里，"
         "以免把项目外的文件并入公文")
_FIX = (f"请把文件复制到项目里，写相对于计划文件的路径；确需引用项目外的文件夹，请在 docgen.yaml 里写 "
        f"{OUTSIDE_KEY}: [文件夹路径]")
_WINDOWS_ABS = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\)")


@dataclass(frozen=True)
class Rules:
    """Where a plan's attachments may come from (all resolved, absolute)."""

    plan_dir: Path
    roots: tuple[Path, ...]  # the plan's folder, the project folder
    outside: tuple[Path, ...] = ()  # folders docgen.yaml allows explicitly

    @classmethod
    def for_plan(cls, plan: Path, project_file: Path | None) -> Rules:
        plan_dir = plan.resolve().parent
        roots = [plan_dir]
        outside: list[Path] = []
        if project_file is not None:
            project = project_file.resolve().parent
            roots.append(project)
            outside = [(project / f).resolve() for f in _allowed_outside(project_file)]
        return cls(plan_dir, tuple(roots), tuple(outside))

    def allows(self, target: Path) -> bool:
        return any(target.is_relative_to(r) for r in (*self.roots, *self.outside))


def _allowed_outside(project_file: Path) -> list[str]:
    """The folders listed under 项目外附件目录 in docgen.yaml (already checked by its model)."""
    from .plan import load_defaults

    try:
        data = load_defaults(project_file).data
    except Exception:  # a broken docgen.yaml is reported where it is read
        return []
    value = data.get(OUTSIDE_KEY) if isinstance(data, dict) else None
    if isinstance(value, str):
        value = [value]
    return [v.strip() for v in value or [] if isinstance(v, str) and v.strip()]


def _files(data: Any):
    """(index, raw 文件 value) of every attachment that names a file."""
    atts = data.get("附件") if isinstance(data, dict) else None
    for n, att in enumerate(atts if isinstance(atts, list) else []):
        name = att.get("文件") if isinstance(att, dict) else None
        if isinstance(name, str) and name.strip():
            yield n, name


def locate(name: str, rules: Rules) -> tuple[Path | None, str | None]:
    """The file a 文件 value names, or the Chinese reason it may not be used."""
    name = name.strip()
    shown = f"附件文件“{name}”"
    if Path(name).suffix.lower() not in SUFFIXES:
        return None, f"{shown}应为 .docx 或 .pdf 文件。"
    if "\0" in name:
        return None, f"{shown}的名字里有控制字符：请改正文件名。"
    target = (rules.plan_dir / name).resolve()
    absolute = Path(name).is_absolute() or bool(_WINDOWS_ABS.match(name))
    if absolute and not any(target.is_relative_to(r) for r in rules.outside):
        return None, f"{shown}写的是绝对路径。{_RULE}。{_FIX}。"
    if not rules.allows(target):
        via = "（它经由符号链接指向项目外）" if _through_link(rules.plan_dir, name) else ""
        return None, f"{shown}在项目文件夹之外{via}，实际位置是 {target}。{_RULE}。{_FIX}。"
    if not target.is_file():
        return None, f"找不到{shown}（相对于计划文件所在的文件夹）：请检查文件名和位置。"
    damaged = damage(target)
    if damaged:
        return None, f"{shown}{damaged}"
    return target, None


def _through_link(base: Path, name: str) -> bool:
    """Whether any part of the path, as written, is a symlink."""
    p = base
    for part in Path(name).parts:
        p = p / part
        if p.is_symlink():
            return True
    return False


def check(data: Any, source: Source, rules: Rules) -> list[Problem]:
    """Problems with every 附件 文件 of raw plan data, each at its 文件 value."""
    out: list[Problem] = []
    for n, name in _files(data):
        _, why = locate(name, rules)
        if why:
            out.append(Problem(why, source.loc(("附件", n, "文件"))))
    return out


def resolve_files(model: Any, data: Any, rules: Rules) -> Any:
    """The model with each attachment's 文件 replaced by its checked absolute path (and a
    blank 文件 by none), so later steps never resolve the written name again."""
    atts = getattr(model, "attachments", None)
    if not atts:
        return model
    changed = []
    for att in atts:
        if att.file is None:
            changed.append(att)
            continue
        target, _ = locate(att.file, rules) if att.file.strip() else (None, None)
        changed.append(att.model_copy(update={"file": str(target) if target else None}))
    return model.model_copy(update={"attachments": changed})


def damage(path: Path) -> str | None:
    """Why a .docx/.pdf cannot be appended (Chinese), or None; cached per file version."""
    st = path.stat()
    return _damage(path, st.st_mtime_ns, st.st_size)


@functools.lru_cache(maxsize=256)
def _damage(path: Path, mtime_ns: int, size: int) -> str | None:
    fix = "请用 Word、WPS 或 PDF 阅读器打开它，另存一份后再用。"
    if size == 0:
        return f"是空文件：{fix}"
    if path.suffix.lower() == ".docx":
        try:
            with zipfile.ZipFile(path) as zf:
                if "word/document.xml" not in zf.namelist():
                    return f"不是 Word 文件（缺少正文部分）：{fix}"
            import docx

            docx.Document(str(path))
        except Exception as exc:  # zipfile, lxml and python-docx raise many kinds
            return f"已损坏，无法读取（{type(exc).__name__}）：{fix}"
        return None
    try:
        with path.open("rb") as fh:
            if b"%PDF-" not in fh.read(1024):
                return f"不是 PDF 文件：{fix}"
            from pdfminer.pdfdocument import PDFDocument
            from pdfminer.pdfpage import PDFPage
            from pdfminer.pdfparser import PDFParser

            fh.seek(0)
            document = PDFDocument(PDFParser(fh))
            if next(PDFPage.create_pages(document), None) is None:
                return f"没有任何页面：{fix}"
    except Exception as exc:  # pdfminer raises many kinds for a damaged file
        return f"已损坏，无法读取（{type(exc).__name__}）：{fix}"
    return None
