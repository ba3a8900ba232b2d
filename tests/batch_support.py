"""Helpers for the batch tests: the example's .xlsx made reproducibly from its .csv."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path

FIXED = datetime(2024, 1, 1)

# The batch plan the engine, unit and Dask tests build: one unit per row of units.csv.
BATCH_PLAN = """\
文种: 工作方案
标题: "{{ 单位.名称 }}防汛工作方案"
发文机关: "{{ 单位.名称 }}人民政府"
成文日期: 2024-05-06
单位: units.csv
正文:
  - 标题: 组织领导
    内容: 由{{ 单位.组长 }}任组长。
"""


def make_units_xlsx(csv_path: Path, xlsx_path: Path) -> None:
    """Write the CSV's rows to the first sheet of an .xlsx with fixed dates and zip times,
    so the same CSV always gives the same bytes (the committed example is made this way)."""
    import openpyxl

    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "单位"
    for row in rows:
        sheet.append(row)
    book.properties.creator = "docgen"
    book.properties.created = book.properties.modified = FIXED
    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = _fixed_times(data)
            dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), data,
                         zipfile.ZIP_DEFLATED)
    xlsx_path.write_bytes(out.getvalue())


def _fixed_times(xml: bytes) -> bytes:
    import re

    stamp = FIXED.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + stamp + rb"\2", xml)


if __name__ == "__main__":
    import sys

    make_units_xlsx(Path(sys.argv[1]), Path(sys.argv[2]))

