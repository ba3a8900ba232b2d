"""通知, 请示, 报告, 函 and 纪要: each kind's rules, fed as real plan files to `docgen check`
(located Chinese errors, exit codes) and composed into their final text (txt writer)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import PLANS

from docgen.api import document_from_plan
from docgen.write.txt import lines

REQUEST = """文种: 请示
标题: 关于拨付2023年防汛物资经费的请示
发文机关: 某镇人民政府
成文日期: 2023-05-10
主送机关: 某县人民政府
版头: {发文机关标志: 某镇人民政府文件, 发文字号: 某政〔2023〕12号, 签发人: 张三}
正文: 入汛以来，我镇降雨偏多，防汛物资不足。恳请县政府拨付防汛物资经费20万元。
联系人: 李四
联系电话: 0394-1234567
"""
REPORT = (REQUEST.replace("请示", "报告").replace("拨付2023年防汛物资经费", "2023年防汛工作情况")
          .replace("恳请县政府拨付防汛物资经费20万元。", "我镇已补充防汛物资。"))
LETTER = """文种: 函
标题: 关于商请协助调运防汛物资的函
发文机关: 某市机关事务管理局
成文日期: 2023-06-12
版头: {发文机关标志: 某市机关事务管理局, 发文字号: 某机管函〔2023〕9号}
主送机关: 某市交通运输局
正文: 商请贵局在汛期协调安排应急运输车辆5台。
"""
MINUTES = """文种: 纪要
标题: 2023年第5次局务会议纪要
发文机关: 某市机关事务管理局
成文日期: 2023-05-10
版头: {发文机关标志: 某市机关事务管理局局务会议纪要}
会议: {地点: 局三楼会议室, 主持人: 张三}
正文:
  - 标题: 关于安全生产工作。
    内容: 会议要求各科室开展一次隐患排查。
