"""A generated corpus of plans written to FORMAT.md: seeded, deterministic, varied where the
layout decides — 标志 length, title length, names, two 签发人, joint agencies, tables, sealed or
not, body length (so the 署名 and the 版记 land anywhere on a page).

`plan_text(seed)` gives one plan's YAML; `write_corpus(folder, seeds)` writes several.
Used by tests/test_parity.py and bench/line_breaks.py.
"""

from __future__ import annotations

import random
from pathlib import Path

PLACES = ["某市", "某县", "某某省某某市", "某某市某某区", "某镇", "某某自治州某某县"]
AGENCIES = ["教育局", "财政局", "应急管理局", "人力资源和社会保障局", "卫生健康委员会",
            "机关事务管理局", "市场监督管理局", "住房和城乡建设局", "人民政府办公室"]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
TOPICS = ["安全生产", "疫情防控", "防汛抗旱", "森林防火", "冬季供暖", "校园安全",
          "食品安全", "燃气安全", "消防安全", "秋冬季新冠肺炎疫情防控"]
PHRASES = [
    "各单位要切实提高政治站位", "把这项工作作为当前的重大政治任务来抓", "层层压实责任",
    "确保各项措施落到实处", "严格落实24小时值班制度", "做到值班人员在岗、值班电话畅通",
    "遇到紧急情况及时处理上报", "加强宣传引导", "营造良好社会氛围", "开展隐患排查整治",
    "建立问题清单和整改台账", "对发现的问题立行立改", "定期开展督导检查", "及时通报工作进展",
    "强化部门协作配合", "形成工作合力", "科学研判形势", "做好物资储备和应急准备",
    "全年开展检查12次", "覆盖率达到95%以上", "切实保障人民群众生命财产安全",
]
HEADINGS = ["指导思想", "工作目标", "组织领导", "主要任务", "保障措施", "工作要求",
            "加强组织领导，压实工作责任", "突出重点环节", "强化督导检查", "做好宣传引导"]


def _name(r: random.Random) -> str:
    return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2))))


def _agency(r: random.Random) -> str:
    return r.choice(PLACES) + r.choice(AGENCIES)


