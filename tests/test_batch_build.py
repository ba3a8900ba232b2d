"""The batch build engine: names, failures, shards, manifest, kill safety, identical bytes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from batch_support import BATCH_PLAN
from conftest import PLANS, ROOT, run_cli

from docgen.build import Shard, build, job_slot, plan_jobs

PLAN = BATCH_PLAN


def rows(n: int) -> str:
    return "名称,组长\n" + "".join(f"第{i:04d}镇,组长{i}\n" for i in range(n))


@pytest.fixture
def project(tmp_path: Path):
    """A plan and its units.csv in a fresh folder; returns a function (csv, plan) -> path."""

    def _make(csv: str, plan: str = PLAN) -> Path:
        (tmp_path / "units.csv").write_text(csv, encoding="utf-8")
        path = tmp_path / "plan.yaml"
        path.write_text(plan, encoding="utf-8")
        return path

    return _make


def built_names(result) -> list[str]:
    return sorted(d.unit for d in result.documents if d.status == "built")


def test_batch_outputs_go_under_the_plan_stem(project, tmp_path: Path) -> None:
    result = build([project(rows(3))], tmp_path / "out", ("txt",))
    assert not result.failed
    assert sorted(p.name for p in (tmp_path / "out" / "plan").glob("*.txt")) == [
        "第0000镇.txt", "第0001镇.txt", "第0002镇.txt"]


def test_plain_plan_keeps_output_stem_ext(tmp_path: Path) -> None:
    result = run_cli("build", PLANS / "notice-mudan.yaml", "-f", "txt", "-o", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"已生成 {tmp_path / 'notice-mudan.txt'}"


def test_file_name_collisions_fail_both_units_naming_each_other(project, tmp_path: Path) -> None:
    plan = PLAN + "输出:\n  文件名: \"{{ 单位.组长 }}\"\n"
    result = build([project("名称,组长\n甲镇,王\n乙镇,王\n丙镇,李\n", plan)], tmp_path / "out", ("txt",))
    assert built_names(result) == ["丙镇"]
    failed = {d.unit: " ".join(p.message for p in d.problems) for d in result.failed}
    assert "单位“乙镇”" in failed["甲镇"] and "单位“甲镇”" in failed["乙镇"]


def test_collisions_ignore_case_as_windows_does(project, tmp_path: Path) -> None:
    result = build([project("名称,组长\nAbc,王\nabc,李\n")], tmp_path / "out", ("txt",))
    assert len(result.failed) == 2 and not built_names(result)


def test_symlinked_folder_outside_output_is_never_written(project, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "plan").symlink_to(outside, target_is_directory=True)
    result = build([project(rows(2))], tmp_path / "out", ("txt",))
    assert len(result.failed) == 2 and not list(outside.iterdir())


def test_broken_row_fails_alone_exit_1_and_report_names_the_row(project, tmp_path: Path) -> None:
    path = project("名称,组长,成文日期\n甲镇,王,\n乙镇,李,2024-13-01\n丙镇,赵,\n")
    report = tmp_path / "report.json"
    result = run_cli("build", path, "-f", "txt", "-o", tmp_path / "out", "--report", report,
                     "--jobs", "1")
    assert result.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out" / "plan").glob("*.txt")) == ["丙镇.txt", "甲镇.txt"]
    assert "units.csv:3:" in result.stderr and "单位“乙镇”（units.csv 第 3 行）" in result.stderr
    docs = {d["unit"]: d for d in json.loads(report.read_text("utf-8"))["documents"]}
    assert docs["乙镇"]["status"] == "failed" and docs["乙镇"]["row"] == 3
    assert "第 3 行" in docs["乙镇"]["error"] and docs["甲镇"]["status"] == "built"
    assert docs["甲镇"]["outputs"][0]["sha256"] and docs["甲镇"]["inputs_hash"]


def test_unknown_variable_fails_every_unit_but_the_run_finishes(project, tmp_path: Path) -> None:
    path = project(rows(2), PLAN.replace("{{ 单位.组长 }}", "{{ 单位.电话 }}"))
    result = run_cli("build", path, "-f", "txt", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "plan.yaml:8:" in result.stderr and "单位“第0001镇”（units.csv 第 3 行）" in result.stderr


def test_shards_cover_every_job_and_never_overlap() -> None:
    plans = [PLANS / "batch" / "towns-flood.yaml", PLANS / "batch" / "towns-flood-xlsx.yaml"]
    jobs = plan_jobs(plans, Path("out"), ("txt",)).jobs
    keys = {(j.plan, j.unit.name) for j in jobs}
    for n in (1, 2, 3, 7):
        slices = [{(j.plan, j.unit.name) for j in jobs if Shard(k, n).owns(j.plan, j.unit.name)}
                  for k in range(1, n + 1)]
        assert set().union(*slices) == keys
        assert sum(len(s) for s in slices) == len(keys)
    assert job_slot("plans/a.yaml", "甲", 5) == job_slot("plans/a.yaml", "甲", 5)


def test_shard_builds_write_the_union_of_all_documents(project, tmp_path: Path) -> None:
    path = project(rows(12))
    counts = [build([path], tmp_path / "out", ("txt",), shard=Shard(k, 3)).count("built")
              for k in (1, 2, 3)]
    assert sum(counts) == 12 and len(list((tmp_path / "out" / "plan").glob("*.txt"))) == 12
    assert build([path], tmp_path / "out", ("txt",)).count("built") == 0


def test_bad_shard_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("build", PLANS / "notice-mudan.yaml", "-f", "txt", "-o", tmp_path,
                     "--shard", "4/3")
    assert result.returncode == 2


def test_second_run_builds_nothing(project, tmp_path: Path) -> None:
    path = project(rows(5))
    assert build([path], tmp_path / "out", ("txt", "docx")).count("built") == 5
    again = build([path], tmp_path / "out", ("txt", "docx"))
    assert again.count("built") == 0 and again.count("skipped") == 5


def test_changing_one_row_rebuilds_only_that_unit(project, tmp_path: Path) -> None:
    path = project(rows(5))
    build([path], tmp_path / "out", ("txt",))
    project(rows(5).replace("组长3\n", "新组长\n"))
    again = build([path], tmp_path / "out", ("txt",))
    assert built_names(again) == ["第0003镇"]
    assert "新组长" in (tmp_path / "out" / "plan" / "第0003镇.txt").read_text("utf-8")


def test_deleted_output_is_rebuilt_and_force_rebuilds_all(project, tmp_path: Path) -> None:
    path = project(rows(3))
    build([path], tmp_path / "out", ("txt",))
    (tmp_path / "out" / "plan" / "第0001镇.txt").unlink()
    assert built_names(build([path], tmp_path / "out", ("txt",))) == ["第0001镇"]
    assert build([path], tmp_path / "out", ("txt",), force=True).count("built") == 3


def test_plan_change_rebuilds_every_unit(project, tmp_path: Path) -> None:
    path = project(rows(3))
    build([path], tmp_path / "out", ("txt",))
    project(rows(3), PLAN.replace("任组长。", "任组长，全面负责。"))
    assert build([path], tmp_path / "out", ("txt",)).count("built") == 3


def _hashes(folder: Path) -> dict[str, str]:
    import hashlib

    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_bytes_identical_whatever_jobs_or_shard(project, tmp_path: Path) -> None:
    path = project(rows(6))
    for name, args in {"one": ["--jobs", "1"], "two": ["--jobs", "2"]}.items():
        result = run_cli("build", path, "-f", "txt,docx", "-o", tmp_path / name, *args)
        assert result.returncode == 0, result.stderr
    for k in (1, 2):
        build([path], tmp_path / "shards", ("txt", "docx"), shard=Shard(k, 2))
    assert _hashes(tmp_path / "one") == _hashes(tmp_path / "two") == _hashes(tmp_path / "shards")
    assert len(_hashes(tmp_path / "one")) == 12


def test_killed_build_is_completed_by_a_rerun(project, tmp_path: Path) -> None:
    n = 400
    path = project(rows(n))
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "docgen", "build", str(path), "-f", "txt,docx", "-o", str(out),
           "--jobs", "2", "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("plan/*.docx"))) < 150:
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, mid-write
    proc.wait()
    partial = len(list(out.glob("plan/*.docx")))
    result = run_cli("build", path, "-f", "txt,docx", "-o", out, "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    summary = json.loads((tmp_path / "r.json").read_text("utf-8"))["summary"]
    assert summary["built"] + summary["skipped"] == n
    assert 0 < summary["skipped"] <= partial  # what the killed run recorded is not built again
    docs = sorted(out.glob("plan/*.docx"))
    assert len(docs) == n and len(list(out.glob("plan/*.txt"))) == n
    for f in docs:
        with zipfile.ZipFile(f) as z:
            assert z.testzip() is None
    for i in range(n):
        assert f"组长{i}任组长" in (out / "plan" / f"第{i:04d}镇.txt").read_text("utf-8")


NOTICE = """\
文种: 通知
标题: 关于印发《防汛工作方案》的通知
发文机关: 某镇人民政府
成文日期: 2024-05-06
主送机关: 各村委会
正文: 现将《防汛工作方案》印发给你们，请认真贯彻执行。
印发: plan.yaml
"""

ISSUED = """\
文种: 工作方案
标题: 防汛工作方案
发文机关: 某镇人民政府
成文日期: 2024-05-06
正文:
  - 标题: 组织领导
    内容: 由{who}任组长。
"""


def test_editing_an_issued_plan_rebuilds_the_notice_that_issues_it(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(ISSUED.format(who="张三"), encoding="utf-8")
    notice = tmp_path / "notice.yaml"
    notice.write_text(NOTICE, encoding="utf-8")
    assert build([notice], tmp_path / "out", ("txt",)).count("built") == 1
    assert build([notice], tmp_path / "out", ("txt",)).count("skipped") == 1
    (tmp_path / "plan.yaml").write_text(ISSUED.format(who="李四"), encoding="utf-8")
    again = build([notice], tmp_path / "out", ("txt",))
    assert again.count("built") == 1
    assert "李四" in (tmp_path / "out" / "notice.txt").read_text("utf-8")
