"""Errors for people: every user mistake carries file, line, column and a Chinese fix."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in a source file; line and column count from 1 as editors show them."""

    file: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}"
        return self.file


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding: severity 错误 (stops the build) or 警告 (reported, build goes on)."""

    message: str
    loc: Loc | None = None
    severity: str = "错误"

    def __str__(self) -> str:
        where = f"{self.loc}: " if self.loc else ""
        return f"{where}{self.severity}：{self.message}"


class DocgenError(Exception):
    """A mistake in the user's input or project; carries one or more problems."""

    def __init__(self, message: str | None = None, loc: Loc | None = None,
                 problems: list[Problem] | None = None) -> None:
        self.problems: list[Problem] = list(problems or [])
        if message is not None:
            self.problems.insert(0, Problem(message, loc))
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # picklable across worker processes
        return (DocgenError, (None, None, self.problems))


def internal_error(exc: BaseException, file: object) -> Problem:
    """A bug in docgen met while reading `file`: reported at that file, never as a traceback."""
    return Problem(f"docgen 内部错误（{type(exc).__name__}）：这个文件触发了程序缺陷，请把它和这条信息"
                   "报告给维护人员；其他文件不受影响。", Loc(str(file), 1, 1))
