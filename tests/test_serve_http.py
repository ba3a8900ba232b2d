"""`docgen serve` over HTTP: index, preview, errors with source lines, live events, downloads,
and the guarantee that nothing outside the served folder can be read."""

from __future__ import annotations

import http.client
import io
import re
import time
import zipfile
from pathlib import Path

import pytest
from serve_support import BROKEN, GOOD, get, running, save, url

from docgen import serve as serve_mod

SECRET = "机密内容-不应被读到"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "sub").mkdir(parents=True)
    (root / "good.yaml").write_text(GOOD, encoding="utf-8")
    (root / "sub" / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(f"文种: 通告\n标题: {SECRET}\n", encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "plan.yaml").write_text(f"标题: {SECRET}\n", encoding="utf-8")
    (root / "link.yaml").symlink_to(tmp_path / "secret.yaml")
    (root / "linkdir").symlink_to(tmp_path / "outside", target_is_directory=True)
    return root


def test_index_lists_plans_with_title_kind_and_status(site: Path) -> None:
    with running(site) as server:
        status, headers, body = get(server, "/")
    text = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert "good.yaml" in text and "sub/broken.yaml" in text
    assert "关于预览测试的通告" in text and "通告" in text
    assert "通过" in text and re.search(r"\d+ 个错误", text)
    assert SECRET not in text and "link.yaml" not in text


def test_plan_page_and_document_show_the_title(site: Path) -> None:
    with running(site) as server:
        status, _, page = get(server, url("p", "good.yaml"))
        assert status == 200
        assert "关于预览测试的通告" in page.decode()
        src = re.search(r'<iframe id="doc" src="([^"]+)"', page.decode()).group(1)
        status, _, doc = get(server, src.replace("&amp;", "&"))
    assert status == 200
    assert "关于预览测试的通告" in doc.decode() and "预览里应当看见这句话" in doc.decode()


@pytest.mark.parametrize("path", [
    "/p/../secret.yaml",
    "/p/%2e%2e/secret.yaml",
    "/p/%2E%2E%2Fsecret.yaml",
    "/p/sub/..%2f..%2fsecret.yaml",
    "/../secret.yaml",
    "/%2e%2e/secret.yaml",
    "/doc/../secret.yaml",
    "/doc/%2e%2e/secret.yaml",
    "/download/txt/../secret.yaml",
    "/download/txt/%2e%2e/secret.yaml",
    "/events/../secret.yaml",
    "/p//etc/passwd",
    "/p/%2Fetc%2Fpasswd",
    "/doc//etc/hostname",
    "/p/link.yaml",
    "/doc/link.yaml",
    "/download/txt/link.yaml",
    "/p/linkdir/plan.yaml",
    "/doc/linkdir/plan.yaml",
    "/p/sub%00.yaml",
    "/font/..%2f..%2fsecret.yaml",
    "http://127.0.0.1/p/../secret.yaml",
])
def test_paths_outside_the_folder_are_refused(site: Path, path: str) -> None:
    with running(site) as server:
        status, _, body = get(server, path)
    assert status in (403, 404), (path, status)
    assert SECRET not in body.decode("utf-8", "replace")
    assert "root:" not in body.decode("utf-8", "replace")


def test_broken_plan_shows_errors_with_source_lines(site: Path) -> None:
    with running(site) as server:
        status, _, body = get(server, url("p", "sub/broken.yaml"))
    text = body.decode()
    assert status == 200
    assert "错误：" in text and "全角冒号" in text
    assert re.search(r"broken\.yaml:5:\d+: 错误：", text)
    assert '<span class="hit">5 │ 缘由' in text  # the offending line, highlighted
    assert "<mark>" in text
    assert 'id="doc"' not in text


def test_broken_plan_recovers_when_fixed(site: Path) -> None:
    broken = site / "sub" / "broken.yaml"
    with running(site) as server:
        assert "错误：" in get(server, url("p", "sub/broken.yaml"))[2].decode()
        save(broken, GOOD.replace("关于预览测试的通告", "关于修好以后的通告"))
        text = get(server, url("p", "sub/broken.yaml"))[2].decode()
    assert "关于修好以后的通告" in text and 'id="doc"' in text and "错误：" not in text


def test_missing_plan_is_404_but_waits_for_the_file(site: Path) -> None:
    with running(site) as server:
        status, _, body = get(server, url("p", "新计划.yaml"))
    assert status == 404
    assert "找不到计划" in body.decode() and "EventSource" in body.decode()


def _first_event(server, path: str, timeout: float) -> tuple[str, float]:
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    conn.request("GET", path)
    resp = conn.getresponse()
    assert resp.status == 200
    assert resp.getheader("Content-Type").startswith("text/event-stream")
    start = time.monotonic()
    try:
        while True:
            line = resp.fp.readline().decode()
            if line.startswith("event:"):
                return line.split(":", 1)[1].strip(), time.monotonic() - start
    finally:
        conn.close()


def test_event_stream_fires_on_save(site: Path) -> None:
    plan = site / "good.yaml"
    with running(site) as server:
        page = get(server, url("p", "good.yaml"))[2].decode()
        events = re.search(r'new EventSource\("([^"]+)"\)', page).group(1)

        import threading

        threading.Timer(0.3, save, (plan, GOOD.replace("第一项事项", "改过的事项"))).start()
        kind, waited = _first_event(server, events, timeout=5)
        assert kind == "change" and waited < 1.5
        # a stream opened with an old version fires at once (a save between page and stream)
        kind, waited = _first_event(server, events, timeout=5)
        assert kind == "change" and waited < 0.5


def test_event_stream_fires_when_docgen_yaml_appears(site: Path) -> None:
    with running(site) as server:
        page = get(server, url("p", "good.yaml"))[2].decode()
        events = re.search(r'new EventSource\("([^"]+)"\)', page).group(1)
        (site / "docgen.yaml").write_text("发文机关: 某市另一个局\n", encoding="utf-8")
        kind, _ = _first_event(server, events, timeout=5)
    assert kind == "change"


def test_fonts_are_served_only_by_token(site: Path) -> None:
    with running(site) as server:
        page = get(server, url("p", "good.yaml"))[2].decode()
        src = re.search(r'<iframe id="doc" src="([^"]+)"', page).group(1)
        doc = get(server, src)[2].decode()
        assert "file://" not in doc
        fonts = re.findall(r'url\("(/font/[^"]+)"\)', doc)
        if fonts:
            status, headers, data = get(server, fonts[0])
            assert status == 200 and headers["content-type"].startswith("font/") and data
        assert get(server, "/font/0123456789abcdef0123.ttf")[0] == 404


@pytest.mark.parametrize("fmt,magic", [("docx", b"PK"), ("pdf", b"%PDF")])
def test_download_renders_on_demand(site: Path, fmt: str, magic: bytes) -> None:
    with running(site) as server:
        status, headers, data = get(server, url(f"download/{fmt}", "good.yaml"), timeout=120)
        assert status == 200, data[:500]
        assert data.startswith(magic)
        assert "attachment" in headers["content-disposition"]
        assert "good." + fmt in headers["content-disposition"]
        if fmt == "docx":
            assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
        status, _, body = get(server, url(f"download/{fmt}", "sub/broken.yaml"))
        assert status == 409 and "错误：" in body.decode()


def test_port_in_use_is_a_chinese_error(site: Path) -> None:
    from docgen.errors import DocgenError

    with running(site) as server:
        port = server.server_address[1]
        with pytest.raises(DocgenError, match="端口 .* 已被占用"):
            serve_mod.make_server(site, "127.0.0.1", port, quiet=True)


def test_cli_serve_help_is_chinese(cli) -> None:
    result = cli("serve", "--help")
    assert result.returncode == 0 and "本地预览" in result.stdout and "127.0.0.1" in result.stdout
