"""`docgen new`: start a plan from a commented sample instead of a blank page.

The samples live in templates/scaffolds/ (shipped in the wheel). Each is a complete, valid
plan whose first line points the editor at docgen-schema.json, which is written beside the
new plan when that folder has none, so completion works without any set-up.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .model.plans import WORKPLAN_KINDS

SCHEMA_FILE = "docgen-schema.json"
# 文种 → the sample it starts from; 实施方案 and 工作计划 reuse 工作方案 with the word replaced.
SCAFFOLDS = {**{k: "工作方案" for k in WORKPLAN_KINDS}, "通告": "通告", "总结": "总结",
             **{k: k for k in ("通知", "请示", "报告", "函", "纪要")}}
_DATE_LINE = re.compile(r"^(\s*(?:成文日期|印发日期): )\d{4}-\d{2}-\d{2}", re.MULTILINE)


class ScaffoldError(Exception):
    """A refusal the user can fix (unknown 文种, file exists); the message is Chinese."""


@dataclass(frozen=True)
class Created:
    """What `new` wrote: the plan, and the schema file if it was missing."""

    plan: Path
    schema: Path | None


def scaffold_text(kind: str, today: dt.date | None = None) -> str:
    """The sample plan for a 文种, dated today so it prints a plausible 成文日期."""
    if kind not in SCAFFOLDS:
        raise ScaffoldError(f"未知的文种“{kind}”。可用：{'、'.join(SCAFFOLDS)}。")
    base = SCAFFOLDS[kind]
    text = (resources.files("docgen") / "templates" / "scaffolds" / f"{base}.yaml").read_text(
        encoding="utf-8")
    if kind != base:
        text = _rename_kind(text, base, kind)
    day = (today or dt.date.today()).isoformat()
    return _DATE_LINE.sub(lambda m: m.group(1) + day, text)


def _rename_kind(text: str, base: str, kind: str) -> str:
    """工作方案 → 实施方案/工作计划 everywhere but the help line that lists the three words."""
    out = []
    for line in text.splitlines(keepends=True):
        if not line.startswith("# 文种："):
            line = line.replace(base, kind)
            if kind == "工作计划":
                line = line.replace("本方案", "本计划").replace("以上方案", "以上计划")
        out.append(line)
    return "".join(out)


def target_path(kind: str, file: Path | None) -> Path:
    """FILE as given; a folder gets <文种>.yaml inside; a name without .yaml gets it added."""
    if file is None:
        return Path(f"{kind}.yaml")
    if file.is_dir():
        return file / f"{kind}.yaml"
    if file.suffix.lower() not in (".yaml", ".yml"):
        return file.with_name(file.name + ".yaml")
    return file


def create(kind: str, file: Path | None = None, today: dt.date | None = None) -> Created:
    """Write a new plan; never overwrite an existing file (the writer's work is in it)."""
    text = scaffold_text(kind, today)
    target = target_path(kind, file)
    if target.exists():
        raise ScaffoldError(f"文件“{target}”已经存在，没有覆盖它。请换一个文件名，"
                            f"如 docgen new {kind} {target.stem}2.yaml。")
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8", newline="\n") as fh:  # "x": fail if it appeared
            fh.write(text)
    except FileExistsError:
        raise ScaffoldError(f"文件“{target}”已经存在，没有覆盖它。") from None
    except OSError as exc:
        raise ScaffoldError(f"无法写入“{target}”：{exc.strerror or exc}。") from None
    return Created(target, write_schema_beside(target))


TEMPLATE_KIND = "模板"  # `docgen new 模板 [FOLDER]`: copy the example office template
EXAMPLE_OFFICE = "示例局"


def create_template(folder: Path | None = None) -> Path:
    """Copy templates/offices/示例局 (版头.docx, 样式.docx, 徽标.png) for an office to edit."""
    target = folder or Path(TEMPLATE_KIND)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ScaffoldError(f"“{target}”已经存在且不是空文件夹，没有覆盖它。请换一个文件夹名，"
                            f"如 docgen new 模板 模板/本局。")
    source = resources.files("docgen") / "templates" / "offices" / EXAMPLE_OFFICE
    try:
        target.mkdir(parents=True, exist_ok=True)
        for item in source.iterdir():
            if item.is_file():
                (target / item.name).write_bytes(item.read_bytes())
    except OSError as exc:
        raise ScaffoldError(f"无法写入“{target}”：{exc.strerror or exc}。") from None
    return target


def write_schema_beside(plan: Path) -> Path | None:
    """docgen-schema.json next to the plan, so `$schema=docgen-schema.json` resolves.

    An existing file is left alone: the user may pin an older or edited schema.
    """
    from .schema import schema_json

    path = plan.parent / SCHEMA_FILE
    if path.exists():
        return None
    try:
        with path.open("x", encoding="utf-8", newline="\n") as fh:
            fh.write(schema_json())
    except FileExistsError:
        return None
    return path
