"""Batch plans: one plan, many units (乡镇, 科室, 学校…), one checked Plan per unit.

`单位` is a list of mappings in the plan, or a path (relative to the plan) to a .csv, .xlsx
or .yaml file with one unit per row. Column names are variable names; 名称 is required and
unique. Every value is a string, whatever the file format.

Per unit, two things change the plan's raw data before the usual checks run, so a unit's
values are checked like anything else written in the plan:

- Placeholders: `{{ 单位.名称 }}` in any string of the plan (and of docgen.yaml) is rendered
  by Jinja2's immutable sandbox with StrictUndefined. Only variables (`单位.列名`,
  `单位["列 名"]`), `~` and a short list of filters are allowed: no statements, no calls.
  Unit values are data, never templates: a `{{` inside a cell is printed as written.
- Overrides: a column named like a top-level key (发文机关, 成文日期, 标题, 主送机关 …)
  replaces that key; a dotted column name walks into mappings from the top level
  (版记.抄送, 版头.发文字号, 输出.文件名). Lists cannot be entered (正文 items, 领导小组
  inside them): use placeholders there. An empty cell leaves the plan's value. 单位,
  输出.格式 and 输出.目录 cannot be set per unit. Positions of overridden values point at the
  unit's cell.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DocgenError, Loc, Problem
from ..model.plans import MODEL_BY_KIND
from . import chars
from .plan import KNOWN_KEYS, UNITS_KEY, Plan, _display, check_plan, is_batch, read_plan_source
from .yaml_reader import Path_, Source, decode, read

NAME = "名称"
FILE_NAME_KEY = ("输出", "文件名")
DEFAULT_FILE_NAME = "{{ 单位.名称 }}"
UNIT_SUFFIXES = (".csv", ".xlsx", ".yaml", ".yml")
TOP_KEYS = frozenset(f.alias for m in MODEL_BY_KIND.values() for f in m.model_fields.values()
                     if f.alias)
# A column overrides a top-level key only when the plan's own 文种 has that key (联系人 is a
# key of a 请示 but only unit data, for {{ 单位.联系人 }}, in a 工作方案).
TOP_KEYS_BY_KIND = {k: frozenset(f.alias for f in m.model_fields.values() if f.alias)
                    for k, m in MODEL_BY_KIND.items()}
NOT_PER_UNIT = frozenset({"单位", "输出.格式", "输出.目录", "文种"})
FILTERS = ("default", "d", "trim", "upper", "lower", "title", "capitalize", "replace",
           "truncate", "length", "string", "first", "last", "join", "int", "round", "center")


@dataclass(frozen=True)
class Unit:
    """One row: its values by column name, and where each value stood."""

    name: str
    row: int  # the row or line number users see in their file (header is row 1)
    file: str  # display name of the file holding the row
    values: dict[str, str]
    locs: dict[str, Loc] = field(default_factory=dict)
    heads: dict[str, Loc] = field(default_factory=dict)  # where each column's name stands

    @property
    def label(self) -> str:
        """How messages name the unit: 单位“城关镇”（乡镇.csv 第 3 行）."""
        return f"单位“{chars.visible(self.name)}”（{Path(self.file).name} 第 {self.row} 行）"

    def head(self, column: str) -> Loc:
        return self.heads.get(column) or self.loc(column)

    def loc(self, column: str | None = None) -> Loc:
        if column and column in self.locs:
            return self.locs[column]
        return Loc(self.file, self.row, 1)


@dataclass
class Batch:
    """A batch plan read once: merged raw source, its units, and rows that cannot build."""

    path: Path
    source: Source
    project_file: Path | None
    units: list[Unit]
    data_file: Path | None  # the .csv/.xlsx/.yaml file, None for units written in the plan
    bad_rows: list[tuple[Unit, list[Problem]]] = field(default_factory=list)
    placeholders: dict[Path_, str] = field(default_factory=dict)  # path → template text


@dataclass
class UnitPlan:
    """One unit's checked plan, or why it could not be made."""

    unit: Unit
    plan: Plan | None = None
    error: DocgenError | None = None


# ---------------------------------------------------------------------------------------------
# Reading units


