"""The served folder: which plans it has, safe path lookups, and rendered previews.

Only plan files under the served folder are ever read for a request: every requested path
is decoded once, refused if it has a `..`/absolute part, resolved (symlinks followed) and
checked to stay inside the folder. A batch plan is previewed with its first unit's values
and reports the problems `docgen check` reports for all of its units.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path

from ..cli_support import PLAN_SUFFIXES, find_plans
from ..errors import DocgenError, Problem, internal_error
from ..load.plan import PROJECT_FILE

MAX_PATH_CHARS = 1024  # a plan path longer than this is no plan of ours


class Refused(Exception):
    """A request for something that is not a plan under the served folder."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Rendered:
    """One plan at one version: its status and the preview document, or its problems."""

    path: Path
    stamp: str
    title: str = ""
    kind: str = ""
    errors: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    document: str = ""  # HTML of the preview frame when the plan is good

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def status(self) -> str:
        return "通过" if self.ok else f"{len(self.errors)} 个错误"


def stamp(paths: Iterable[Path]) -> str:
    """A fingerprint of files' mtimes and sizes; a missing file counts as a state too."""
    h = hashlib.sha1()
    for p in paths:
        try:
            st = p.stat()
            h.update(f"{p}\0{st.st_mtime_ns}\0{st.st_size}\n".encode())
        except OSError:
            h.update(f"{p}\0-\n".encode())
    return h.hexdigest()[:16]


def watched_files(plan: Path) -> list[Path]:
    """The plan, every place a docgen.yaml could appear that would change it, and the unit
    table of a batch plan."""
    plan = plan.resolve()
    return [plan, *(folder / PROJECT_FILE for folder in plan.parents), *_unit_files(plan)]


def _unit_files(plan: Path) -> list[Path]:
    """The .csv/.xlsx/.yaml a batch plan names under 单位 (found without a full load)."""
    try:
        for line in plan.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("单位:"):
                name = line.split(":", 1)[1].split("#", 1)[0].strip().strip("'\"")
                return [(plan.parent / name).resolve()] if name else []
    except (OSError, ValueError):
        pass
    return []


def check_relative(rel: str) -> None:
    """Refuse absolute paths, `..`, NUL, backslashes and overlong names before touching the
    file system."""
    if not rel or "\0" in rel or "\\" in rel:
        raise Refused(HTTPStatus.NOT_FOUND, "没有这个计划。")
    if len(rel) > MAX_PATH_CHARS:
        raise Refused(HTTPStatus.REQUEST_URI_TOO_LONG, "路径太长了。")
    if rel.startswith("/") or (len(rel) > 1 and rel[1] == ":"):
        raise Refused(HTTPStatus.FORBIDDEN, "不能用绝对路径：只能预览本文件夹里的计划。")
    if any(part in ("..", ".") for part in rel.split("/")):
        raise Refused(HTTPStatus.FORBIDDEN, "路径里不能有“..”：只能预览本文件夹里的计划。")


