"""The example plans compose to the wording of the seeds they were rewritten from.

Expected text is taken from ../shared/seeds at test time: each seed paragraph, with the web
page's ASCII punctuation normalised to the full-width marks of 公文, must appear in the
`--format txt` output in the same order. Paragraphs the plans deliberately change (the
seed's XXXXXX placeholders for names) are listed and skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_cli

SEEDS = ROOT.parent / "shared" / "seeds"
PUNCT = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})

# plan stem → (seed file, first seed line, last seed line, texts that mark skipped paragraphs)
CASES = {
    "workplan-jiguan": ("002_05bb17ab864a987b.txt", "为深入贯彻落实", "依法依纪依规进行处理。", ("XXX",)),
    "notice-mudan": ("004_0b6eb99a9bffb529.txt", "近期境外疫情持续扩散蔓延", "六、时刻保持个人防护意识", ()),
    "notice-gacha": ("004_0b6eb99a9bffb529.txt", "当前，新冠肺炎疫情防控工作进入关键时期", "五、出现发热", ()),
    "summary-minzheng": ("004_0b6eb99a9bffb529.txt", "今年以来，在市疫情防控指挥部", "三、加强宣传，提升防护能力", ()),
}


def seed_paragraphs(name: str, first: str, last: str) -> list[str]:
    raw = (SEEDS / name).read_text(encoding="utf-8").translate(PUNCT).replace("**", "")
    lines = [ln.strip() for ln in raw.splitlines()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith(first.translate(PUNCT)))
    end = next(i for i, ln in enumerate(lines) if i >= start and last.translate(PUNCT) in ln)
    paras, current = [], ""
    for ln in lines[start:end + 1]:
        current += ln
        if ln and not ln.endswith("；"):  # the seed breaks lines after ；inside a paragraph
            paras.append(current)
            current = ""
    return [p for p in paras if p]


@pytest.fixture(scope="module")
def composed(tmp_path_factory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("txt")
    result = run_cli("build", "plans", "--format", "txt", "-o", out)
    assert result.returncode == 0, result.stderr
    return {p.stem: p.read_text(encoding="utf-8") for p in Path(out).glob("*.txt")}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not beside the repository")
@pytest.mark.parametrize("stem", sorted(CASES))
def test_composed_text_keeps_the_seed_wording_in_order(composed: dict[str, str], stem: str) -> None:
    seed, first, last, skip = CASES[stem]
    text = composed[stem].replace("\n", "")
    pos = 0
    for para in seed_paragraphs(seed, first, last):
        if any(s in para for s in skip):
            continue
        found = text.find(para, pos)
        assert found >= 0, f"seed paragraph missing or out of order: {para[:40]}…"
        pos = found + len(para)


def test_seed_paragraph_extraction_is_not_empty() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    for seed, first, last, _ in CASES.values():
        assert len(seed_paragraphs(seed, first, last)) >= 5