def read_batch(path: Path, source: Source, project_file: Path | None) -> Batch:
    """Read the units of an already-read plan and find its placeholders (plan-level errors
    raise; a bad row is kept in `bad_rows` so the other units still build)."""
    spec = source.data.get(UNITS_KEY)
    if isinstance(spec, str):
        data_file = (path.parent / spec.strip()).resolve()
        rows = read_unit_file(data_file, source.loc((UNITS_KEY,)))
    elif isinstance(spec, list):
        data_file = None
        rows = _rows_from_yaml(source, (UNITS_KEY,), spec)
    else:
        raise DocgenError("单位应为列表（每个单位一项），或者一个 .csv / .xlsx / .yaml 文件的路径。",
                          source.loc((UNITS_KEY,)))
    if not rows:
        raise DocgenError("单位列表是空的：请至少写一个单位（每行一个，第一行是列名）。",
                          source.loc((UNITS_KEY,)))
    _check_columns(rows)
    units, bad = _check_rows(rows)
    placeholders = _find_placeholders(source.data, (), source)
    return Batch(path, source, project_file, units, data_file, bad, placeholders)


def read_unit_file(file: Path, where: Loc) -> list[Unit]:
    """Rows of a .csv (UTF-8, UTF-8 with BOM, or GBK as Chinese Excel saves it), an .xlsx
    (first sheet, header row) or a .yaml list of mappings."""
    suffix = file.suffix.lower()
    if suffix not in UNIT_SUFFIXES:
        raise DocgenError(f"单位文件“{file.name}”的类型不支持：请用 .csv、.xlsx 或 .yaml 文件。", where)
    if not file.is_file():
        raise DocgenError(f"找不到单位文件“{file}”：路径相对于计划文件所在的文件夹。", where)
    display = _display(file)
    if suffix == ".csv":
        return _rows_from_csv(file, display)
    if suffix == ".xlsx":
        try:
            return _rows_from_xlsx(file, display)
        except DocgenError:
            raise
        except Exception as exc:  # a cut sheet XML, a missing sheet, a foreign zip…
            raise _damaged_xlsx(file, exc, where) from None
    source = read(file, frozenset(), display)
    if not isinstance(source.data, list):
        raise DocgenError("单位文件应为列表，每个单位一项，以“- 名称: …”开头。", source.loc(()))
    return _rows_from_yaml(source, (), source.data)


def _header(names: list[str], file: str, line: int, cols: list[int]) -> list[str]:
    out = []
    for i, raw in enumerate(names):
        name = unicodedata.normalize("NFC", (raw or "").replace("\ufeff", "").strip())
        m = chars.FORBIDDEN_IN_NAME.search(name)
        if m:
            raise DocgenError(f"列名“{chars.visible(name)}”：{chars.describe(m.group(0))}",
                              Loc(file, line, cols[i]))
        if name in out and name:
            raise DocgenError(f"列名“{name}”重复了：每一列的名字要不同。", Loc(file, line, cols[i]))
        out.append(name)
    return out


def _unit(values: dict[str, str], locs: dict[str, Loc], file: str, row: int,
          heads: dict[str, Loc]) -> Unit:
    return Unit((values.get(NAME) or "").strip(), row, file, values, locs, heads)


def _field_starts(record: str) -> list[tuple[int, int]]:
    """(line offset, column) where each CSV field of one record starts, quotes respected."""
    starts = [(0, 1)]
    line, col, quoted = 0, 1, False
    for ch in record:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            starts.append((line, col + 1))
        if ch == "\n":
            line, col = line + 1, 1
        elif ch != "\r":
            col += 1
    return starts