def _prose(r: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        parts = r.sample(PHRASES, r.randint(2, 4))
        out.append("，".join(parts) + "。")
    return "".join(out)


def _q(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _table_lines(rows: list[list[str]]) -> list[str]:
    """A 表格's rows as YAML flow lists, indented under an item's `表格:` key."""
    return ["      - [" + ", ".join(_q(c) for c in row) + "]" for row in rows]


def _task_rows(r: random.Random, fewest: int, most: int) -> list[list[str]]:
    """A 任务分解表: header and fewest..most rows drawn from `r` (count first, then row by row)."""
    return [["序号", "工作任务", "责任单位", "完成时限"]] + [
        [str(i + 1), r.choice(PHRASES), _agency(r), f"{r.randint(1, 12)}月底前"]
        for i in range(r.randint(fewest, most))]


def _task_attachment(topic: str, rows: list[list[str]]) -> list[str]:
    """The 附件 that holds the 任务分解表."""
    return ["附件:", f"  - 标题: {_q(topic + '任务分解表')}", "    表格:"] + _table_lines(rows)


def _colophon(org: str, date: str) -> str:
    """The 版记 line: 抄送 the city offices, 印发 by `org`'s office on `date`."""
    return ("版记: {" + f"抄送: {_q('市委办公室，市政府办公室')}, "
            f"印发机关: {_q(org + '办公室')}, 印发日期: {date}" + "}")


def plan_text(seed: int, body_table: bool = False) -> str:
    """One plan; `body_table` ends the last 正文 section with a table (drawn from its own
    random stream, so the rest of the plan is the same as without it)."""
    r = random.Random(seed)
    kind = r.choice(["工作方案", "通告", "总结"])
    joint = r.random() < 0.3
    orgs = [_agency(r) for _ in range(r.randint(2, 3))] if joint else [_agency(r)]
    orgs = list(dict.fromkeys(orgs))
    topic = r.choice(TOPICS)
    year = r.randint(2020, 2024)
    title = {"工作方案": f"{orgs[0]}{year}年{topic}工作方案",
             "通告": f"关于做好{year}年{topic}工作的通告",
             "总结": f"{orgs[0]}{year}年{topic}工作总结"}[kind]
    lines = [f"文种: {kind}", f"标题: {_q(title)}"]
    if joint:
        lines.append("发文机关: [" + ", ".join(_q(o) for o in orgs) + "]")
    else:
        lines.append(f"发文机关: {_q(orgs[0])}")
    lines.append(f"成文日期: {year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}")
    if r.random() < 0.8:
        head = [f"发文机关标志: {_q('文件' if joint else orgs[0] + '文件')}",
                f"发文字号: {_q('某' + r.choice('教财应人卫机市住') + '发〔' + str(year) + '〕' + str(r.randint(1, 150)) + '号')}"]
        if r.random() < 0.35:
            signers = [_name(r) for _ in range(r.choice((1, 2, 2, 3)))]
            head.append("签发人: [" + ", ".join(signers) + "]")
        lines.append("版头: {" + ", ".join(head) + "}")
    if r.random() < 0.4:
        lines.append("印章: 盖章")
    if kind == "通告":
        lines.append(f"缘由: {_q(_prose(r, r.randint(1, 3)))}")
        lines.append("事项:")
        for _ in range(r.randint(2, 6)):
            lines.append(f"  - {_q(_prose(r, r.randint(1, 4)))}")
    else:
        lines.append(f"导语: {_q(_prose(r, r.randint(1, 3)) + '特制定本方案。')}")
        lines.append("正文:")
        for h in r.sample(HEADINGS, r.randint(2, 5)):
            lines.append(f"  - 标题: {_q(h)}")
            lines.append(f"    内容: {_q(_prose(r, r.randint(1, 6)))}")
    if r.random() < 0.3:
        lines += _task_attachment(topic, _task_rows(r, 2, 8))
    if r.random() < 0.75:
        lines.append(_colophon(orgs[0], f"{year}-06-30"))
    if body_table and "正文:" in lines:
        rows = _task_rows(random.Random(seed * 7919), 1, 9)
        last = max(i for i, ln in enumerate(lines) if ln.startswith("    内容: "))
        lines[last + 1:last + 1] = ["    表格:"] + _table_lines(rows)
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, seeds, body_table: bool = False) -> list[Path]:
    """corpus-NNN.yaml per seed (corpus-tNNN.yaml with a table ending the 正文)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for seed in seeds:
        path = folder / f"corpus-{'t' if body_table else ''}{seed:03d}.yaml"
        path.write_text(plan_text(seed, body_table), encoding="utf-8")
        out.append(path)
    return out


# --- the other kinds (通知 that 印发 a 方案, 请示, 报告, 函, 纪要) ----------------------------
# A separate seeded stream: plan_text(seed) above stays byte-identical. Each kinds plan varies
# what its kind's layout decides — long 标志 (>12 chars), long titles, 2–3 签发人, 签名章,
# 附注, sealed or not, attached .pdf/.docx files, body length — and refers to files that
# write_kinds puts beside it (KIND_FILES).
KINDS = ["通知-印发", "通知", "请示", "报告", "函", "纪要"]
ATTACHED_PDF = "附件-值班表.pdf"
ATTACHED_DOCX = "附件-应急预案.docx"
TITLES = ["开展{t}专项整治", "申请{t}专项经费", "进一步加强和改进{t}工作",
          "做好{y}年度{t}隐患排查治理和应急处置准备", "{t}工作情况", "调整{t}领导小组成员"]
TITLES_LONG = ["深入开展{t}领域突出问题专项整治暨“{y}年安全发展示范单位”创建活动有关事项",
               "贯彻落实《关于进一步加强{t}工作的若干意见》建立健全长效管理机制有关情况"]


def _title(r: random.Random, year: int, topic: str) -> str:
    pool = TITLES_LONG if r.random() < 0.35 else TITLES
    return r.choice(pool).format(t=topic, y=year)


def _sections(r: random.Random, lines: list[str], most: int = 4, prose: bool = True) -> None:
    """正文 as numbered sections (or, where the kind allows, one paragraph), some with 条目."""
    if r.random() < 0.3 and prose:
        lines.append(f"正文: {_q(_prose(r, r.randint(2, 8)))}")
        return
    lines.append("正文:")
    for h in r.sample(HEADINGS, r.randint(1, most)):
        lines.append(f"  - 标题: {_q(h)}")
        lines.append(f"    内容: {_q(_prose(r, r.randint(1, 5)))}")
        if r.random() < 0.25:
            lines.append("    条目:")
            for _ in range(r.randint(1, 3)):
                lines.append(f"      - 标题: {_q(r.choice(PHRASES) + '。')}")
                lines.append(f"        内容: {_q(_prose(r, r.randint(1, 3)))}")


def _kind_attachments(r: random.Random, lines: list[str], topic: str) -> None:
    """Attachments: an attached .pdf and/or .docx file, and sometimes a table or prose."""
    atts = []
    if r.random() < 0.4:
        atts.append(("值班安排表", f"文件: {ATTACHED_PDF}"))
    if r.random() < 0.3:
        atts.append((topic + "应急预案", f"文件: {ATTACHED_DOCX}"))
    if r.random() < 0.25:
        rows = [["序号", "项目", "金额（万元）"]] + [
            [str(i + 1), r.choice(PHRASES)[:10], str(r.randint(1, 90))] for i in range(r.randint(2, 6))]
        atts.append((topic + "经费测算表", "表格:\n" + "\n".join(_table_lines(rows))))
    if r.random() < 0.15:
        atts.append(("联络人名单", f"内容: {_q(_prose(r, r.randint(1, 3)))}"))
    r.shuffle(atts)
    if atts:
        lines.append("附件:")
        for title, body in atts:
            lines.append(f"  - 标题: {_q(title)}")
            lines.append(f"    {body}")


def issued_plan_text(seed: int) -> str:
    """The 工作方案 a 通知-印发 plan issues (its own 版头 and 署名 are left out when issued)."""
    r = random.Random(seed * 104729 + 1)
    org, topic, year = _agency(r), r.choice(TOPICS), r.randint(2020, 2024)
    lines = ["文种: 工作方案", f"标题: {_q(f'{org}{year}年{topic}工作方案')}",
             f"发文机关: {_q(org)}", f"成文日期: {year}-03-0{r.randint(1, 9)}",
             f"导语: {_q(_prose(r, r.randint(1, 3)) + '特制定本方案。')}"]
    _sections(r, lines, most=5, prose=False)
    if r.random() < 0.4:
        lines += _task_attachment(topic, _task_rows(r, 2, 7))
    return "\n".join(lines) + "\n"


def kind_plan_text(seed: int) -> str:
    """One plan of another kind (KINDS), seeded; refers to files that write_kinds writes."""
    r = random.Random(seed * 2654435761 % 2**32)
    kind = r.choice(KINDS)
    upward = kind in ("请示", "报告")
    joint = kind in ("通知", "通知-印发", "报告") and r.random() < 0.2
    orgs = list(dict.fromkeys(_agency(r) for _ in range(r.randint(2, 3)))) if joint else [_agency(r)]
    topic, year = r.choice(TOPICS), r.randint(2020, 2024)
    date = f"{year}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    # every fifth 印发 notice forwards a file instead (转发 a .pdf or a .docx), drawing nothing
    # more from the stream, so the other plans stay as they were
    forwarded = ATTACHED_PDF if seed % 10 == 4 else ATTACHED_DOCX if seed % 10 == 9 else ""
    if kind == "通知-印发" and forwarded:
        title = f"关于转发《{_agency(random.Random(seed))}关于做好{topic}工作的通知》的通知"
    elif kind == "通知-印发":
        title = f"关于印发《{orgs[0]}{year}年{topic}工作方案》的通知"
    elif kind == "纪要":
        title = f"{topic}工作{r.choice(['专题会议', '调度会', '推进会议'])}纪要"
    else:
        title = f"{orgs[0] if r.random() < 0.5 else ''}关于{_title(r, year, topic)}的{kind}"
    reply = kind == "函" and r.random() < 0.5
    if reply:
        title = title[:-1] + "复函"  # 关于……的复函
    lines = [f"文种: {kind.split('-')[0]}", f"标题: {_q(title)}"]
    lines.append("发文机关: [" + ", ".join(_q(o) for o in orgs) + "]" if joint
                 else f"发文机关: {_q(orgs[0])}")
    lines.append(f"成文日期: {date}")
    if kind != "纪要":
        lines.append(f"主送机关: {_q(_agency(r) if upward else r.choice(['各乡镇人民政府、各有关单位', '局机关各科室、局属各单位', _agency(r)]))}")
    head = []
    code = "某" + r.choice("教财应人卫机市住") + ("函" if kind == "函" else "发") + f"〔{year}〕{r.randint(1, 150)}号"
    long_mark = r.random() < 0.3
    if kind == "纪要":
        head.append(f"发文机关标志: {_q(orgs[0] + ('办公会议纪要' if long_mark else '会议纪要'))}")
    elif kind == "函":
        head += [f"发文机关标志: {_q(orgs[0])}", f"发文字号: {_q(code)}"]
    elif upward or r.random() < 0.85:
        mark = "文件" if joint else (orgs[0] + ("人民政府办公室文件" if long_mark else "文件"))
        head += [f"发文机关标志: {_q(mark)}", f"发文字号: {_q(code)}"]
    signed = upward and r.random() < 0.3
    if upward:
        signers = [_name(r) + ("（局长）" if signed else "") for _ in range(r.choice((1, 1, 2, 3)))]
        head.append("签发人: [" + ", ".join(_q(s) for s in signers) + "]")
    if head:
        lines.append("版头: {" + ", ".join(head) + "}")
    if kind == "纪要":
        lines.append(f"会议: {{时间: {_q(f'{year}年{r.randint(1, 12)}月{r.randint(1, 28)}日上午')}, "
                     f"地点: {_q(r.choice(['三楼会议室', '局机关第一会议室']))}, 主持人: {_q(_name(r) + '（局长）')}}}")
        lines.append(f"导语: {_q(_prose(r, r.randint(1, 3)) + '现将会议议定事项纪要如下：')}")
        _sections(r, lines)
        for key, most in (("出席", 12), ("请假", 2), ("列席", 4)):
            if key == "出席" or r.random() < 0.6:
                lines.append(f"{key}: [" + ", ".join(_name(r) for _ in range(r.randint(1, most))) + "]")
    elif kind == "通知-印发":
        if forwarded:
            lines.append(f"正文: {_q('现将' + title[4:-3] + '转发给你们，' + _prose(r, r.randint(0, 2)) + '请结合实际认真贯彻落实。')}")
            lines.append(f"转发: {forwarded}")
        else:
            lines.append(f"正文: {_q(f'现将《{orgs[0]}{year}年{topic}工作方案》印发给你们，' + _prose(r, r.randint(0, 2)) + '请认真贯彻执行。')}")
            lines.append(f"印发: issued-{seed:03d}.yaml")
    else:
        if r.random() < 0.5:
            lines.append(f"导语: {_q(_prose(r, r.randint(1, 3)) + ('现将有关情况报告如下：' if kind == '报告' else '现将有关事项通知如下：' if kind == '通知' else ''))}")
        _sections(r, lines)
        closing = {"请示": "妥否，请批示。", "报告": "特此报告。", "通知": "特此通知。"}.get(kind)
        if kind == "函":
            lines.append(f"函类: {'复函' if reply else '去函'}")
        elif closing and r.random() < 0.6:
            lines.append(f"结语: {closing}")
    if upward:
        lines += [f"联系人: {_name(r)}", f"联系电话: 0{r.randint(300, 999)}-{r.randint(1000000, 9999999)}"]
    elif kind != "纪要" and r.random() < 0.35:
        lines.append(f"附注: {_q(r.choice(['此件公开发布', '联系人：' + _name(r) + '，联系电话：0394-1234567', '此件发至县级']))}")
    if signed:
        lines.append("印章: 签名章")
    elif kind not in ("纪要",) and r.random() < 0.4:
        lines.append("印章: 盖章")
    if kind != "通知-印发":
        _kind_attachments(r, lines, topic)
    if kind == "函":
        if r.random() < 0.6:
            lines.append(f"版记: {{抄送: {_q(_agency(r))}}}")
    elif r.random() < 0.75:
        lines.append(_colophon(orgs[0], date))
    return "\n".join(lines) + "\n"


def write_kind_files(folder: Path) -> None:
    """The files kinds plans attach: a .pdf made by docgen's own PDF writer from a small plan,
    and a .docx of several pages made with python-docx (converted by LibreOffice for the PDF
    output, as the Word file shows it appended)."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / ATTACHED_PDF).exists():
        from docgen.api import documents_from_path
        from docgen.write import RenderContext, pdf

        src = folder / "_attached-src.yaml"
        src.write_text("文种: 工作方案\n标题: 值班安排表\n发文机关: 某局\n成文日期: 2022-10-08\n"
                       "正文:\n  - 标题: 值班安排\n    内容: 节假日期间每日安排一名带班领导和两名值班人员，"
                       "值班电话保持畅通。\n", encoding="utf-8")
        doc = documents_from_path(src)[0]
        (folder / ATTACHED_PDF).write_bytes(pdf.render(doc, RenderContext()))
        src.unlink()
    if not (folder / ATTACHED_DOCX).exists():
        import docx

        d = docx.Document()  # Calibri 11 pt on Letter: 3 pages as it is, more in docgen's styles
        d.add_paragraph("应急预案：发生险情时立即报告，组织人员撤离，做好现场处置。")
        r = random.Random(9704)
        for _ in range(24):
            d.add_paragraph(_prose(r, 3))
        d.save(str(folder / ATTACHED_DOCX))


def write_kinds(folder: Path, seeds) -> list[Path]:
    """kinds-NNN.yaml per seed, with the issued 方案 (issued-NNN.yaml) and attached files beside."""
    folder.mkdir(parents=True, exist_ok=True)
    write_kind_files(folder)
    out = []
    for seed in seeds:
        text = kind_plan_text(seed)
        if "印发: issued-" in text:
            (folder / f"issued-{seed:03d}.yaml").write_text(issued_plan_text(seed), encoding="utf-8")
        path = folder / f"kinds-{seed:03d}.yaml"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out
