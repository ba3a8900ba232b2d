"""S1's red double rules judged once for both checkers (verify/double_rule.py)."""

from __future__ import annotations

from dataclasses import dataclass

from docgen import standard as L
from docgen.verify import double_rule

X0 = (L.PAGE_W_MM - L.LETTER_RULE_LEN_MM) / 2


@dataclass
class Strip:
    x0: float
    top: float
    bottom: float
    width: float = L.LETTER_RULE_LEN_MM

    @property
    def thickness(self) -> float:
        return self.bottom - self.top


def _judge(pair, thick_first=True):
    return double_rule.problems(pair, thick_first, 1.0, lambda s: None)


THICK_THIN = [Strip(X0, 46.7, 47.5), Strip(X0, 47.9, 48.2)]


def test_thick_over_thin_under_the_mark_passes() -> None:
    assert _judge(THICK_THIN) == []


def test_thin_over_thick_where_thick_over_thin_is_asked_fails() -> None:
    (problem,) = _judge(THICK_THIN, thick_first=False)
    assert "不比" in problem and "粗" in problem


def test_strokes_more_than_2mm_apart_are_not_a_double_rule() -> None:
    (problem,) = _judge([Strip(X0, 40, 40.8), Strip(X0, 43, 43.3)])
    assert problem.startswith("未找到两条相邻的红色横线")


def test_a_rule_shorter_than_170mm_fails_naming_its_length() -> None:
    (problem,) = _judge([Strip(X0, 46.7, 47.5, width=156), THICK_THIN[1]])
    assert "156" in problem


def test_a_stroke_that_is_not_red_fails_naming_its_colour() -> None:
    (problem,) = double_rule.problems(THICK_THIN, True, 1.0, lambda s: "000000")
    assert problem == "颜色 000000"