def _rows_from_csv(file: Path, display: str) -> list[Unit]:
    text, _ = decode(file.read_bytes(), display)
    # Lines as the csv module counts them (only \n ends a line; str.splitlines would also
    # split at U+2028, U+0085, \x0c … and put every later row on the wrong line).
    lines = [f"{line}\n" for line in text.split("\n")]
    reader = csv.reader(io.StringIO(text))
    header: list[str] | None = None
    units: list[Unit] = []
    try:
        while True:
            start = reader.line_num
            try:
                cells = next(reader)
            except StopIteration:
                break
            if not any(c.strip() for c in cells):
                continue
            starts = _field_starts("".join(lines[start:reader.line_num]))
            locs = [Loc(display, start + 1 + dl, c) for dl, c in starts]
            # A stray quote inside an unquoted cell can hide commas from _field_starts.
            locs += [Loc(display, start + 1, 1)] * (len(cells) - len(locs))
            if header is None:
                header = _header(cells, display, start + 1, [loc.col for loc in locs])
                header_locs = locs
                continue
            if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
                extra = next(i for i in range(len(header), len(cells)) if cells[i].strip())
                raise DocgenError(f"第 {start + 1} 行比列名多出了第 {extra + 1} 列：请给这一列加上列名，"
                                  "或检查文字里的半角逗号（含逗号的文字要用双引号括起来）。", locs[extra])
            values, vlocs = {}, {}
            for i, name in enumerate(header):
                if not name:
                    if i < len(cells) and cells[i].strip():
                        raise DocgenError(f"第 {i + 1} 列没有列名：请在第一行写上列名。", header_locs[i]
                                          if i < len(header_locs) else locs[i])
                    continue
                values[name] = cells[i].strip() if i < len(cells) else ""
                vlocs[name] = locs[i] if i < len(locs) else locs[-1]
            heads = {n: header_locs[i] for i, n in enumerate(header) if n and i < len(header_locs)}
            units.append(_unit(values, vlocs, display, start + 1, heads))
    except csv.Error as exc:
        raise DocgenError(f"CSV 写法有误（{exc}）：请检查这一行的引号。",
                          Loc(display, reader.line_num, 1)) from None
    return units


def _cell_text(value: Any) -> str:
    """Excel values as the text a person sees: 12 not 12.0, dates as 2024-01-02."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _damaged_xlsx(file: Path, exc: Exception, where: Loc) -> DocgenError:
    """openpyxl raises many kinds for a damaged or foreign file; the error stands at the
    plan's 单位 line and names the file."""
    return DocgenError(f"无法读取 Excel 文件“{file.name}”（{type(exc).__name__}），它可能已损坏或不是 "
                       ".xlsx 文件：请用 Excel 或 WPS 打开后另存为 .xlsx。", where)


def _rows_from_xlsx(file: Path, display: str) -> list[Unit]:
    import openpyxl
    from openpyxl.utils import get_column_letter

    book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        header: list[str] | None = None
        units: list[Unit] = []
        for r, cells in enumerate(sheet.iter_rows(values_only=True), 1):
            texts = [_cell_text(c) for c in cells]
            if not any(texts):
                continue
            if header is None:
                header = _header(texts, display, r, list(range(1, len(texts) + 1)))
                header_row = r
                continue
            values, locs = {}, {}
            for i, text in enumerate(texts):
                name = header[i] if i < len(header) else ""
                if not name:
                    if text:
                        raise DocgenError(f"{get_column_letter(i + 1)} 列没有列名：请在第一行写上列名。",
                                          Loc(display, r, i + 1))
                    continue
                values[name] = text
                locs[name] = Loc(display, r, i + 1)
            for name in header:
                values.setdefault(name, "") if name else None
            units.append(_unit(values, locs, display, r, {n: Loc(display, header_row, i + 1)
                                                          for i, n in enumerate(header) if n}))
        return units
    finally:
        book.close()


def _rows_from_yaml(source: Source, base: Path_, items: list) -> list[Unit]:
    units: list[Unit] = []
    problems: list[Problem] = []
    for i, item in enumerate(items):
        path = (*base, i)
        if not isinstance(item, dict):
            problems.append(Problem("每个单位应为“键: 值”的列表，如 - 名称: 城关镇", source.loc(path)))
            continue
        values, locs = _flatten(item, "", path, source, problems)
        loc = source.loc(path)
        units.append(Unit((values.get(NAME) or "").strip(), loc.line, source.file, values, locs))
    if problems:
        raise DocgenError(problems=problems)
    return units


def _flatten(d: dict, prefix: str, p: Path_, source: Source, problems: list[Problem]
             ) -> tuple[dict[str, str], dict[str, Loc]]:
    """A YAML unit's nested mappings become dotted column names (版记: {抄送: …} → 版记.抄送)."""
    values: dict[str, str] = {}
    locs: dict[str, Loc] = {}
    for k, v in d.items():
        name = f"{prefix}{k}"
        if isinstance(v, dict):
            sub_values, sub_locs = _flatten(v, f"{name}.", (*p, k), source, problems)
            values.update(sub_values)
            locs.update(sub_locs)
        elif isinstance(v, list):
            problems.append(Problem(f"单位的“{name}”应为一段文字，不能是列表。", source.loc((*p, k))))
        else:
            values[name] = "" if v is None else str(v).strip()
            locs[name] = source.loc((*p, k))
    return values, locs


