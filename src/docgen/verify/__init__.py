"""GB/T 9704-2012 conformance checks of any .docx or .pdf, for `docgen verify`.

`verify_file` returns one Finding per checked rule; `format_findings` prints them in Chinese
and `findings_to_json` serialises them. A rule that fails is 不符合; `any_failed` tells the CLI
whether to exit 1.
"""

from __future__ import annotations

from pathlib import Path

from .findings import Finding, Status, any_failed, findings_to_json, format_findings

__all__ = ["Finding", "Status", "any_failed", "findings_to_json", "format_findings", "verify_file"]


def verify_file(path: Path) -> list[Finding]:
    """Check one file by its suffix; raises ValueError for other kinds of file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from .docx import verify_docx

        return verify_docx(path)
    if suffix == ".pdf":
        from .pdf import verify_pdf  # pdfplumber is imported only when a PDF is checked

        return verify_pdf(path)
    raise ValueError(f"不支持的文件类型：{path.name}（只检查 .docx 和 .pdf）")
