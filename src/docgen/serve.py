"""`docgen serve`: a local preview of the plans under a folder, refreshed on every save.

Office writers keep an editor and a browser side by side: each save re-renders the plan,
and the page reloads itself through a server-sent-events stream that fires when the plan
or its docgen.yaml changes (polled mtimes, no extra dependency). A plan that does not
load shows its Chinese errors with the source lines instead of the document.

Only plan files under the served folder are ever read for a request: every requested path
is decoded once, refused if it has a `..`/absolute part, resolved (symlinks followed) and
checked to stay inside the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import importlib.util
import ipaddress
import re
import socket
import sys
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from . import standard as L
from .cli_support import PLAN_SUFFIXES, find_plans
from .errors import DocgenError, Loc, Problem
from .load.plan import PROJECT_FILE

POLL_S = 0.25  # how often a plan page's event stream looks at the plan's mtime
INDEX_POLL_S = 1.0  # the index rescans the whole folder, so less often
HEARTBEAT_S = 10.0  # a comment line that lets a dead connection be noticed
DOWNLOAD_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


class Refused(Exception):
    """A request for something that is not a plan under the served folder."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --- the plans under the folder -----------------------------------------------------


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
    """The plan and every place a docgen.yaml could appear that would change it."""
    plan = plan.resolve()
    return [plan, *(folder / PROJECT_FILE for folder in plan.parents)]


class Site:
    """The served folder: which plans it has, safe path lookups, and rendered previews."""

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

    # paths
    def rel(self, plan: Path) -> str:
        return plan.resolve().relative_to(self.root).as_posix()

    def plans(self) -> list[Path]:
        found = find_plans([self.only or self.root])
        return [p.resolve() for p in found if self._inside(p.resolve())]

    def _inside(self, path: Path) -> bool:
        return path == self.root or path.is_relative_to(self.root)

    def lookup(self, rel: str) -> Path:
        """The plan a decoded URL path names; Refused unless it is a plan under the root."""
        check_relative(rel)
        target = (self.root / rel).resolve()
        if not self._inside(target):
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
        projects = {f / PROJECT_FILE for p in plans for f in p.parents if self._inside(f)}
        return [*plans, *sorted(projects)]

    # rendering
    def render(self, plan: Path, log: Callable[[str], None] | None = None) -> Rendered:
        """The preview of a plan, re-rendered only when it (or its docgen.yaml) changed."""
        current = stamp(watched_files(plan))
        with self._lock:
            cached = self._cache.get(plan)
        if cached and cached.stamp == current:
            return cached
        result = render_plan(plan, current, self.font_url)
        with self._lock:
            self._cache[plan] = result
        if log and cached is not None:
            log(f"已更新 {self.rel(plan)}：{result.status}")
        return result


def check_relative(rel: str) -> None:
    """Refuse absolute paths, `..`, NUL and backslashes before touching the file system."""
    if not rel or "\0" in rel or "\\" in rel:
        raise Refused(HTTPStatus.NOT_FOUND, "没有这个计划。")
    if rel.startswith("/") or (len(rel) > 1 and rel[1] == ":"):
        raise Refused(HTTPStatus.FORBIDDEN, "不能用绝对路径：只能预览本文件夹里的计划。")
    if any(part in ("..", ".") for part in rel.split("/")):
        raise Refused(HTTPStatus.FORBIDDEN, "路径里不能有“..”：只能预览本文件夹里的计划。")


def html_writer_ready() -> bool:
    """The HTML writer is written alongside this module; until it exists, preview as text."""
    return importlib.util.find_spec("docgen.write.html") is not None


def writer_ready(fmt: str) -> bool:
    return importlib.util.find_spec(f"docgen.write.{fmt}") is not None


def _load(plan: Path):
    from .compose import compose
    from .load.plan import load_plan

    loaded = load_plan(plan)
    return loaded, compose(loaded)


def _best_effort_title(plan: Path) -> str:
    """The 标题 of a plan that does not validate, if its YAML at least parses."""
    try:
        from .load.yaml_reader import parse

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


