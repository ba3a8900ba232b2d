"""One checked rule of GB/T 9704 and how it went, shared by the .docx and .pdf checkers.

Rule ids, names and what the standard asks come from one table, docgen.standard.rules, so the
.docx and .pdf checkers word one rule the same way; each checker adds only what it measured
and how it judged (its criterion: tolerances, the file format's details).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum

from ..standard import rule


class Status(StrEnum):
    """Outcome of one rule; only 不符合 makes `docgen verify` exit 1."""

    PASS = "通过"
    FAIL = "不符合"
    SKIP = "跳过"


@dataclass(frozen=True, slots=True)
class Finding:
    """What the checker measured for one rule and what the standard asks for."""

    rule: str  # e.g. "P2"
    name: str  # rule name in Chinese, e.g. "天头（上白边）"
    status: Status
    measured: str  # what was found, in Chinese with numbers and units
    expected: str  # what the standard asks
    where: str = ""  # page / paragraph / part of the file, empty when the rule is file-wide

    @property
    def failed(self) -> bool:
        return self.status is Status.FAIL


def _finding(status: Status, rule_id: str, measured: str, criterion: str, where: str,
             aspect: str) -> Finding:
    """A finding named and worded from the rule table; `criterion` adds how this checker
    measured the rule (tolerances, file-format details) to what the standard asks."""
    r = rule(rule_id)
    name = f"{r.name}：{aspect}" if aspect else r.name
    expected = r.asks + (f"（判定：{criterion}）" if criterion else "")
    return Finding(r.id, name, status, measured, expected, where)


def passed(rule_id: str, measured: str, criterion: str = "", where: str = "", *,
           aspect: str = "") -> Finding:
    return _finding(Status.PASS, rule_id, measured, criterion, where, aspect)


def failed(rule_id: str, measured: str, criterion: str = "", where: str = "", *,
           aspect: str = "") -> Finding:
    return _finding(Status.FAIL, rule_id, measured, criterion, where, aspect)


def skipped(rule_id: str, why: str, criterion: str = "", *, aspect: str = "") -> Finding:
    return _finding(Status.SKIP, rule_id, why, criterion, "", aspect)


def judge(ok: bool, rule_id: str, measured: str, criterion: str = "", where: str = "", *,
          aspect: str = "") -> Finding:
    """PASS or FAIL by a condition, so call sites stay one line."""
    return _finding(Status.PASS if ok else Status.FAIL, rule_id, measured, criterion, where, aspect)


# Why N4 (page 1 numbered) does not apply: both checkers say it in these words, and S1 judges
# the letter's unnumbered page 1 instead.
LETTER_PAGE_ONE = "信函格式首页不显示页码（见 S1）"
N4_CRITERION = "首页标注页码（信函格式除外）"


def any_failed(findings: list[Finding]) -> bool:
    """True when at least one rule is 不符合 (the CLI's exit status)."""
    return any(f.failed for f in findings)


def format_findings(findings: list[Finding]) -> str:
    """Chinese report, one line per finding: rule, status, measured, what the standard asks."""
    lines = []
    for f in findings:
        where = f"（{f.where}）" if f.where else ""
        line = f"{f.rule} {f.name}：{f.status.value}{where}。实测：{f.measured}"
        if f.expected:
            line += f"；标准要求：{f.expected}"
        lines.append(line)
    counts = {s: sum(1 for f in findings if f.status is s) for s in Status}
    lines.append(f"共 {len(findings)} 项：通过 {counts[Status.PASS]}，"
                 f"不符合 {counts[Status.FAIL]}，跳过 {counts[Status.SKIP]}")
    return "\n".join(lines)


def findings_to_json(findings: list[Finding]) -> str:
    """JSON array of findings (status as its Chinese value), UTF-8 text not escaped."""
    return json.dumps([{**asdict(f), "status": f.status.value} for f in findings],
                      ensure_ascii=False, indent=2)


def fmt_mm(value: float) -> str:
    return f"{value:.1f} mm"


def fmt_list(items: list[str], limit: int = 5) -> str:
    """Join the first few offenders; say how many more there were."""
    shown = "；".join(items[:limit])
    if len(items) > limit:
        shown += f"；另有 {len(items) - limit} 处"
    return shown