出席: [张三, 李四]
请假: 王五（出差）
列席: [办公室　孙七]
"""
CIRCULAR = """文种: 通知
标题: 关于印发《机关事务管理局秋冬季新冠肺炎疫情防控工作方案》的通知
发文机关: 某市机关事务管理局
成文日期: 2022-10-08
版头: {发文机关标志: 某市机关事务管理局文件, 发文字号: 某机管〔2022〕16号}
主送机关: 局机关各科室、局属各单位
正文: 现将《机关事务管理局秋冬季新冠肺炎疫情防控工作方案》印发给你们，请认真贯彻执行。
印发: workplan-jiguan.yaml
"""


def check(cli, path: Path):
    result = cli("check", path)
    assert "Traceback" not in result.stderr
    return result


def located(result, severity: str = "错误") -> list[tuple[int, int, str]]:
    return [(int(m[1]), int(m[2]), m[3])
            for m in re.finditer(rf":(\d+):(\d+): {severity}：(.*)", result.stderr)]


def text_of(path: Path) -> list[str]:
    return lines(document_from_plan(path))


# --- fixed phrases ------------------------------------------------------------------------

@pytest.mark.parametrize(("plan", "closing"), [
    (REQUEST, "妥否，请批示。"), (REPORT, "特此报告。"), (LETTER, "特此函告。"),
    (LETTER.replace("文种: 函", "文种: 函\n函类: 复函").replace("商请协助调运防汛物资的函",
                                                        "同意协助调运防汛物资的复函"), "特此函复。"),
], ids=["请示", "报告", "函", "复函"])
def test_each_kind_closes_with_its_fixed_phrase(write_plan, plan: str, closing: str) -> None:
    out = text_of(write_plan(plan))
    assert out[out.index(closing) - 1].endswith("。") and out.count(closing) == 1


def test_ordinary_notice_has_no_closing_by_default(write_plan) -> None:
    plan = CIRCULAR.replace("印发: workplan-jiguan.yaml\n", "").replace("印发《", "转发《")
    out = text_of(write_plan(plan))
    assert out[out.index("某市机关事务管理局") - 1].startswith("现将")
    assert not any(t.startswith("特此") for t in out)


def test_prose_body_is_one_unnumbered_paragraph(write_plan) -> None:
    out = text_of(write_plan(REQUEST))
    assert "入汛以来，我镇降雨偏多，防汛物资不足。恳请县政府拨付防汛物资经费20万元。" in out


# --- 上行文 ---------------------------------------------------------------------------------

def test_upward_signer_shares_the_doc_number_line(write_plan) -> None:
    assert "某政〔2023〕12号　签发人：张三" in text_of(write_plan(REQUEST))


def test_upward_contact_is_printed_as_the_note_below_the_date(write_plan) -> None:
    out = text_of(write_plan(REQUEST))
    assert out[out.index("2023年5月10日") + 1] == "（联系人：李四；联系电话：0394-1234567）"


@pytest.mark.parametrize("kind", ["请示", "报告"])
def test_upward_without_signer_is_an_error_at_the_letterhead(cli, write_plan, kind: str) -> None:
    plan = (REQUEST if kind == "请示" else REPORT).replace(", 签发人: 张三", "")
    result = check(cli, write_plan(plan))
    assert result.returncode == 1
    assert located(result)[0][:2] == (6, 1)
    assert f"{kind}是上行文，必须在版头写签发人" in located(result)[0][2]


def test_upward_without_letterhead_is_an_error_at_the_kind(cli, write_plan) -> None:
    plan = "\n".join(ln for ln in REQUEST.splitlines() if not ln.startswith("版头")) + "\n"
    result = check(cli, write_plan(plan))
    assert result.returncode == 1
    assert located(result)[0][:2] == (1, 5) and "签发人" in located(result)[0][2]


def test_request_with_two_addressees_is_an_error(cli, write_plan) -> None:
    result = check(cli, write_plan(REQUEST.replace("某县人民政府\n", "某县人民政府、某县财政局\n")))
    assert result.returncode == 1
    line, col, msg = located(result)[0]
    assert (line, col) == (5, 7) and "请示只能主送一个机关" in msg and "抄送" in msg


def test_request_without_contact_is_an_error(cli, write_plan) -> None:
    result = check(cli, write_plan(REQUEST.replace("联系电话: 0394-1234567\n", "")))
    assert result.returncode == 1
    assert "请示要写联系电话" in located(result)[0][2]


def test_request_asking_one_thing_is_warning_free(cli, write_plan) -> None:
    result = check(cli, write_plan(REQUEST))
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_report_asking_for_approval_gets_a_warning(cli, write_plan) -> None:
    result = check(cli, write_plan(REPORT.replace("我镇已补充防汛物资。", "妥否，请批示。")))
    assert result.returncode == 0
    line, col, msg = located(result, "警告")[0]
    assert (line, col) == (7, 5) and "报告里不要夹带请示事项" in msg and "妥否" in msg


# --- 函, 纪要 -------------------------------------------------------------------------------

def test_letter_with_a_colophon_issuer_line_is_an_error(cli, write_plan) -> None:
    plan = LETTER + "版记:\n  抄送: 市政府办公室\n  印发机关: 某局办公室\n  印发日期: 2023-06-12\n"
    result = check(cli, write_plan(plan))
    assert result.returncode == 1
    line, col, msg = located(result)[0]
    assert (line, col) == (10, 3) and "函使用信函格式" in msg


def test_minutes_print_attendance_instead_of_a_signature(write_plan) -> None:
    out = text_of(write_plan(MINUTES))
    assert out[-3:] == ["出席：张三、李四", "请假：王五（出差）", "列席：办公室　孙七"]
    assert "2023年5月10日" not in out[-4:] and out.index("时间：2023年5月10日") < out.index("地点：局三楼会议室")


def test_minutes_with_a_seal_is_an_error(cli, write_plan) -> None:
    result = check(cli, write_plan(MINUTES + "印章: 盖章\n"))
    assert result.returncode == 1
    line, _, msg = located(result)[0]
    assert line == 13 and "纪要不加盖印章" in msg


# --- 文种 ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "hint"), [
    ("通知书", "通知"), ("请示报告", "请示"), ("工作方按", "工作方案"),
    ("通报", None), ("公告", None), ("决定", None)])
def test_unknown_kind_suggests_only_a_really_close_one(cli, write_plan, kind: str, hint) -> None:
    result = check(cli, write_plan(f"文种: {kind}\n标题: 测试\n"))
    assert result.returncode == 1
    msg = located(result)[0][2]
    assert f"未知的文种“{kind}”" in msg and "通知、请示、报告、函、纪要" in msg
    assert (f"是不是“{hint}”" in msg) if hint else ("是不是" not in msg)


# --- 印发通知 -------------------------------------------------------------------------------

@pytest.fixture
def circular(tmp_path: Path) -> Path:
    (tmp_path / "workplan-jiguan.yaml").write_bytes((PLANS / "workplan-jiguan.yaml").read_bytes())
    path = tmp_path / "circular.yaml"
    path.write_text(CIRCULAR, encoding="utf-8")
    return path


def test_issued_plan_follows_the_date_with_its_own_title(circular: Path) -> None:
    doc = document_from_plan(circular)
    out = lines(doc)
    date = out.index("2022年10月8日")
    assert out[date + 1: date + 4] == ["", "机关事务管理局秋冬季", "新冠肺炎疫情防控工作方案"]
    assert not any(t.startswith("附件：") for t in out[:date])  # not an attachment of the notice
    assert doc.issued and doc.issued.verb == "印发"
    issued = "\n".join(lines(doc)[date:])
    assert "2022年6月26日" not in issued and "局机关各科室、局属各单位：" not in issued
    assert [a.label for a in doc.attachments] == ["附件"]  # its 任务分解 stays with it
    assert len(doc.attachments[0].blocks[0].rows) > 5


def test_issued_plan_with_an_error_is_reported_in_its_own_file(cli, circular: Path) -> None:
    plan = circular.parent / "workplan-jiguan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("成文日期: 2022-06-26", "成文日期: 2022-06-31"),
                    encoding="utf-8")
    result = check(cli, circular)
    assert result.returncode == 1
    assert re.search(r"workplan-jiguan\.yaml:\d+:\d+: 错误：日期“2022-06-31”不存在", result.stderr)
    assert re.search(r"circular\.yaml:8:5: 错误：印发的计划“workplan-jiguan.yaml”有错误", result.stderr)


def test_missing_issued_file_is_an_error(cli, write_plan) -> None:
    result = check(cli, write_plan(CIRCULAR))
    assert result.returncode == 1
    assert located(result)[0][:2] == (8, 5) and "找不到印发的文件" in located(result)[0][2]


def test_issuing_notice_with_its_own_attachments_is_an_error(cli, circular: Path) -> None:
    circular.write_text(CIRCULAR + "附件:\n  - 标题: 名单\n    内容: 张三\n", encoding="utf-8")
    result = check(cli, circular)
    assert result.returncode == 1
    assert located(result)[0][:2] == (9, 1) and "不是附件" in located(result)[0][2]
