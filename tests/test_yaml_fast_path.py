"""libyaml reads plans for speed; what it returns must be exactly what PyYAML's loader gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.errors import DocgenError
from docgen.load import yaml_reader
from docgen.load.plan import KNOWN_KEYS

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted({*ROOT.glob("plans/**/*.yaml"), *ROOT.glob("../shared/**/*.yaml")})
HEAD = "文种: 工作方案\n标题: 测试方案\n发文机关: 某局\n成文日期: 2022-10-08\n"


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yaml_reader, "_compose_fast", lambda text: yaml_reader._SLOW)


def _read(path: Path) -> tuple:
    source = yaml_reader.read(path, KNOWN_KEYS)
    return source.data, source.keys, source.values


@pytest.mark.skipif(not yaml_reader._CLoader, reason="PyYAML built without libyaml")
def test_example_plans_take_the_libyaml_path() -> None:
    assert EXAMPLES
    for path in EXAMPLES:
        assert yaml_reader._compose_fast(path.read_text("utf-8")) is not yaml_reader._SLOW, path


def test_libyaml_gives_the_same_values_and_positions_as_pyyaml(monkeypatch) -> None:
    fast = [_read(p) for p in EXAMPLES]
    _slow(monkeypatch)
    assert fast == [_read(p) for p in EXAMPLES]


@pytest.mark.parametrize("line", ["输出:\n  格式: [do? cx, pdf]\n", "导语: >#-\n  为了……\n",
                                  "a: &x 1\nb: *x\n"])
def test_what_libyaml_would_take_is_still_refused_where_pyyaml_refuses(
        write_plan, monkeypatch, line: str) -> None:
    path = write_plan(HEAD + line)
    with pytest.raises(DocgenError) as fast:
        yaml_reader.read(path, KNOWN_KEYS)
    _slow(monkeypatch)
    with pytest.raises(DocgenError) as slow:
        yaml_reader.read(path, KNOWN_KEYS)
    assert fast.value.problems == slow.value.problems
    assert fast.value.problems[0].loc.line in (5, 6)  # the added line or the one after it


@pytest.mark.parametrize("text", ["- [办公区, 80000<<: , 24]\n", "- [x,\n  y: 1]\n"])
def test_a_one_pair_mapping_in_brackets_keeps_pyyaml_positions(write_plan, monkeypatch,
                                                                text: str) -> None:
    path = write_plan(HEAD + "正文:\n  " + text.replace("\n  ", "\n    "))
    fast = _read(path)
    _slow(monkeypatch)
    assert fast == _read(path)
