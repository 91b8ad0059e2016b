"""Command line: govkb ingest | ask | verify | eval | serve | check. Thin: it calls app.service."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from govkb.errors import GovKBError
from govkb.settings import Settings, load_settings
from govkb.types import Answer, Filters

cli = typer.Typer(add_completion=False, no_args_is_help=True, help="GovKB 治理知识库：入库、问答、评测。")
_state: dict[str, Any] = {}


def _settings() -> Settings:
    if "settings" not in _state:
        _state["settings"] = load_settings()
    return _state["settings"]


def _service(rebuild: bool = False) -> Any:
    from app.service import GovKB

    return GovKB(_settings(), rebuild=rebuild)


@cli.callback()
def _main(
    settings_file: Annotated[Path | None, typer.Option("--settings", help="设置文件（默认 settings.yaml）")] = None,
    data_dir: Annotated[Path | None, typer.Option("--data-dir", help="数据目录（覆盖设置）")] = None,
) -> None:
    overrides: dict[str, Any] = {}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    _state["settings"] = load_settings(settings_file, **overrides)


def _progress_bar() -> Any:
    from tqdm import tqdm

    bar = tqdm(total=0, unit="文件", file=sys.stderr, disable=not sys.stderr.isatty())

    def update(stage: str, done: int, total: int) -> None:
        bar.total = total
        bar.n = done
        bar.set_description(stage[:30])
        bar.refresh()

    return bar, update


@cli.command()
def ingest(
    paths: Annotated[list[Path] | None, typer.Argument(help="文件或目录（默认 corpus/）")] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="清空后重建全部索引")] = False,
) -> None:
    """入库：新增、更新或删除文档（增量，重复运行不会重复入库）。"""
    service = _service(rebuild=rebuild)
    bar, update = _progress_bar()
    report = service.ingest(list(paths) if paths else None, progress=update)
    bar.close()
    labels = {"added": "新增", "updated": "更新", "unchanged": "未变", "removed": "删除", "error": "失败", "skipped": "跳过"}
    for f in report.files:
        if f.status in ("error", "skipped"):
            typer.echo(f"  [{labels[f.status]}] {f.path}：{f.reason}", err=True)
        elif f.status != "unchanged":
            typer.echo(f"  [{labels[f.status]}] {Path(f.path).name}（{f.chunks} 段）")
        for w in f.warnings:
            typer.echo(f"    注意：{Path(f.path).name} {w}", err=True)
    summary = "，".join(f"{labels[s]} {report.count(s)}" for s in labels if report.count(s))
    typer.echo(
        f"入库完成：{summary or '无文件'}；本次计算嵌入 {report.embedded} 段；"
        f"库内共 {service.kb.count()} 段；用时 {report.seconds:.1f} 秒"
    )
    if report.errors:
        raise typer.Exit(1)


def render(answer: Answer, title_of: Callable[[str], str] | None = None) -> str:
    """Readable answer: text with [n] markers, then each cited (or weak) passage and those listed under them
    (by their documents' titles when `title_of` gives them)."""
    from app.citing import passage_label, see_also
    from app.render_see_also import SEE_ALSO_HEAD, opening

    generated = any(s.generated for s in answer.sentences)
    lines = [f"问：{answer.question}", ""]
    if generated:
        lines.append("（大模型归纳：以下每句都已对照所引段落核验，未通过核验的句子已删除）")
    lines += [answer.answer, ""]
    lines += [f"注意：{note}" for note in answer.notes]
    for d in answer.dropped:
        lines.append(f"  已删除：{d['text']}（{d['detail']}）")
    if answer.notes or answer.dropped:
        lines.append("")
    if answer.citations:
        lines.append("引用：")
        for c in answer.citations:
            where = (f"（{c.chapter}）" if c.chapter else "") if c.articles else " " + (c.section or "（无章节）")
            page = f"，第 {c.page} 页" if c.page else ""
            note = f"「{c.version_note()}」" if c.superseded else ""
            lines.append(
                f"[{c.n}] {c.source_label()}{where}{note}{page}（字符 {c.start}–{c.end}，得分 {c.score:.4f}）"
            )
            lines.append(f"    “{c.quote}”")
        if related := see_also(answer):
            lines += ["", SEE_ALSO_HEAD]
            lines += [f"  - {passage_label(h.chunk, title_of)}：{opening(h.chunk.text, answer.question)}" for h in related]
    elif answer.hits:
        lines.append("最接近的段落（证据不足，仅供参考）：")
        for i, h in enumerate(answer.hits[:3], 1):
            lines.append(f"  {i}. [{h.chunk.doc_id}] {h.chunk.section}：{h.chunk.text[:80]}…")
    return "\n".join(lines)


@cli.command()
def ask(
    question: Annotated[str | None, typer.Argument(help="问题；配合 --json 省略时从标准输入逐行读取")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    kind: Annotated[list[str] | None, typer.Option("--kind", help="按类型过滤：法律、行政法规、地方性法规、案例研究…")] = None,
    region: Annotated[list[str] | None, typer.Option("--region", help="按地区过滤（省或市）：上海、山东、青岛…")] = None,
    source: Annotated[list[str] | None, typer.Option("--source", help="按来源过滤")] = None,
    doc: Annotated[list[str] | None, typer.Option("--doc", help="按文档 ID 过滤（可指定已修订的旧版本）")] = None,
    include_superseded: Annotated[
        bool, typer.Option("--include-superseded", help="同时检索已修订的旧版本法规")
    ] = False,
    top_k: Annotated[int | None, typer.Option("--top-k", help="返回段落数")] = None,
    mode: Annotated[str | None, typer.Option("--mode", help="hybrid | bm25 | dense")] = None,
    llm: Annotated[bool | None, typer.Option("--llm/--no-llm", help="由大模型归纳答案（逐句核验）；默认取设置 llm.enabled")] = None,
) -> None:
    """提问：给出带引文的答案；证据不足时明确说明。"""
    if question is None and not as_json:
        typer.echo("错误：请给出问题，或使用 --json 从标准输入读取。", err=True)
        raise typer.Exit(2)
    service = _service()
    filters = Filters.of(kind=kind, source=source, doc_id=doc, region=region, include_superseded=include_superseded)
    k = max(top_k or service.settings.retrieval.top_k, 10) if as_json else top_k
    questions = [question] if question is not None else (line.strip() for line in sys.stdin)

    def title_of(doc_id: str) -> str:
        found = service.document(doc_id)
        return found.meta.title if found else doc_id

    for q in questions:
        if not q:
            continue
        answer = service.ask(q, filters=filters, top_k=k, mode=mode, llm=llm)
        if as_json:
            from app.citing import answer_dict

            typer.echo(json.dumps(answer_dict(answer, title_of), ensure_ascii=False))
            sys.stdout.flush()
        else:
            typer.echo(render(answer, title_of))


@cli.command("eval")
def eval_cmd(
    file: Annotated[Path | None, typer.Argument(help="问题文件 JSONL（默认 eval/questions/dev.jsonl）")] = None,
    modes: Annotated[str, typer.Option("--modes", help="逗号分隔：hybrid,bm25,dense,naive")] = "hybrid,bm25,dense",
    engines: Annotated[str, typer.Option("--engines", help="带要点的问题集：逗号分隔的答案引擎 picker,structured")] = "picker,structured",
    out: Annotated[Path | None, typer.Option("--out", help="把结果另存为 JSON")] = None,
) -> None:
    """评测：检索（hit@k、MRR、拒答）；带要点的问题集评答案（要点覆盖、完整答案、拒答）；法规问题集另计引对条文率。"""
    from eval.answers import has_key_points
    from eval.policy import is_policy_set
    from eval.run import run_answer_eval, run_eval

    service = _service()
    if service.is_empty():
        service.ingest()
    if file is not None and has_key_points(file) and not is_policy_set(file):
        code = run_answer_eval(service, file, [e.strip() for e in engines.split(",") if e.strip()], out)
    else:
        code = run_eval(service, file, [m.strip() for m in modes.split(",") if m.strip()], out)
    raise typer.Exit(code)


@cli.command()
def verify(
    file: Annotated[str, typer.Argument(help="文稿文件（TXT / Markdown），- 表示从标准输入读取")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（默认 Markdown 报告）")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="把报告另存到文件")] = None,
) -> None:
    """核查整篇文稿：逐条核对引号内的引文和注明出处的句子——一致 / 有出入（标出差异）/ 未找到，并给出《标题》第X条。"""
    from app.draft import read_draft
    from app.verify import report_markdown, verify_draft

    text = sys.stdin.read() if file == "-" else read_draft(Path(file))
    report = verify_draft(_service(), text, "标准输入" if file == "-" else Path(file).name)
    body = json.dumps(report.to_dict(), ensure_ascii=False, indent=1) if as_json else report_markdown(report)
    if out is not None:
        out.write_text(body if body.endswith("\n") else body + "\n", encoding="utf-8")
    typer.echo(body.rstrip("\n"))


@cli.command("check")
def check_cmd(
    repair: Annotated[bool, typer.Option("--repair", help="修复发现的问题（重新入库、删除孤立段落、重建关键词索引）")] = False,
) -> None:
    """检查数据目录：清单、文档、向量库与关键词索引是否一致。"""
    from index import check as checker

    service = _service()
    with service.kb.reachable():
        report = service.repair() if repair else checker.check(service.kb)
    typer.echo(f"文档 {report.documents} 篇，段落 {report.chunks} 段")
    for p in report.problems:
        typer.echo(f"  问题：{p}")
    for r in report.repaired:
        typer.echo(f"  修复：{r}")
    if report.ok:
        typer.echo("一致：清单、存储文本、向量库、关键词索引互相吻合。")
        return
    if repair:
        with service.kb.reachable():
            after = checker.check(service.kb)
        typer.echo("修复后一致。" if after.ok else f"修复后仍有 {len(after.problems)} 个问题。")
        raise typer.Exit(0 if after.ok else 1)
    typer.echo("发现问题：运行 `govkb check --repair` 修复。")
    raise typer.Exit(1)


@cli.command()
def serve(
    host: Annotated[str | None, typer.Option(help="监听地址")] = None,
    port: Annotated[int | None, typer.Option(help="端口")] = None,
) -> None:
    """启动网页界面（首次启动会自动入库 corpus/）。"""
    from app.serve import launch

    launch(_settings(), host=host, port=port)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code so tests can call it in-process."""
    try:
        # With standalone_mode=False click returns the code of a typer.Exit instead of raising it.
        code = cli(args=argv, prog_name="govkb", standalone_mode=False)
        if isinstance(code, int):
            return code
    except typer.Exit as exc:
        return int(exc.exit_code)
    except SystemExit as exc:  # pragma: no cover - click may still exit
        return int(exc.code or 0)
    except GovKBError as exc:  # what a user can act on: one line, no traceback
        typer.echo(f"错误：{exc}", err=True)
        return exc.exit_code
    except Exception as exc:  # noqa: BLE001 - click's usage errors print themselves
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        raise
    return 0


def entry() -> None:
    raise SystemExit(main())


if __name__ == "__main__":
    entry()
