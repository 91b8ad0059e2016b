"""The web app's 引文核查 tab: one quote, or a whole draft (pasted or uploaded) with a Markdown report to download."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from app import render_check
from app.draft import read_draft
from app.quotecheck import check_quote
from app.verify import report_markdown, verify_draft
from govkb.errors import GovKBError

if TYPE_CHECKING:
    from app.service import GovKB

SINGLE, DRAFT = "单句核查", "整篇文稿"


def path_of(upload: Any) -> Path:
    """The server-side path of an uploaded file, whichever form Gradio hands it in."""
    return Path(upload if isinstance(upload, str) else getattr(upload, "name", str(upload)))


class CheckTab:
    """Built inside the Blocks' 引文核查 tab; its handlers call the quote check and the draft check."""

    def __init__(self, service: GovKB, export_dir: Path) -> None:
        self.service = service
        self.export_dir = export_dir

    def quote_check(self, text: str) -> str:
        """API: one quote's verdict as HTML."""
        return render_check.quote_check_html(check_quote(self.service, text or ""))

    def verify_json(self, draft: str) -> dict[str, Any]:
        """API: a whole draft's check, the same JSON object as `govkb verify --json`."""
        try:
            return verify_draft(self.service, draft or "").to_dict()
        except GovKBError as exc:
            raise gr.Error(str(exc)) from exc

    def check(self, mode: str, text: str, upload: Any) -> tuple[str, str | None]:
        """The tab's button: a single quote, or a whole draft with its report written for download."""
        if mode != DRAFT:
            return self.quote_check(text), None
        try:
            name = path_of(upload).name if upload else "文稿"
            text = read_draft(path_of(upload)) if upload else text or ""
            if not text.strip():
                raise gr.Error("请粘贴文稿全文，或上传 TXT / Markdown 文件。")
            report = verify_draft(self.service, text, name)
        except GovKBError as exc:
            raise gr.Error(str(exc)) from exc
        path = self.export_dir / f"govkb-verify-{int(time.time() * 1000)}.md"
        path.write_text(report_markdown(report), encoding="utf-8")
        return render_check.draft_report_html(report), str(path)

    def build(self) -> None:
        gr.Markdown(
            "单句：核对一段文字是否为原文、出自何处（《标题》第X条）、哪里不一致。整篇文稿：逐条核对讲稿或课件中"
            "引号内的引文和注明出处的句子（《…》、第X条、根据…规定、指出、强调），生成可下载的核查报告。"
        )
        mode = gr.Radio([SINGLE, DRAFT], value=SINGLE, label="核查方式", elem_id="check-mode")
        text = gr.Textbox(label="待核查的文字（或整篇文稿）", lines=6, elem_id="quote-in")
        upload = gr.File(label="或上传文稿（TXT / Markdown，整篇文稿方式）", file_types=[".txt", ".md"])
        button = gr.Button("核查", variant="primary", elem_id="check-btn")
        out = gr.HTML(elem_id="quote-out")
        report = gr.File(label="下载核查报告（Markdown）", elem_id="check-report")
        button.click(self.check, [mode, text, upload], [out, report], api_name="check")
        gr.api(self.quote_check, api_name="quote_check")
        gr.api(self.verify_json, api_name="verify_draft")
