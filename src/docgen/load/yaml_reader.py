"""Strict YAML reading: every value keeps file:line:col, and YAML 1.1 surprises stay text.

Only this package knows YAML. All scalars are read as strings (NO stays NO, 0123 stays
0123, a date-looking 标题 stays text); models parse the few values that are not text.
Duplicate keys, anchors/aliases, tabs and full-width colons are errors with the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

from ..errors import DocgenError, Loc, Problem
from . import chars

Path_ = tuple[str | int, ...]
MAX_NESTING = 40  # a plan needs about 12 levels; deeper is a mistake (and PyYAML recurses)


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit typing: every plain scalar is a string."""

    yaml_implicit_resolvers: dict = {}

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise _AliasUsed(event.start_mark)
        return super().compose_node(parent, index)


# libyaml's parser (PyYAML's CParser) reads a plan about ten times faster than the pure-Python
# scanner; it is used only when its answer is certain to be the same (see _compose_fast).
_CLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """CSafeLoader without implicit typing, like _Loader."""

        yaml_implicit_resolvers: dict = {}

# libyaml composes recursively in C: a text that could nest deeper than this (every level needs
# one of these characters) is left to the pure-Python loader, which reports it.
_FAST_NESTING_LIMIT = 5000
# Where libyaml and PyYAML part ways (found by fuzzing the example plans): libyaml takes some
# tabs, "?" in flow collections and a comment right after a block scalar's "|" or ">", which
# PyYAML refuses; a one-pair mapping inside [ ] starts one column apart.
_LIBYAML_DIFFERS = re.compile(r"[\t?]|[|>][-+0-9]*#|\[[^\]{]*:(?:[\s,\]]|$)", re.M)
_SLOW = object()


def _compose_fast(text: str) -> Any:
    """The node tree from libyaml, or _SLOW when the pure-Python loader must decide.

    Anything unusual (a syntax error, an alias, a tab, a text that might nest very deep) goes
    the slow way, so every error keeps its pure-Python message and position."""
    if _CLoader is None or _LIBYAML_DIFFERS.search(text):
        return _SLOW
    if sum(text.count(c) for c in "[{-?:\n") > _FAST_NESTING_LIMIT:
        return _SLOW
    try:
        node = yaml.compose(text, Loader=_CLoader)
    except Exception:  # noqa: BLE001 - any failure is re-read by the loader that explains it
        return _SLOW
    if node is not None and _has_alias(node):
        return _SLOW
    return node


def _has_alias(root: yaml.Node) -> bool:
    """An alias composes to the anchored node itself, so the tree holds one node twice."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return False


class _AliasUsed(Exception):
    def __init__(self, mark) -> None:
        self.mark = mark


@dataclass
class Source:
    """A parsed YAML file: plain data plus where each key and value stood."""

    file: str
    data: Any
    keys: dict[Path_, Loc] = field(default_factory=dict)  # where a mapping key stood
    values: dict[Path_, Loc] = field(default_factory=dict)  # where a value started
    notices: list[Problem] = field(default_factory=list)
    text: str = ""  # the decoded source, for checks that need its lines

    def loc(self, path: Path_, key: bool = False) -> Loc:
        """The closest known position for a path (its key, its value, or a parent)."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), Loc(self.file, 1, 1))


