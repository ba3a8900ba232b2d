"""The signature block's pages and geometry in the PDF and in the .docx laid out by LibreOffice.

Rule B10 (spec GBT9704.md): a page never holds only the 署名 and the 成文日期.
§7.3.5.1 (B6, joint and sealed): the 署名 in rows under their seals, each centred on its seal's
x as layout/signature.py decided, rows a seal apart, the date under the last row, 4 characters
from the right edge (±1 mm).

Plans: generated corpus plans (tests/corpus.py) whose signature block lands at a page
boundary by the grid model — room left on the page within about one line of what the 附件说明
and signature block need, or short of it — where the block must take body lines with it.
One WeasyPrint render each and one soffice call for all.
"""

from __future__ import annotations

import pytest
from corpus import write_corpus
from lo_support import MM, Page, render_both

from docgen import standard as S
from docgen.api import documents_from_path
from docgen.document import Document, Signature
from docgen.layout import PageBreak, SignatureBlock, SplitParagraph, lay_out

# grid model room (lines) for the 附件说明 + 署名 group: 0.03 / −0.39 / −0.97 lines; 5 and 42:
# the group fits under a last paragraph that runs over a page break (LibreOffice moved such a
# keep-with-next paragraph whole: a lone 署名 page or a page more)
TIGHT_SEEDS = (17, 21, 26, 34, 38, 56, 89, 90, 1, 18, 5, 42)


def signature_texts(doc: Document) -> set[str]:
    """The lines a signature block draws (署名, 签名章 line, date), spaces removed."""
    sig = next((b for b in doc.body if isinstance(b, Signature)), None)
    if sig is None:
        return set()
    texts = {sig.org, *sig.others, sig.date}
    if sig.signer:
        texts.add("".join(sig.signer))
    return {t.replace("\u3000", "").replace(" ", "") for t in texts if t}


def lone_signature_pages(pages: list[Page], doc: Document) -> list[int]:
    """Pages whose body text is only 署名/date lines."""
    texts = signature_texts(doc)
    return [p.number for p in pages if p.body and all(
        ln.text.replace("\u3000", "").replace(" ", "") in texts for ln in p.body)]


JOINT_PLAN = """文种: 通知
标题: 关于做好冬季安全生产工作的通知
发文机关: [{orgs}]
成文日期: 2022-06-28
印章: 盖章
版头:
  发文机关标志: 文件
  发文字号: 某教发〔2022〕16号
主送机关: 各学校
正文: 为做好冬季安全生产工作，现将有关事项通知如下，请结合实际，认真贯彻执行。
版记:
  抄送: 市委办公室，市政府办公室
  印发机关: 某市教育局办公室
  印发日期: 2022-06-28
"""
# B10's carried line (corpus seed 22): three long sealed joint 署名 make a 15-line group that
# does not fit under the last paragraph (7 lines); its last line goes with the group, by a page
# break layout places inside the paragraph (LibreOffice moves a keep-with-next paragraph whole)
CARRY_PLAN = """文种: 工作方案
标题: 某县财政局2020年冬季供暖工作方案
发文机关: [某县财政局, 某某自治州某某县机关事务管理局, 某市人力资源和社会保障局]
成文日期: 2020-06-20
版头: {发文机关标志: 文件, 发文字号: 某市发〔2020〕13号}
印章: 盖章
导语: 及时通报工作进展，遇到紧急情况及时处理上报，做到值班人员在岗、值班电话畅通。全年开展检查12次，科学研判形势。特制定本方案。
正文:
  - 标题: 工作要求
    内容: 定期开展督导检查，开展隐患排查整治。科学研判形势，严格落实24小时值班制度，营造良好社会氛围，全年开展检查12次。做到值班人员在岗、值班电话畅通，及时通报工作进展，把这项工作作为当前的重大政治任务来抓，建立问题清单和整改台账。
  - 标题: 做好宣传引导
    内容: 及时通报工作进展，营造良好社会氛围。开展隐患排查整治，科学研判形势，及时通报工作进展，定期开展督导检查。做到值班人员在岗、值班电话畅通，开展隐患排查整治，全年开展检查12次，对发现的问题立行立改。全年开展检查12次，各单位要切实提高政治站位，开展隐患排查整治。覆盖率达到95%以上，做好物资储备和应急准备，切实保障人民群众生命财产安全，科学研判形势。
版记: {抄送: 市委办公室，市政府办公室, 印发机关: 某县财政局办公室, 印发日期: 2020-06-30}
"""
# B10 after a table: the 署名 does not fit under the table that ends the body; the table's last
# two rows go with it under the repeated header (a page break before them in both writers)
TABLE_PLAN = """文种: 工作方案
标题: 某市安全生产工作方案
发文机关: 某市应急管理局
成文日期: 2022-06-05
导语: {intro}
正文:
  - 标题: 任务分工
    内容: 各项任务分工如下。
    表格:
      - [序号, 工作任务, 责任单位, 完成时限]
{rows}
""".format(intro="各单位要切实提高政治站位，把这项工作作为当前的重大政治任务来抓，层层压实责任。" * 6,
           rows="\n".join(f"      - [{i}, 开展隐患排查整治, 某市应急管理局, {i}月底前]"
                          for i in range(1, 7)))
