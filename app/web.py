"""Gradio web app: 问答, 文库, 引文核查, 导出, 上传与管理. Thin: every action calls the service."""

from __future__ import annotations

import hmac
import html
import re
import tempfile
import time
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote as urlquote

import gradio as gr

from app.export import to_markdown
from app.feedback import FeedbackStore
from app.quotecheck import check_quote, diff_html
from app.service import GovKB
from govkb.settings import Settings
from govkb.types import Answer, Document
from index.keyword import tokenize
from ingest.loaders import SUPPORTED_SUFFIXES

EXAMPLES = {
    "新入职社区工作者": ["怎么制定权责清单？", "社区如何加快内部资源整合？", "网格员队伍应该怎么建设？"],
    "党校讲师": ["华胜社区是怎么发挥多元主体作用的？", "“五社联动”包括哪几方面？", "什么是韧性治理？"],
    "政策核查": ["“三张清单”指的是哪三张？", "G街道A社区常住居民有多少户？", "燕子矶街道探索了什么党建模式？"],
}

CSS = """
.gk-answer {font-size: 1.05rem; line-height: 1.8; padding: .6rem .9rem; border-radius: 8px; background: #f6f8fa;}
.gk-answer sup a {text-decoration: none; font-weight: 600;}
.gk-refusal {border: 2px solid #d97706; background: #fff7ed; padding: .8rem 1rem; border-radius: 8px;}
.gk-card {border: 1px solid #d0d7de; border-radius: 8px; padding: .6rem .8rem; margin: .5rem 0; background: #fff;}
.gk-card.weak {opacity: .8; border-style: dashed;}
.gk-card h4 {margin: 0 0 .3rem 0; font-size: .95rem;}
.gk-meta {color: #57606a; font-size: .85rem;}
.gk-quote {margin: .4rem 0; white-space: pre-wrap; line-height: 1.7;}
.gk-quote mark, .gk-doc mark.term {background: #fde68a; padding: 0;}
.gk-doc {white-space: pre-wrap; line-height: 1.9; max-height: 70vh; overflow-y: auto; padding: .5rem 1rem;
  border: 1px solid #d0d7de; border-radius: 8px;}
.gk-doc mark#passage {background: #bbf7d0; outline: 2px solid #16a34a;}
.gk-outline a {text-decoration: none;}
.gk-badge {display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 4px; background: #e5e7eb;}
.gk-badge.weak {background: #fde68a;}
ins {background: #bbf7d0; text-decoration: underline;}
del {background: #fecaca;}
"""

SCROLL_JS = "() => { setTimeout(() => document.getElementById('passage')?.scrollIntoView({block: 'center'}), 300); }"


# --- rendering ------------------------------------------------------------------
def highlight_terms(text: str, question: str) -> str:
    """HTML of `text` with every occurrence of the question's bigrams and words marked."""
    terms = {t for t in tokenize(question) if len(t) > 1}
    marked = [False] * len(text)
    for term in terms:
        start = text.find(term)
        while start >= 0:
            for i in range(start, start + len(term)):
                marked[i] = True
            start = text.find(term, start + 1)
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and marked[j] == marked[i]:
            j += 1
        chunk = html.escape(text[i:j])
        out.append(f"<mark>{chunk}</mark>" if marked[i] else chunk)
        i = j
    return "".join(out)


def passage_link(doc_id: str, start: int, end: int) -> str:
    """Deep link that opens the 文库 tab at a passage (offsets into the stored text)."""
    return f"?doc={urlquote(doc_id)}&start={start}&end={end}"


def render_answer(answer: Answer) -> str:
    if not answer.question:
        return ""
    if answer.refused:
        return (
            '<div class="gk-refusal" id="refusal"><b>知识库中未找到相关依据。</b><br>'
            "下方列出的是最接近的段落，已标为“弱相关”，不能作为答案的依据。</div>"
        )
    text = html.escape(answer.answer)
    links = {c.n: passage_link(c.doc_id, c.start, c.end) for c in answer.citations}
    text = re.sub(
        r"\[(\d+)\]",
        lambda m: f'<sup><a href="{links.get(int(m.group(1)), "#")}" target="_blank" '
        f'title="在文库中打开引文 {m.group(1)}">[{m.group(1)}]</a></sup>',
        text,
    )
    return f'<div class="gk-answer" id="answer-text">{text}</div>'


