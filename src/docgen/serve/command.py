"""`docgen serve`: start the preview, loopback only unless --allow-remote says otherwise."""

from __future__ import annotations

import webbrowser
from pathlib import Path

from ..errors import DocgenError
from .http import PreviewServer, is_loopback
from .pages import url_of
from .site import Site


class RemoteRefused(Exception):
    """Binding beyond loopback without --allow-remote (a usage mistake, exit 2)."""


def make_server(path: Path, host: str = "127.0.0.1", port: int = 8000, quiet: bool = False,
                allow_remote: bool = False) -> PreviewServer:
    """A server bound and ready; call serve_forever() (tests run it in a thread)."""
    if not is_loopback(host) and not allow_remote:
        raise RemoteRefused(
            f"--host {host} 会让同一网络里的其他电脑也能看到这些计划：确需如此，请再加 --allow-remote。"
            " Binding beyond loopback needs --allow-remote.")
    site = Site(path)
    try:
        return PreviewServer(site, host, port, quiet, remote=not is_loopback(host))
    except OSError as exc:
        if exc.errno in (98, 48, 10048):  # EADDRINUSE on Linux, macOS, Windows
            raise DocgenError(f"端口 {port} 已被占用：请用 --port 换一个，如 --port {port + 1}。") from None
        raise DocgenError(f"无法在 {host}:{port} 上启动预览：{exc.strerror or exc}。") from None


def serve(path: Path, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
          allow_remote: bool = False) -> None:
    """Run until Ctrl+C."""
    server = make_server(path, host, port, allow_remote=allow_remote)
    site = server.site
    print(f"预览 {site.only or site.root}", flush=True)
    print(f"请用浏览器打开：{server.url}    （按 Ctrl+C 停止）", flush=True)
    if server.remote:
        print(f"注意：--host {host} --allow-remote 让同一网络里的其他电脑也能看到这些计划。", flush=True)
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
