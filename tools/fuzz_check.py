"""Mutation fuzzing of `docgen check`: no traceback, no hang, no error without file:line:col.

Each case takes an example plan (with its docgen.yaml and, for batch plans, its unit table),
applies a few random mutations of the kinds that broke check before (brackets, indentation,
control and bidi characters, YAML-only line breaks, quotes, anchors, placeholders, extra CSV
columns, cut bytes) and checks it the way `docgen check` does. A plan that passes is also
composed and written as text, so a crash that check lets through is found too.

    .venv/bin/python tools/fuzz_check.py --cases 5000 --seed 1

prints the counts: cases, tracebacks, hangs, errors without location (and the first few
reproductions, saved under --keep if given). tests/test_fuzz_check.py drives the same
mutations from Hypothesis on a small budget in CI.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"

TOKENS = [
    "[", "]", "{", "}", "[" * 400, "{" * 60, "- " * 50, "[通告]", "{文种: 通告}", "[[[]]]", ": ", ":", "- ", "-", "\n", "\n  ", "\t", "  ",
    "#", "&a ", "*a", "!!python/object:os.system ", "!tag ", '"', "'", "|", ">-", "? ", "---\n", "...",
    "\x00", "\x01", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u2029", "\ufeff", "\uffff",
    "\u202e", "\u2066", "\u2060", "\u200b", "：", "\u3000", "一、", "（一）", "{{ 单位.名称 }}",
    "{{ 单位.items }}", "{{ 单位.名称|center(1000000000) }}", "{% for x in y %}", "{{ 单位 }}",
    "{{ 单位.__class__ }}", "~", "null", "[通告]", "{a: b}", "文种: ", "正文:", "条目:\n  - ",
    "附件:\n  - 标题: x\n    文件: ../../etc/passwd.docx\n", "单位: ", "待定", "2022-02-30",
    "0123", "NO", "1e9", "\\", "\\u202e", "%", "\r", "\r\n", ",", '","', "名称", "..", ".",
    "x" * 300, "汉" * 200,
]
CSV_TOKENS = [",", '"', '""', "\n", "\r\n", "\u2028", "\x85", "\x0c", "\x00", "\u202e", ",多出",
              "..", ".", "名称", "{{ 单位.名称 }}", "\ufeff", ";", "\t"]


@dataclass
class Seed:
    """One example: its plan text and the files beside it, by name."""

    name: str
    files: dict[str, str | bytes]  # file name → text; "plan.yaml" is the plan


def seeds() -> list[Seed]:
    """Every example plan under plans/ with its docgen.yaml and unit tables."""
    out = []
    defaults = (PLANS / "docgen.yaml").read_text(encoding="utf-8")
    for plan in sorted(PLANS.rglob("*.yaml")):
        if plan.name == "docgen.yaml":
            continue
        files = {"plan.yaml": plan.read_text(encoding="utf-8"), "docgen.yaml": defaults}
        for m in re.finditer(r"^单位:\s*(\S+\.csv)\s*$", files["plan.yaml"], re.M):
            files[m.group(1)] = (plan.parent / m.group(1)).read_text(encoding="utf-8-sig")
        out.append(Seed(plan.stem, files))
    return out


def mutate(text: str, ops: list[tuple[int, float, float, int]], tokens: list[str]) -> str:
    """Apply (kind, where, how much, token) mutations; where/how much are fractions 0–1."""
    for kind, where, size, token in ops:
        n = len(text)
        at = int(where * n)
        if kind == 0:  # insert a token
            text = text[:at] + tokens[token % len(tokens)] + text[at:]
        elif kind == 1:  # delete a span
            text = text[:at] + text[at + int(size * 40):]
        elif kind == 2:  # duplicate a line
            lines = text.split("\n")
            i = int(where * len(lines)) % len(lines)
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == 3:  # swap two lines
            lines = text.split("\n")
            i, j = int(where * len(lines)) % len(lines), int(size * len(lines)) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif kind == 4:  # change a line's indentation
            lines = text.split("\n")
            i = int(where * len(lines)) % len(lines)
            lines[i] = " " * int(size * 9) + lines[i].lstrip(" ")
            text = "\n".join(lines)
        elif kind == 5:  # cut the file
            text = text[:at]
        elif kind == 7:  # replace the value of a `key: value` line
            lines = text.split("\n")
            keyed = [i for i, line in enumerate(lines) if re.match(r"^\s*(- )?[^\s:#]+: \S", line)]
            if keyed:
                i = keyed[int(where * len(keyed)) % len(keyed)]
                key = lines[i].split(": ", 1)[0]
                lines[i] = f"{key}: {tokens[token % len(tokens)]}"
                text = "\n".join(lines)
        else:  # replace a character by a token
            text = text[:at] + tokens[token % len(tokens)] + text[at + 1:]
    return text


@dataclass
class Outcome:
    """What checking one case gave."""

    traceback: str = ""  # an exception that escaped, or an internal error reported
    unlocated: list[str] = field(default_factory=list)  # errors without file:line:col
    failed: bool = False  # check reported errors
    seconds: float = 0.0


def check_case(folder: Path, files: dict[str, str | bytes]) -> Outcome:
    """Write the case into `folder` and check it as `docgen check` does (then build it as
    text when it passes)."""
    _check_one = _checker()
    for old in folder.iterdir():
        if old.is_file():
            old.unlink()
    for name, text in files.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
        (folder / name).write_bytes(data)
    plan = folder / "plan.yaml"
    out = Outcome()
    start = time.monotonic()
    try:
        problems, failed = _check_one(plan)
        out.failed = failed
        for p in problems:
            if "内部错误" in p.message:
                out.traceback = p.message
            elif p.severity == "错误" and (p.loc is None or not p.loc.line or not p.loc.col):
                out.unlocated.append(str(p))
        if not failed:
            _build_text(plan)
    except Exception:
        out.traceback = traceback.format_exc()
    out.seconds = time.monotonic() - start
    return out


def _checker():
    """cli._check_one; on a docgen that predates it (to measure what the fuzzer finds there),
    the loader call it wraps."""
    try:
        from docgen.cli import _check_one
    except ImportError:
        from docgen.errors import DocgenError
        from docgen.load.units import load_plan_units

        def _check_one(path: Path):
            try:
                units = load_plan_units(path)
            except DocgenError as exc:
                return exc.problems, True
            problems = [p for u in units if u.error for p in u.error.problems]
            return problems, bool(problems)
    return _check_one


def _build_text(plan: Path) -> None:
    """Compose and write every unit of a plan that passed check: must not raise either."""
    from docgen.compose import compose
    from docgen.errors import DocgenError
    from docgen.load.units import load_plan_units
    from docgen.write import RenderContext, get_writer

    for unit in load_plan_units(plan):
        if unit.plan is None:
            continue
        with contextlib.suppress(DocgenError):  # a located error at compose time is allowed
            get_writer("txt")(compose(unit.plan), RenderContext(project_dir=unit.plan.project_dir))


class Hang(BaseException):
    pass


def _alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise Hang()


def run(cases: int, seed: int, keep: Path | None, timeout: int) -> dict[str, int]:
    rng = random.Random(seed)
    examples = seeds()
    counts = {"cases": 0, "rejected by check": 0, "accepted by check": 0, "tracebacks": 0, "hangs": 0, "errors without location": 0}
    kept = 0
    signal.signal(signal.SIGALRM, _alarm)
    with tempfile.TemporaryDirectory(prefix="docgen-fuzz-") as tmp:
        folder = Path(tmp)
        for _ in range(cases):
            example = rng.choice(examples)
            files = dict(example.files)
            ops = [(rng.randrange(8), rng.random(), rng.random(), rng.randrange(1000))
                   for _ in range(rng.randint(1, 4))]
            files["plan.yaml"] = mutate(files["plan.yaml"], ops, TOKENS)
            csvs = [n for n in files if n.endswith(".csv")]
            if csvs and rng.random() < 0.5:
                name = csvs[0]
                files[name] = mutate(files[name], [
                    (rng.choice((0, 0, 1, 2, 3, 6)), rng.random(), rng.random(), rng.randrange(1000))
                    for _ in range(rng.randint(1, 3))], CSV_TOKENS)
            if rng.random() < 0.1:
                files["docgen.yaml"] = mutate(files["docgen.yaml"], ops[:1], TOKENS)
            if rng.random() < 0.05:  # bytes that are not UTF-8 (GBK halves, stray high bytes)
                raw = files["plan.yaml"].encode("utf-8", "surrogatepass")
                at = rng.randrange(len(raw) + 1)
                files["plan.yaml"] = raw[:at] + bytes(rng.randrange(256) for _ in range(3)) + raw[at:]
            counts["cases"] += 1
            signal.alarm(timeout)
            try:
                out = check_case(folder, files)
            except Hang:
                out = Outcome(traceback="hang")
                counts["hangs"] += 1
            finally:
                signal.alarm(0)
            bad = bool(out.traceback and out.traceback != "hang") or bool(out.unlocated)
            counts["tracebacks"] += bool(out.traceback and out.traceback != "hang")
            counts["errors without location"] += len(out.unlocated)
            if not out.traceback:
                counts["rejected by check" if out.failed else "accepted by check"] += 1
            if (bad or out.traceback == "hang") and kept < 20:
                kept += 1
                print(f"--- case {counts['cases']} ({example.name}): "
                      f"{(out.traceback or '').strip().splitlines()[-1:] or out.unlocated[:1]}",
                      file=sys.stderr)
                if keep:
                    dest = keep / f"case-{counts['cases']:05d}"
                    shutil.copytree(folder, dest, dirs_exist_ok=True)
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description="docgen check 的变异模糊测试 Mutation fuzzing of check")
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=int, default=10, help="seconds before a case counts as a hang")
    parser.add_argument("--keep", type=Path, help="copy failing cases into this folder")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    counts = run(args.cases, args.seed, args.keep, args.timeout)
    took = time.monotonic() - start
    for k, v in counts.items():
        print(f"{k}: {v}")
    print(f"seconds: {took:.1f}")
    sys.exit(1 if counts["tracebacks"] or counts["hangs"] or counts["errors without location"] else 0)


if __name__ == "__main__":
    main()
