"""The answer service: one object the CLI, the web app and the evaluation all call."""

from __future__ import annotations

import hmac
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from app import laws, revisions
from app.answer import answer as compose_answer
from app.answer import null_evidence
from app.direct import VERBATIM
from app.llm import ChatClient, not_configured
from app.sync import IngestReport, Progress, sync
from govkb.errors import GovKBError
from govkb.settings import Settings
from govkb.text import forms, safe_filename
from govkb.types import Answer, Chunk, DocMeta, Document, Filters, Hit
from index import check as checker
from index.kb import KnowledgeBase, ReadOnlyError
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
        self._null: tuple[tuple[int, int], float] | None = None
        self._metas: tuple[str, list[DocMeta]] | None = None

    # --- ingest and delete ---------------------------------------------------------
    def _require_writable(self) -> None:
        if self.settings.read_only:
            raise ReadOnlyError()

    def ingest(self, paths: list[Path] | None = None, progress: Progress | None = None) -> IngestReport:
        self._require_writable()
        with self.kb.reachable():
            report = sync(self.kb, paths or [Path(self.settings.corpus_dir)], self.settings, progress=progress)
        self.retriever = Retriever(self.kb)  # document metadata (filter columns) may have changed
        return report

    def delete(self, doc_id: str) -> bool:
        self._require_writable()
        with self.kb.reachable():
            ok = self.kb.remove_document(doc_id)
        self.retriever = Retriever(self.kb)
        return ok

    def repair(self) -> checker.CheckReport:
        """Fix what check() finds: drop orphan chunks, forget damaged documents and ingest them
        again from their source files, rebuild the keyword index.

        The check runs while this instance holds the writer lock (in http mode the server's lease),
        so no other instance is half way through a write it could mistake for damage. Chunks are
        deleted only when the store itself (the server) has no record of their document, and a
        document whose source file this machine cannot read is left alone in http mode: another
        instance may have ingested it from its own disk."""
        self._require_writable()
        with self.kb.reachable(), self.kb.writing():
            report = checker.check(self.kb)
            if report.ok:
                return report
            manifest = self.kb.manifest()
            suspects = [c for c in self.kb.store.all_chunks() if c.chunk_id in report.orphans]
            absent = self.kb.docs.absent(sorted({c.doc_id for c in suspects}))
            orphans = sorted(c.chunk_id for c in suspects if c.doc_id in absent)
            if orphans:
                self.kb.delete_chunks(orphans)
                report.repaired.append(f"删除了 {len(orphans)} 个孤立段落")
            if report.stray:  # the sentences of chunks no longer stored: nothing can use them
                self.kb.delete_chunks(sorted(report.stray))
                report.repaired.append(f"删除了 {len(report.stray)} 个已不存在的段落的句子向量")
            sources: list[Path] = []
            shared = self.settings.chroma.mode == "http"
            for doc_id in sorted(report.redo):
                src = Path(manifest.get(doc_id, {}).get("path") or "/nonexistent")
                if src.is_file():
                    self.kb.remove_document(doc_id)
                    sources.append(src)
                elif shared:
                    report.repaired.append(f"{doc_id}：源文件 {src} 不在本机，未改动（请在入库它的实例上修复）")
                else:
                    self.kb.remove_document(doc_id)
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
            mode: str | None = None, engine: str | None = None, llm: bool | None = None) -> Answer:
        """Answer a question; with the model mode on (llm=True, or None and llm.enabled), a model
        rewrites a non-refused answer and only its verified sentences are kept."""
        with self.kb.reachable():
            answer = self._ask(question.strip(), filters=filters, top_k=top_k, mode=mode, engine=engine)
        if self.model_mode(llm) and not answer.refused and answer.kind not in VERBATIM:  # a law's own words stand
            *_, answer = self._synthesize(answer, stream=False)
        return answer

    def _ask(self, question: str, *, filters: Filters | None, top_k: int | None, mode: str | None,
             engine: str | None) -> Answer:
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
        cfg = self.settings.answer
        # (min_evidence 0 turns refusal off, the null bar with it)
        signals = {**result.signals, "null_evidence": self._null_evidence()} if cfg.null_probes and cfg.min_evidence > 0 \
            else result.signals
        answer = compose_answer(question, result.hits, signals, cfg=cfg, library=self, engine=engine)
        laws.annotate(answer, self.kb.document, superseded)
        answer.timings = {**result.timings, "answer": time.perf_counter() - t1, "total": time.perf_counter() - t0}
        return answer

    def _null_evidence(self) -> float:
        """What questions about nothing in the library score in it (app.answer.NULL_PROBES), measured
        once per state of the library (its passage and document counts)."""
        key = (self.kb.count(), len(self.metas()))
        if self._null is None or self._null[0] != key:
            def search(q: str) -> tuple[list[Hit], dict[str, float]]:
                r = self.retriever.search(q, top_k=10, mode="hybrid")
                return r.hits, r.signals

            self._null = (key, null_evidence(search, self, self.settings.answer))
        return self._null[1]

    # --- what the answer engine reads (app.evidence.Library) --------------------------
    def doc_chunks(self, doc_id: str) -> list[Chunk]:
        return self.kb.doc_chunks(doc_id)

    def idf(self, tokens: list[str]) -> dict[str, float]:
        return self.kb.keyword().idf(tokens)

    def search(self, query: str, top_k: int, filters: Filters | None = None) -> list[Hit]:
        return self.retriever.search(query, top_k=top_k, filters=filters).hits

    def known(self, text: str) -> bool:
        """Does `text` occur verbatim in some passage? (Checked among its best keyword matches.)"""
        kw = self.kb.keyword()
        scores = kw.scores(text)
        if not scores.size or float(scores.max()) <= 0:
            return False
        chunks = self.kb.chunks()
        top = np.argsort(-scores)[:10]
        return any(text in chunks[kw.ids[i]].text for i in top if scores[i] > 0)

    def vectors(self, texts: list[str]) -> np.ndarray:
        return self.kb.embedder.passages(texts)

    def size(self) -> int:
        return len(self.kb.chunks())

    def mentions(self, word: str, at_most: int) -> int:
        return self.kb.view().mentions(forms(word), at_most)

    def query_vector(self, text: str) -> np.ndarray:
        return self.kb.embedder.query(text)

    def metas(self) -> list[DocMeta]:
        """Every document's metadata, read again when the library changed (~20 ms a listing at 100k passages)."""
        rev = self.kb.revision()
        if self._metas is None or self._metas[0] != rev:
            self._metas = (rev, [d.meta for d in self.kb.documents()])
        return self._metas[1]

    # --- model mode ----------------------------------------------------------------
    def ask_stream(self, question: str, *, filters: Filters | None = None, top_k: int | None = None,
                   mode: str | None = None, llm: bool | None = None) -> Iterator[Answer]:
        """Like ask(), yielding the verified answer as the model writes it; the final answer last."""
        answer = self.ask(question, filters=filters, top_k=top_k, mode=mode, llm=False)
        if answer.question and self.model_mode(llm) and not answer.refused and answer.kind not in VERBATIM:
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

    def _with_versions(self, question: str, filters: Filters, superseded: dict[str, str]) -> Filters:
        """A question that names an old version by year (2007年版突发事件应对法) searches that version."""
        if not superseded or filters.doc_id:
            return filters
        wanted = laws.version_request(question, self.kb.facts(), superseded)
        return replace(filters, versions=tuple(sorted({*filters.versions, *wanted}))) if wanted else filters

    def holds_laws(self) -> bool:
        """Is any law or regulation (a versioned work) stored? Read from the manifest, not the documents."""
        with self.kb.reachable():
            return any(f["work"] for f in self.kb.facts().values())

    def version_diff(self, doc_id: str) -> revisions.VersionDiff | None:
        """A law's version against the one it is read with (revisions.version_diff); None with one version only."""
        return revisions.version_diff(doc_id, self.superseded(), self.document, self.metas())

    def superseded(self) -> dict[str, str]:
        """{older version's doc_id: current version's doc_id} for the laws stored in two versions or more."""
        return self.retriever.superseded()

    def documents(self) -> list[Document]:
        with self.kb.reachable():
            return self.kb.documents()

    def document(self, doc_id: str) -> Document | None:
        with self.kb.reachable():
            return self.kb.document(doc_id)

    def chunk_counts(self) -> dict[str, int]:
        """Chunks per document, as the manifest records them."""
        with self.kb.reachable():
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
        self._require_writable()
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