# rows by layout: 2 → one row of two; 3 short → one row of three; 3 long → 2 + 1; 4 → 2 + 2
JOINT = {"joint-2": "某市教育局, 某市财政局", "joint-3": "某教育局, 某财政局, 某民政局",
         "joint-3-long": "某市教育局, 某市财政局, 某市应急管理局",
         "joint-4": "某市教育局, 某市财政局, 某县民政局, 某市公安局"}
ROWS = {"joint-2": [2], "joint-3": [3], "joint-3-long": [2, 1], "joint-4": [2, 2]}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("signature-pages")
    paths = write_corpus(folder / "plans", TIGHT_SEEDS)
    for name, orgs in JOINT.items():
        paths.append(folder / "plans" / f"{name}.yaml")
        paths[-1].write_text(JOINT_PLAN.format(orgs=orgs), encoding="utf-8")
    for name, text in (("carry", CARRY_PLAN), ("table", TABLE_PLAN)):
        paths.append(folder / "plans" / f"{name}.yaml")
        paths[-1].write_text(text, encoding="utf-8")
    docs = {p.stem: documents_from_path(p)[0] for p in paths}
    return docs, render_both(docs, folder / "out")


@pytest.mark.parametrize("seed", TIGHT_SEEDS)
def test_B10_no_page_holds_only_the_signature(built, seed: int) -> None:
    docs, out = built
    name = f"corpus-{seed:03d}"
    for fmt in ("pdf", "docx"):
        assert not lone_signature_pages(out[name][fmt], docs[name]), fmt
    assert len(out[name]["pdf"]) == len(out[name]["docx"])


def _block(doc: Document) -> SignatureBlock:
    return next(b for b in lay_out(doc).body if isinstance(b, SignatureBlock))


def _date_page(pages: list[Page], block: SignatureBlock) -> Page:
    """The first page that draws the block's date (its last line)."""
    date = block.lines[-1].text.replace(" ", "")
    return next(p for p in pages if any(ln.text.replace(" ", "") == date for ln in p.body))


def _centre_mm(line, name: str) -> float:
    """Centre of `name`'s characters on a drawn line (mm from the paper's left edge)."""
    chars = [c for c in line.chars if c["text"] not in " \u3000"]
    text = "".join(c["text"] for c in chars)
    at = text.index(name)
    run = chars[at:at + len(name)]
    return (run[0]["x0"] + run[-1]["x1"]) / 2 / MM


