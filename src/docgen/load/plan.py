"""Read a plan: YAML with positions → project defaults merged → checked typed model.

Every problem found is collected, so one `docgen check` run reports them all.
"""

from __future__ import annotations

import copy
import difflib
import functools
import re
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import DocgenError, Loc, Problem
from ..model.common import GROUP_ROLES, LeadingGroup
from ..model.plans import KINDS, MODEL_BY_KIND, Circular, PlanBase, ProjectDefaults, suggest_kind
from ..model.rules import kind_problems
from . import attachments, chars
from .yaml_reader import Path_, Source, read

PROJECT_FILE = "docgen.yaml"
PROJECT_ONLY = frozenset({"项目外附件目录", "构建"})  # docgen.yaml keys that are not plan defaults
MAX_DEPTH = 4


def _all_keys(model: type[BaseModel], seen: set | None = None) -> set[str]:
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    keys = set()
    for info in model.model_fields.values():
        if info.alias:
            keys.add(info.alias)
        for sub in _models_in(info.annotation):
            keys |= _all_keys(sub, seen)
    return keys


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out = []
    for arg in typing.get_args(annotation):
        out += _models_in(arg)
    return out


_seen: set = set()  # shared: each nested model is walked once, not once per kind
KNOWN_KEYS = frozenset(set().union(*(_all_keys(m, _seen) for m in (*MODEL_BY_KIND.values(),
                                                                  ProjectDefaults))))
del _seen


UNITS_KEY = "单位"  # a batch plan's units; here, not in load.units, so a build asks cheaply


def is_batch(source: Source) -> bool:
    """Whether a read plan is a batch (its 单位 names a data file or lists rows)."""
    return isinstance(source.data, dict) and source.data.get(UNITS_KEY) not in (None, "", [])


@dataclass
class Plan:
    """A checked plan: the model, where its values came from, and notices to show."""

    model: PlanBase
    path: Path
    source: Source
    project_dir: Path
    notices: list[Problem] = field(default_factory=list)
    # what a 通知 issues (印发) or forwards (转发): a plan checked on its own, or a .docx/.pdf
    issued: Plan | Path | None = None

    def loc(self, path: Path_) -> Loc:
        return self.source.loc(path)


def find_project_file(plan: Path) -> Path | None:
    """The nearest docgen.yaml in the plan's folder or a parent folder."""
    for folder in [plan.resolve().parent, *plan.resolve().parents]:
        candidate = folder / PROJECT_FILE
        if candidate.is_file():
            return candidate
    return None


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load_defaults(path: Path) -> Source:
    """Read and check docgen.yaml; its positions are kept for errors in merged values.

    Cached by file identity: checking a folder of 1000 plans reads the defaults once."""
    st = path.stat()
    return _load_defaults(path.resolve(), st.st_mtime_ns, st.st_size, _display(path))


@functools.lru_cache(maxsize=16)
def _load_defaults(path: Path, mtime_ns: int, size: int, display: str) -> Source:
    source = read(path, KNOWN_KEYS, display)
    if not isinstance(source.data, dict):
        raise DocgenError("docgen.yaml 应为“键: 值”的列表。", source.loc(()))
    try:
        ProjectDefaults.model_validate(source.data)
    except ValidationError as exc:
        raise DocgenError(problems=translate(exc, source, ProjectDefaults)) from None
    return source


def merge(defaults: Source, plan: Source) -> Source:
    """Defaults under the plan: mappings merge key by key, anything else the plan wins."""
    merged = Source(plan.file, None, dict(plan.keys), dict(plan.values), list(plan.notices))

    def walk(d: Any, p: Any, path: Path_) -> Any:
        if isinstance(d, dict) and isinstance(p, dict):
            out = dict(p)
            for k, v in d.items():
                if path == () and k in PROJECT_ONLY:
                    continue
                if k not in p:
                    out[k] = copy.deepcopy(v)  # the cached defaults are never shared
                    _copy_positions(defaults, merged, (*path, k))
                else:
                    out[k] = walk(v, p[k], (*path, k))
            return out
        return p

    merged.data = walk(defaults.data, plan.data, ())
    return merged


