"""The rule table of GB/T 9704-2012: id, Chinese name and what the standard asks.

Ids follow ../shared/spec/GBT9704.md §2–§4 (P page, G grid, F fonts, H 版头, B 主体, J 版记,
N 页码, T tables, S special formats). F4 字号 and F5 字体嵌入 are the checker's own: the
spec's font table has no id for them. Both verify checkers (.docx and .pdf) take a finding's
name and requirement from here, so one rule reads the same whichever file is checked, and
tests and layout decisions can cite a rule by its id.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import numbers as N


@dataclass(frozen=True, slots=True)
class Rule:
    """One requirement: `asks` is the standard's wording in our Chinese, numbers included."""

    id: str
    name: str
    asks: str


def _table() -> dict[str, Rule]:
    c = N.CHARS_PER_LINE
    rows = [
        # §2 page and grid
        ("P1", "纸张", f"A4 纸 {N.PAGE_W_MM}×{N.PAGE_H_MM} mm"),
        ("P2", "天头（上白边）", f"天头 {N.MARGIN_MM['top']}±1 mm"),
        ("P3", "订口（左白边）", f"订口 {N.MARGIN_MM['left']}±1 mm"),
        ("P4", "版心", f"版心 {N.BODY_W_MM}×{N.BODY_H_MM} mm（不含页码）"),
        ("P5", "文字颜色", "文字黑色，发文机关标志、版头分隔线等红色要素除外"),
        ("P6", "印制装订", "双面印刷，左侧装订；版心误差不超过 1 mm（文件中无法检查）"),
        ("G1", "每页行数", f"每面 {N.LINES_PER_PAGE} 行，撑满版心（行距 {N.LINE_PITCH_PT} pt）"),
        ("G2", "每行字数", f"每行 {c} 个三号字"),
        # §3 fonts
        ("F1", "不加粗不倾斜", "标准只规定字体不规定字重：标题和各级层次标题不加粗、不倾斜"),
        ("F2", "字体", "正文仿宋，一级标题黑体，二级标题楷体，标题和发文机关标志小标宋，"
                      "附件标识和密级、紧急程度黑体，页码宋体"),
        ("F4", "字号", f"正文三号（{N.BODY_PT:g} pt），标题二号（{N.TITLE_PT:g} pt），"
                      f"版记和页码四号（{N.COLOPHON_PT:g} pt）"),
        ("F5", "字体嵌入", "PDF 嵌入所用全部字体，否则打印时被替换"),
        # §4.1 版头
        ("H1", "份号", "6 位阿拉伯数字，三号，顶格，版心第 1 行"),
        ("H2", "密级和保密期限", "三号黑体，顶格，版心第 2 行"),
        ("H3", "紧急程度", "三号黑体，顶格，在份号、密级之下"),
        ("H4", "发文机关标志", f"红色，居中，上边缘距版心上边缘 {N.ORG_MARK_TOP_FROM_BODY_MM} mm；"
                             "联合行文主办机关在前，“文件”二字置于机关名称右侧、上下居中"),
        ("H5", "发文字号", "标志下空二行，居中（上行文居左空一字）；机关代字 + 〔年份〕 + 序号 + 号，"
                          "六角括号，不加“第”，不编虚位"),
        ("H6", "签发人", "上行文：“签发人：”仿宋、姓名楷体，居右空一字，与发文字号同行；"
                        "多个签发人每行两个，发文字号与最后一个签发人同行"),
        ("H7", "版头分隔线", f"发文字号之下 {N.RED_RULE_BELOW_DOCNO_MM} mm，红色，与版心等宽（{N.BODY_W_MM} mm）"),
        # §4.2 主体
        ("B1", "标题", f"二号（{N.TITLE_PT:g} pt）小标宋，红色分隔线下空二行，居中；"
                      "回行词意完整，梯形或菱形"),
        ("B2", "主送机关", "标题下空一行，顶格，回行顶格，末尾全角冒号"),
        ("B3", "正文", "首页必须显示正文；三号仿宋，每段首行缩进 2 字，回行顶格"),
        ("B4", "层次标题", "一、（一）1.（1）四级；一级黑体、二级楷体、三四级仿宋，均缩进 2 字"),
        ("B5", "附件说明", "正文下空一行，左空 2 字，“附件：”后写名称；多个附件用 1. 2. 编号，名称回行与名称首字对齐，"
                          "名称后不加标点"),
        ("B6", "署名和成文日期（加盖印章）", "成文日期右空 4 字，署名以成文日期为准居中"),
        ("B7", "署名和成文日期（不加盖印章）", "正文下空一行，署名右空 2 字，成文日期首字比署名首字右移 2 字；"
                                          "日期长于署名时日期右空 2 字，署名相应左移"),
        ("B8", "署名和成文日期（签名章）", "正文下空二行，签名章右空 4 字，签发人职务在其左侧 2 字、上下居中；"
                                      "成文日期在签名章下空一行，右空 4 字"),
        ("B9", "成文日期", "阿拉伯数字，年份写全，月日不编虚位，如 2022年6月5日"),
        ("B10", "无正文页", "不得出现只有署名、日期而无正文的页面（“此页无正文”）；用调整行距、字距解决"),
        ("B11", "附注", "成文日期下一行，居左空 2 字，加圆括号"),
        ("B12", "附件", "每个附件另面编排，在版记之前；“附件”及顺序号黑体顶格第 1 行，附件标题第 3 行居中"),
        # §4.3 版记
        ("J1", "版记分隔线", f"与版心等宽 {N.BODY_W_MM} mm；首末条粗线（{N.COLOPHON_THICK_MM} mm），"
                            f"中间细线（{N.COLOPHON_THIN_MM} mm）；末条与版心下边缘重合"),
        ("J2", "抄送机关", "四号仿宋，左右各空一字，“抄送：”后写机关名称，回行与冒号后首字对齐，末尾加句号"),
        ("J3", "主送机关移入版记", "主送机关过多时移入版记，“主送：”行在抄送之上，其间不加分隔线"),
        ("J4", "印发机关和印发日期", "四号仿宋，位于末条分隔线之上，机关左空一字，日期右空一字，日期后加“印发”"),
        ("J5", "版记位置", "版记在公文最后一面（附件之后）；双面印刷时在偶数页"),
        # §4.4 页码
        ("N1", "页码格式", f"四号（{N.PAGE_NO_PT:g} pt）半角宋体阿拉伯数字，左右各一条一字线，如 — 1 —"),
        ("N2", "页码位置（纵向）", "一字线距版心下边缘 7 mm"),
        ("N3", "页码位置（横向）", "单页码居右空一字，双页码居左空一字"),
        ("N4", "首页页码", "普通公文首页编页码（信函格式首页不显示页码）"),
        ("N5", "页码连续", "附件与正文一起装订时页码连续编排"),
        ("N6", "空白页不编页码", "版记页前有空白页时，空白页和版记页均不编排页码"),
        ("N7", "页码在版心外", "页码位于版心之外"),
        # §4.5 tables
        ("T1", "横排表格页码", "横排 A4 表格页的页码位置与其他页相同"),
        ("T2", "横排表格方向", "单页表头在订口一边，双页表头在切口一边"),
        ("T3", "表格宽度", f"表格不超出版心（宽 {N.BODY_W_MM} mm）"),
        # §4.6 special formats
        ("S1", "信函格式", "标志上边缘距纸张上边缘 30 mm；其下 4 mm 红色武文线、距下边缘 20 mm 红色文武线，均长 170 mm；"
                          "发文字号居右顶格；首页不显示页码；版记不加印发机关和印发日期、分隔线"),
        ("S2", "命令格式", "标志上边缘距版心上边缘 20 mm；令号在标志下空二行居中；正文在令号下空二行"),
        ("S3", "纪要格式", "纪要标志红色小标宋居中；出席、请假、列席用三号黑体，后接名单（仿宋），回行与冒号后首字对齐"),
    ]
    return {rid: Rule(rid, name, asks) for rid, name, asks in rows}


RULES: dict[str, Rule] = _table()


def rule(rule_id: str) -> Rule:
    """The rule of an id; KeyError for an id the table does not know (a typo in a checker)."""
    return RULES[rule_id]