def _signature_lines(pages: list[Page], block: SignatureBlock) -> list:
    """The drawn lines of the block, top to bottom (on the last page that has its date)."""
    date = next(ln.text for ln in block.lines if ln.kind == "date").replace(" ", "")
    page = next(p for p in reversed(pages) if any(ln.text.replace(" ", "") == date for ln in p.body))
    lines = [ln for ln in page.body if not ln.red]
    at = next(i for i, ln in enumerate(lines) if ln.text.replace(" ", "") == date)
    return lines[at - (len(block.lines) - 1):at + 1]


@pytest.mark.parametrize("name", list(JOINT))
def test_B6_joint_sealed_signatures_in_rows_centred_under_their_seals(built, name: str) -> None:
    docs, out = built
    block = _block(docs[name])
    assert [max(1, len(ln.cells)) for ln in block.lines if ln.kind == "org"] == ROWS[name]
    left = S.BODY_BOX_MM[0]
    for fmt in ("pdf", "docx"):
        drawn = _signature_lines(out[name][fmt], block)
        for want, got in zip(block.lines, drawn, strict=True):
            if want.cells:
                for text, x in want.cells:
                    assert abs(_centre_mm(got, text) - (left + x / S.MM_PT)) <= 1.0, (fmt, text)
            elif want.kind == "date":
                assert abs(got.x1 - (S.BODY_BOX_MM[2] - want.x_pt / S.MM_PT)) <= 1.0, fmt
            else:  # a row of one: its right end where layout put it (centred on the date)
                assert abs(got.x1 - (S.BODY_BOX_MM[2] - want.x_pt / S.MM_PT)) <= 1.0, fmt


@pytest.mark.parametrize("name", list(JOINT))
def test_B6_seal_rows_a_seal_apart_and_date_on_the_next_line(built, name: str) -> None:
    docs, out = built
    block = _block(docs[name])
    pitch = S.LINE_PITCH_PT / S.MM_PT
    for fmt in ("pdf", "docx"):
        drawn = _signature_lines(out[name][fmt], block)
        for k in range(1, len(drawn)):
            gap = drawn[k].baseline - drawn[k - 1].baseline
            want = block.lines[k]
            assert abs(gap - (want.blank_before + 1) * pitch) <= 1.0, (fmt, want.text)
        rows = [g for w, g in zip(block.lines, drawn, strict=True) if w.kind == "org"]
        for a, b in zip(rows, rows[1:], strict=False):  # seals of two rows never meet
            assert b.baseline - a.baseline > S.SEAL_DIAMETER_MM


@pytest.mark.parametrize("seed", TIGHT_SEEDS)
def test_B10_moved_paragraph_starts_the_signature_page_in_both(built, seed: int) -> None:
    """Where layout moved the last paragraph (and the headings above it) to the 署名's page,
    that page begins with it in both outputs."""
    docs, out = built
    name = f"corpus-{seed:03d}"
    laid = lay_out(docs[name])
    assert laid.pages is not None
    moved = [laid.body[k + 1] for k, b in enumerate(laid.body) if isinstance(b, PageBreak)]
    if not moved:
        pytest.skip("the 署名 fits under the body: nothing moved")
    head = moved[0].text.replace(" ", "")[:6]
    block = _block(docs[name])
    for fmt in ("pdf", "docx"):
        page = _date_page(out[name][fmt], block)
        first = next(ln for ln in page.body if not ln.red)
        assert first.text.replace(" ", "").replace("\u3000", "").startswith(head), fmt


