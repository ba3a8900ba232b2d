"""Title breaking (spec §5.3): between words, ≤ 20 characters a line, no hourglass."""

from __future__ import annotations

import pytest

from docgen.compose.title import break_title
from docgen.layout import text_width

TITLES = [
    "机关事务管理局秋冬季新冠肺炎疫情防控工作方案",
    "关于做好2021年春节期间新冠肺炎疫情防控工作的通告",
    "市民政局2021年新冠肺炎疫情防控工作总结",
    "某小学新型冠状病毒感染的肺炎疫情防控工作总结",
    "某某市某某区人民政府办公室关于进一步加强党政机关办公大楼安全管理和疫情防控工作的实施方案",
]


def test_short_title_stays_on_one_line() -> None:
    assert break_title("市民政局工作总结") == ("市民政局工作总结",)


@pytest.mark.parametrize("title", TITLES)
def test_lines_join_back_to_the_title_and_fit(title: str) -> None:
    lines = break_title(title)
    assert "".join(lines) == title
    assert all(2 <= text_width(line) <= 20 for line in lines)


@pytest.mark.parametrize("title", TITLES)
def test_no_line_starts_with_de_or_punctuation(title: str) -> None:
    for line in break_title(title)[1:]:
        assert line[0] not in "的，。、；：）》”"


@pytest.mark.parametrize("title", TITLES)
def test_three_lines_are_never_an_hourglass(title: str) -> None:
    widths = [text_width(s) for s in break_title(title)]
    if len(widths) == 3:
        assert not (widths[1] < widths[0] and widths[1] < widths[2])


def test_words_are_never_split() -> None:
    assert break_title(TITLES[0]) == ("机关事务管理局秋冬季", "新冠肺炎疫情防控工作方案")
    assert break_title(TITLES[1]) == ("关于做好2021年春节期间", "新冠肺炎疫情防控工作的通告")