def decode(raw: bytes, file: str) -> tuple[str, list[Problem]]:
    """UTF-8 (with or without BOM); GB18030/GBK read correctly with a notice; else an error."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        bad = exc
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        line = raw[: bad.start].count(b"\n") + 1
        raise DocgenError(
            "文件不是 UTF-8 编码，也无法按 GBK/GB18030 读取。请在编辑器中用“另存为”选择 UTF-8 编码。",
            Loc(file, line, 1)) from None
    notice = Problem("文件是 GBK/GB18030 编码，已正确读取。建议另存为 UTF-8，以免在其他电脑上出现乱码。",
                     Loc(file, 1, 1), "提示")
    return text, [notice]


# A known key followed by a full-width colon, at the start of a line or a list item.
_FULLWIDTH_KEY = re.compile(r"^(?P<lead>\s*(?:-\s+)*)(?P<key>[^\s:：#\-\"'][^:：#\"']{0,11}?)\s*：")


def prescan(text: str, file: str, known_keys: frozenset[str]) -> list[Problem]:
    """Line-level mistakes YAML reports badly: tabs in indentation, full-width colons."""
    problems = []
    for n, line in enumerate(text.splitlines(), 1):
        indent = re.match(r"^[ \t\u3000]*", line).group(0)
        if "\t" in indent:
            problems.append(Problem(
                "缩进里有制表符（Tab）。YAML 只能用空格缩进：请把 Tab 换成空格（每级两个空格）。",
                Loc(file, n, indent.index("\t") + 1)))
        elif "\u3000" in indent:
            problems.append(Problem(
                "缩进里有全角空格。YAML 只能用半角空格缩进：请把全角空格换成半角空格。",
                Loc(file, n, indent.index("\u3000") + 1)))
        m = _FULLWIDTH_KEY.match(line)
        if m and m["key"].strip() in known_keys and ":" not in line[: m.end()]:
            col = m.end()
            problems.append(Problem(
                f"“{m['key'].strip()}”后面是全角冒号“：”。YAML 的键后要用半角冒号加空格“: ”，"
                f"请改成 {m['key'].strip()}: …", Loc(file, n, col)))
    return problems


_YAML_PROBLEMS = [
    ("mapping values are not allowed", "这里不能出现“键: 值”。多半是缩进不对，或者文字里有半角“: ”："
                                       "请检查缩进（同一层左对齐），或把这段文字用引号括起来。"),
    ("did not find expected key", "缩进不一致：同一层的键必须左端对齐，下一层要比上一层多缩进。"),
    ("expected <block end>", "缩进不一致：同一层的键必须左端对齐，下一层要比上一层多缩进。"),
    ("could not find expected ':'", "这一行缺少半角冒号“:”：键和值之间写“: ”（冒号后加空格）。"),
    ("did not find expected '-'", "列表项要以“- ”开头，并且同一列表的各项左端对齐。"),
    ("found character '\\t'", "有制表符（Tab）：YAML 只能用空格，请把 Tab 换成空格。"),
    ("found unexpected end of stream", "引号没有配对：请检查这一行的引号。"),
    ("found undefined tag handle", "“!”开头的写法 YAML 不认：请把这段文字用引号括起来。"),
    ("found unknown escape character", "双引号里的“\\”被当成转义：请改用单引号，或写成“\\\\”。"),
    ("expected '<document start>'", "这里多了一份文档的开头或结尾（---、...）：一个计划文件只写一份，"
                                    "请删去多余的 --- 或 ...。"),
    ("expected ',' or ']'", "方括号 [ ] 没有配对，或列表项之间缺少逗号：请检查这一行的括号。"),
    ("expected ',' or '}'", "花括号 { } 没有配对，或各项之间缺少逗号：请检查这一行的括号。"),
    ("expected the node content", "这里缺少内容，或括号、引号没有配对：请检查这一行。"),
    ("cannot start any token", "这个字符（如 @、`、%）在 YAML 里有特殊含义，不能放在开头："
                               "请把整段文字用引号括起来。"),
    ("sequence entries are not allowed", "这里不能出现“- ”列表项：多半是缩进不对，"
                                         "或者“键: 值”后面又接了列表。"),
    ("mapping keys are not allowed", "这里不能出现“键:”：多半是缩进不对，或者文字里有“? ”。"),
    ("chomping or indentation indicators", "“|”或“>”后面只能换行：请把文字写到下一行并缩进，或者用引号括起来。"),
    ("alphabetic or numeric character", "“&”“*”“!”在 YAML 里有特殊含义：请把这段文字用引号括起来。"),
    ("expected a comment or a line break", "这一行末尾多了内容：请检查引号或“|”“>”后面的文字。"),
    ("found unexpected ':'", "这里的“:”让 YAML 误会了：请把这段文字用引号括起来。"),
    ("while scanning a quoted scalar", "引号没有配对：请检查这一行的引号。"),
    ("while scanning a directive", "以“%”开头的行在 YAML 里是指令：请把这段文字用引号括起来。"),
]


def _yaml_error(exc: yaml.MarkedYAMLError, file: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    loc = Loc(file, mark.line + 1, mark.column + 1) if mark else Loc(file)
    problem = f"{exc.problem or ''} {exc.context or ''}"
    for needle, message in _YAML_PROBLEMS:
        if needle in problem:
            return Problem(message, loc)
    return Problem("YAML 写法有误：请检查这一行的缩进、冒号、括号和引号（文字里有特殊符号时，"
                   "把整段文字用引号括起来）。", loc)


def parse(text: str, file: str) -> Source:
    """Parse YAML text into plain data with a position for every key and value."""
    source = Source(file, None, text=text)
    node = _compose_fast(text)
    if node is _SLOW:
        node = _compose_slow(text, file)
    if node is None:
        raise DocgenError("文件是空的：请至少写上 文种、标题、发文机关 和 成文日期。", Loc(file, 1, 1))
    deep = _deepest(node)
    if deep is not None:
        raise DocgenError(problems=[_nesting_problem(deep.start_mark, file)])
    problems: list[Problem] = []
    source.data = _convert(node, (), source, problems)
    if problems:
        raise DocgenError(problems=problems)
    return source


def _compose_slow(text: str, file: str) -> yaml.Node | None:
    """PyYAML's pure-Python loader: every error with its message and position."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except _AliasUsed as exc:
        raise DocgenError("不支持锚点和别名（& 和 *）：请把要重复的内容直接写出来。",
                          Loc(file, exc.mark.line + 1, exc.mark.column + 1)) from None
    except yaml.MarkedYAMLError as exc:
        raise DocgenError(problems=[_yaml_error(exc, file)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise DocgenError(f"文件里有 YAML 不允许的字符 U+{exc.character:04X}：请删去它。",
                          Loc(file, line, col)) from None
    except RecursionError:
        raise DocgenError(problems=[_too_deep(text, file)]) from None
    except yaml.YAMLError:
        raise DocgenError("YAML 写法有误：请检查缩进、冒号和引号。", Loc(file, 1, 1)) from None


def _nesting_problem(mark, file: str) -> Problem:
    return Problem(f"嵌套太深（超过 {MAX_NESTING} 层括号或缩进）：计划用不到这么多层，"
                   "多半是多写了“[”“{”或“- ”。请检查这里的括号是否配对。",
                   Loc(file, mark.line + 1, mark.column + 1))


def _deepest(root: yaml.Node) -> yaml.Node | None:
    """The first node nested deeper than MAX_NESTING, found without recursion."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return node
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((v, depth + 1) for _, v in node.value)
    return None


def _too_deep(text: str, file: str) -> Problem:
    """Where nesting passes the limit, from the parser's events (which do not recurse)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING:
                    return _nesting_problem(event.start_mark, file)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    return Problem(f"嵌套太深（超过 {MAX_NESTING} 层）：请检查括号是否配对。", Loc(file, 1, 1))


_FOLDED_SPACE = re.compile(r"(?<=[^\x00-\x7f]) (?=\S)|(?<=\S) (?=[^\x00-\x7f])")


def _unfold_cjk(text: str) -> str:
    """A folded scalar (>) joins lines with a space; Chinese text has none between words."""
    return "\n".join(_FOLDED_SPACE.sub("", line) for line in text.split("\n"))


def _check_continuation(node: yaml.ScalarNode, source: Source, problems: list[Problem]) -> None:
    """A list item or key indented too far becomes part of the text above it: say so."""
    lines = source.text.splitlines()
    for n in range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines))):
        stripped = lines[n].strip()
        if stripped.startswith("- ") or re.match(r"^[^\s:：]{1,8}: ", stripped):
            col = len(lines[n]) - len(lines[n].lstrip()) + 1
            problems.append(Problem(
                f"这一行“{stripped[:12]}”缩进多了，被当成了上一行文字的续行：请让它和上一项左端对齐。",
                Loc(source.file, n + 1, col)))
            return


