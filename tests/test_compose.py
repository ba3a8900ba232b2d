"""Composition rules: run-in headings, lead-ins, 领导小组 lines, measure fields, 附件说明."""

from __future__ import annotations

from docgen.api import document_from_plan
from docgen.document import AttachmentNote, Kind, Paragraph, Role, Signature, Table
from docgen.write.txt import lines

HEAD = "文种: 工作方案\n标题: 测试方案\n发文机关: 某局\n成文日期: 2022-10-08\n"
NOTICE = "文种: 通告\n标题: 关于某事的通告\n发文机关: 某局\n成文日期: 2021-01-20\n"


def paras(doc) -> list[Paragraph]:
    return [b for b in doc.body if isinstance(b, Paragraph)]


def test_heading_ending_in_full_stop_runs_in_with_its_content(write_plan) -> None:
    doc = document_from_plan(write_plan(HEAD + "正文:\n  - 标题: 加强物资保障。\n    内容: 及时采购。\n"))
    p = paras(doc)[0]
    assert p.kind is Kind.BODY and p.level == 1
    assert p.runs[0].text == "一、加强物资保障。" and p.runs[0].role is Role.HEI
    assert p.text == "一、加强物资保障。及时采购。"


def test_heading_without_end_punctuation_stands_alone(write_plan) -> None:
    doc = document_from_plan(write_plan(HEAD + "正文:\n  - 标题: 指导思想\n    内容: 以……为指导。\n"))
    first, second = paras(doc)[:2]
    assert first.kind is Kind.HEADING and first.text == "一、指导思想"
    assert second.kind is Kind.BODY and second.text == "以……为指导。"


def test_levels_number_and_pick_fonts(write_plan) -> None:
    plan = HEAD + ("正文:\n  - 标题: 甲\n    条目:\n      - 标题: 乙\n        条目:\n"
                   "          - 标题: 丙\n            条目:\n              - 丁\n")
    ps = paras(document_from_plan(write_plan(plan)))
    assert [p.text for p in ps] == ["一、甲", "（一）乙", "1.丙", "（1）丁"]
    assert [p.runs[0].role for p in ps[:3]] == [Role.HEI, Role.KAI, None]


def test_numbering_continues_past_ten(write_plan) -> None:
    items = "".join(f"      - 标题: 措施{i}。\n        内容: 内容。\n" for i in range(1, 13))
    ps = paras(document_from_plan(write_plan(HEAD + "正文:\n  - 标题: 责任\n    条目:\n" + items)))
    texts = [p.text for p in ps]
    assert texts[10].startswith("（十）措施10。") and texts[11].startswith("（十一）措施11。")
    assert texts[12].startswith("（十二）")


def test_section_without_title_is_unnumbered_and_not_counted(write_plan) -> None:
    plan = HEAD + "正文:\n  - 内容: 前言。\n  - 标题: 第一部分\n"
    assert [p.text for p in paras(document_from_plan(write_plan(plan)))] == ["前言。", "一、第一部分"]


def test_notice_lead_in_is_added_once(write_plan) -> None:
    doc = document_from_plan(write_plan(NOTICE + "缘由: 为了保障安全\n事项: [不聚集。]\n"))
    assert paras(doc)[0].text == "为了保障安全，现就有关事宜通告如下："


def test_notice_lead_in_is_never_doubled(write_plan) -> None:
    doc = document_from_plan(write_plan(NOTICE + "缘由: 为了保障安全，现将有关事项通告如下：\n事项: [不聚集。]\n"))
    assert paras(doc)[0].text == "为了保障安全，现将有关事项通告如下："


def test_notice_closing_defaults_and_can_be_removed(write_plan) -> None:
    doc = document_from_plan(write_plan(NOTICE + "事项: [不聚集。]\n"))
    assert paras(doc)[-1].text == "特此通告。"
    doc = document_from_plan(write_plan(NOTICE + '事项: [不聚集。]\n结语: ""\n'))
    assert all(p.text != "特此通告。" for p in paras(doc))


def test_leading_group_labels_align_and_short_names_are_padded(write_plan) -> None:
    plan = HEAD + ("正文:\n  - 标题: 组织保障\n    领导小组:\n      组长: 徐海（局长）\n"
                   "      副组长: [王小五（副局长）, 赵六]\n      成员: 办公室主任\n")
    texts = [p.text for p in paras(document_from_plan(write_plan(plan)))[1:]]
    assert texts == ["组　长：徐　海（局长）", "副组长：王小五（副局长）、赵六", "成　员：办公室主任"]
    assert len({t.index("：") for t in texts}) == 1