def _check_columns(rows: list[Unit]) -> None:
    """Plan-level column mistakes: no 名称, a column that may not be set per unit, a dotted
    name that starts below the top level."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for unit in rows:
        for col in unit.values:
            if col in seen:
                continue
            seen.add(col)
            head = col.split(".", 1)[0]
            if col in NOT_PER_UNIT:
                problems.append(Problem(f"“{col}”不能按单位设置：请写在计划里，所有单位共用。",
                                        unit.head(col)))
            elif "." in col and head not in TOP_KEYS and head in KNOWN_KEYS:
                problems.append(Problem(
                    f"列名“{col}”：带点的列名表示改写计划里的键，要从顶层键开始（如 版记.抄送、"
                    f"版头.发文字号）。“{head}”不在顶层（例如在正文的条目里），"
                    f"请改用占位符，如 {{{{ 单位.{col.rsplit('.', 1)[-1]} }}}}，并把列名改成不带点的名字。",
                    unit.head(col)))
    if NAME not in seen:
        problems.insert(0, Problem(
            f"单位缺少“{NAME}”一列：每个单位都要有名称（用作文件名，且不能重复）。", rows[0].loc()))
    if problems:
        raise DocgenError(problems=problems)


def _bad_values(unit: Unit) -> list[Problem]:
    """Invisible or reordering characters in any cell (a U+202E in a 名称 would make its file
    name read backwards), and a 名称 that cannot name a file: each at its cell."""
    out = []
    for col, value in unit.values.items():
        m = (chars.FORBIDDEN_IN_NAME if col == NAME else chars.FORBIDDEN).search(value)
        if m:
            out.append(Problem(f"“{col}”：{chars.describe(m.group(0))}", unit.loc(col)))
    if unit.name and not out and safe_name(unit.name) == "未命名" != unit.name:
        out.append(Problem(f"单位名称“{chars.visible(unit.name)}”不能用作文件名（只有点、空格或文件名不允许的字符）："
                           "请写出真实的单位名称。", unit.loc(NAME)))
    return out


def _check_rows(rows: list[Unit]) -> tuple[list[Unit], list[tuple[Unit, list[Problem]]]]:
    """Rows without a 名称 or with a 名称 used twice cannot build; the others go on."""
    good: list[Unit] = []
    bad: list[tuple[Unit, list[Problem]]] = []
    by_name: dict[str, list[Unit]] = {}
    for unit in rows:
        wrong = _bad_values(unit)
        if wrong:
            bad.append((unit, wrong))
            continue
        if not unit.name:
            named = Unit(f"第 {unit.row} 行", unit.row, unit.file, unit.values, unit.locs,
                         unit.heads)
            bad.append((named, [Problem(f"{unit.file} 第 {unit.row} 行没有填“{NAME}”：请填上单位名称。",
                                        unit.loc(NAME))]))
            continue
        by_name.setdefault(unit.name, []).append(unit)
    for name, same in by_name.items():
        if len(same) == 1:
            good.append(same[0])
            continue
        rows_text = "、".join(f"第 {u.row} 行" for u in same)
        for u in same:
            bad.append((u, [Problem(f"单位名称“{name}”重复（{u.file} {rows_text}）：名称要唯一，"
                                    "请改名或删去重复的行。", u.loc(NAME))]))
    good.sort(key=lambda u: u.row)
    return good, bad


# ---------------------------------------------------------------------------------------------
# Placeholders


MAX_RENDERED = 100_000  # characters one placeholder string may produce for one unit


class _TooLong(Exception):
    """A filter would produce more text than any 公文 holds (center(1000000000) …)."""


def _estimate(name: str, value: Any, args: tuple, kwargs: dict) -> int:
    """An upper bound of a filter's output length, known before it runs."""
    size = len(value) if isinstance(value, str) else 0
    if name == "center":
        width = kwargs.get("width", args[0] if args else 80)
        return max(size, width if isinstance(width, int) else 0)
    if name == "replace":
        old = kwargs.get("old", args[0] if args else "")
        new = kwargs.get("new", args[1] if len(args) > 1 else "")
        new_len = len(new) if isinstance(new, str) else 0
        pieces = size + 1 if not old else size // max(1, len(old) if isinstance(old, str) else 1)
        return size + pieces * new_len
    if name == "join":
        sep = kwargs.get("d", args[0] if args else "")
        count = len(value) if isinstance(value, str | list | tuple) else 0
        return count * (1 + (len(sep) if isinstance(sep, str) else 0)) + size
    return 0


