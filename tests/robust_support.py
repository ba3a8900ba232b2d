"""Running the CLI in this process on real bad files (cheap: no interpreter start per case)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from docgen.cli import main

HEAD = "文种: 工作方案\n标题: 测试方案\n发文机关: 某局\n成文日期: 2022-10-08\n"
LOCATED = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):(?P<col>\d+): 错误：(?P<msg>.*)$", re.M)


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str

    def errors(self) -> list[tuple[str, int, int, str]]:
        """(file name, line, column, message) of every located error."""
        return [(Path(m["file"]).name, int(m["line"]), int(m["col"]), m["msg"])
                for m in LOCATED.finditer(self.stderr)]


def run(*args: str | Path) -> Outcome:
    """`docgen ARGS` in-process; fails the test on any exception that escaped the CLI."""
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"traceback from docgen {args}") from result.exception
    out = Outcome(result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in out.stderr and "内部错误" not in out.stderr, out.stderr
    return out


def check_fails(*paths: str | Path) -> Outcome:
    """`docgen check` that must fail with exit code 1 and only located errors."""
    out = run("check", *paths)
    assert out.code == 1, (out.code, out.stdout, out.stderr)
    lines = [x for x in out.stderr.splitlines() if "错误：" in x]
    assert lines and all(LOCATED.match(x) for x in lines), out.stderr
    return out
