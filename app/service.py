"""The answer service: one object the CLI, the web app and the evaluation all call."""

from __future__ import annotations

import hmac
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.answer import compose
from app.llm import ChatClient, not_configured
from app.sync import IngestReport, Progress, sync
from govkb.errors import GovKBError
from govkb.settings import Settings
from govkb.text import safe_filename
from govkb.types import Answer, Document, Filters
from index import check as checker
from index.kb import KnowledgeBase
from index.retriever import Retriever
from ingest.loaders import SUPPORTED_SUFFIXES


class EmptyKnowledgeBaseError(GovKBError):
    """A question was asked before anything was ingested."""

    exit_code = 5


@dataclass
class UploadResult:
    name: str
    status: str  # "added", "updated", "unchanged", "error", "skipped"
    detail: str


class GovKB:
    """Ingest, ask, read, check and administer one knowledge base."""

    def __init__(self, settings: Settings, *, rebuild: bool = False) -> None:
        self.settings = settings
        self.kb = KnowledgeBase(settings, rebuild=rebuild)
        self.retriever = Retriever(self.kb)
        self._chat: ChatClient | None = None

    # --- ingest and delete ---------------------------------------------------------
    def ingest(self, paths: list[Path] | None = None, progress: Progress | None = None) -> IngestReport:
        report = sync(self.kb, paths or [Path(self.settings.corpus_dir)], self.settings, progress=progress)
        self.retriever = Retriever(self.kb)  # document metadata (filter columns) may have changed
        return report

    def delete(self, doc_id: str) -> bool:
        ok = self.kb.remove_document(doc_id)
        self.retriever = Retriever(self.kb)
        return ok

    def repair(self) -> checker.CheckReport:
        """Fix what check() finds: drop orphan chunks, forget damaged documents and ingest them
        again from their source files, rebuild the keyword index."""
        report = checker.check(self.kb)
        if report.ok:
            return report
        manifest = self.kb.manifest()
        with self.kb.writing():
            if report.orphans:
                self.kb.delete_chunks(sorted(report.orphans))
                report.repaired.append(f"删除了 {len(report.orphans)} 个孤立段落")
            sources: list[Path] = []
            for doc_id in sorted(report.redo):
                src = Path(manifest.get(doc_id, {}).get("path") or "/nonexistent")
                self.kb.remove_document(doc_id)
                if src.is_file():
                    sources.append(src)
                else:
                    report.repaired.append(f"{doc_id}：源文件不存在，已从库中移除")
            if sources:
                for f in sync(self.kb, sources, self.settings, prune=False).files:
                    report.repaired.append(f"{f.doc_id}：重新入库 → {f.status}" + (f"（{f.reason}）" if f.reason else ""))
            self.kb.rebuild_keyword()
        report.repaired.append("重建了关键词索引")
        self.retriever = Retriever(self.kb)
        return report

    # --- asking and reading --------------------------------------------------------
    def is_empty(self) -> bool:
        return self.kb.count() == 0

    def ask(self, question: str, *, filters: Filters | None = None, top_k: int | None = None,
            mode: str | None = None, llm: bool | None = None) -> Answer:
        """Answer a question; with the model mode on (llm=True, or None and llm.enabled), a model
        rewrites a non-refused answer and only its verified sentences are kept."""
        question = question.strip()
        t0 = time.perf_counter()
        if not question:
            return Answer(question="", answer="请输入问题。", refused=True, citations=[], hits=[])
        if not self.kb.chunks():
            raise EmptyKnowledgeBaseError(
                f"知识库是空的（数据目录 {self.settings.data_dir}）：还没有入库任何文档。"
                "请先运行 `govkb ingest` 入库 corpus/，或 `govkb ingest 文件或目录`。"
            )
        result = self.retriever.search(question, top_k=top_k, mode=mode, filters=filters)
        t1 = time.perf_counter()
        answer = compose(
            question,
            result.hits,
            result.signals,
            cfg=self.settings.answer,
            document=self.kb.document,
            idf=self.kb.keyword().idf,
        )
        answer.timings = {**result.timings, "answer": time.perf_counter() - t1, "total": time.perf_counter() - t0}
        if self.model_mode(llm) and not answer.refused:
            *_, answer = self._synthesize(answer, stream=False)
        return answer

    # --- model mode ----------------------------------------------------------------
    def ask_stream(self, question: str, *, filters: Filters | None = None, top_k: int | None = None,
                   mode: str | None = None, llm: bool | None = None) -> Iterator[Answer]:
        """Like ask(), yielding the verified answer as the model writes it; the final answer last."""
        answer = self.ask(question, filters=filters, top_k=top_k, mode=mode, llm=False)
        if answer.question and self.model_mode(llm) and not answer.refused:
            yield from self._synthesize(answer, stream=True)
        else:
            yield answer

    def model_mode(self, llm: bool | None = None) -> bool:
        """Whether to ask the model: explicitly, or by default when llm.enabled and configured."""
        cfg = self.settings.llm
        if llm is None:
            return cfg.enabled and cfg.configured
        if llm and not cfg.configured:
            raise not_configured()
        return llm

    def _synthesize(self, answer: Answer, *, stream: bool) -> Iterator[Answer]:
        from app.synthesis import synthesize, vocabulary

        if self._chat is None:
            self._chat = ChatClient(self.settings.llm)
        known = vocabulary(self.kb.keyword().idf)
        return synthesize(answer, self._chat, self.settings.llm, self.kb.document, known, stream=stream)

    def documents(self) -> list[Document]:
        return self.kb.documents()

    def document(self, doc_id: str) -> Document | None:
        return self.kb.document(doc_id)

    def chunk_counts(self) -> dict[str, int]:
        """Chunks per document, as the manifest records them."""
        return {doc_id: int(e.get("chunks", 0)) for doc_id, e in self.kb.manifest().items()}

    # --- administration ------------------------------------------------------------
    def login(self, user: str, password: str) -> tuple[bool, str]:
        """Check the admin credentials from the settings; a wrong guess costs a second."""
        cfg = self.settings.server
        if not cfg.admin_password:
            return False, "管理功能未启用：请设置环境变量 GOVKB_SERVER__ADMIN_PASSWORD。"
        ok = hmac.compare_digest((user or "").encode(), cfg.admin_user.encode()) & hmac.compare_digest(
            (password or "").encode(), cfg.admin_password.encode()
        )
        if not ok:
            time.sleep(1.0)
            return False, "用户名或密码错误。"
        return True, f"已登录：{cfg.admin_user}"

    def upload(self, files: list[Path], progress: Progress | None = None) -> list[UploadResult]:
        """Copy uploaded files under data/uploads with safe names, then ingest them."""
        folder = (Path(self.settings.data_dir) / "uploads").resolve()
        folder.mkdir(parents=True, exist_ok=True)
        results: list[UploadResult] = []
        saved: list[Path] = []
        for src in files:
            name = safe_filename(src.name)
            dest = (folder / name).resolve()
            if Path(name).suffix not in SUPPORTED_SUFFIXES:
                results.append(UploadResult(src.name, "error", f"不支持的文件类型（支持 {'、'.join(SUPPORTED_SUFFIXES)}）"))
            elif dest.parent != folder:
                results.append(UploadResult(src.name, "error", "文件名不安全"))
            else:
                shutil.copyfile(src, dest)
                saved.append(dest)
        if saved:
            for r in self.ingest(saved, progress=progress).files:
                detail = r.reason or f"{r.chunks} 段" + ("；" + "；".join(r.warnings) if r.warnings else "")
                results.append(UploadResult(Path(r.path).name, r.status, detail))
        return results