class Site:
    """The served folder and a cache of rendered previews."""

    def __init__(self, path: Path) -> None:
        path = path.resolve()
        if path.is_file():
            self.root, self.only = path.parent, path
        elif path.is_dir():
            self.root, self.only = path, None
        else:
            raise DocgenError(f"找不到文件或文件夹：{path}")
        self._cache: dict[Path, Rendered] = {}
        self._lock = threading.Lock()
        self.fonts: dict[str, Path] = {}  # token → font file a rendered page refers to

    def font_url(self, path: Path) -> str:
        """A URL for a font file the HTML writer chose; requests can only name its token."""
        token = hashlib.sha1(str(path).encode()).hexdigest()[:20] + path.suffix.lower()
        with self._lock:
            self.fonts[token] = path
        return f"/font/{token}"

    def rel(self, plan: Path) -> str:
        return plan.resolve().relative_to(self.root).as_posix()

    def plans(self) -> list[Path]:
        found = find_plans([self.only or self.root])
        return [p.resolve() for p in found if self.inside(p.resolve())]

    def inside(self, path: Path) -> bool:
        return path == self.root or path.is_relative_to(self.root)

    def lookup(self, rel: str) -> Path:
        """The plan a decoded URL path names; Refused unless it is a plan under the root."""
        check_relative(rel)
        try:
            target = (self.root / rel).resolve()
        except (OSError, RuntimeError, ValueError):
            raise Refused(HTTPStatus.NOT_FOUND, "没有这个计划。") from None
        if not self.inside(target):
            raise Refused(HTTPStatus.FORBIDDEN, "只能预览本文件夹里的计划。")
        if target.suffix.lower() not in PLAN_SUFFIXES or target.name == PROJECT_FILE:
            raise Refused(HTTPStatus.NOT_FOUND, "这不是计划文件（*.yaml）。")
        if any(part.startswith(".") for part in target.relative_to(self.root).parts):
            raise Refused(HTTPStatus.NOT_FOUND, "不预览隐藏文件。")
        if self.only is not None and target != self.only:
            raise Refused(HTTPStatus.NOT_FOUND, "这次只预览一个计划。")
        return target

    def index_files(self) -> list[Path]:
        plans = self.plans()
        projects = {f / PROJECT_FILE for p in plans for f in p.parents if self.inside(f)}
        return [*plans, *sorted(projects)]

    def render(self, plan: Path, log: Callable[[str], None] | None = None) -> Rendered:
        """The preview of a plan, re-rendered only when it (or its docgen.yaml) changed."""
        from .pages import document_page

        current = stamp(watched_files(plan))
        with self._lock:
            cached = self._cache.get(plan)
        if cached and cached.stamp == current:
            return cached
        result = render_plan(plan, current, lambda doc, ctx: document_page(doc, ctx, self.font_url))
        with self._lock:
            self._cache[plan] = result
        if log and cached is not None:
            log(f"已更新 {self.rel(plan)}：{result.status}")
        return result


@dataclass
class Loaded:
    """A plan ready to render: the Plan (a batch plan's first good unit) and its Document."""

    plan: object
    document: object
    unit: str = ""  # the unit shown, for a batch plan
    units: int = 0  # how many units the batch plan has


def load(plan: Path) -> Loaded:
    """Load and compose a plan as check and build do; DocgenError lists every problem of every
    unit (each once), so the preview never says 通过 where check fails."""
    from ..compose import compose
    from ..load.units import load_plan_units

    units = load_plan_units(plan)
    problems: list[Problem] = []
    seen: set[str] = set()
    for u in units:
        for p in u.error.problems if u.error is not None else []:
            if str(p) not in seen:
                seen.add(str(p))
                problems.append(p)
    if problems:
        raise DocgenError(problems=problems)
    first = units[0]
    batch = first.unit.row != 0
    return Loaded(first.plan, compose(first.plan), first.unit.name if batch else "",
                  len(units) if batch else 0)


def render_plan(plan: Path, current: str, to_html: Callable) -> Rendered:
    """Load, compose and render one plan; every failure becomes problems, never an exception."""
    from ..load.units import UNITS_KEY
    from ..write import RenderContext

    out = Rendered(plan, current)
    try:
        loaded = load(plan)
        model = loaded.plan.model  # type: ignore[attr-defined]
        out.title = "".join(model.title)
        out.kind = model.kind
        out.notices = list(loaded.plan.notices)  # type: ignore[attr-defined]
        if loaded.units:
            out.notices.insert(0, Problem(
                f"批量计划，共 {loaded.units} 个{UNITS_KEY}：预览显示第一个{UNITS_KEY}“{loaded.unit}”"
                "的公文，下载的也是它。全部生成请用 docgen build。", None, "提示"))
        ctx = RenderContext(project_dir=loaded.plan.project_dir)  # type: ignore[attr-defined]
        out.document = to_html(loaded.document, ctx)
        out.notices += [Problem(w, None, "警告") for w in ctx.warnings]
    except DocgenError as exc:
        out.errors = list(exc.problems) or [Problem(str(exc))]
        out.title = out.title or best_effort_title(plan)
    except Exception as exc:  # a bug in docgen must not take the preview down
        traceback.print_exc(file=sys.stderr)
        out.errors = [internal_error(exc, plan)]
    return out


def best_effort_title(plan: Path) -> str:
    """The 标题 of a plan that does not validate, if its YAML at least parses."""
    try:
        from ..load.yaml_reader import parse

        data = parse(plan.read_text(encoding="utf-8"), plan.name).data
    except Exception:  # a broken plan is the normal case here
        return ""
    if isinstance(data, dict):
        title = data.get("标题")
        if isinstance(title, list):
            return "".join(str(t) for t in title)
        if isinstance(title, str):
            return title
    return ""
