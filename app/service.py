"""The answer service: one object the CLI, the web app and the evaluation all call."""

from __future__ import annotations

import hmac
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path

from app import laws
from app.answer import compose
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
            mode: str | None = None) -> Answer:
        question = question.strip()
        t0 = time.perf_counter()
        if not question:
            return Answer(question="", answer="请输入问题。", refused=True, citations=[], hits=[])
        if not self.kb.chunks():
            raise EmptyKnowledgeBaseError(
                f"知识库是空的（数据目录 {self.settings.data_dir}）：还没有入库任何文档。"
                "请先运行 `govkb ingest` 入库 corpus/，或 `govkb ingest 文件或目录`。"
            )
        superseded = self.retriever.superseded()
        filters = self._with_versions(question, filters or Filters(), superseded)
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
        laws.annotate(answer, self.kb.document, superseded)
        answer.timings = {**result.timings, "answer": time.perf_counter() - t1, "total": time.perf_counter() - t0}
        return answer

    def _with_versions(self, question: str, filters: Filters, superseded: dict[str, str]) -> Filters:
        """A question that names an old version by year (2007年版突发事件应对法) searches that version."""
        if not superseded or filters.doc_id:
            return filters
        wanted = laws.version_request(question, self.kb.facts(), superseded)
        return replace(filters, versions=tuple(sorted({*filters.versions, *wanted}))) if wanted else filters

    def superseded(self) -> dict[str, str]:
        """{older version's doc_id: current version's doc_id} for the laws stored in two versions or more."""
        return self.retriever.superseded()

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
