"""Every example plan builds, and `docgen verify` passes its .docx and .pdf (GB/T 9704)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from conftest import PLANS, run_cli

from docgen.cli_support import find_plans

EXAMPLES = [p.stem for p in find_plans([PLANS]) if p.parent == PLANS]
HAVE_PDF = importlib.util.find_spec("docgen.write.pdf") is not None


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("examples")
    fmts = "docx,pdf" if HAVE_PDF else "docx"
    result = run_cli("build", *[PLANS / f"{s}.yaml" for s in EXAMPLES], "-o", out, "--format", fmts)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_docgen_verify_passes_every_example(built: Path, fmt: str) -> None:
    if fmt == "pdf" and not HAVE_PDF:
        pytest.skip("PDF writer not available")
    files = [built / f"{s}.{fmt}" for s in EXAMPLES]
    result = run_cli("verify", "--json", *files)
    report = json.loads(result.stdout)
    failures = {f: [x for x in findings if x["status"] == "不符合"] for f, findings in report.items()}
    assert result.returncode == 0, {f: v for f, v in failures.items() if v}
    assert set(report) == {str(f) for f in files}


def test_verify_exits_one_on_a_broken_document(built: Path, tmp_path: Path) -> None:
    import zipfile

    src = built / f"{EXAMPLES[0]}.docx"
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(broken, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b'w:top="2098"', b'w:top="1440"')
            zout.writestr(item, data)
    result = run_cli("verify", broken)
    assert result.returncode == 1
    assert "P2" in result.stdout and "不符合" in result.stdout


def test_verify_reports_a_damaged_file_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    result = run_cli("verify", bad)
    assert result.returncode == 1
    assert "无法读取" in result.stderr and "Traceback" not in result.stderr
