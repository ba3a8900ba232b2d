"""Per-process reuse of font subsets (write/pdf_reuse.py): faster, and not a byte different."""

from __future__ import annotations

from pathlib import Path

from docgen.api import documents_from_path
from docgen.write import RenderContext, pdf, pdf_reuse

BATCH = Path(__file__).resolve().parents[1] / "plans" / "batch" / "towns-flood.yaml"


def test_reused_font_subsets_leave_pdf_bytes_unchanged(monkeypatch):
    from weasyprint.pdf import fonts as wfonts

    docs = documents_from_path(BATCH)[:2]  # two towns: same headings, other names
    ctx = RenderContext(project_dir=BATCH.parent)
    pdf.render(docs[0], ctx)  # installs the patch and fills the table
    before = pdf_reuse.HITS["subset"]
    reused = pdf.render(docs[1], ctx)
    assert pdf_reuse.HITS["subset"] > before, "the second unit reuses the 黑体/页码 subsets"
    monkeypatch.setattr(wfonts.Font, "subset", pdf_reuse.ORIGINAL["subset"])
    assert pdf.render(docs[1], ctx) == reused
