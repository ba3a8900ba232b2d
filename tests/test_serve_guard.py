"""What `docgen serve` refuses (issue 12, 6): foreign Host headers, overlong paths, too many
event streams, binding beyond loopback without --allow-remote, attachments from outside the
project; and what it shows for a batch plan (issue 13, 6)."""

from __future__ import annotations

import http.client
import socket
from pathlib import Path

import pytest
from office_support import office_copy
from robust_support import run
from serve_support import GOOD, get, running, url

from docgen.serve import PreviewServer, Site, stamp
from docgen.serve.events import Streams

SECRET = "机密内容不得外泄"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "good.yaml").write_text(GOOD, encoding="utf-8")
    return root


def request(server: PreviewServer, path: str, host: str | None) -> tuple[int, str]:
    addr, port = server.server_address[:2]
    conn = http.client.HTTPConnection(addr, port, timeout=30)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        if host is not None:
            conn.putheader("Host", host)
        conn.endheaders()
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


@pytest.mark.parametrize("host", ["evil.example.com", "evil.example.com:8000", "127.0.0.1.nip.io",
                                  None])
def test_foreign_host_header_is_refused(site: Path, host: str | None) -> None:
    with running(site) as server:
        status, body = request(server, url("p", "good.yaml"), host)
    assert status == 421 and "关于预览测试的通告" not in body and "本机地址" in body


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost:{port}", "127.0.0.1:{port}"])
def test_loopback_host_header_is_answered(site: Path, host: str) -> None:
    with running(site) as server:
        status, body = request(server, url("p", "good.yaml"),
                               host.format(port=server.server_address[1]))
    assert status == 200 and "关于预览测试的通告" in body


def test_remote_server_answers_addresses_but_not_foreign_names(site: Path) -> None:
    server = PreviewServer(Site(site), "127.0.0.1", 0, quiet=True, remote=True)
    try:
        assert server.host_allowed("192.168.1.20:8000")
        assert server.host_allowed(socket.gethostname())
        assert not server.host_allowed("evil.example.com")
    finally:
        server.server_close()


@pytest.mark.parametrize("length", [60_000, 70_000])
def test_overlong_path_is_414_without_a_traceback(site: Path, length: int, capsys) -> None:
    with running(site) as server:
        status, body = request(server, "/p/" + "a" * length, f"127.0.0.1:{server.server_address[1]}")
        assert get(server, "/")[0] == 200  # still serving
    assert status == 414 and "太长" in body
    assert "Traceback" not in capsys.readouterr().err


def test_event_streams_are_bounded(site: Path) -> None:
    with running(site) as server:
        server.streams = Streams(2)
        since = stamp(server.site.index_files())
        addr, port = server.server_address[:2]
        held = []
        for _ in range(2):
            conn = http.client.HTTPConnection(addr, port, timeout=30)
            conn.request("GET", f"/events/?v={since}")
            assert conn.getresponse().status == 200
            held.append(conn)
        status, body = request(server, f"/events/?v={since}", f"127.0.0.1:{port}")
        for conn in held:
            conn.close()
    assert status == 503 and "请关掉一些" in body


def test_binding_beyond_loopback_needs_allow_remote(site: Path) -> None:
    out = run("serve", site, "--host", "0.0.0.0", "--port", "0")
    assert out.code == 2 and "--allow-remote" in out.stderr


BATCH = """文种: 通告
标题: 关于{{ 单位.名称 }}防汛工作的通告
发文机关: '{{ 单位.名称 }}人民政府'
成文日期: 2024-01-20
缘由: 为做好防汛工作
事项:
  - 组长由{{ 单位.组长 }}担任。
单位: units.csv
"""


def test_batch_plan_previews_its_first_unit(site: Path) -> None:
    (site / "batch.yaml").write_text(BATCH, encoding="utf-8")
    (site / "units.csv").write_text("名称,组长\n城关镇,张三\n南山镇,李四\n", encoding="utf-8")
    with running(site) as server:
        page = get(server, url("p", "batch.yaml"))[2].decode()
        doc = get(server, url("doc", "batch.yaml"))[2].decode()
    assert "共 2 个单位" in page and "城关镇" in page
    assert "组长由张三担任" in doc and "{{" not in doc and "南山镇" not in doc


def test_batch_plan_preview_reports_what_check_reports(site: Path) -> None:
    (site / "batch.yaml").write_text(BATCH, encoding="utf-8")
    (site / "units.csv").write_text("名称,组长,成文日期\n城关镇,张三,\n南山镇,李四,2024-02-30\n",
                                    encoding="utf-8")
    checked = run("check", site / "batch.yaml")
    with running(site) as server:
        page = get(server, url("p", "batch.yaml"))[2].decode()
        index = get(server, "/")[2].decode()
    assert checked.code == 1 and "南山镇" in checked.stderr
    assert "units.csv:3:" in page and "南山镇" in page and "1 个错误" in page
    assert "通过" not in index.split("batch.yaml")[1][:300]


def test_download_never_carries_a_file_from_outside(site: Path, tmp_path: Path) -> None:
    import docx

    secret = docx.Document()
    secret.add_paragraph(SECRET)
    (tmp_path / "outside").mkdir()
    secret.save(str(tmp_path / "outside" / "secret.docx"))
    (site / "leak.yaml").write_text(GOOD + "附件:\n  - 标题: 值班表\n    文件: ../outside/secret.docx\n",
                                    encoding="utf-8")
    with running(site) as server:
        for fmt in ("docx", "pdf"):
            status, _, body = get(server, url(f"download/{fmt}", "leak.yaml"))
            assert status == 409 and SECRET.encode() not in body and b"PK" not in body[:2]
            assert "在项目文件夹之外" in body.decode()


def test_preview_shows_the_office_templates_letterhead(tmp_path: Path) -> None:
    """A plan with 模板: the preview draws its 版头.docx (emblem picture, filled placeholders)
    and the template's heading face, not docgen's generic 版头."""
    root = tmp_path / "site"
    root.mkdir()
    office_copy(root, plan_name="office.yaml")
    with running(root) as server:
        doc = get(server, url("doc", "office.yaml"))[2].decode()
    assert 'class="letterhead office' in doc and "data:image/png;base64," in doc
    assert "示应急〔2023〕8号" in doc and "{{" not in doc
    assert "思源黑体" in doc  # the heading face, named for the browser after docgen's file


def test_preview_reports_a_broken_office_template_like_check(tmp_path: Path) -> None:
    """An unknown placeholder in 版头.docx: the preview names the template and the placeholder
    (as check does) and does not say 通过."""
    root = tmp_path / "site"
    root.mkdir()
    office_copy(root, "版头.docx", "{{ 发文字号 }}", "{{ 文号 }}", plan_name="office.yaml")
    checked = run("check", root / "office.yaml")
    with running(root) as server:
        page = get(server, url("p", "office.yaml"))[2].decode()
        index = get(server, "/")[2].decode()
    assert checked.code == 1 and "{{ 文号 }}" in checked.stdout + checked.stderr
    assert "版头.docx" in page and "{{ 文号 }}" in page
    assert "通过" not in index.split("office.yaml")[1][:300]