def _copy_positions(src: Source, dst: Source, prefix: Path_) -> None:
    n = len(prefix)
    for table_src, table_dst in ((src.keys, dst.keys), (src.values, dst.values)):
        for k, v in table_src.items():
            if k[:n] == prefix:
                table_dst[k] = v


def load_plan(path: Path, defaults: Source | None | bool = True) -> Plan:
    """Read and check one plan; raise DocgenError listing every problem found."""
    source, project_file = read_plan_source(path, defaults)
    return check_plan(path, source, project_file)


def read_plan_source(path: Path, defaults: Source | None | bool = True
                     ) -> tuple[Source, Path | None]:
    """Read one plan with docgen.yaml merged under it, not yet checked: batch expansion
    (load.units) changes this raw data per unit before the same checks run."""
    project_file = find_project_file(path) if defaults is True else None
    if defaults is True:
        defaults = load_defaults(project_file) if project_file else None
    source = read(path, KNOWN_KEYS, _display(path), defer=True)
    if not isinstance(source.data, dict):
        raise DocgenError("计划文件应为“键: 值”的列表，如 文种: 工作方案。", source.loc(()))
    if defaults:
        source = merge(defaults, source)
    return source, project_file


def output_folder(path: Path) -> Path | None:
    """输出.目录 of a plan (or its docgen.yaml), relative to the project folder; None if unset
    or the plan cannot be read (the build then reports why)."""
    try:
        source, project_file = read_plan_source(path)
    except DocgenError:
        return None
    output = source.data.get("输出")
    folder = output.get("目录") if isinstance(output, dict) else None
    if not isinstance(folder, str) or not folder.strip():
        return None
    return (project_file.parent if project_file else path.parent) / folder.strip()


def configured_scheduler(path: Path) -> str | None:
    """构建.调度器 of the plan's docgen.yaml (a Dask scheduler address); None if unset or the
    project file cannot be read (the build then reports why)."""
    project_file = find_project_file(path)
    if project_file is None:
        return None
    try:
        build = load_defaults(project_file).data.get("构建")
    except DocgenError:
        return None
    scheduler = build.get("调度器") if isinstance(build, dict) else None
    return scheduler.strip() if isinstance(scheduler, str) and scheduler.strip() else None


def check_plan(path: Path, source: Source, project_file: Path | None) -> Plan:
    """Check already-read plan data (positions in `source`) into a typed Plan."""
    data = source.data
    problems: list[Problem] = [p for p in source.notices if p.severity == "错误"]
    notices = [p for p in source.notices if p.severity != "错误"]
    problems += _check_text(data, (), source)
    problems += _check_depth(data, source)
    rules = attachments.Rules.for_plan(path, project_file)
    problems += attachments.check(data, source, rules)
    kind = data.get("文种")
    if kind is not None and not isinstance(kind, str):
        raise DocgenError(problems=[Problem(
            f"“文种”应为一段文字，如 文种: 工作方案，这里是{_describe(kind)}。"
            f"可用的文种：{'、'.join(KINDS)}。", source.loc(("文种",))), *problems])
    if kind is None:
        raise DocgenError(problems=[Problem(
            f"缺少“文种”：请在第一行写上 文种: 工作方案（可用：{'、'.join(KINDS)}）。",
            Loc(source.file, 1, 1)), *problems])
    if not isinstance(kind, str):
        raise DocgenError(problems=[Problem(
            f"“文种”应写一个文种名（这里是{_describe(kind)}），如 文种: 通告（可用：{'、'.join(KINDS)}）。",
            source.loc(("文种",))), *problems])
    if kind not in MODEL_BY_KIND:
        close = suggest_kind(str(kind))
        hint = f"是不是“{close}”？" if close else ""
        raise DocgenError(problems=[Problem(
            f"未知的文种“{kind}”。{hint}可用的文种：{'、'.join(KINDS)}。", source.loc(("文种",))),
            *problems])
    model_cls = MODEL_BY_KIND[kind]
    model = None
    try:
        model = model_cls.model_validate(data)
    except ValidationError as exc:
        problems += translate(exc, source, model_cls)
    issued = None
    if model is not None:
        problems += kind_problems(model, data, source.loc)
        if isinstance(model, Circular):
            issued, found = _load_issued(model, source, path, rules)
            problems += found
    errors = [p for p in problems if p.severity == "错误"]
    if errors:
        raise DocgenError(problems=sorted(errors, key=_order))
    project_dir = project_file.parent if project_file else path.resolve().parent
    model = attachments.resolve_files(model, data, rules)
    return Plan(model, path, source, project_dir, notices + problems, issued)


