"""The HTTP side of the preview: routing, and what a request must be to be answered.

A request is refused before any work when its Host header is not the name or address the
server is bound to (a web page elsewhere could otherwise read the previews through DNS
rebinding), when its path is longer than MAX_REQUEST_PATH (414), or when MAX_STREAMS event
streams are already open (503). Nothing a request sends reaches the terminal as a traceback.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import sys
import threading
import traceback
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from ..errors import DocgenError
from . import events
from .pages import index_page, message_page, missing_page, page, plan_page, problems_html
from .site import Refused, Site, load, stamp, watched_files

MAX_REQUEST_PATH = 4096  # bytes of the request target; a plan path is far shorter
DOWNLOAD_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def allowed_hosts(host: str, remote: bool) -> frozenset[str]:
    """Host header names (without port) this server answers to: the loopback names, the bound
    address, and — only when binding beyond loopback was asked for — this machine's names.
    Any IP literal is also accepted then (DNS rebinding needs a name, never an address)."""
    names = {"localhost", "127.0.0.1", "::1", host.strip("[]").lower()}
    if remote:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


def host_name(header: str) -> str:
    """The name part of a Host header: `[::1]:8000` → `::1`, `localhost:8000` → `localhost`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server; each request (and each event stream) gets a daemon thread."""

    daemon_threads = True

    def __init__(self, site: Site, host: str, port: int, quiet: bool = False,
                 remote: bool = False) -> None:
        self.site = site
        self.quiet = quiet
        self.remote = remote
        self.hosts = allowed_hosts(host, remote)
        self.streams = events.Streams()
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

    def host_allowed(self, header: str | None) -> bool:
        if not header:
            return False
        name = host_name(header)
        return name in self.hosts or (self.remote and _is_ip(name))

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001 - stdlib signature
        """A connection that breaks mid-request is the client's business, not a traceback."""
        if not self.quiet:
            exc = sys.exc_info()[1]
            self.log(f"预览：一个请求出错（{type(exc).__name__}），已忽略。")

    def shutdown(self) -> None:
        self.stopping.set()
        super().shutdown()


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    server_version = "docgen-serve"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        return  # the event streams would flood the terminal; errors are logged elsewhere

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The stdlib's own refusals (414, 400, 501) as our Chinese page."""
        status = HTTPStatus(code)
        words = {414: "请求的地址太长了。", 400: "请求的格式不对。", 501: "预览只支持 GET 请求。"}
        with contextlib.suppress(OSError):
            self.close_connection = True
            self._send(status, message_page(status, words.get(code, status.phrase)))

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        try:
            if len(self.path) > MAX_REQUEST_PATH:
                raise Refused(HTTPStatus.REQUEST_URI_TOO_LONG, "请求的地址太长了。")
            if not self.server.host_allowed(self.headers.get("Host")):
                raise Refused(HTTPStatus.MISDIRECTED_REQUEST,
                              "这个预览只回答发给本机地址的请求（请用终端里显示的地址打开）。")
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
        self._send(HTTPStatus.OK, path.read_bytes(), ctype, {"Cache-Control": "max-age=3600"})

    def _download(self, fmt: str, rel: str) -> None:
        """The document as check and build see it (a batch plan: its first unit)."""
        site = self.server.site
        if fmt not in DOWNLOAD_TYPES:
            raise Refused(HTTPStatus.NOT_FOUND, f"不支持的格式“{fmt}”。")
        target = site.lookup(rel)
        if not target.is_file():
            raise Refused(HTTPStatus.NOT_FOUND, f"找不到计划“{rel}”。")
        from ..write import RenderContext, get_writer

        try:
            loaded = load(target)
            data = get_writer(fmt)(loaded.document,  # type: ignore[arg-type]
                                   RenderContext(project_dir=loaded.plan.project_dir))  # type: ignore[attr-defined]
        except DocgenError as exc:
            return self._send(HTTPStatus.CONFLICT, page("计划有错误", problems_html(site, exc.problems)))
        name = f"{loaded.unit or target.stem}.{fmt}"
        disposition = (f"attachment; filename=\"document.{fmt}\"; "
                       f"filename*=UTF-8''{quote(name, safe='')}")
        self._send(HTTPStatus.OK, data, DOWNLOAD_TYPES[fmt], {"Content-Disposition": disposition})

    def _events(self, rel: str, since: str) -> None:
        site = self.server.site
        if rel:
            target = site.lookup(rel)
            files: Callable[[], list[Path]] = lambda: watched_files(target)  # noqa: E731
            every = events.POLL_S
        else:
            files, every = site.index_files, events.INDEX_POLL_S
        if not self.server.streams.enter():
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE,
                          f"已经打开了 {events.MAX_STREAMS} 个预览页面：请关掉一些再刷新。")
        try:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream; charset=utf-8")
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()

            def write(data: bytes) -> None:
                self.wfile.write(data)
                self.wfile.flush()

            events.stream(write, files, since, every, self.server.stopping)
        finally:
            self.server.streams.leave()

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
