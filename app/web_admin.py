"""The 上传与管理 tab of the web app: admin login, upload, delete, feedback export (a WebUI mixin)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from govkb.errors import GovKBError
from ingest.loaders import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from app.feedback import FeedbackStore
    from app.service import GovKB

READ_ONLY_NOTE = "此实例为只读实例：可以问答、阅读和导出反馈；上传与删除请在写入实例上进行。"
UPLOAD_LABELS = {"added": "成功（新增）", "updated": "成功（更新）", "unchanged": "未变", "error": "失败", "skipped": "跳过"}


class AdminTab:
    """Admin actions, each checked on the server (hiding a button is not access control)."""

    service: GovKB
    feedback: FeedbackStore
    export_dir: Path

    def _doc_choices(self) -> list[tuple[str, str]]:
        raise NotImplementedError

    def _library(self) -> tuple[str, list[list[Any]]]:
        raise NotImplementedError

    def _require_admin(self, is_admin: bool, *, writes: bool = True) -> None:
        # Checked on the server for every admin action: hiding buttons is not access control.
        if writes and self.service.settings.read_only:
            raise gr.Error(READ_ONLY_NOTE)
        if not is_admin:
            raise gr.Error("需要管理员登录后才能上传或删除文档。")

    def _upload(self, files: list[Any] | None, is_admin: bool, progress: gr.Progress = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        self._require_admin(is_admin)
        if not files:
            raise gr.Error("请选择要上传的文件（PDF、TXT、Markdown）。")
        paths = [Path(f if isinstance(f, str) else getattr(f, "name", str(f))) for f in files]
        try:
            results = self.service.upload(paths, progress=lambda stage, done, total: progress((done, max(total, 1)), desc=stage))
        except GovKBError as exc:  # another instance is writing, the server is unreachable ...
            raise gr.Error(str(exc)) from exc
        rows = [[r.name, UPLOAD_LABELS.get(r.status, r.status), r.detail] for r in results]
        return rows, *self._refreshed()

    def _refreshed(self) -> tuple[Any, ...]:
        """New document lists for every place that shows them, after an upload or a delete."""
        docs = self._doc_choices()
        lib_html, rows = self._library()
        return (
            gr.update(choices=docs, value=None),
            gr.update(value=rows),
            lib_html,
            gr.update(choices=docs),
            gr.update(choices=docs),
        )

    def _delete(self, doc_id: str | None, is_admin: bool) -> tuple[Any, ...]:
        self._require_admin(is_admin)
        if not doc_id:
            raise gr.Error("请选择要删除的文档。")
        try:
            ok = self.service.delete(doc_id)
        except GovKBError as exc:
            raise gr.Error(str(exc)) from exc
        return ("已删除：" + doc_id) if ok else ("文档不存在：" + doc_id), *self._refreshed()

    def _export_feedback(self, is_admin: bool) -> str:
        self._require_admin(is_admin, writes=False)
        return str(self.feedback.export_csv(self.export_dir / f"govkb-feedback-{int(time.time())}.csv"))

    def _admin_tab(self) -> None:
        writable = not self.service.settings.read_only
        if not writable:
            gr.Markdown(READ_ONLY_NOTE, elem_id="read-only-note")
        with gr.Row():
            self.user_in = gr.Textbox(label="管理员", elem_id="admin-user")
            self.pass_in = gr.Textbox(label="密码", type="password", elem_id="admin-pass")
            self.login_btn = gr.Button("登录", elem_id="login-btn")
        self.login_msg = gr.Markdown(elem_id="login-msg")
        self.files_in = gr.File(label="上传 PDF / TXT / Markdown", file_count="multiple", visible=writable,
                                file_types=list(SUPPORTED_SUFFIXES), elem_id="upload-files")
        self.upload_btn = gr.Button("上传并入库", variant="primary", elem_id="upload-btn", visible=writable)
        self.upload_out = gr.Dataframe(headers=["文件", "结果", "说明"], interactive=False, label="入库结果",
                                       elem_id="upload-result", visible=writable)
        with gr.Row(visible=writable):
            self.del_doc = gr.Dropdown(self._doc_choices(), label="删除文档", elem_id="del-doc")
            self.del_btn = gr.Button("删除", variant="stop")
        self.del_msg = gr.Markdown()
        self.fb_btn = gr.Button("导出反馈（CSV）")
        self.fb_file = gr.File(label="反馈记录")