def _bounded(name: str, fn: Any) -> Any:
    """A filter that refuses (before running) to make a string longer than MAX_RENDERED."""
    import functools

    skip = 1 if getattr(fn, "jinja_pass_arg", None) else 0

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        value, rest = (args[skip], args[skip + 1:]) if len(args) > skip else (None, ())
        if _estimate(name, value, rest, kwargs) > MAX_RENDERED:
            raise _TooLong(name)
        return fn(*args, **kwargs)

    return run


@lru_cache(maxsize=1)
def _env():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                        keep_trailing_newline=True)
    env.filters = {k: _bounded(k, v) for k, v in env.filters.items() if k in FILTERS}
    env.tests = {}
    env.globals = {}
    return env


_USAGE = ("占位符只能写变量和简单的过滤器，如 {{ 单位.名称 }}、{{ 单位.电话 | default('无') }}；"
          "不能写 {% %} 语句、函数调用或运算")


@dataclass(frozen=True)
class _Compiled:
    template: Any
    columns: tuple[str, ...]  # columns a unit must have (not those under default)


@lru_cache(maxsize=4096)
def _compile(text: str) -> _Compiled:
    """Parse and vet one placeholder string; ValueError carries the Chinese reason."""
    from jinja2 import TemplateSyntaxError, nodes

    env = _env()
    try:
        tree = env.parse(text)
    except TemplateSyntaxError:
        raise ValueError("占位符写法有误：{{ 和 }} 要成对，里面只写 单位.列名 和过滤器，"
                         "如 {{ 单位.名称 }}、{{ 单位.电话 | default('无') }}。") from None
    columns: list[str] = []

    def column_of(node: nodes.Node) -> str | None:
        if isinstance(node, nodes.Getattr) and isinstance(node.node, nodes.Name):
            return node.attr if node.node.name == UNITS_KEY else None
        if (isinstance(node, nodes.Getitem) and isinstance(node.node, nodes.Name)
                and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str)):
            return node.arg.value if node.node.name == UNITS_KEY else None
        return None

    def walk(node: nodes.Node, optional: bool = False) -> None:
        if isinstance(node, nodes.Template | nodes.Output):
            for child in node.iter_child_nodes():
                walk(child)
        elif isinstance(node, nodes.TemplateData | nodes.Const):
            return
        elif isinstance(node, nodes.Getattr | nodes.Getitem):
            col = column_of(node)
            if col is None:
                raise ValueError(f"{_USAGE}（只能用 单位.列名）。")
            if not optional:
                columns.append(col)
        elif isinstance(node, nodes.Name):
            if node.name == UNITS_KEY:
                raise ValueError(f"占位符要写出列名，如 {{{{ {UNITS_KEY}.{NAME} }}}}。")
            raise ValueError(f"占位符里的“{node.name}”不认识：单位的值要写成 "
                             f"{{{{ {UNITS_KEY}.{node.name} }}}}。")
        elif isinstance(node, nodes.Filter):
            if node.name not in FILTERS:
                raise ValueError(f"不支持过滤器“{node.name}”：可用 {'、'.join(FILTERS)}。")
            walk(node.node, optional=node.name in ("default", "d"))
            for arg in [*node.args, *(k.value for k in node.kwargs)]:
                walk(arg)
        elif isinstance(node, nodes.Concat):
            for child in node.nodes:
                walk(child)
        else:
            raise ValueError(f"{_USAGE}。")

    walk(tree)
    # 单位.items must be the column “items”, not the dict's method: look every column up
    # as an item (Jinja's getattr would find the method first).
    tree = _items_not_attributes()().visit(tree)
    tree.set_environment(env)
    return _Compiled(env.from_string(tree), tuple(dict.fromkeys(columns)))