def render_plan(plan: Path, current: str,
                font_url: Callable[[Path], str] | None = None) -> Rendered:
    """Load, compose and render one plan; every failure becomes problems, never an exception."""
    from .write import RenderContext, get_writer

    out = Rendered(plan, current)
    try:
        loaded, doc = _load(plan)
        out.title = "".join(loaded.model.title)
        out.kind = loaded.model.kind
        out.notices = list(loaded.notices)
        ctx = RenderContext(project_dir=loaded.project_dir)
        if html_writer_ready():
            page = get_writer("html")(doc, ctx).decode("utf-8")
            out.document = inject_sheets(localize_fonts(page, font_url) if font_url else page)
        else:
            text = get_writer("txt")(doc, ctx).decode("utf-8")
            out.document = text_page(out.title, text)
        out.notices += [Problem(w, None, "警告") for w in ctx.warnings]
    except DocgenError as exc:
        out.errors = list(exc.problems) or [Problem(str(exc))]
        out.title = out.title or _best_effort_title(plan)
    except Exception as exc:  # a bug in docgen must not take the preview down
        traceback.print_exc(file=sys.stderr)
        out.errors = [Problem(f"docgen 内部错误（{type(exc).__name__}：{exc}）。"
                              "请把这条信息和计划文件报告给维护人员。", Loc(str(plan)))]
    return out


# --- HTML ------------------------------------------------------------------------------

_E = html.escape
_GAP_MM = 10  # grey space between sheets
_EDGE_MM = 6  # grey space before the first sheet

BASE_CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; color: #222;
       background: #f4f4f4; }
