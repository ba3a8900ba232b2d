"""`docgen fonts` lists, beside the role fonts, every face the project's 模板 (样式.docx) asks
for: the file each resolves to and whether it is a substitution — for a project folder (its
docgen.yaml names the 模板) and for a plan, as a build of it would draw them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from conftest import run_cli
from office_support import OFFICE, office_copy

from docgen import fonts as fontmod
from docgen.document import Fonts, Role

BODY_STYLE = '<w:name w:val="公文正文"/>'
BODY_FACE = 'w:eastAsia="仿宋_GB2312"'


def template_project(folder: Path, docgen_yaml: str) -> Path:
    """A project whose 模板 sets heading 1 in "Source Han Sans SC" and 公文正文 in 方正仿宋_GBK,
    with `docgen_yaml`; returns its plan (which names the same 模板)."""
    plan = office_copy(folder)
    styles = zipfile.ZipFile(OFFICE / "样式.docx").read("word/styles.xml").decode()
    at = styles.index(BODY_STYLE)
    body = styles[at:styles.index(BODY_FACE, at) + len(BODY_FACE)]
    styles = styles.replace(body, body.replace(BODY_FACE, 'w:eastAsia="方正仿宋_GBK"'))
    styles = styles.replace('w:eastAsia="思源黑体"', 'w:eastAsia="Source Han Sans SC"')
    buf = io.BytesIO()
    with zipfile.ZipFile(OFFICE / "样式.docx") as zin, zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, styles.encode() if info.filename == "word/styles.xml" else data)
    (folder / "模板" / "样式.docx").write_bytes(buf.getvalue())
    (folder / "docgen.yaml").write_text(docgen_yaml, encoding="utf-8")
    return plan


def row(out: str, start: str) -> str:
    return next(ln for ln in out.splitlines() if ln.startswith(start))


def test_fonts_lists_each_template_face_with_its_file_and_substitution(tmp_path: Path) -> None:
    plan = template_project(tmp_path, "模板: 模板\n")
    fs = fontmod.resolve(tmp_path, Fonts(body="方正仿宋_GBK", headings=("Source Han Sans SC",)))
    for target in (tmp_path, plan):  # the project folder, and one of its plans
        shown = run_cli("fonts", target)
        assert shown.returncode == 0, shown.stderr
        out = shown.stdout
        assert f"模板 {tmp_path / '模板' / '样式.docx'} 要求的字体：" in out
        heading = row(out, "heading 1（一级标题）")
        assert "Source Han Sans SC" in heading and str(fs.headings[1].face.path) in heading
        assert heading.endswith("（替代）")
        body = row(out, "公文正文")
        assert "方正仿宋_GBK" in body and str(fs.get(Role.BODY).face.path) in body
        assert body.endswith("免费字体（替代）")  # no 方正仿宋_GBK here: the free 仿宋
        assert "方正仿宋_GBK" in row(out, "正文")  # the role table follows the template too
        assert "一级标题（模板样式）：Source Han Sans SC" in row(out, "未找到（已用替代字体）：")


def test_fonts_says_a_template_face_docgen_yaml_overrides_is_not_used(tmp_path: Path) -> None:
    template_project(tmp_path, "模板: 模板\n字体: {正文: 仿宋}\n")
    out = run_cli("fonts", tmp_path).stdout
    assert "未采用：docgen.yaml 字体 写了 仿宋" in row(out, "公文正文")
    assert row(out, "正文").split()[1] == "仿宋"


def test_fonts_refuses_a_missing_template_folder_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "docgen.yaml").write_text("输出: {格式: [pdf]}\n模板: 没有这个文件夹\n", encoding="utf-8")
    shown = run_cli("fonts", tmp_path)
    assert shown.returncode == 1
    assert "docgen.yaml:2:" in shown.stderr and "找不到模板文件夹" in shown.stderr