def _items_not_attributes():
    from jinja2 import nodes
    from jinja2.visitor import NodeTransformer

    class Transformer(NodeTransformer):
        def visit_Getattr(self, node: nodes.Getattr) -> nodes.Getitem:
            return nodes.Getitem(self.visit(node.node), nodes.Const(node.attr), node.ctx,
                                 lineno=node.lineno)

    return Transformer


def _has_placeholder(text: str) -> bool:
    return "{{" in text or "{%" in text


def _find_placeholders(data: Any, path: Path_, source: Source) -> dict[Path_, str]:
    """Every templated string of the plan, compiled once to report mistakes before any unit."""
    found: dict[Path_, str] = {}
    problems: list[Problem] = []

    def walk(value: Any, p: Path_) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                if not (p == () and k == UNITS_KEY):
                    walk(v, (*p, k))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, (*p, i))
        elif isinstance(value, str) and _has_placeholder(value):
            try:
                _compile(value)
                found[p] = value
            except ValueError as exc:
                problems.append(Problem(str(exc), source.loc(p)))

    walk(data, path)
    if problems:
        raise DocgenError(problems=problems)
    return found


def render_text(text: str, unit: Unit, loc: Loc) -> str:
    """One placeholder string for one unit; DocgenError names the string's place and the unit."""
    try:
        compiled = _compile(text)
    except ValueError as exc:
        raise DocgenError(str(exc), loc) from None
    for col in compiled.columns:
        if col not in unit.values:
            close = difflib.get_close_matches(col, list(unit.values), n=1, cutoff=0.3)
            hint = f"是不是“{close[0]}”？" if close else ""
            raise DocgenError(
                f"{unit.label}：占位符用到的“{UNITS_KEY}.{col}”没有这一列。{hint}"
                f"可用的列：{'、'.join(unit.values)}。请在单位表里加上这一列，或改正占位符。", loc)
    try:
        out = compiled.template.render({UNITS_KEY: dict(unit.values)})
    except _TooLong as exc:
        raise DocgenError(f"{unit.label}：占位符的过滤器 {exc} 会生成超过 {MAX_RENDERED} 个字的文字："
                          "请改小它的参数。", loc) from None
    except Exception as exc:  # jinja2 UndefinedError, SecurityError, a filter's ValueError
        raise DocgenError(f"{unit.label}：占位符无法填写（{chars.visible(str(exc))[:200]}）。"
                          f"{_USAGE}。", loc) from None
    if len(out) > MAX_RENDERED:
        raise DocgenError(f"{unit.label}：占位符填写后超过 {MAX_RENDERED} 个字：请检查单位表里的值"
                          "和占位符的过滤器。", loc)
    return out


# ---------------------------------------------------------------------------------------------
# One unit's plan


def _set_path(data: dict, keys: list[str], value: str) -> str | None:
    """Set a dotted key in copied raw data; the reason in Chinese when it cannot be entered."""
    node = data
    for i, k in enumerate(keys[:-1]):
        child = node.get(k)
        if child is None:
            child = {}
        elif not isinstance(child, dict):
            where = ".".join(keys[: i + 1])
            return f"计划里的“{where}”不是“键: 值”的列表，不能再往里写“{keys[i + 1]}”。"
        else:
            child = dict(child)
        node[k] = child
        node = child
    node[keys[-1]] = value
    return None


def expand(batch: Batch, unit: Unit) -> Plan:
    """The raw plan with this unit's overrides and placeholders, checked like any plan."""
    base = batch.source
    data = _render_tree(base.data, (), batch, unit)
    keys, values = base.keys, base.values
    problems: list[Problem] = []
    top_keys = TOP_KEYS_BY_KIND.get(str(base.data.get("文种")), TOP_KEYS)
    for col, value in unit.values.items():
        head = col.split(".", 1)[0]
        if head not in top_keys or col in NOT_PER_UNIT or value == "":
            continue
        parts = col.split(".")
        why = _set_path(data, parts, value)
        if why:
            problems.append(Problem(f"列名“{col}”：{why}", unit.loc(col)))
            continue
        if keys is base.keys:
            keys, values = dict(base.keys), dict(base.values)
        keys[tuple(parts)] = values[tuple(parts)] = unit.loc(col)
    if problems:
        raise DocgenError(problems=[_with_unit(p, unit) for p in problems])
    source = Source(base.file, data, keys, values, list(base.notices))
    try:
        return check_plan(batch.path, source, batch.project_file)
    except DocgenError as exc:
        raise DocgenError(problems=[_with_unit(p, unit) for p in exc.problems]) from None


