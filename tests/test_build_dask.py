"""Batches on a real Dask cluster (scheduler and two workers on loopback): identical bytes,
one failing unit costs itself, report and progress as locally, Dask untouched without it."""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batch_support import BATCH_PLAN
from conftest import ROOT, run_cli

PLAN = BATCH_PLAN


@pytest.fixture(scope="module")
def scheduler():
    """A LocalCluster in this process, reachable over TCP by `docgen build` subprocesses."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                       protocol="tcp", host="127.0.0.1", dashboard_address=":0")
    yield cluster.scheduler_address
    cluster.close()


def _batch(folder: Path, csv: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "units.csv").write_text(csv, encoding="utf-8")
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    return folder / "plan.yaml"


def _hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")}


def test_dask_batch_bytes_equal_a_local_build(scheduler: str, tmp_path: Path) -> None:
    plan = _batch(tmp_path / "p", "名称,组长\n" + "".join(f"第{i}镇,组长{i}\n" for i in range(3)))
    local = run_cli("build", plan, "-f", "docx,pdf,txt", "-o", tmp_path / "local", "--jobs", "1")
    remote = run_cli("build", plan, "-f", "docx,pdf,txt", "-o", tmp_path / "dask",
                     "--scheduler", scheduler, "--report", tmp_path / "r.json")
    assert local.returncode == 0 and remote.returncode == 0, remote.stderr
    assert len(_hashes(tmp_path / "dask")) == 9
    assert _hashes(tmp_path / "dask") == _hashes(tmp_path / "local")
    assert sorted(remote.stdout.splitlines()[:-1]) == sorted(  # one progress line per file
        f"已生成 {tmp_path / 'dask' / 'plan' / f'第{i}镇.{f}'}" for i in range(3)
        for f in ("docx", "pdf", "txt"))
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert report["scheduler"] == scheduler and report["summary"]["built"] == 3
    again = run_cli("build", plan, "-f", "docx,pdf,txt", "-o", tmp_path / "dask",
                    "--scheduler", scheduler, "--report", tmp_path / "r2.json")
    summary = json.loads((tmp_path / "r2.json").read_text("utf-8"))["summary"]
    assert again.returncode == 0 and summary == {"built": 0, "skipped": 3, "failed": 0}


def test_a_failing_unit_on_dask_never_stops_the_others(scheduler: str, tmp_path: Path) -> None:
    plan = _batch(tmp_path / "p", "名称,组长,成文日期\n甲镇,王,\n乙镇,李,2024-13-01\n丙镇,赵,\n")
    result = run_cli("build", plan, "-f", "txt", "-o", tmp_path / "out", "--scheduler", scheduler,
                     "--report", tmp_path / "r.json")
    assert result.returncode == 1
    assert "units.csv:3:" in result.stderr and "单位“乙镇”（units.csv 第 3 行）" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "plan").iterdir()
                  if not p.name.startswith(".")) == ["丙镇.txt", "甲镇.txt"]
    docs = {d["unit"]: d["status"] for d in json.loads((tmp_path / "r.json").read_text("utf-8"))[
        "documents"]}
    assert docs == {"甲镇": "built", "乙镇": "failed", "丙镇": "built"}


@pytest.fixture
def dying_cluster(tmp_path: Path):
    """Two worker processes under nannies (a dead worker is restarted), each task retried once."""
    distributed = pytest.importorskip("distributed")
    import dask

    # worker-saturation 1: a worker holds only the task it runs, so a death touches no other.
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           protocol="tcp", host="127.0.0.1", dashboard_address=":0")
    client = distributed.Client(cluster)
    yield cluster.scheduler_address, client
    client.close()
    cluster.close()


def test_a_worker_dying_mid_batch_costs_nothing(dying_cluster, tmp_path: Path) -> None:
    from dask_support import KillOnce

    address, client = dying_cluster
    client.register_plugin(KillOnce("-1", str(tmp_path / "killed")))
    plan = _batch(tmp_path / "p", "名称,组长\n" + "".join(f"第{i}镇,组长{i}\n" for i in range(3)))
    local = run_cli("build", plan, "-f", "txt", "-o", tmp_path / "local", "--jobs", "1")
    remote = run_cli("build", plan, "-f", "txt", "-o", tmp_path / "dask", "--scheduler", address)
    assert (tmp_path / "killed").exists()  # a worker really died while rendering
    assert local.returncode == 0 and remote.returncode == 0, remote.stderr
    assert _hashes(tmp_path / "dask") == _hashes(tmp_path / "local") and len(_hashes(tmp_path / "dask")) == 3


def test_a_unit_that_kills_every_worker_fails_alone(dying_cluster, tmp_path: Path) -> None:
    from dask_support import KillOnce

    address, client = dying_cluster
    client.register_plugin(KillOnce("-1", str(tmp_path / "killed"), always=True))
    plan = _batch(tmp_path / "p", "名称,组长\n" + "".join(f"第{i}镇,组长{i}\n" for i in range(3)))
    result = run_cli("build", plan, "-f", "txt", "-o", tmp_path / "out", "--scheduler", address,
                     "--report", tmp_path / "r.json")
    assert result.returncode == 1
    assert "Dask 工作机未能完成这一份" in result.stderr and "Traceback" not in result.stderr
    docs = json.loads((tmp_path / "r.json").read_text("utf-8"))["documents"]
    assert sorted(d["status"] for d in docs) == ["built", "built", "failed"]
    assert len([p for p in (tmp_path / "out" / "plan").iterdir() if not p.name.startswith(".")]) == 2


def test_project_file_names_the_scheduler(scheduler: str, tmp_path: Path) -> None:
    plan = _batch(tmp_path / "p", "名称,组长\n甲镇,王\n")
    (tmp_path / "p" / "docgen.yaml").write_text(f"构建:\n  调度器: {scheduler}\n", encoding="utf-8")
    result = run_cli("build", plan, "-f", "txt", "-o", tmp_path / "out", "--report", tmp_path / "r.json")
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["scheduler"] == scheduler


def test_scheduler_key_in_project_file_is_checked_with_its_line(tmp_path: Path) -> None:
    plan = _batch(tmp_path / "p", "名称,组长\n甲镇,王\n")
    (tmp_path / "p" / "docgen.yaml").write_text("发文机关: 某局\n构建:\n  调度器: 10.0.0.5\n",
                                                encoding="utf-8")
    result = run_cli("check", plan)
    assert result.returncode == 1
    assert "docgen.yaml:3:" in result.stderr and "tcp://主机:端口" in result.stderr


def test_unreachable_scheduler_is_a_chinese_error_naming_it(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    plan = _batch(tmp_path / "p", "名称,组长\n甲镇,王\n")
    t0 = time.monotonic()
    result = run_cli("build", plan, "-f", "txt", "-o", tmp_path / "out",
                     "--scheduler", f"tcp://127.0.0.1:{port}")
    assert time.monotonic() - t0 < 90  # bounded (a hang fails), not a speed test
    assert result.returncode == 1
    assert f"连不上 Dask 调度器 tcp://127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "out" / "plan").exists()


def test_a_local_build_never_imports_dask(tmp_path: Path) -> None:
    plan = _batch(tmp_path / "p", "名称,组长\n甲镇,王\n乙镇,李\n")
    code = ("import sys\nfrom docgen.cli import main\n"
            f"try:\n    main(['build', {str(plan)!r}, '-f', 'txt,docx', '-o', {str(tmp_path / 'o')!r}, "
            "'-q'])\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed'))\n"
            "print(loaded or 'none')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "none"
    assert len(list((tmp_path / "o" / "plan").glob("*.docx"))) == 2