def render_cards(answer: Answer, service: GovKB) -> str:
    """Citation cards, or the nearest passages marked weak when the answer was refused."""
    cards = []
    if answer.refused:
        for hit in answer.hits[:3]:
            ch = hit.chunk
            doc = service.document(ch.doc_id)
            title = doc.meta.title if doc else ch.doc_id
            page = f" · 第 {ch.page} 页" if ch.page else ""
            cards.append(
                f'<div class="gk-card weak"><h4><span class="gk-badge weak">弱相关</span> {html.escape(title)}</h4>'
                f'<div class="gk-meta">{html.escape(ch.section)}{page} · 字符 {ch.start}–{ch.end}</div>'
                f'<div class="gk-quote">{highlight_terms(ch.text, answer.question)}</div>'
                f'<a href="{passage_link(ch.doc_id, ch.start, ch.end)}" target="_blank">打开原文</a></div>'
            )
        return "".join(cards)
    for c in answer.citations:
        page = f" · 第 {c.page} 页" if c.page else ""
        cards.append(
            f'<div class="gk-card" id="citation-{c.n}"><h4>[{c.n}] {html.escape(c.title)}</h4>'
            f'<div class="gk-meta">{html.escape(c.section or "（无章节）")}{page} · 字符 {c.start}–{c.end}'
            f' · 得分 {c.score:.4f} · <span class="gk-badge">已核验原文</span></div>'
            f'<div class="gk-quote">{highlight_terms(c.quote, answer.question)}</div>'
            f'<a href="{passage_link(c.doc_id, c.start, c.end)}" target="_blank">打开原文</a></div>'
        )
    return "".join(cards)


def render_document(doc: Document | None, start: int | None = None, end: int | None = None) -> tuple[str, str]:
    """(outline HTML, full text HTML with section anchors and the passage highlighted)."""
    if doc is None:
        return "", "<p>请选择文档。</p>"
    meta = doc.meta
    facts = " · ".join(p for p in (meta.author, meta.source, meta.date, meta.kind) if p)
    outline = [f"<h3>{html.escape(meta.title)}</h3><div class='gk-meta'>{html.escape(facts)}</div>", "<ul>"]
    for s in doc.sections:
        pad = "&nbsp;" * 4 * (s.level - 1)
        outline.append(f'<li>{pad}<a href="#sec-{s.start}">{html.escape(s.title)}</a></li>')
    outline.append("</ul>")
    text = doc.text
    cuts = sorted({0, len(text), *(s.start for s in doc.sections)} | ({start, end} if start is not None and end is not None else set()))
    starts = {s.start for s in doc.sections}
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a in starts:
            parts.append(f'<span id="sec-{a}"></span>')
        piece = html.escape(text[a:b])
        if start is not None and end is not None and start <= a and b <= end:
            piece = f'<mark id="passage">{piece}</mark>' if a == start else f"<mark>{piece}</mark>"
        parts.append(piece)
    if start is not None and end is not None:
        page = doc.page_at(start)
        note = f"引文位置：字符 {start}–{end}" + (f"，第 {page} 页" if page else "")
        parts.insert(0, f'<div class="gk-meta">{note}</div>')
    return "".join(outline), f'<div class="gk-doc" id="doc-view">{"".join(parts)}</div>'


def library_rows(service: GovKB) -> list[list[Any]]:
    manifest = service.kb.docs.manifest()
    rows = []
    for d in service.documents():
        m = d.meta
        rows.append([m.doc_id, m.title, m.author, m.source, m.date, m.kind, manifest.get(m.doc_id, {}).get("chunks", 0)])
    return rows


