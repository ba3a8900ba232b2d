"""A preview server on a free port in a thread, and plans to serve (shared by serve tests)."""

from __future__ import annotations

import http.client
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from docgen.serve import PreviewServer, make_server

GOOD = """# yaml-language-server: $schema=docgen-schema.json
文种: 通告
标题: 关于预览测试的通告
发文机关: 某市测试局
成文日期: 2024-01-20
缘由: 为做好预览测试工作
事项:
  - 标题: 第一项事项。
    内容: 预览里应当看见这句话。
"""

BROKEN = """文种: 通告
标题: 关于预览测试的通告
发文机关: 某市测试局
成文日期: 2024-01-20
缘由：为做好预览测试工作
事项:
  - 坏了的一项
"""


@contextmanager
def running(root: Path) -> Iterator[PreviewServer]:
    """Serve root on 127.0.0.1 and a free port until the block ends."""
    server = make_server(root, "127.0.0.1", 0, quiet=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def get(server: PreviewServer, path: str, timeout: float = 60) -> tuple[int, dict, bytes]:
    """A raw GET: the path is sent exactly as given (no client-side normalisation)."""
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.putrequest("GET", path, skip_accept_encoding=True)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def url(prefix: str, rel: str) -> str:
    return f"/{prefix}/{quote(rel, safe='/')}"


def save(path: Path, text: str) -> None:
    """Write like an editor does, and make sure the mtime moves even on coarse clocks."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.write_text(text, encoding="utf-8")
    if path.stat().st_mtime_ns <= before:
        os.utime(path, ns=(before + 10_000_000, before + 10_000_000))