def _with_unit(p: Problem, unit: Unit) -> Problem:
    if p.message.startswith(unit.label):
        return p
    return Problem(f"{unit.label}：{p.message}", p.loc, p.severity)


def _render_tree(value: Any, path: Path_, batch: Batch, unit: Unit) -> Any:
    if isinstance(value, dict):
        return {k: (v if path == () and k == UNITS_KEY else
                    _render_tree(v, (*path, k), batch, unit)) for k, v in value.items()}
    if isinstance(value, list):
        return [_render_tree(v, (*path, i), batch, unit) for i, v in enumerate(value)]
    if isinstance(value, str) and path in batch.placeholders:
        return render_text(value, unit, batch.source.loc(path))
    return value


def file_name(batch: Batch, unit: Unit) -> str:
    """The unit's output file name before it is made safe: its 输出.文件名 column, else the
    plan's 输出.文件名 rendered for it, else its 名称."""
    own = unit.values.get(".".join(FILE_NAME_KEY), "")
    if own:
        return own
    out = batch.source.data.get(FILE_NAME_KEY[0])
    text = out.get(FILE_NAME_KEY[1]) if isinstance(out, dict) else None
    if not isinstance(text, str) or not text.strip():
        return unit.name
    if FILE_NAME_KEY not in batch.placeholders:
        return text
    return render_text(text, unit, batch.source.loc(FILE_NAME_KEY))


# ---------------------------------------------------------------------------------------------
# Safe file names

_UNSAFE = re.compile(f'[/\\\\:*?"<>|{chars.FORBIDDEN_IN_NAME.pattern[1:-1]}]')
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                       *(f"LPT{i}" for i in range(1, 10))})
MAX_NAME_CHARS = 100
MAX_NAME_BYTES = 200  # ext4 allows 255 bytes; room for the extension and write_atomic's temp name


def safe_name(name: str) -> str:
    """A file name (without extension) valid on Windows, macOS and Linux, never a path:
    unsafe characters become _, no `..`, no leading/trailing dots or spaces, no reserved
    device names, at most 100 characters and 200 UTF-8 bytes."""
    text = unicodedata.normalize("NFC", name)
    text = _UNSAFE.sub("_", text)
    text = re.sub(r"\.{2,}", ".", text)
    text = text.strip(" .")
    while len(text) > MAX_NAME_CHARS or len(text.encode("utf-8")) > MAX_NAME_BYTES:
        text = text[:-1]
    text = text.rstrip(" .")
    if not text:
        return "未命名"
    if text.split(".", 1)[0].strip().upper() in _RESERVED:
        text = f"_{text}"
    return text


# ---------------------------------------------------------------------------------------------
# The loader entry point


def load_plan_units(path: Path) -> list[UnitPlan]:
    """One checked Plan per unit (a plan without 单位 gives one entry named after the file).
    A unit that fails carries its DocgenError; plan-level mistakes raise."""
    source, project_file = read_plan_source(path)
    if not is_batch(source):
        from .plan import check_plan

        plan = check_plan(path, source, project_file)
        return [UnitPlan(Unit(path.stem, 0, _display(path), {}), plan)]
    text_errors = [p for p in source.notices if p.severity == "错误"]
    if text_errors:  # forbidden characters in the plan itself: once, not once per unit
        raise DocgenError(problems=text_errors)
    batch = read_batch(path, source, project_file)
    out: list[UnitPlan] = []
    for unit in batch.units:
        try:
            out.append(UnitPlan(unit, expand(batch, unit)))
        except DocgenError as exc:
            out.append(UnitPlan(unit, error=exc))
    out += [UnitPlan(u, error=DocgenError(problems=[_with_unit(p, u) for p in ps]))
            for u, ps in batch.bad_rows]
    return out
