"""The command line: check, build, schema, fonts, verify (Chinese first, English after)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .cli_support import UsageError, find_plans
from .errors import DocgenError, Problem, internal_error
from .write import FORMATS

if TYPE_CHECKING:
    from .load.plan import Plan

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


MAX_SHOWN = 30  # errors printed per plan; 10,000 unknown keys must not flood the terminal


def _echo_problems(problems: list[Problem], cap: int | None = None) -> None:
    shown = problems if cap is None else problems[:cap]
    for p in shown:
        click.echo(str(p), err=True)
    if len(shown) < len(problems):
        rest = problems[len(shown):]
        errors = sum(p.severity == "错误" for p in rest)
        click.echo(f"……另有 {len(rest)} 条未列出（其中错误 {errors} 条）：先改好上面这些，再运行一次检查。",
                   err=True)


def _plans(paths: tuple[Path, ...]) -> list[Path]:
    try:
        plans = find_plans(list(paths))
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if not plans:
        raise click.UsageError("没有找到计划文件（*.yaml）。 No plan files found.")
    return plans


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", message="docgen %(version)s")
def main() -> None:
    """docgen：把 YAML 计划写成符合 GB/T 9704-2012 的公文（Word / PDF）。

    Turns YAML plans into Chinese official documents (.docx, .pdf).

    \b
    常用 Common:
      docgen new 工作方案             新建一个带说明的计划 start a plan
      docgen serve plans/            边写边预览（保存即刷新） live preview
      docgen check plans/            检查计划 check plans
      docgen build plans/            生成 output/ 下的 .docx 和 .pdf
      docgen build x.yaml --format txt   生成纯文本，便于审阅
      docgen verify output/x.pdf     按 GB/T 9704 检查文件 check a document
    """


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """检查计划文件，列出全部错误（文件:行:列）。 Check plans; exit 1 if any is invalid.

    PATHS 可以是文件或文件夹（文件夹里的 *.yaml 都会检查，docgen.yaml 除外）。
    """

    plans = _plans(paths)
    bad = 0
    for path in plans:
        problems, failed = _check_one(path)
        _echo_problems(problems, cap=MAX_SHOWN)
        bad += failed
    if bad:
        click.echo(f"检查了 {len(plans)} 个计划，{bad} 个有错误。", err=True)
        sys.exit(1)
    click.echo(f"检查了 {len(plans)} 个计划，全部通过。 All {len(plans)} plans are valid.")


def _check_one(path: Path) -> tuple[list[Problem], bool]:
    """Every problem and notice of one plan (each once) and whether it failed; a batch plan is
    checked for every unit: data file, placeholders, overrides."""
    from .load.units import load_plan_units

    try:
        units = load_plan_units(path)
    except DocgenError as exc:
        return exc.problems, True
    except Exception as exc:  # a bug must cost only this plan, and never show a traceback
        return [internal_error(exc, path)], True
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    failed = False
    out += _check_templates(units)
    failed |= any(p.severity == "错误" for p in out)
    for u in units:
        failed |= u.error is not None
        for p in (u.error.problems if u.error is not None else u.plan.notices if u.plan else []):
            # A mistake in the plan itself fails every unit alike: show it for the first only.
            key = (str(p.loc), p.message.removeprefix(f"{u.unit.label}："))
            if key not in seen:
                seen.add(key)
                out.append(p)
    first = next((u.plan for u in units if u.plan is not None), None)
    return out + (_needs_libreoffice(first) if first else []), failed


def _needs_libreoffice(plan: Plan) -> list[Problem]:
    """A warning for each attached .docx that the PDF build could not convert on this machine."""
    from . import attached

    files = [(Path(att.file), ("附件", n, "文件"))
             for n, att in enumerate(getattr(plan.model, "attachments", None) or []) if att.file]
    issued = plan.model.issued_file() if hasattr(plan.model, "issued_file") else None
    if issued and isinstance(plan.issued, Path):
        files.append((plan.issued, (issued[0],)))
    return [Problem(f"文件“{path.name}”是 Word 文件，生成 PDF 时要用 LibreOffice 转换，但本机没有安装："
                    "生成 PDF 会失败。请安装 LibreOffice（sudo apt-get install libreoffice-writer），"
                    "或改用 .pdf 文件；只生成 Word（--format docx）不受影响", plan.loc(where), "警告")
            for path, where in files if attached.cannot_convert(path)]


def _check_templates(units) -> list[Problem]:
    """The 模板 folder(s) the plan names, checked as build would (样式.docx, 版头.docx)."""
    from .office_template import check_plan

    out: list[Problem] = []
    seen: set[str] = set()
    for u in units:
        if u.plan is None or not u.plan.model.template:
            continue
        key = str(u.plan.loc(("模板",)).file) + "\0" + u.plan.model.template
        if key in seen:
            continue
        seen.add(key)
        out += check_plan(u.plan)
    return out


def _formats(value: str | None) -> tuple[str, ...] | None:
    if not value:
        return None
    fmts = tuple(f.strip().lower() for f in value.replace("，", ",").split(",") if f.strip())
    for f in fmts:
        if f not in FORMATS:
            raise click.BadParameter(f"未知格式“{f}”，可用：{', '.join(FORMATS)}", param_hint="--format")
    return fmts


def _shard(ctx: click.Context, param: click.Parameter, value: str | None):
    from .build import Shard

    try:
        return Shard.parse(value) if value else None
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _scheduler(ctx: click.Context, param: click.Parameter, value: str | None):
    if not value:
        return None
    import re

    from .model.plans import SCHEDULER_PATTERN

    if not re.match(SCHEDULER_PATTERN, value.strip()):
        raise click.BadParameter(f"调度器地址应写成 tcp://主机:端口，如 tcp://10.0.0.5:8786，这里是“{value}”。")
    return value.strip()


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              help="输出目录（默认 output/）。 Output folder.")
@click.option("-f", "--format", "fmt", metavar="FORMATS",
              help="输出格式，逗号分隔：docx,pdf,html,txt（默认 docx,pdf）。 Formats.")
@click.option("--pdf-variant", type=click.Choice(["pdf/a-3b", "pdf/ua-1"]),
              help="归档用 PDF 变体。 PDF variant for archiving.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="同时生成的进程数（默认 CPU 核数）。 Worker processes (default: CPU count).")
@click.option("--shard", metavar="K/N", callback=_shard,
              help="只生成第 K 片（共 N 片），供多台机器分担。 Build slice K of N.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", callback=_scheduler,
              help="把批量任务交给 Dask 集群生成（默认 docgen.yaml 的 构建.调度器；不写则在本机）。"
              " Render on a Dask distributed cluster.")
@click.option("--force", is_flag=True, help="全部重新生成，不跳过未变的。 Rebuild everything.")
@click.option("--report", "report", type=click.Path(path_type=Path),
              help="把每份公文的结果写成 JSON。 Write a JSON report.")
@click.option("-q", "--quiet", is_flag=True, help="只显示错误。 Show errors only.")
def build(paths: tuple[Path, ...], out_dir: Path | None, fmt: str | None,
          pdf_variant: str | None, jobs: int | None, shard, scheduler: str | None, force: bool,
          report: Path | None, quiet: bool) -> None:
    """生成公文：每个计划写出 output/<文件名>.<格式>；批量计划写出 output/<计划名>/<单位>.<格式>。

    Build documents from plans; unchanged documents are skipped (see --force).
    """
    import os

    from .build import build as run_build
    from .build import make_progress, write_report
    from .build.outdir import FolderBusy

    plans = _plans(paths)
    out_dir = out_dir or _configured_output(plans)
    scheduler = scheduler or _configured_scheduler(plans)
    try:
        result = run_build(plans, out_dir, _formats(fmt), pdf_variant,
                           jobs=jobs or os.cpu_count() or 1, shard=shard, force=force,
                           progress=make_progress(quiet, click.echo), scheduler=scheduler)
    except FolderBusy as exc:  # another build is writing this folder: run them one at a time
        _echo_problems(exc.problems)
        sys.exit(2)
    if report:
        write_report(result, report, shard)
    if not quiet:
        _echo_problems(result.notices)
    failed = result.failed
    for record in failed:
        _echo_problems(record.problems, cap=MAX_SHOWN)
    built, skipped = result.count("built"), result.count("skipped")
    if not quiet and (len(result.documents) > 1 or skipped):
        click.echo(f"生成 {built} 份，未变跳过 {skipped} 份，失败 {len(failed)} 份，"
                   f"用时 {result.seconds:.1f} 秒。")
    if failed:
        plans_bad = {r.plan for r in failed if r.unit is None}
        units_bad = [r for r in failed if r.unit is not None]
        parts = ([f"{len(plans_bad)} 个计划"] if plans_bad else []) + (
            [f"{len(units_bad)} 个单位"] if units_bad else [])
        click.echo(f"有 {'、'.join(parts)}未能生成。", err=True)
        sys.exit(1)


@main.command(context_settings=CONTEXT)
@click.argument("kind", metavar="文种")
@click.argument("file", required=False, type=click.Path(path_type=Path))
def new(kind: str, file: Path | None) -> None:
    """新建计划：写出带中文说明的样板，改内容即可。 Start a plan from a commented sample.

    \b
    文种：工作方案、实施方案、工作计划、通告 或 总结。
    FILE 默认是当前文件夹里的“<文种>.yaml”；已有的文件不会被覆盖。
    docgen new 模板 [文件夹]：复制一份示例模板（版头.docx、样式.docx、徽标.png）给本单位修改。
    同时在旁边写出 docgen-schema.json（已有则不动），编辑器据此补全和检查。
    \b
    例：docgen new 工作方案
        docgen new 通告 plans/春节通告.yaml
    """
    from .scaffold import TEMPLATE_KIND, ScaffoldError, create, create_template

    if kind == TEMPLATE_KIND:
        try:
            folder = create_template(file)
        except ScaffoldError as exc:
            click.echo(f"错误：{exc}", err=True)
            sys.exit(1)
        click.echo(f"已复制示例模板到 {folder}（版头.docx、样式.docx、徽标.png）")
        click.echo(f"下一步：在 Word 或 WPS 中修改，再在 docgen.yaml 里写 模板: {folder.as_posix()}")
        return
    try:
        made = create(kind, file)
    except ScaffoldError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(1)
    click.echo(f"已新建 {made.plan}")
    if made.schema:
        click.echo(f"已写入 {made.schema}（编辑器补全用）")
    click.echo(f"下一步：编辑 {made.plan}，然后 docgen check {made.plan} 或 docgen serve 预览。")


@main.command(context_settings=CONTEXT)
@click.argument("path", required=False, default=".", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址；默认只有本机能打开。 Address to bind.")
@click.option("--allow-remote", is_flag=True,
              help="允许 --host 绑定本机以外的地址（同一网络的其他电脑都能看到计划）。"
                   " Allow binding beyond loopback.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="端口（0 表示随便挑一个空闲的）。 Port.")
@click.option("--open", "open_browser", is_flag=True, help="启动后打开浏览器。 Open a browser.")
def serve(path: Path, host: str, allow_remote: bool, port: int, open_browser: bool) -> None:
    """本地预览：保存计划后页面自动刷新，可下载 Word / PDF。 Live preview server.

    PATH 是文件夹（列出其中全部计划）或一个计划文件，默认当前文件夹。
    只回答发给本机地址（127.0.0.1、localhost）的请求；要让其他电脑访问，
    需同时写 --host 0.0.0.0 --allow-remote。
    """
    from .serve import RemoteRefused
    from .serve import serve as run_server

    try:
        run_server(path, host, port, open_browser, allow_remote=allow_remote)
    except RemoteRefused as exc:
        raise click.UsageError(str(exc)) from None


def _configured_scheduler(plans: list[Path]) -> str | None:
    """构建.调度器 of the plans' docgen.yaml; plans whose projects name different clusters
    must be built separately or given --scheduler."""
    from .load.plan import configured_scheduler

    found = {configured_scheduler(p) for p in plans} - {None}
    if len(found) > 1:
        raise click.UsageError(f"这些计划的 docgen.yaml 写了不同的调度器（{'、'.join(sorted(found))}）："
                               "请分开生成，或用 --scheduler 指定一个。")
    return found.pop() if found else None


def _configured_output(plans: list[Path]) -> Path | None:
    """输出.目录 of the plans (or their docgen.yaml). One build writes one output folder (one
    manifest): plans that ask for different folders must be built separately or given -o."""
    from .load.plan import output_folder

    def folder(plan: Path) -> Path | None:
        try:
            return output_folder(plan)
        except Exception:  # an unreadable plan: the build reports it and builds the others
            return None

    folders = {folder(p) or Path("output") for p in plans}
    if len(folders) > 1:
        listed = "、".join(sorted(str(f) for f in folders))
        raise click.UsageError(f"这些计划的输出目录不同（{listed}）：请分开生成，或用 -o 指定一个目录。")
    return folders.pop() if folders else None


@main.command(context_settings=CONTEXT)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path),
              help="写入文件（默认打印到屏幕）。 Write to a file.")
def schema(out: Path | None) -> None:
    """打印计划格式的 JSON Schema，供编辑器补全和检查。 Print the plan format's JSON Schema.

    \b
    在计划文件第一行写：
      # yaml-language-server: $schema=docgen-schema.json
    """
    from .schema import schema_json

    text = schema_json()
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"已写入 {out}")
    else:
        click.echo(text, nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("project", required=False, default=".", type=click.Path(path_type=Path))
def fonts(project: Path) -> None:
    """列出各字体角色和模板样式要求的字体、实际用的字体文件和替代。

    PROJECT 是项目文件夹（读其中或上级的 docgen.yaml：字体、模板）或一个计划文件。
    Show the font file used for each role and for each face the project's 模板 asks for.
    """
    from .fonts import report

    project_dir, names, template = _project_fonts(project)
    click.echo(report(project_dir, names, template))


def _project_fonts(project: Path):
    """Where fonts/ is, the font names and the 模板 folder a project asks for, as a build of
    its plans composes them: docgen.yaml's 字体 and 模板 (样式.docx faces), or a plan's."""
    from .compose import options, template_dir
    from .document import Fonts
    from .load.plan import PROJECT_FILE, find_project_file, load_defaults, load_plan
    from .model.plans import ProjectDefaults

    if project.is_file():
        plan = load_plan(project)
        folder = template_dir(plan.model, plan)
        return plan.project_dir, options(plan.model, plan.project_dir, folder).fonts, folder
    project_file = find_project_file(project / PROJECT_FILE)
    if project_file is None:
        return project, Fonts(), None
    source = load_defaults(project_file)  # checked: a mistake is an error at its line
    model = ProjectDefaults.model_validate(source.data)
    folder = template_dir(model, source)
    return project_file.parent, options(model, project_file.parent, folder).fonts, folder


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON。 Machine-readable output.")
def verify(files: tuple[Path, ...], as_json: bool) -> None:
    """按 GB/T 9704 检查 .docx / .pdf 文件。 Check documents against GB/T 9704; exit 1 on failure."""
    import json

    from .verify import findings_to_json, format_findings, verify_file

    failed = False
    report: dict[str, object] = {}
    for f in files:
        try:
            findings = verify_file(f)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
        except Exception as exc:  # a damaged file must not end in a traceback
            click.echo(f"{f}: 错误：无法读取这个文件（{type(exc).__name__}）：它可能已损坏或不是 Word/PDF 文件。",
                       err=True)
            failed = True
            continue
        failed |= any(x.failed for x in findings)
        if as_json:
            report[str(f)] = json.loads(findings_to_json(findings))
        else:
            click.echo(f"== {f}")
            click.echo(format_findings(findings))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


def run() -> None:
    """Entry point that never shows a traceback for a user's mistake."""
    # docgen uses no pydantic plugins; looking for them reads the metadata of every installed
    # package (about 30 ms of a 0.6 s cold start). A value the user has set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        main(standalone_mode=True)
    except DocgenError as exc:
        _echo_problems(exc.problems)
        sys.exit(1)