def safe_filename(name: str) -> str:
    """A file name with no path parts and only safe characters; keeps Chinese and the suffix."""
    base = Path(unicodedata.normalize("NFKC", name).replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    stem = re.sub(r"[^0-9A-Za-z\u4e00-\u9fff._-]+", "-", stem).strip("-._")[:80] or "upload"
    return f"{stem}{suffix}"


# --- the app --------------------------------------------------------------------
def build_app(service: GovKB) -> gr.Blocks:
    settings = service.settings
    data_dir = Path(settings.data_dir)
    upload_dir = data_dir / "uploads"
    feedback = FeedbackStore(data_dir / "feedback.sqlite")
    export_dir = Path(tempfile.mkdtemp(prefix="govkb-export-"))

    def choices() -> tuple[list[str], list[str], list[tuple[str, str]]]:
        docs = service.documents()
        kinds = sorted({d.meta.kind for d in docs if d.meta.kind})
        sources = sorted({d.meta.source for d in docs if d.meta.source})
        return kinds, sources, [(d.meta.title, d.doc_id) for d in docs]

    kinds, sources, doc_choices = choices()

    def ask(question: str, kind: list[str], source: list[str], docs: list[str]) -> tuple[str, str, dict[str, Any], Answer]:
        answer = service.ask(question or "", filters={"kind": kind or [], "source": source or [], "doc_id": docs or []})
        opts = [(f"[{c.n}] {c.title} · {c.section}"[:80], f"{c.doc_id}|{c.start}|{c.end}") for c in answer.citations]
        if answer.refused:
            opts = [(f"（弱相关）{h.chunk.doc_id} · {h.chunk.section}"[:80], f"{h.chunk.doc_id}|{h.chunk.start}|{h.chunk.end}") for h in answer.hits[:3]]
        return (
            render_answer(answer),
            render_cards(answer, service),
            gr.update(choices=opts, value=opts[0][1] if opts else None),
            answer,
        )

    def ask_json(question: str) -> dict[str, Any]:
        """API: the same JSON object as `govkb ask --json`."""
        return service.ask(question or "").to_dict()

    def open_passage(target: str | None) -> tuple[Any, ...]:
        if not target:
            raise gr.Error("请先选择一条引文。")
        doc_id, start, end = target.rsplit("|", 2)
        outline, body = render_document(service.document(doc_id), int(start), int(end))
        return gr.Tabs(selected="lib"), gr.update(value=doc_id), outline, body

    def show_doc(doc_id: str | None) -> tuple[str, str]:
        return render_document(service.document(doc_id) if doc_id else None)

    def on_load(request: gr.Request) -> tuple[Any, ...]:
        params = dict(request.query_params) if request is not None else {}
        doc_id = params.get("doc")
        if doc_id and service.document(doc_id) is not None:
            try:
                start, end = int(params.get("start", "")), int(params.get("end", ""))
            except ValueError:
                start = end = None  # type: ignore[assignment]
            outline, body = render_document(service.document(doc_id), start, end)
            return gr.Tabs(selected="lib"), gr.update(value=doc_id), outline, body
        return gr.Tabs(), gr.update(), gr.update(), gr.update()

    def quote_check(text: str) -> str:
        result = check_quote(service, text or "")
        if result.status == "not_found":
            return '<div class="gk-refusal" id="quote-result"><b>未找到</b>：知识库中没有与这段文字相符或相近的原文。</div>'
        where = "，".join(p for p in (result.section, f"第 {result.page} 页" if result.page else "") if p)
        link = passage_link(result.doc_id, result.start, result.end)
        head = (
            f"<b>{'原文一致' if result.status == 'exact' else '与原文不一致'}</b>：《{html.escape(result.title)}》"
            f" {html.escape(where)}（字符 {result.start}–{result.end}）"
            f' <a href="{link}" target="_blank">打开原文</a>'
        )
        if result.status == "exact":
            note = "逐字一致。" if result.identical else "文字一致（仅空白或标点全角/半角不同）。"
            body = f'<div class="gk-quote">{html.escape(result.source_text)}</div><div class="gk-meta">{note}</div>'
            return f'<div class="gk-card" id="quote-result">{head}{body}</div>'
        body = (
            f'<div class="gk-meta">相似度 {result.similarity:.0%}。<del>删除线</del> = 原文有而引文缺少或被改动，'
            f"<ins>下划线</ins> = 引文多出或改成的文字。</div>"
            f'<div class="gk-quote">{diff_html(result.diff)}</div>'
            f'<div class="gk-meta">原文：</div><div class="gk-quote">{html.escape(result.source_text)}</div>'
        )
        return f'<div class="gk-card" id="quote-result">{head}{body}</div>'

    def export(answer: Answer | None) -> tuple[str, str | None]:
        if answer is None or not answer.question:
            raise gr.Error("请先在“问答”中提问。")
        md = to_markdown(answer, service.document)
        path = export_dir / f"govkb-answer-{int(time.time() * 1000)}.md"
        path.write_text(md, encoding="utf-8")
        return md, str(path)

    def rate(answer: Answer | None, rating: int, comment: str) -> str:
        if answer is None or not answer.question:
            return "请先提问，再评价答案。"
        feedback.add(answer, rating, comment or "")
        return "已记录您的反馈，谢谢！"

    def login(user: str, password: str) -> tuple[bool, str]:
        cfg = settings.server
        if not cfg.admin_password:
            return False, "管理功能未启用：请设置环境变量 GOVKB_SERVER__ADMIN_PASSWORD。"
        ok = hmac.compare_digest((user or "").encode(), cfg.admin_user.encode()) & hmac.compare_digest(
            (password or "").encode(), cfg.admin_password.encode()
        )
        if not ok:
            time.sleep(1.0)  # slows down guessing
            return False, "用户名或密码错误。"
        return True, f"已登录：{cfg.admin_user}"

    def require_admin(is_admin: bool) -> None:
        # Checked on the server for every admin action: hiding buttons is not access control.
        if not is_admin:
            raise gr.Error("需要管理员登录后才能上传或删除文档。")

    def upload(
        files: list[Any] | None, is_admin: bool, progress: gr.Progress = gr.Progress()  # noqa: B008 - gradio idiom
    ) -> tuple[Any, ...]:
        require_admin(is_admin)
        if not files:
            raise gr.Error("请选择要上传的文件（PDF、TXT、Markdown）。")
        upload_dir.mkdir(parents=True, exist_ok=True)
        saved: list[Path] = []
        rows: list[list[str]] = []
        for f in files:
            src = Path(f if isinstance(f, str) else getattr(f, "name", str(f)))
            name = safe_filename(src.name)
            if Path(name).suffix not in SUPPORTED_SUFFIXES:
                rows.append([src.name, "失败", f"不支持的文件类型（支持 {'、'.join(SUPPORTED_SUFFIXES)}）"])
                continue
            dest = (upload_dir / name).resolve()
            if dest.parent != upload_dir.resolve():
                rows.append([src.name, "失败", "文件名不安全"])
                continue
            dest.write_bytes(src.read_bytes())
            saved.append(dest)
        if saved:
            def report(stage: str, done: int, total: int) -> None:
                progress((done, max(total, 1)), desc=stage)

            result = service.ingest(saved, progress=report)
            labels = {"added": "成功（新增）", "updated": "成功（更新）", "unchanged": "未变", "error": "失败", "skipped": "跳过"}
            for r in result.files:
                detail = r.reason or f"{r.chunks} 段" + ("；" + "；".join(r.warnings) if r.warnings else "")
                rows.append([Path(r.path).name, labels.get(r.status, r.status), detail])
        return rows, *refreshed()

    def refreshed() -> tuple[Any, ...]:
        """New document lists for every place that shows them, after an upload or a delete."""
        _, _, docs = choices()
        return gr.update(choices=docs, value=None), gr.update(value=library_rows(service)), gr.update(choices=docs), gr.update(
            choices=docs
        )

    def delete(doc_id: str | None, is_admin: bool) -> tuple[Any, ...]:
        require_admin(is_admin)
        if not doc_id:
            raise gr.Error("请选择要删除的文档。")
        ok = service.delete(doc_id)
        return ("已删除：" + doc_id) if ok else ("文档不存在：" + doc_id), *refreshed()

    def export_feedback(is_admin: bool) -> str:
        require_admin(is_admin)
        return str(feedback.export_csv(export_dir / f"govkb-feedback-{int(time.time())}.csv"))

    with gr.Blocks(title="GovKB 治理知识库") as demo:
        last_answer = gr.State(None)
        is_admin = gr.State(False)
        gr.Markdown("# GovKB 治理知识库\n答案中的每一句都逐字引自原文，并注明出处；找不到依据时会明确说明。")
        with gr.Tabs(selected="qa") as tabs:
            with gr.Tab("问答", id="qa"):
                with gr.Row():
                    question = gr.Textbox(label="问题", placeholder="例如：怎么制定权责清单？", scale=5, elem_id="question")
                    ask_btn = gr.Button("提问", variant="primary", scale=1, elem_id="ask-btn")
                with gr.Accordion("筛选（文档类型、来源、文档）", open=False):
                    with gr.Row():
                        kind_f = gr.CheckboxGroup(kinds, label="文档类型")
                        source_f = gr.CheckboxGroup(sources, label="来源")
                        doc_f = gr.Dropdown(doc_choices, multiselect=True, label="文档")
                for audience, qs in EXAMPLES.items():
                    gr.Examples(examples=[[q] for q in qs], inputs=[question], label=f"示例问题 · {audience}")
                with gr.Row():
                    with gr.Column(scale=3):
                        answer_html = gr.HTML(elem_id="answer")
                        with gr.Row():
                            passage_pick = gr.Dropdown([], label="在文库中打开引文", scale=4, elem_id="passage-pick")
                            open_btn = gr.Button("打开原文", scale=1, elem_id="open-btn")
                        with gr.Row():
                            up_btn = gr.Button("👍 有用", size="sm")
                            down_btn = gr.Button("👎 没用", size="sm")
                            comment = gr.Textbox(label="意见（可选）", scale=3)
                        feedback_msg = gr.Markdown()
                    with gr.Column(scale=4):
                        cards_html = gr.HTML(elem_id="citations")
            with gr.Tab("文库", id="lib"):
                library = gr.Dataframe(
                    value=library_rows(service),
                    headers=["ID", "标题", "作者", "来源", "日期", "类型", "段数"],
                    interactive=False,
                    label="全部文档",
                    elem_id="library-table",
                )
                lib_doc = gr.Dropdown(doc_choices, label="阅读文档", elem_id="lib-doc")
                with gr.Row():
                    outline_html = gr.HTML(elem_id="outline")
                    doc_html = gr.HTML(elem_id="doc")
            with gr.Tab("引文核查", id="check"):
                gr.Markdown("粘贴一句或一段据称出自某文档的文字，核对它是否为原文、出自何处，以及哪里不一致。")
                quote_in = gr.Textbox(label="待核查的文字", lines=4, elem_id="quote-in")
                check_btn = gr.Button("核查", variant="primary", elem_id="check-btn")
                quote_out = gr.HTML(elem_id="quote-out")
            with gr.Tab("导出", id="export"):
                gr.Markdown("把当前答案及其出处导出为 Markdown（参考文献按 GB/T 7714 著录），可复制或下载。")
                export_btn = gr.Button("导出当前答案", elem_id="export-btn")
                export_md = gr.Textbox(label="Markdown", lines=14, buttons=["copy"], elem_id="export-md")
                export_file = gr.File(label="下载")
            with gr.Tab("上传与管理", id="admin"):
                with gr.Row():
                    user_in = gr.Textbox(label="管理员", elem_id="admin-user")
                    pass_in = gr.Textbox(label="密码", type="password", elem_id="admin-pass")
                    login_btn = gr.Button("登录", elem_id="login-btn")
                login_msg = gr.Markdown(elem_id="login-msg")
                files_in = gr.File(label="上传 PDF / TXT / Markdown", file_count="multiple",
                                   file_types=list(SUPPORTED_SUFFIXES), elem_id="upload-files")
                upload_btn = gr.Button("上传并入库", variant="primary", elem_id="upload-btn")
                upload_out = gr.Dataframe(headers=["文件", "结果", "说明"], interactive=False, label="入库结果",
                                          elem_id="upload-result")
                with gr.Row():
                    del_doc = gr.Dropdown(doc_choices, label="删除文档", elem_id="del-doc")
                    del_btn = gr.Button("删除", variant="stop")
                del_msg = gr.Markdown()
                fb_btn = gr.Button("导出反馈（CSV）")
                fb_file = gr.File(label="反馈记录")

        ask_inputs = [question, kind_f, source_f, doc_f]
        ask_outputs = [answer_html, cards_html, passage_pick, last_answer]
        ask_btn.click(ask, ask_inputs, ask_outputs, api_name="ask")
        question.submit(ask, ask_inputs, ask_outputs, api_visibility="private")
        gr.api(ask_json, api_name="ask_json")
        open_btn.click(open_passage, [passage_pick], [tabs, lib_doc, outline_html, doc_html], api_visibility="private").then(
            None, js=SCROLL_JS
        )
        lib_doc.input(show_doc, [lib_doc], [outline_html, doc_html], api_name="document")
        check_btn.click(quote_check, [quote_in], [quote_out], api_name="quote_check")
        export_btn.click(export, [last_answer], [export_md, export_file], api_name="export")
        up_btn.click(lambda a, c: rate(a, 1, c), [last_answer, comment], [feedback_msg], api_name="feedback_up")
        down_btn.click(lambda a, c: rate(a, -1, c), [last_answer, comment], [feedback_msg], api_name="feedback_down")
        login_btn.click(login, [user_in, pass_in], [is_admin, login_msg], api_name="login")
        doc_lists = [del_doc, library, lib_doc, doc_f]
        upload_btn.click(upload, [files_in, is_admin], [upload_out, *doc_lists], api_name="upload")
        del_btn.click(delete, [del_doc, is_admin], [del_msg, *doc_lists], api_name="delete")
        fb_btn.click(export_feedback, [is_admin], [fb_file], api_name="export_feedback")
        demo.load(on_load, None, [tabs, lib_doc, outline_html, doc_html], api_visibility="private").then(None, js=SCROLL_JS)
    demo.govkb_export_dir = export_dir  # type: ignore[attr-defined]
    return demo


def launch_kwargs(settings: Settings, demo: gr.Blocks) -> dict[str, Any]:
    """launch() options: loopback, no share link, no SSR, capped uploads, only our own temp files."""
    return {
        "server_name": settings.server.host,
        "share": False,
        "ssr_mode": False,
        "max_file_size": int(settings.server.max_file_size_mb * 1024 * 1024),
        "allowed_paths": [str(demo.govkb_export_dir)],  # type: ignore[attr-defined]
        "blocked_paths": [str(Path(settings.data_dir).resolve())],
        "css": CSS,
        "footer_links": [],
    }


def launch(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Start the web app; on an empty data dir, ingest the shipped corpus first (with progress)."""
    from tqdm import tqdm

    service = GovKB(settings)
    if service.is_empty():
        bar = tqdm(total=0, unit="文件", desc="首次启动：入库 corpus/")

        def progress(stage: str, done: int, total: int) -> None:
            bar.total, bar.n = total, done
            bar.set_postfix_str(stage[:30])
            bar.refresh()

        report = service.ingest(progress=progress)
        bar.close()
        print(f"入库完成：{report.count('added')} 篇文档，{service.kb.store.count()} 段")
    demo = build_app(service)
    demo.queue(default_concurrency_limit=settings.server.concurrency)
    kwargs = launch_kwargs(settings, demo)
    if host:
        kwargs["server_name"] = host
    demo.launch(server_port=port or settings.server.port, **kwargs)
