"""附件 文件 stays inside the project (issue 12, 4): check refuses files outside it, build and
serve never put them into an output, and a damaged .docx/.pdf is a located error in check."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from robust_support import HEAD, check_fails, run

SECRET = "机密内容不得外泄"


def make_docx(path: Path, text: str) -> Path:
    import docx

    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def plan_with(folder: Path, file: str) -> Path:
    plan = folder / "project" / "plan.yaml"
    plan.parent.mkdir(parents=True, exist_ok=True)
    plan.write_text(HEAD + f"附件:\n  - 标题: 值班表\n    文件: '{file}'\n", encoding="utf-8")
    return plan


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode("utf-8")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "outside" / "secret.docx", SECRET)


def test_parent_folder_attachment_is_refused_and_nothing_is_built(tmp_path: Path, secret: Path) -> None:
    plan = plan_with(tmp_path, "../outside/secret.docx")
    (err,) = check_fails(plan).errors()
    assert err[:3] == ("plan.yaml", 7, 9)
    assert "“../outside/secret.docx”在项目文件夹之外" in err[3] and "项目外附件目录" in err[3]
    out_dir = tmp_path / "out"
    built = run("build", plan, "-o", out_dir, "--format", "docx,pdf,txt", "--jobs", "1")
    assert built.code == 1 and "在项目文件夹之外" in built.stderr
    assert not [p for p in out_dir.rglob("*") if p.suffix in (".docx", ".pdf", ".txt")]


def test_absolute_attachment_path_is_refused(tmp_path: Path, secret: Path) -> None:
    (err,) = check_fails(plan_with(tmp_path, str(secret))).errors()
    assert err[1:3] == (7, 9) and "绝对路径" in err[3]


def test_symlink_out_of_the_project_is_refused(tmp_path: Path, secret: Path) -> None:
    plan = plan_with(tmp_path, "link.docx")
    (plan.parent / "link.docx").symlink_to(secret)
    (err,) = check_fails(plan).errors()
    assert "符号链接" in err[3] and str(secret) in err[3]


def test_project_root_and_allowed_outside_folders_may_hold_attachments(tmp_path: Path,
                                                                       secret: Path) -> None:
    root = tmp_path / "project"
    plan = plan_with(tmp_path / "project" / "sub", "../../shared.docx")
    make_docx(root / "shared.docx", "共用")
    (root / "docgen.yaml").write_text("发文机关: 某局\n", encoding="utf-8")
    assert run("check", plan).code == 0
    plan.write_text(plan.read_text(encoding="utf-8").replace("../../shared.docx",
                                                            "../../../outside/secret.docx"),
                    encoding="utf-8")
    check_fails(plan)
    (root / "docgen.yaml").write_text("发文机关: 某局\n项目外附件目录: [../outside]\n", encoding="utf-8")
    assert run("check", plan).code == 0


def test_attachment_name_with_spaces_is_found_by_check_and_build_alike(tmp_path: Path) -> None:
    plan = plan_with(tmp_path, "  附件/值班表.docx  ")
    make_docx(plan.parent / "附件" / "值班表.docx", "值班安排表内容")
    assert run("check", plan).code == 0
    built = run("build", plan, "-o", tmp_path / "out", "--format", "docx", "--jobs", "1")
    assert built.code == 0, built.stderr
    assert "值班安排表内容" in docx_text(tmp_path / "out" / "plan.docx")


@pytest.mark.parametrize("name, data", [
    ("bad.docx", b"PK\x03\x04 not really a zip"),
    ("empty.docx", b""),
    ("bad.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"),
    ("text.pdf", "这不是 PDF".encode()),
])
def test_damaged_attachment_is_a_located_error_in_check(tmp_path: Path, name: str,
                                                       data: bytes) -> None:
    plan = plan_with(tmp_path, name)
    (plan.parent / name).write_bytes(data)
    (err,) = check_fails(plan).errors()
    assert err[1:3] == (7, 9) and f"附件文件“{name}”" in err[3] and "另存" in err[3]