def test_leading_group_one_per_line_aligns_under_the_first(write_plan) -> None:
    plan = HEAD + ("正文:\n  - 标题: 组织保障\n    领导小组:\n      排列: 分行\n      组长: 张三（局长）\n"
                   "      常务副组长: 李四（副局长）\n      副组长: [王五（副局长）, 赵六（副局长）]\n")
    texts = [p.text for p in paras(document_from_plan(write_plan(plan)))[1:]]
    assert texts == ["组　　　长：张　三（局长）", "常务副组长：李　四（副局长）",
                     "副　组　长：王　五（副局长）", "　　　　　　赵　六（副局长）"]


def test_measure_fields_follow_content_in_standard_order(write_plan) -> None:
    plan = HEAD + ("正文:\n  - 标题: 物资。\n    内容: 采购。\n    完成时限: 长期坚持\n    责任人: 孙七\n"
                   "    责任科室: 办公室\n    标注:\n      联系电话: '12345'\n")
    texts = [p.text for p in paras(document_from_plan(write_plan(plan)))]
    assert texts[1:] == ["责任科室：办公室", "责任人：孙七", "完成时限：长期坚持", "联系电话：12345"]


def test_task_breakdown_table_collects_every_measure(write_plan) -> None:
    plan = HEAD + ("正文:\n  - 标题: 责任制\n    条目:\n      - 标题: 值守。\n        责任科室: 各科室\n"
                   "      - 标题: 物资。\n        责任科室: 办公室\n        完成时限: 长期\n"
                   "附件:\n  - 标题: 任务分解表\n    表格: 任务分解\n")
    table = document_from_plan(write_plan(plan)).attachments[0].blocks[0]
    assert isinstance(table, Table)
    assert table.rows == (("序号", "工作任务", "责任科室", "完成时限"),
                          ("1", "值守", "各科室", ""), ("2", "物资", "办公室", "长期"))


def test_attachment_note_and_labels(write_plan) -> None:
    plan = HEAD + "附件:\n  - 标题: 甲表\n    内容: x\n  - 标题: 乙表\n    内容: y\n"
    doc = document_from_plan(write_plan(plan))
    assert AttachmentNote(("甲表", "乙表")) in doc.body
    assert [a.label for a in doc.attachments] == ["附件1", "附件2"]
    assert "附件：1. 甲表" in lines(doc) and "2. 乙表" in lines(doc)


def test_single_attachment_is_labelled_without_number(write_plan) -> None:
    doc = document_from_plan(write_plan(HEAD + "附件:\n  - 标题: 甲表\n    内容: x\n"))
    assert doc.attachments[0].label == "附件"
    assert "附件：甲表" in lines(doc)


def test_signature_and_date_format(write_plan) -> None:
    doc = document_from_plan(write_plan(HEAD.replace("2022-10-08", "2022-06-05") + "印章: 盖章\n"))
    sig = doc.body[-1]
    assert sig == Signature("某局", "2022年6月5日", sealed=True)


def test_enumeration_inline_and_separate(write_plan) -> None:
    plan = HEAD + ("正文:\n  - 标题: 做法\n    列举: [整治环境。, 监测健康。]\n"
                   "  - 标题: 打算\n    列举方式: 分段\n    列举标记: 第一\n    列举: [甲。, 乙。]\n")
    texts = [p.text for p in paras(document_from_plan(write_plan(plan)))]
    assert texts == ["一、做法", "一是整治环境。二是监测健康。", "二、打算", "第一，甲。", "第二，乙。"]


def test_colophon_cc_ends_with_full_stop_and_date_with_yinfa(write_plan) -> None:
    plan = HEAD + "版记:\n  抄送: 市委办公室，市政府办公室\n  印发机关: 某局办公室\n  印发日期: 2022-10-08\n"
    c = document_from_plan(write_plan(plan)).colophon
    assert (c.cc, c.printer, c.print_date) == ("抄送：市委办公室，市政府办公室。", "某局办公室", "2022年10月8日印发")


def test_enumeration_runs_into_a_run_in_title_and_keeps_bold(write_plan) -> None:
    plan = HEAD + "正文:\n  - 标题: 畅通渠道。\n    列举: [建立**零报告**制度。, 实行值班。]\n"
    p = paras(document_from_plan(write_plan(plan)))[0]
    assert p.text == "一、畅通渠道。一是建立零报告制度。二是实行值班。"
    assert [r.text for r in p.runs if r.bold] == ["零报告"]