def _load_issued(model: Circular, source: Source, plan_path: Path, rules: attachments.Rules
                 ) -> tuple[Plan | Path | None, list[Problem]]:
    """The file a 通知 issues (印发) or forwards (转发): inside the project like an attachment;
    a .docx/.pdf is its checked absolute path, a plan is checked on its own (its problems
    point into its own file)."""
    issued = model.issued_file()
    if issued is None:
        return None, []
    key, name = issued
    loc = source.loc((key,))
    if not name.strip().lower().endswith((".yaml", ".yml")):
        found, why = attachments.locate(name, rules)
        return found, [Problem(why.replace("附件文件", f"{key}的文件"), loc)] if why else []
    target = (plan_path.parent / name.strip()).resolve()
    if not rules.allows(target):
        return None, [Problem(f"{key}的计划“{name}”在项目文件夹之外（{target}）：请把它放在本计划所在的文件夹"
                              "或项目文件夹（docgen.yaml 所在）里。", loc)]
    if not target.is_file():
        return None, [Problem(f"找不到{key}的文件“{name}”（相对于本计划所在的文件夹）：请检查文件名和位置。", loc)]
    if target == plan_path.resolve():
        return None, [Problem(f"通知不能{key}它自己：请写被{key}的方案文件。", loc)]
    try:
        plan = load_plan(target)
    except DocgenError as exc:
        return None, [*exc.problems, Problem(f"{key}的计划“{name}”有错误（见上），请先改正它。", loc)]
    if isinstance(plan.model, Circular) and plan.model.issued_file():
        return None, [Problem(f"被{key}的“{name}”本身也是印发或转发通知：请直接{key}最终的文件。", loc)]
    return plan, plan.notices


def _order(p: Problem) -> tuple:
    return (p.loc.file, p.loc.line, p.loc.col) if p.loc else ("", 0, 0)


def _check_text(data: Any, path: Path_, source: Source) -> list[Problem]:
    """Control and invisible characters in any text: they print as boxes or nothing."""
    out: list[Problem] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out += _check_text(v, (*path, k), source)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _check_text(v, (*path, i), source)
    elif isinstance(data, str):
        m = chars.FORBIDDEN.search(data)
        if m:
            out.append(Problem(chars.describe(m.group(0)), source.loc(path)))
    return out


def _check_depth(data: dict, source: Source) -> list[Problem]:
    """Sections nest at most four levels: 一、（一）1.（1）. Checked on the raw data so the
    error is reported even when other parts of the plan do not validate."""
    out: list[Problem] = []

    def walk(items: Any, path: Path_, depth: int) -> None:
        if not isinstance(items, list):
            return
        for i, s in enumerate(items):
            if depth > MAX_DEPTH:
                out.append(Problem(
                    f"条目嵌套超过四层（一、→（一）→1.→（1））：这是第 {depth} 层。"
                    "请把这部分并入上一层，或改用“列举”。", source.loc((*path, i))))
                return
            if isinstance(s, dict):
                walk(s.get("条目"), (*path, i, "条目"), depth + 1)

    for top in ("正文", "事项"):
        walk(data.get(top), (top,), 1)
    for n, att in enumerate(data.get("附件") or []):
        if isinstance(att, dict):
            walk(att.get("正文"), ("附件", n, "正文"), 1)
    return out