@pytest.mark.parametrize("name", [f"corpus-{s:03d}" for s in TIGHT_SEEDS] + list(JOINT))
def test_B10_tightened_signature_stays_under_the_body_in_both(built, name: str) -> None:
    """Where layout took blank lines from above the 署名 (B10: adjust spacing), both outputs draw
    the 署名 that many lines under the last body line, on the same page."""
    docs, out = built
    laid = lay_out(docs[name])
    assert laid.pages is not None
    if not laid.pages.tightened:
        pytest.skip("the 署名 fits, or body lines move with it")
    block = _block(docs[name])
    first = block.lines[0]
    assert 1 <= first.blank_before < 3
    pitch = S.LINE_PITCH_PT / S.MM_PT
    for fmt in ("pdf", "docx"):
        drawn = _signature_lines(out[name][fmt], block)
        page = next(p for p in out[name][fmt] if drawn[0] in p.body)
        above = [ln for ln in page.body if ln.baseline < drawn[0].baseline - 1]
        assert above, fmt  # body text above it on the same page
        gap = drawn[0].baseline - above[-1].baseline
        assert abs(gap - (first.blank_before + 1) * pitch) <= 1.0, (fmt, gap)


def _carried(doc: Document) -> SplitParagraph:
    laid = lay_out(doc)
    return next(b for b in laid.body if isinstance(b, SplitParagraph))


def _flat(text: str) -> str:
    return text.replace(" ", "").replace("\u3000", "")


def test_B10_signature_never_alone_the_carried_line_starts_its_page_in_both(built) -> None:
    """The last paragraph's last line goes with a 署名 group that does not fit under it: both
    outputs have the same pages, and the 署名's page begins with that line, never with the
    署名 or the date alone (LibreOffice moved the whole keep-with-next paragraph: 5 pages)."""
    docs, out = built
    doc = docs["carry"]
    split = _carried(doc)
    assert split.tail.text and split.after_line >= 2
    block = _block(doc)
    assert len(out["carry"]["pdf"]) == len(out["carry"]["docx"]) == 4
    for fmt in ("pdf", "docx"):
        pages = out["carry"][fmt]
        assert not lone_signature_pages(pages, doc), fmt
        page = _date_page(pages, block)
        lines = [ln for ln in page.body if not ln.red]
        assert _flat(lines[0].text) == _flat(split.tail.text), fmt
        assert abs(lines[0].x0 - S.BODY_BOX_MM[0]) <= 0.5, fmt  # no first-line indent


def test_B10_the_line_before_the_carried_line_is_a_full_justified_line_in_both(built) -> None:
    """The page break inside the paragraph leaves its line before as wide as the 版心 (a full
    line, not a paragraph's short last line), breaking where layout counted it."""
    docs, out = built
    split = _carried(docs["carry"])
    for fmt in ("pdf", "docx"):
        pages = out["carry"][fmt]
        at = next(k for k, p in enumerate(pages)
                  if _flat(split.tail.text) in [_flat(ln.text) for ln in p.body])
        last = [ln for ln in pages[at - 1].body if not ln.red][-1]
        assert split.head.text.endswith(_flat(last.text)), fmt
        assert abs(last.x1 - S.BODY_BOX_MM[2]) <= 1.0, (fmt, last.x1)


def test_B10_signature_never_alone_after_a_table_its_last_rows_go_with_it_in_both(built) -> None:
    """A body that ends with a table the 署名 does not fit under: the table's last two rows go to
    the 署名's page under the repeated header, in both outputs (the Word file kept the whole
    table and left the 署名 alone; the PDF moved rows by its own keeps)."""
    docs, out = built
    doc = docs["table"]
    laid = lay_out(doc)
    assert laid.pages is not None and laid.pages.splits
    block = _block(doc)
    assert len(out["table"]["pdf"]) == len(out["table"]["docx"]) == 2
    for fmt in ("pdf", "docx"):
        pages = out["table"][fmt]
        assert not lone_signature_pages(pages, doc), fmt
        page = _date_page(pages, block)
        texts = [_flat(ln.text) for ln in page.body]
        assert texts[0].startswith("序号"), fmt  # the repeated header first
        assert [t[-4:] for t in texts[1:3]] == ["5月底前", "6月底前"], fmt
        before = [_flat(ln.text) for ln in pages[page.number - 2].body]
        assert before[-1].endswith("4月底前"), fmt
