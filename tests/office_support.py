"""A copy of the example office template (templates/offices/示例局) with one text replaced, and
a plan that uses the copy: for tests of placeholders and of templates that break the standard."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFFICE_PLAN = ROOT / "plans" / "office-template.yaml"
OFFICE = ROOT / "templates" / "offices" / "示例局"


def office_copy(folder: Path, file: str = "", old: str = "", new: str = "",
                member: str = "word/document.xml", plan_name: str = "plan.yaml") -> Path:
    """`folder`/模板 (a copy of the example template, `old` → `new` once in `file`'s `member`)
    and `folder`/`plan_name` using it; returns the plan."""
    template = folder / "模板"
    shutil.copytree(OFFICE, template)
    if file:
        src = template / file
        zin = zipfile.ZipFile(io.BytesIO(src.read_bytes()))
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zout:
            for info in zin.infolist():
                data = zin.read(info.filename)
                if info.filename == member:
                    text = data.decode()
                    assert old in text, f"{old} not in {file}:{member}"
                    data = text.replace(old, new, 1).encode()
                zout.writestr(info, data)
        src.write_bytes(buf.getvalue())
    plan = folder / plan_name
    plan.write_text(OFFICE_PLAN.read_text(encoding="utf-8").replace(
        "../templates/offices/示例局", "模板"), encoding="utf-8")
    return plan
