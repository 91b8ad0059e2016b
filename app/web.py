"""Gradio web app: 问答, 文库, 引文核查, 导出, 上传与管理. A UI class over the service: every handler
calls service methods and renders with app.render; the Blocks are built once."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from app import laws, render
from app.citing import answer_dict, passage_label, see_also
from app.export import to_markdown
from app.feedback import FeedbackStore
from app.render_see_also import see_also_html
from app.render_versions import version_diff_html
from app.service import GovKB
from app.web_admin import AdminTab
from app.webcheck import CheckTab
from govkb.errors import GovKBError
from govkb.types import Answer, Filters

EXAMPLES = {
    "新入职社区工作者": ["怎么制定权责清单？", "社区如何加快内部资源整合？", "网格员队伍应该怎么建设？"],
    "党校讲师": ["华胜社区是怎么发挥多元主体作用的？", "“五社联动”包括哪几方面？", "什么是韧性治理？"],
    "政策核查": ["“三张清单”指的是哪三张？", "G街道A社区常住居民有多少户？", "燕子矶街道探索了什么党建模式？"],
}
SCROLL_JS = "() => { setTimeout(() => document.getElementById('passage')?.scrollIntoView({block: 'center'}), 300); }"
EXTRACT_MODE, MODEL_MODE = "原文摘录", "大模型归纳"


class WebUI(AdminTab):
    """The five tabs over one GovKB service and one feedback store."""

    def __init__(self, service: GovKB, feedback: FeedbackStore) -> None:
        self.service = service
        self.feedback = feedback
        self.export_dir = Path(tempfile.mkdtemp(prefix="govkb-export-"))
        self.blocks = self._build()

    # --- handlers ------------------------------------------------------------------
    def _doc_choices(self) -> list[tuple[str, str]]:
        return [(f"{d.meta.title}（{d.meta.date}）" if d.meta.work else d.meta.title, d.doc_id) for d in self.service.documents()]

    def _library(self) -> tuple[str, list[list[Any]]]:
        """The library grouped by kind and region (old versions under the current one), as HTML and rows."""
        groups, counts = laws.library(self.service.documents(), self.service.superseded()), self.service.chunk_counts()
        return render.library_html(groups, counts), render.library_rows(groups, counts)

    def _ask(self, question: str, kind: list[str], source: list[str], docs: list[str], region: list[str] | None = None,
             old: bool = False) -> tuple[Any, ...]:
        filters = Filters.of(kind=kind, source=source, doc_id=docs, region=region, include_superseded=bool(old))
        try:
            answer = self.service.ask(question or "", filters=filters)
        except GovKBError as exc:  # an empty knowledge base, the Chroma server unreachable ...
            raise gr.Error(str(exc)) from exc
        return self._shown(answer)

    def _ask_model(self, question: str, kind: list[str], source: list[str], docs: list[str], region: list[str] | None,
                   old: bool, mode: str) -> Iterator[tuple[Any, ...]]:
        """With a model configured: the answer streams in, one verified sentence at a time."""
        filters = Filters.of(kind=kind, source=source, doc_id=docs, region=region, include_superseded=bool(old))
        answer = None
        try:
            for answer in self.service.ask_stream(question or "", filters=filters, llm=mode == MODEL_MODE):
                yield self._shown(answer, pending=mode == MODEL_MODE)
        except GovKBError as exc:
            raise gr.Error(str(exc)) from exc
        if answer is not None:
            yield self._shown(answer)

    def _shown(self, answer: Answer, *, pending: bool = False) -> tuple[Any, ...]:
        if answer.refused:
            shown = [(h.chunk, f"（弱相关）{h.chunk.doc_id} · {h.chunk.section}") for h in answer.hits[:3]]
            opts = [(label[:80], f"{c.doc_id}|{c.start}|{c.end}") for c, label in shown]
        else:
            opts = [(f"[{c.n}] {c.title} · {c.section}"[:80], f"{c.doc_id}|{c.start}|{c.end}") for c in answer.citations]
            opts += [(f"另见 {passage_label(h.chunk, self._title_of)}"[:80],
                      f"{h.chunk.doc_id}|{h.chunk.start}|{h.chunk.end}") for h in see_also(answer)]
        return (
            render.answer_html(answer, pending=pending),
            render.cards_html(answer, self._title_of) + see_also_html(answer, self._title_of),
            gr.update(choices=opts, value=opts[0][1] if opts else None),
            answer,
        )

    def _title_of(self, doc_id: str) -> str:
        doc = self.service.document(doc_id)
        return doc.meta.title if doc else doc_id

    def _ask_json(self, question: str) -> dict[str, Any]:
        """API: the same JSON object as `govkb ask --json`."""
        return answer_dict(self.service.ask(question or ""), self._title_of)

    def _open_passage(self, target: str | None) -> tuple[Any, ...]:
        if not target:
            raise gr.Error("请先选择一条引文。")
        doc_id, start, end = target.rsplit("|", 2)
        outline, body = self._doc_html(doc_id, int(start), int(end))
        return gr.Tabs(selected="lib"), gr.update(value=doc_id), outline, body

    def _doc_html(self, doc_id: str | None, start: int | None = None, end: int | None = None) -> tuple[str, str]:
        cur = self.service.document(self.service.superseded().get(doc_id or "", ""))
        status = f"已修订，现行版本：{cur.meta.date}（{cur.doc_id}）" if cur else ""
        diff = self.service.version_diff(doc_id) if doc_id else None
        versions = version_diff_html(diff, viewing=doc_id) if diff is not None and doc_id else ""
        return render.document_html(self.service.document(doc_id) if doc_id else None, start, end, status=status,
                                    versions=versions)

    def _show_doc(self, doc_id: str | None) -> tuple[str, str]:
        return self._doc_html(doc_id)

    def _on_load(self, request: gr.Request) -> tuple[Any, ...]:
        """A deep link (?doc=…&start=…&end=…) opens the library at that passage."""
        params = dict(request.query_params) if request is not None else {}
        doc = self.service.document(params.get("doc", ""))
        if doc is None:
            return gr.Tabs(), gr.update(), gr.update(), gr.update()
        try:
            start, end = int(params.get("start", "")), int(params.get("end", ""))
            outline, body = self._doc_html(doc.doc_id, start, end)
        except ValueError:
            outline, body = self._doc_html(doc.doc_id)
        return gr.Tabs(selected="lib"), gr.update(value=doc.doc_id), outline, body

    def _export(self, answer: Answer | None) -> tuple[str, str]:
        if answer is None or not answer.question:
            raise gr.Error("请先在“问答”中提问。")
        md = to_markdown(answer, self.service.document)
        path = self.export_dir / f"govkb-answer-{int(time.time() * 1000)}.md"
        path.write_text(md, encoding="utf-8")
        return md, str(path)

    def _rate(self, answer: Answer | None, rating: int, comment: str) -> str:
        if answer is None or not answer.question:
            return "请先提问，再评价答案。"
        self.feedback.add(answer, rating, comment or "")
        return "已记录您的反馈，谢谢！"

    # --- layout --------------------------------------------------------------------
    def _qa_tab(self) -> None:
        docs = self.service.documents()
        with gr.Row():
            self.question = gr.Textbox(label="问题", placeholder="例如：怎么制定权责清单？", scale=5, elem_id="question")
            self.ask_btn = gr.Button("提问", variant="primary", scale=1, elem_id="ask-btn")
        # The switch exists only when a model is configured: without one nothing on the page changes.
        self.mode = gr.Radio([EXTRACT_MODE, MODEL_MODE], value=MODEL_MODE, label="回答方式", elem_id="answer-mode",
                             info="原文摘录：逐字引用原文句子。大模型归纳：由大模型概括多段原文，每句都对照所引段落核验。"
                             ) if self.service.model_mode() else None
        with gr.Accordion("筛选（类型、地区、来源、文档、旧版本）", open=False), gr.Row():
            self.kind_f = gr.CheckboxGroup(sorted({d.meta.kind for d in docs if d.meta.kind}), label="文档类型")
            self.region_f = gr.CheckboxGroup(sorted({d.meta.region for d in docs if d.meta.region}), label="地区")
            self.old_f = gr.Checkbox(label="包含已修订的旧版本法规", elem_id="include-superseded")
            self.source_f = gr.CheckboxGroup(sorted({d.meta.source for d in docs if d.meta.source}), label="来源")
            self.doc_f = gr.Dropdown(self._doc_choices(), multiselect=True, label="文档")
        for audience, qs in EXAMPLES.items():
            gr.Examples(examples=[[q] for q in qs], inputs=[self.question], label=f"示例问题 · {audience}")
        with gr.Row():
            with gr.Column(scale=3):
                self.answer_out = gr.HTML(elem_id="answer")
                with gr.Row():
                    self.passage_pick = gr.Dropdown([], label="在文库中打开引文", scale=4, elem_id="passage-pick")
                    self.open_btn = gr.Button("打开原文", scale=1, elem_id="open-btn")
                with gr.Row():
                    self.up_btn = gr.Button("👍 有用", size="sm")
                    self.down_btn = gr.Button("👎 没用", size="sm")
                    self.comment = gr.Textbox(label="意见（可选）", scale=3)
                self.feedback_msg = gr.Markdown()
            with gr.Column(scale=4):
                self.cards_out = gr.HTML(elem_id="citations")

    def _library_tab(self) -> None:
        lib_html, rows = self._library()
        self.library_groups = gr.HTML(lib_html, elem_id="library-groups")
        with gr.Accordion("全部文档（表格）", open=False):
            self.library = gr.Dataframe(value=rows, headers=["ID", "标题", "类型", "地区", "版本", "状态", "段数"],
                                        interactive=False, label="全部文档", elem_id="library-table")
        self.lib_doc = gr.Dropdown(self._doc_choices(), label="阅读文档", elem_id="lib-doc")
        with gr.Row():
            self.outline_out = gr.HTML(elem_id="outline")
            self.doc_out = gr.HTML(elem_id="doc")

    def _build(self) -> gr.Blocks:
        with gr.Blocks(title="GovKB 治理知识库") as blocks:
            last_answer = gr.State(None)
            is_admin = gr.State(False)
            gr.Markdown("# GovKB 治理知识库\n答案中的每一句都逐字引自原文，并注明出处；找不到依据时会明确说明。"
                        + ("选择“大模型归纳”时，句子由大模型写成，每句都对照所引原文核验。" if self.service.model_mode() else ""))
            with gr.Tabs(selected="qa") as tabs:
                with gr.Tab("问答", id="qa"):
                    self._qa_tab()
                with gr.Tab("文库", id="lib"):
                    self._library_tab()
                with gr.Tab("引文核查", id="check"):
                    CheckTab(self.service, self.export_dir).build()
                with gr.Tab("导出", id="export"):
                    gr.Markdown("把当前答案及其出处导出为 Markdown（参考文献按 GB/T 7714 著录），可复制或下载。")
                    export_btn = gr.Button("导出当前答案", elem_id="export-btn")
                    export_md = gr.Textbox(label="Markdown", lines=14, buttons=["copy"], elem_id="export-md")
                    export_file = gr.File(label="下载")
                with gr.Tab("上传与管理", id="admin"):
                    self._admin_tab()

            ask_inputs = [self.question, self.kind_f, self.source_f, self.doc_f, self.region_f, self.old_f]
            ask_outputs = [self.answer_out, self.cards_out, self.passage_pick, last_answer]
            handler: Any = self._ask
            if self.mode is not None:
                handler, ask_inputs = self._ask_model, [*ask_inputs, self.mode]
            self.ask_btn.click(handler, ask_inputs, ask_outputs, api_name="ask")
            self.question.submit(handler, ask_inputs, ask_outputs, api_visibility="private")
            gr.api(self._ask_json, api_name="ask_json")
            reader = [tabs, self.lib_doc, self.outline_out, self.doc_out]
            self.open_btn.click(self._open_passage, [self.passage_pick], reader, api_visibility="private").then(
                None, js=SCROLL_JS
            )
            self.lib_doc.input(self._show_doc, [self.lib_doc], [self.outline_out, self.doc_out], api_name="document")
            export_btn.click(self._export, [last_answer], [export_md, export_file], api_name="export")
            self.up_btn.click(lambda a, c: self._rate(a, 1, c), [last_answer, self.comment], [self.feedback_msg],
                              api_name="feedback_up")
            self.down_btn.click(lambda a, c: self._rate(a, -1, c), [last_answer, self.comment], [self.feedback_msg],
                                api_name="feedback_down")
            self.login_btn.click(self.service.login, [self.user_in, self.pass_in], [is_admin, self.login_msg],
                                 api_name="login")
            doc_lists = [self.del_doc, self.library, self.library_groups, self.lib_doc, self.doc_f]
            self.upload_btn.click(self._upload, [self.files_in, is_admin], [self.upload_out, *doc_lists], api_name="upload")
            self.del_btn.click(self._delete, [self.del_doc, is_admin], [self.del_msg, *doc_lists], api_name="delete")
            self.fb_btn.click(self._export_feedback, [is_admin], [self.fb_file], api_name="export_feedback")
            blocks.load(self._on_load, None, reader, api_visibility="private").then(None, js=SCROLL_JS)
            # Another instance may have added or removed documents since the page was built.
            blocks.load(lambda: self._refreshed(), None, doc_lists, api_visibility="private")
        return blocks

    def launch_kwargs(self) -> dict[str, Any]:
        """launch() options: loopback, no share link, no SSR, capped uploads, only our own temp files."""
        settings = self.service.settings
        return {
            "server_name": settings.server.host,
            "share": False,
            "ssr_mode": False,
            "max_file_size": int(settings.server.max_file_size_mb * 1024 * 1024),
            "allowed_paths": [str(self.export_dir)],
            "blocked_paths": [str(Path(settings.data_dir).resolve())],
            "css": render.CSS,
            "footer_links": [],
        }


def build_ui(service: GovKB) -> WebUI:
    """The web UI over `service`, with feedback stored in its data dir."""
    ui = WebUI(service, FeedbackStore(Path(service.settings.data_dir) / "feedback.sqlite"))
    ui.blocks.queue(default_concurrency_limit=service.settings.server.concurrency)
    return ui
