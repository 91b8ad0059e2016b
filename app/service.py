"""The answer service: one object the CLI, the web app and the evaluation all call."""

from __future__ import annotations

import time
from pathlib import Path

from app.answer import compose
from govkb.settings import Settings
from govkb.types import Answer, Document
from index.kb import IngestReport, KnowledgeBase, Progress
from index.retriever import Retriever


class GovKB:
    """Ingest, ask and read documents over one knowledge base."""

    def __init__(self, settings: Settings, *, rebuild: bool = False) -> None:
        self.settings = settings
        self.kb = KnowledgeBase(settings, rebuild=rebuild)
        self.retriever = Retriever(self.kb)

    def ingest(self, paths: list[Path] | None = None, progress: Progress | None = None) -> IngestReport:
        report = self.kb.ingest(paths or [Path(self.settings.corpus_dir)], progress=progress)
        self.retriever = Retriever(self.kb)
        return report

    def is_empty(self) -> bool:
        return self.kb.store.count() == 0

    def ask(
        self,
        question: str,
        *,
        filters: dict[str, list[str]] | None = None,
        top_k: int | None = None,
        mode: str | None = None,
    ) -> Answer:
        question = question.strip()
        t0 = time.perf_counter()
        if not question:
            return Answer(question="", answer="请输入问题。", refused=True, citations=[], hits=[])
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
        return answer

    def documents(self) -> list[Document]:
        return self.kb.documents()

    def document(self, doc_id: str) -> Document | None:
        return self.kb.document(doc_id)

    def delete(self, doc_id: str) -> bool:
        ok = self.kb.delete_document(doc_id)
        self.retriever = Retriever(self.kb)
        return ok