def _mark(node: yaml.Node, file: str) -> Loc:
    return Loc(file, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, path: Path_, source: Source, problems: list[Problem]) -> Any:
    source.values[path] = _mark(node, source.file)
    if isinstance(node, yaml.ScalarNode):
        plain = not node.style  # None from PyYAML, "" from libyaml
        if node.tag == "tag:yaml.org,2002:null" or (plain and node.value in ("", "~")):
            return None
        if plain and node.end_mark.line > node.start_mark.line:
            _check_continuation(node, source, problems)
        if node.style == ">":
            return _unfold_cjk(node.value)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), source, problems) for i, item in enumerate(node.value)]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            problems.append(Problem("键必须是一段文字。", _mark(key_node, source.file)))
            continue
        key = key_node.value.strip()
        if key in out:
            first = source.keys[(*path, key)]
            problems.append(Problem(
                f"键“{key}”重复了（第 {first.line} 行已经写过）：同一层只能写一次，请合并或删去一处。",
                _mark(key_node, source.file)))
            continue
        source.keys[(*path, key)] = _mark(key_node, source.file)
        out[key] = _convert(value_node, (*path, key), source, problems)
    return out


def read(path: Path, known_keys: frozenset[str], display: str | None = None,
         defer: bool = False) -> Source:
    """Read, decode, pre-scan and parse one YAML file.

    Forbidden characters (chars.py) are reported with their place and removed before
    parsing, so the rest of the file is still checked with the right line numbers. With
    `defer`, those problems travel in `source.notices` as errors for check_plan to report
    together with everything else; otherwise they raise here."""
    file = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocgenError(f"无法读取文件：{exc.strerror}。", Loc(file, 1, 1)) from None
    text, notices = decode(raw, file)
    bad_chars = chars.find(text, file)
    if bad_chars:
        text = chars.strip(text)
    found = prescan(text, file, known_keys)
    try:
        source = parse(text, file)
    except DocgenError as exc:
        # A tab or a full-width colon is what breaks the parse: report those alone, since the
        # parser's own message about the following lines would only confuse.
        raise DocgenError(problems=bad_chars + (found or exc.problems)) from None
    if found or (bad_chars and not defer):
        raise DocgenError(problems=bad_chars + found)
    source.notices.extend(notices)
    source.notices.extend(bad_chars)
    return source