header.bar { position: sticky; top: 0; z-index: 2; display: flex; gap: 12px; align-items: center;
       padding: 8px 16px; background: #fff; border-bottom: 1px solid #ccc; min-height: 32px; }
header.bar h1 { font-size: 16px; margin: 0; flex: 1; overflow: hidden; text-overflow: ellipsis;
       white-space: nowrap; }
a { color: #0b57d0; }
a.btn { padding: 4px 10px; border: 1px solid #0b57d0; border-radius: 4px; text-decoration: none;
       white-space: nowrap; }
a.btn.off { color: #999; border-color: #ccc; pointer-events: none; }
.status { padding: 2px 8px; border-radius: 10px; font-size: 13px; white-space: nowrap; }
.status.ok { background: #e6f4ea; color: #137333; }
.status.bad { background: #fce8e6; color: #c5221f; }
main.wrap { padding: 16px 24px; }
table.plans { border-collapse: collapse; background: #fff; }
table.plans th, table.plans td { border: 1px solid #ddd; padding: 6px 12px; text-align: left; }
section.problems { background: #fff; border-left: 4px solid #c5221f; padding: 8px 16px;
       margin: 16px 24px; }
section.notices { background: #fff; border-left: 4px solid #e37400; padding: 4px 16px;
       margin: 16px 24px; }
.problem .msg { font-family: monospace; white-space: pre-wrap; margin: 12px 0 4px; }
pre.src { background: #f8f8f8; border: 1px solid #eee; padding: 6px 8px; margin: 0;
       overflow-x: auto; font-size: 14px; line-height: 1.5; }
pre.src .hit { background: #fce8e6; display: inline-block; min-width: 100%; }
pre.src mark { background: #f4b400; }
iframe#doc { position: fixed; top: 49px; left: 0; width: 100%; height: calc(100% - 49px);
       border: 0; background: #d9d9d9; }
"""


def sheet_css() -> str:
    """Screen CSS that flows the document into A4 sheets side by side, one 版心 per column.

    Multi-column layout with a fixed column height breaks lines exactly where a page would,
    so the preview shows where each page ends; the numbers come from docgen.layout.
    """
    m = L.MARGIN_MM
    gap = m["right"] + _GAP_MM + m["left"]
    period = L.PAGE_W_MM + _GAP_MM
    return f"""
@media screen {{
  html {{
    background-color: #d9d9d9;
    background-image: linear-gradient(to right, #fff {L.PAGE_W_MM}mm, transparent {L.PAGE_W_MM}mm);
    background-size: {period}mm {L.PAGE_H_MM}mm; background-repeat: repeat-x;
    background-position: {_EDGE_MM}mm {_EDGE_MM}mm;
  }}
  body {{
    box-sizing: content-box; width: {L.BODY_W_MM}mm; height: {L.BODY_H_MM}mm;
    margin: 0; background: transparent; box-shadow: none;
    padding: {_EDGE_MM + m["top"]}mm 0 {_EDGE_MM + m["bottom"]}mm {_EDGE_MM + m["left"]}mm;
    column-width: {L.BODY_W_MM}mm; column-gap: {gap}mm; column-fill: auto;
  }}
  section.attachment {{ margin-top: 0; padding-top: 0; border-top: 0; break-before: column; }}
  footer.colophon {{ margin-top: 0; }}
  footer.colophon.colophon-left, footer.colophon.colophon-page {{ break-before: column; }}
  .docgen-page-no {{ position: absolute; font-size: {L.PAGE_NO_PT}pt; line-height: 1;
    top: {_EDGE_MM + L.PAGE_NO_DASH_Y_MM - L.PAGE_NO_PT / L.MM_PT / 2:.2f}mm; }}
}}
"""


def sheet_script() -> str:
    """Page numbers on the sheets (odd right, even left), placed once the columns exist."""
    m = L.MARGIN_MM
    return f"""
<script>
(function () {{
  function number() {{
    var mm = 96 / 25.4, period = {L.PAGE_W_MM + _GAP_MM} * mm, root = document.documentElement;
    document.querySelectorAll('.docgen-page-no').forEach(function (e) {{ e.remove(); }});
    var used = document.body.scrollWidth + {_EDGE_MM + m["left"]} * mm;
    var n = Math.max(1, Math.ceil((used - {_EDGE_MM} * mm) / period));
    for (var i = 0; i < n; i++) {{
      var e = document.createElement('div');
      e.className = 'docgen-page-no';
      e.textContent = '— ' + (i + 1) + ' —';
      var x0 = {_EDGE_MM} * mm + i * period;
      if (i % 2 === 0) {{
        e.style.left = (x0 + {m["left"] + L.BODY_W_MM} * mm) + 'px';
        e.style.transform = 'translateX(-100%) translateX(-{L.PAGE_NO_INSET_MM:.2f}mm)';
      }} else {{
        e.style.left = (x0 + {m["left"] + L.PAGE_NO_INSET_MM:.2f} * mm) + 'px';
      }}
      root.appendChild(e);
    }}
    root.setAttribute('data-sheets', String(n));
  }}
  window.addEventListener('load', function () {{
    number();
    if (document.fonts) document.fonts.ready.then(number);
  }});
}})();
</script>
"""


_FONT_URL = re.compile(r"""url\(\s*(["']?)file://([^"')]+?\.(?:ttf|otf|ttc|otc|woff2?))\1\s*\)""", re.I)


def localize_fonts(page: str, font_url: Callable[[Path], str]) -> str:
    """The writer embeds fonts by file:// URL (for WeasyPrint); a browser on http:// may not
    load those, and the preview would then break lines with other fonts than the PDF."""

    def swap(m: re.Match[str]) -> str:
        path = Path(unquote(m.group(2)))
        return f'url("{font_url(path)}")' if path.is_file() else m.group(0)

    return _FONT_URL.sub(swap, page)


def inject_sheets(page: str) -> str:
    """Add the sheet CSS and page numbers to the HTML writer's page, after its own styles."""
    extra = f"<style>{sheet_css()}</style>\n{sheet_script()}"
    i = page.lower().rfind("</head>")
    return page[:i] + extra + page[i:] if i >= 0 else extra + page


def text_page(title: str, text: str) -> str:
    """Fallback while the HTML writer is missing: the plain text on one sheet."""
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">
<title>{_E(title)}</title><style>
body {{ margin: 0; background: #d9d9d9; }}
.sheet {{ width: {L.BODY_W_MM}mm; margin: {_EDGE_MM}mm auto; background: #fff;
  padding: {L.MARGIN_MM["top"]}mm {L.MARGIN_MM["right"]}mm {L.MARGIN_MM["bottom"]}mm {L.MARGIN_MM["left"]}mm; }}
pre {{ white-space: pre-wrap; font-family: "FangSong", "Noto Serif CJK SC", serif; font-size: {L.BODY_PT}pt;
  line-height: {L.LINE_PITCH_PT}pt; margin: 0; }}
.note {{ color: #666; font-size: 12px; margin: 0 0 12px; }}
</style></head><body><div class="sheet">
<p class="note">（HTML 版式还没有安装，先显示纯文本。）</p>
<pre>{_E(text)}</pre></div></body></html>"""


def page(title: str, body: str, events: str | None = None, bar: str = "") -> str:
    """An outer page of the preview; `events` is the stream URL that triggers a reload."""
    script = ""
    if events:
        script = f"""<script>
(function () {{
  var key = 'docgen-scroll:' + location.pathname, frame = document.getElementById('doc');
  if (frame) frame.addEventListener('load', function () {{
    var s = JSON.parse(sessionStorage.getItem(key) || 'null');
    if (s) frame.contentWindow.scrollTo(s[0], s[1]);
  }});
  var es = new EventSource({_js(events)});
  es.addEventListener('change', function () {{
    es.close();
    if (frame && frame.contentWindow) {{
      var w = frame.contentWindow;
      sessionStorage.setItem(key, JSON.stringify([w.scrollX, w.scrollY]));
    }}
    location.reload();
  }});
}})();
</script>"""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_E(title)}</title><style>{BASE_CSS}</style></head>
<body>{bar}{body}{script}</body></html>"""


def _js(s: str) -> str:
    import json

    return json.dumps(s).replace("<", "\\u003c")


def url_of(prefix: str, rel: str) -> str:
    return f"/{prefix}/{quote(rel, safe='/')}"


def index_page(site: Site, rows: list[tuple[str, Rendered]], current: str) -> str:
    if rows:
        lines = []
        for rel, r in rows:
            cls = "ok" if r.ok else "bad"
            lines.append(
                f'<tr><td><a href="{_E(url_of("p", rel))}">{_E(rel)}</a></td>'
                f"<td>{_E(r.title or '（无标题）')}</td><td>{_E(r.kind or '—')}</td>"
                f'<td><span class="status {cls}">{_E(r.status)}</span></td></tr>')
        table = ('<table class="plans"><thead><tr><th>文件</th><th>标题</th><th>文种</th>'
                 f"<th>状态</th></tr></thead><tbody>{''.join(lines)}</tbody></table>")
    else:
        table = "<p>这个文件夹里还没有计划。用 <code>docgen new 工作方案</code> 新建一个。</p>"
    bar = f'<header class="bar"><h1>docgen 预览：{_E(str(site.root))}</h1></header>'
    body = f'<main class="wrap">{table}<p>保存计划后，本页会自动刷新。</p></main>'
    return page("docgen 预览", body, f"/events/?v={current}", bar)


def plan_page(site: Site, rel: str, r: Rendered) -> str:
    q = quote(rel, safe="/")
    buttons = []
    for fmt, label in (("docx", "下载 Word（.docx）"), ("pdf", "下载 PDF")):
        on = r.ok and writer_ready(fmt)
        cls = "btn" if on else "btn off"
        tip = "" if on else (' title="计划有错误，改好后才能下载"' if not r.ok
                             else ' title="这台电脑还没有安装这种格式的生成程序"')
        buttons.append(f'<a class="{cls}" id="download-{fmt}" href="/download/{fmt}/{_E(q)}"{tip}>'
                       f"{label}</a>")
    cls = "ok" if r.ok else "bad"
    bar = (f'<header class="bar"><a href="/">← 全部计划</a>'
           f'<h1 title="{_E(rel)}">{_E(r.title or rel)}</h1>'
           f'<span class="status {cls}" id="status">{_E(r.status)}</span>{"".join(buttons)}</header>')
    parts = []
    if r.notices:
        items = "".join(f'<p class="msg">{_E(str(p))}</p>' for p in r.notices)
        parts.append(f'<section class="notices">{items}</section>')
    if r.ok:
        parts.append(f'<iframe id="doc" src="{_E(url_of("doc", rel))}?v={r.stamp}" '
                     f'title="公文预览"></iframe>')
    else:
        parts.append(problems_html(site, r.errors))
    return page(f"{r.title or rel} — docgen 预览", "".join(parts),
                f"{url_of('events', rel)}?v={r.stamp}", bar)


def missing_page(rel: str, current: str) -> str:
    body = (f'<section class="problems"><p>找不到计划“{_E(rel)}”。如果正在保存，稍等片刻本页会自动刷新。'
            '</p><p><a href="/">← 全部计划</a></p></section>')
    return page("找不到计划 — docgen 预览", body, f"{url_of('events', rel)}?v={current}")


def problems_html(site: Site, problems: list[Problem]) -> str:
    """Each problem as the CLI prints it, with the offending lines of the source below it."""
    out = [f'<section class="problems" id="problems"><h2>计划有 {len(problems)} 个错误</h2>'
           "<p>改好并保存后，本页会自动刷新。</p>"]
    texts: dict[Path, list[str] | None] = {}
    for p in problems:
        out.append(f'<div class="problem"><p class="msg">{_E(str(p))}</p>')
        src = _source_lines(site, p.loc, texts)
        if src:
            out.append(src)
        out.append("</div>")
    out.append("</section>")
    return "".join(out)


def _source_lines(site: Site, loc: Loc | None, texts: dict[Path, list[str] | None]) -> str:
    """Two lines either side of loc, the line itself highlighted; only files under the root."""
    if loc is None or not loc.line:
        return ""
    path = Path(loc.file)
    path = (path if path.is_absolute() else Path.cwd() / path).resolve()
    if not site._inside(path):
        return ""
    if path not in texts:
        try:
            texts[path] = path.read_bytes().decode("utf-8", "replace").splitlines()
        except OSError:
            texts[path] = None
    lines = texts[path]
    if not lines or loc.line > len(lines):
        return ""
    rows = []
    width = len(str(min(len(lines), loc.line + 2)))
    for n in range(max(1, loc.line - 2), min(len(lines), loc.line + 2) + 1):
        text = lines[n - 1].replace("\t", "→")
        if n == loc.line:
            c = max(0, loc.col - 1)
            if c < len(text):
                text_html = f"{_E(text[:c])}<mark>{_E(text[c])}</mark>{_E(text[c + 1:])}"
            else:
                text_html = _E(text)
            rows.append(f'<span class="hit">{n:>{width}} │ {text_html}</span>')
        else:
            rows.append(f"{n:>{width}} │ {_E(text)}")
    return f'<pre class="src">{chr(10).join(rows)}</pre>'


def message_page(status: HTTPStatus, message: str) -> str:
    body = (f'<section class="problems"><h2>{status.value} {_E(status.phrase)}</h2>'
            f'<p>{_E(message)}</p><p><a href="/">← 全部计划</a></p></section>')
    return page(f"{status.value} — docgen 预览", body)


# --- HTTP ----------------------------------------------------------------------------------


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server; each request (and each event stream) gets a daemon thread."""

    daemon_threads = True

    def __init__(self, site: Site, host: str, port: int, quiet: bool = False) -> None:
        self.site = site
        self.quiet = quiet
        self.stopping = threading.Event()
        if ":" in host:
            self.address_family = socket.AF_INET6
        super().__init__((host, port), Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"

    def log(self, message: str) -> None:
        if not self.quiet:
            print(message, file=sys.stderr, flush=True)

    def shutdown(self) -> None:
        self.stopping.set()
        super().shutdown()


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "docgen-serve"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return  # the event streams would flood the terminal; errors are logged elsewhere

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        try:
            self._route()
        except Refused as exc:
            self._send(exc.status, message_page(exc.status, exc.message))
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception:  # never let one request take the server down
            traceback.print_exc(file=sys.stderr)
            with contextlib.suppress(OSError):
                self._send(HTTPStatus.INTERNAL_SERVER_ERROR,
                           message_page(HTTPStatus.INTERNAL_SERVER_ERROR, "预览出错了，详情见终端。"))

    def _route(self) -> None:
        parts = urlsplit(self.path)
        raw = parts.path
        query = parse_qs(parts.query)
        decoded = unquote(raw, errors="replace")
        if "\0" in decoded or any(seg == ".." for seg in decoded.split("/")):
            raise Refused(HTTPStatus.FORBIDDEN, "路径里不能有“..”：只能预览本文件夹里的计划。")
        head, _, rest = raw.lstrip("/").partition("/")
        rel = unquote(rest, errors="replace")
        site = self.server.site
        if raw == "/":
            return self._index()
        if raw == "/favicon.ico":
            return self._send(HTTPStatus.NO_CONTENT, "")
        if head == "events":
            return self._events(rel, (query.get("v") or [""])[0])
        if head == "p":
            return self._plan(rel)
        if head == "doc":
            r = site.render(site.lookup(rel), self.server.log)
            if not r.ok:
                return self._send(HTTPStatus.CONFLICT, problems_html(site, r.errors))
            return self._send(HTTPStatus.OK, r.document)
        if head == "font":
            return self._font(rest)
        if head == "download":
            fmt, _, rel2 = rest.partition("/")
            return self._download(fmt, unquote(rel2, errors="replace"))
        raise Refused(HTTPStatus.NOT_FOUND, "没有这个页面。")

    def _index(self) -> None:
        site = self.server.site
        current = stamp(site.index_files())
        rows = [(site.rel(p), site.render(p, self.server.log)) for p in site.plans()]
        self._send(HTTPStatus.OK, index_page(site, rows, current))

    def _plan(self, rel: str) -> None:
        site = self.server.site
        target = site.lookup(rel)
        if not target.is_file():
            return self._send(HTTPStatus.NOT_FOUND, missing_page(rel, stamp(watched_files(target))))
        r = site.render(target, self.server.log)
        self._send(HTTPStatus.OK, plan_page(site, site.rel(target), r))

    def _font(self, token: str) -> None:
        """Only fonts a rendered page referred to, by token; never a path from the request."""
        path = self.server.site.fonts.get(token)
        if path is None or not path.is_file():
            raise Refused(HTTPStatus.NOT_FOUND, "没有这个字体。")
        ctype = {".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}.get(
            path.suffix.lower(), "font/ttf")
        self._send(HTTPStatus.OK, path.read_bytes(), ctype,
                   {"Cache-Control": "max-age=3600"})

    def _download(self, fmt: str, rel: str) -> None:
        site = self.server.site
        if fmt not in DOWNLOAD_TYPES:
            raise Refused(HTTPStatus.NOT_FOUND, f"不支持的格式“{fmt}”。")
        target = site.lookup(rel)
        if not target.is_file():
            raise Refused(HTTPStatus.NOT_FOUND, f"找不到计划“{rel}”。")
        if not writer_ready(fmt):
            raise Refused(HTTPStatus.NOT_IMPLEMENTED, f"这台电脑的 docgen 还不能生成 {fmt.upper()}。")
        from .write import RenderContext, get_writer

        try:
            loaded, doc = _load(target)
            data = get_writer(fmt)(doc, RenderContext(project_dir=loaded.project_dir))
        except DocgenError as exc:
            return self._send(HTTPStatus.CONFLICT, page("计划有错误", problems_html(site, exc.problems)))
        name = f"{target.stem}.{fmt}"
        disposition = (f"attachment; filename=\"document.{fmt}\"; "
                       f"filename*=UTF-8''{quote(name, safe='')}")
        self._send(HTTPStatus.OK, data, DOWNLOAD_TYPES[fmt], {"Content-Disposition": disposition})

    def _events(self, rel: str, since: str) -> None:
        """Server-sent events: one `change` when the watched files differ from `since`."""
        site = self.server.site
        if rel:
            target = site.lookup(rel)
            files: Callable[[], list[Path]] = lambda: watched_files(target)  # noqa: E731
            every = POLL_S
        else:
            files, every = site.index_files, INDEX_POLL_S
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(b"retry: 1000\n\n")
        self.wfile.flush()
        beat = time.monotonic()
        while not self.server.stopping.is_set():
            current = stamp(files())
            if current != since:
                self.wfile.write(f"event: change\ndata: {current}\n\n".encode())
                self.wfile.flush()
                return
            if time.monotonic() - beat > HEARTBEAT_S:
                self.wfile.write(b": ping\n\n")
                self.wfile.flush()
                beat = time.monotonic()
            self.server.stopping.wait(every)

    def _send(self, status: HTTPStatus, body: str | bytes, ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        headers = {"Cache-Control": "no-store", **(headers or {})}
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


# --- entry point ------------------------------------------------------------------------


def make_server(path: Path, host: str = "127.0.0.1", port: int = 8000,
                quiet: bool = False) -> PreviewServer:
    """A server bound and ready; call serve_forever() (tests run it in a thread)."""
    site = Site(path)
    try:
        return PreviewServer(site, host, port, quiet)
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise DocgenError(f"端口 {port} 已被占用：请用 --port 换一个，如 --port {port + 1}。") from None
        raise DocgenError(f"无法在 {host}:{port} 上启动预览：{exc.strerror or exc}。") from None


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve(path: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False) -> None:
    """Run until Ctrl+C."""
    server = make_server(path, host, port)
    site = server.site
    print(f"预览 {site.only or site.root}", flush=True)
    print(f"请用浏览器打开：{server.url}    （按 Ctrl+C 停止）", flush=True)
    if not is_loopback(host):
        print(f"注意：--host {host} 让同一网络里的其他电脑也能看到这些计划。", flush=True)
    if not html_writer_ready():
        print("提示：HTML 版式还没有安装，预览先显示纯文本。", flush=True)
    if open_browser:
        first = site.only
        webbrowser.open(server.url + (url_of("p", site.rel(first))[1:] if first else ""))
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        print("\n已停止预览。", flush=True)
    finally:
        server.stopping.set()
        server.server_close()
