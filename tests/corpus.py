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
        rows = [["序号", "工作任务", "责任单位", "完成时限"]]
        for i in range(r.randint(2, 8)):
            rows.append([str(i + 1), r.choice(PHRASES), _agency(r), f"{r.randint(1, 12)}月底前"])
        lines.append("附件:")
        lines.append(f"  - 标题: {_q(topic + '任务分解表')}")
        lines.append("    表格:")
        for row in rows:
            lines.append("      - [" + ", ".join(_q(c) for c in row) + "]")
    if r.random() < 0.75:
        lines.append("版记: {" + f"抄送: {_q('市委办公室，市政府办公室')}, "
                     f"印发机关: {_q(orgs[0] + '办公室')}, 印发日期: {year}-06-30" + "}")
    if body_table and "正文:" in lines:
        t = random.Random(seed * 7919)
        rows = [["序号", "工作任务", "责任单位", "完成时限"]] + [
            [str(i + 1), t.choice(PHRASES), _agency(t), f"{t.randint(1, 12)}月底前"]
            for i in range(t.randint(1, 9))]
        last = max(i for i, ln in enumerate(lines) if ln.startswith("    内容: "))
        lines[last + 1:last + 1] = ["    表格:"] + [
            "      - [" + ", ".join(_q(c) for c in row) + "]" for row in rows]
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
