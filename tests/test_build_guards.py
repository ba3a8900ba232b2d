"""The build's guards: a bad plan costs only itself, names the file system refuses, one build
per output folder, stale temporary files from a killed run."""

from __future__ import annotations

import os
import re
from pathlib import Path

from conftest import run_cli

from docgen.build import Shard, build
from docgen.build.outdir import OutputLock
from docgen.cli_support import temp_prefix

GOOD = """\
文种: 通告
标题: 关于道路施工的通告
发文机关: 某市交通运输局
成文日期: 2024-05-06
缘由: 因道路施工
事项:
  - 内容: 施工期间请绕行。
"""

BATCH = """\
文种: 通告
标题: "{{ 单位.名称 }}关于道路施工的通告"
发文机关: "{{ 单位.名称 }}人民政府"
成文日期: 2024-05-06
缘由: 因道路施工
单位: units.csv
事项:
  - 内容: 施工期间请绕行。
"""


def test_bad_plans_in_a_folder_cost_only_themselves(tmp_path: Path) -> None:
    src = tmp_path / "plans"
    (src / "batch").mkdir(parents=True)
    (src / "good.yaml").write_text(GOOD, encoding="utf-8")
    (src / "list-kind.yaml").write_text(GOOD.replace("文种: 通告", "文种: [通告]"), encoding="utf-8")
    (src / "syntax.yaml").write_text(GOOD.replace("标题: 关于", "标题: [关于"), encoding="utf-8")
    (src / "batch" / "towns.yaml").write_text(BATCH, encoding="utf-8")
    (src / "batch" / "units.csv").write_text("名称,组长\n甲镇,王\n乙镇,李,多余\n", encoding="utf-8")
    (src / "zz-good.yaml").write_text(GOOD.replace("道路", "桥梁"), encoding="utf-8")
    result = run_cli("build", src, "-f", "txt", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert sorted(p.name for p in (tmp_path / "out").glob("*.txt")) == ["good.txt", "zz-good.txt"]
    assert re.search(r"list-kind\.yaml:1:\d+: 错误：“文种”", result.stderr), result.stderr
    assert re.search(r"syntax\.yaml:\d+:\d+: 错误：", result.stderr), result.stderr
    assert re.search(r"units\.csv:3:\d+: 错误：", result.stderr), result.stderr
    assert "Traceback" not in result.stderr and "内部错误" not in result.stderr


def test_long_plan_name_builds_with_a_short_temporary_name(tmp_path: Path) -> None:
    name = "通" * 81 + ".yaml"  # 248 bytes: the output's temporary name would exceed 255
    assert len(name.encode()) == 248
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    result = run_cli("build", tmp_path / name, "-f", "txt,docx", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        ".docx", ".txt"]
    assert not list((tmp_path / "out").glob("*.tmp"))


def test_output_name_too_long_for_the_file_system_fails_before_any_work(tmp_path: Path) -> None:
    name = "通" * 83 + "ab.yml"  # stem 251 bytes: "<stem>.docx" is 256, one more than ext4 allows
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    result = run_cli("build", tmp_path, "-f", "txt,docx", "-o", tmp_path / "out")
    assert result.returncode == 1
    assert f"{name}: 错误：输出文件名" in result.stderr and "超过文件系统允许的 255 字节" in result.stderr
    assert "内部错误" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")) == [
        "good.docx", "good.txt"]


def test_second_build_into_a_busy_folder_says_so_and_exits_2(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    with OutputLock(out):  # what a running build holds
        busy = run_cli("build", tmp_path / "good.yaml", "-f", "txt", "-o", out)
    assert busy.returncode == 2
    assert f"输出文件夹 {out} 正被另一个 docgen build（进程 {os.getpid()}）使用" in busy.stderr
    assert not (out / "good.txt").exists()
    again = run_cli("build", tmp_path / "good.yaml", "-f", "txt", "-o", out)
    assert again.returncode == 0 and (out / "good.txt").exists()


def test_shards_sharing_a_folder_do_not_block_each_other(tmp_path: Path) -> None:
    (tmp_path / "units.csv").write_text("名称\n" + "".join(f"镇{i}\n" for i in range(24)),
                                        encoding="utf-8")
    (tmp_path / "towns.yaml").write_text(BATCH, encoding="utf-8")
    out = tmp_path / "out"
    with OutputLock(out, Shard(1, 2).suffix):
        second = build([tmp_path / "towns.yaml"], out, ("txt",), shard=Shard(2, 2))
    owned = sum(Shard(2, 2).owns(d.plan, d.unit) for d in second.documents)
    assert not second.failed and second.count("built") == owned > 0  # 24 units: never 0 in practice


def test_stale_temporary_files_of_own_targets_are_removed(tmp_path: Path) -> None:
    (tmp_path / "good.yaml").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "good.yaml"], out, ("txt",))
    ours = out / f"{temp_prefix('good.txt')}k3j_x9q2.tmp"
    manifest_tmp = out / f"{temp_prefix('.docgen-manifest.json')}abcd1234.tmp"
    foreign = out / ".notes.md.abcd1234.tmp"  # not a file this build writes: left alone
    for f in (ours, manifest_tmp, foreign):
        f.write_bytes(b"half a document")
    result = run_cli("build", tmp_path / "good.yaml", "-f", "txt", "-o", out)
    assert result.returncode == 0, result.stderr
    assert not ours.exists() and not manifest_tmp.exists() and foreign.exists()
    assert "清理了上次中断留下的 2 个临时文件" in result.stdout + result.stderr