# --- pydantic errors → Chinese problems ---------------------------------------------

_TYPE_WORDS = {
    "string_type": "一段文字", "list_type": "列表（每项一行，以“- ”开头）",
    "dict_type": "“键: 值”的列表", "model_type": "“键: 值”的列表", "model_attributes_type": "“键: 值”的列表",
}


def _model_at(root: type[BaseModel], path: Path_) -> type[BaseModel] | None:
    model: type[BaseModel] | None = root
    for part in path:
        if isinstance(part, int) or model is None:
            continue
        info = next((f for f in model.model_fields.values() if f.alias == part), None)
        if info is None:
            return None
        subs = _models_in(info.annotation)
        model = subs[0] if subs else None
    return model


def _describe(value: Any) -> str:
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "“键: 值”的列表"
    if value is None:
        return "空值"
    return f"文字“{str(value)[:20]}”"


def translate(exc: ValidationError, source: Source, root: type[BaseModel]) -> list[Problem]:
    out: list[Problem] = []
    for err in exc.errors():
        path = tuple(p for p in err["loc"] if p not in ("function-after[check_date(), str]",))
        kind = err["type"]
        key = path[-1] if path else ""
        if kind == "docgen":
            out.append(Problem(err["msg"], source.loc(path)))
        elif kind == "extra_forbidden":
            parent = _model_at(root, path[:-1])
            if parent is LeadingGroup:
                close = difflib.get_close_matches(str(key), GROUP_ROLES, n=1, cutoff=0.3)
                hint = f"是不是“{close[0]}”？" if close else ""
                out.append(Problem(
                    f"领导小组里没有“{key}”这个职务。{hint}可用的职务：{'、'.join(GROUP_ROLES)}；"
                    "另可写 名称、排列、职责、办公室。", source.loc(path, key=True)))
                continue
            allowed = [f.alias for f in parent.model_fields.values() if f.alias] if parent else []
            allowed = [a for a in allowed if a != "段落"]
            close = difflib.get_close_matches(str(key), allowed, n=1, cutoff=0.4)
            hint = f"是不是“{close[0]}”？" if close else ""
            out.append(Problem(f"未知的键“{key}”。{hint}这里可用的键：{'、'.join(allowed)}。",
                               source.loc(path, key=True)))
        elif kind == "missing":
            parent_path = path[:-1]
            out.append(Problem(f"缺少必填项“{key}”：请加上 {key}: …", source.loc(parent_path)))
        elif kind in _TYPE_WORDS:
            out.append(Problem(f"“{_last_key(path)}”应为{_TYPE_WORDS[kind]}，这里是{_describe(err['input'])}。",
                               source.loc(path)))
        elif kind in ("literal_error", "enum"):
            expected = err.get("ctx", {}).get("expected", "")
            expected = expected.replace("'", "“", 1).replace("'", "”").replace(" or ", "、")
            expected = re.sub(r"'([^']*)'", r"“\1”", err.get("ctx", {}).get("expected", ""))
            expected = expected.replace(" or ", "、").replace(", ", "、")
            out.append(Problem(f"“{_last_key(path)}”不能是“{err['input']}”，可选：{expected}。",
                               source.loc(path)))
        else:
            out.append(Problem(f"“{_last_key(path)}”的值不对：{err['msg']}。", source.loc(path)))
    return out


def _last_key(path: Path_) -> str:
    for p in reversed(path):
        if isinstance(p, str):
            return p
    return "值"
