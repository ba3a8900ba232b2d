"""A small plan whose PDF the attachment and pagination tests attach as `small.pdf`."""

SMALL_PLAN = """文种: 工作方案
标题: 附件用的小方案
发文机关: 某局
成文日期: 2022-10-08
正文:
  - 标题: 第一条
    内容: 这是作为附件的PDF文件的正文内容，用来检查附件页是否并入。
"""
