"""How long the Word writer takes per document inside a warm process (target: < 30 ms).

Usage: .venv/bin/python bench/docx_speed.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from sample_document import sample_document  # noqa: E402

from docgen.write import RenderContext  # noqa: E402
from docgen.write.docx import render  # noqa: E402


def documents() -> dict[str, object]:
    """The sample plus every example plan the composer can read."""
    docs: dict[str, object] = {"sample": sample_document()}
    try:
        from docgen.api import documents_from_path
    except ImportError:
        return docs
    for path in sorted((ROOT / "plans").glob("*.yaml")):
        if path.name == "docgen.yaml":
            continue
        try:
            for i, doc in enumerate(documents_from_path(path)):
                docs[f"{path.stem}-{i}"] = doc
        except Exception as exc:  # noqa: BLE001 - a benchmark reports and goes on
            print(f"{path.name}: skipped ({exc})")
    return docs


def main(n: int = 200) -> None:
    docs = documents()
    for doc in docs.values():  # warm: imports, cached style/footer parts
        render(doc, RenderContext())
    total = 0.0
    for name, doc in docs.items():
        start = time.perf_counter()
        for _ in range(n):
            render(doc, RenderContext())
        ms = (time.perf_counter() - start) / n * 1000
        total += ms
        print(f"{name:28s} {ms:6.2f} ms/doc")
    print(f"{'mean':28s} {total / len(docs):6.2f} ms/doc  ({n} renders each)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
