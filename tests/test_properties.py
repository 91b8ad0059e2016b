"""Property tests (Hypothesis): offsets, ids, metadata types, the quote verifier, and ingest as a state machine."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from govkb.settings import ChunkSettings, load_settings
from govkb.text import is_verbatim
from govkb.types import DocMeta, Document
from index.store import chunk_metadata
from ingest.chunk import build_sections, chunk_document
from ingest.clean import assemble, clean
from ingest.loaders import RawLine, RawText
from tests.conftest import ingest

HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
PUNCT = st.sampled_from(list("，。；！？、：“”「」（）,.:") + [" ", "\u3000"])
WORD = st.text(alphabet=st.one_of(HAN, HAN, HAN, PUNCT, st.sampled_from("abc123")), min_size=1, max_size=60)
HEADING = st.sampled_from(["一、总则", "（二）权责清单", "(三) 资源整合", "2.1. 协同治理", "## 实践案例", "第一，构建网络。"])
LINE = st.one_of(WORD, HEADING, st.just(""), st.just("扫一扫  加微信"), st.just("编辑:某某"), st.just("**作者简介：**某某"))
DOC_LINES = st.lists(LINE, min_size=1, max_size=40)


def _prepare(lines: list[str], fmt: str) -> tuple[Document, list]:
    raw = RawText(lines=[RawLine(t, page=(i // 10 + 1) if fmt == "pdf" else None) for i, t in enumerate(lines)], fmt=fmt)
    text, pages, starts = assemble(clean(raw, title="标题"))
    doc = Document(meta=DocMeta("doc", "标题"), text=text, pages=pages)
    doc.sections = build_sections(text, starts)
    return doc, chunk_document(doc, doc.sections, ChunkSettings(max_chars=120, min_chars=60))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOC_LINES, st.sampled_from(["text", "markdown", "pdf"]))
def test_chunk_offsets_always_reproduce_the_text(lines: list[str], fmt: str) -> None:
    doc, chunks = _prepare(lines, fmt)
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert c.text == c.text.strip() and c.text
        assert len(c.text) <= 120
    # Every non-space character of the stored text is in some chunk.
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    assert all(i in covered for i, ch in enumerate(doc.text) if not ch.isspace())


@settings(max_examples=60, deadline=None)
@given(DOC_LINES)
def test_chunk_ids_are_deterministic_and_unique(lines: list[str]) -> None:
    _, first = _prepare(lines, "text")
    _, second = _prepare(lines, "text")
    assert [c.chunk_id for c in first] == [c.chunk_id for c in second]
    assert len({c.chunk_id for c in first}) == len(first)


@settings(max_examples=60, deadline=None)
@given(DOC_LINES, st.sampled_from(["text", "pdf"]), st.text(max_size=20), st.text(max_size=20))
def test_chunk_metadata_has_only_chroma_types(lines: list[str], fmt: str, kind: str, source: str) -> None:
    _, chunks = _prepare(lines, fmt)
    meta = DocMeta("doc", "标题", kind=kind, source=source)
    for c in chunks:
        md = chunk_metadata(c, meta)
        assert all(isinstance(v, str | int | float | bool) and v is not None for v in md.values())


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=200), st.data())
def test_quote_verifier_accepts_exact_substrings_and_rejects_altered_ones(text: str, data: st.DataObject) -> None:
    doc = Document(meta=DocMeta("d", "t"), text=text)
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    assert is_verbatim(doc.text, quote, start, end)
    i = data.draw(st.integers(0, len(quote) - 1))
    replacement = data.draw(st.characters().filter(lambda ch: ch != quote[i]))
    altered = quote[:i] + replacement + quote[i + 1 :]
    assert not is_verbatim(doc.text, altered, start, end)
    assert not is_verbatim(doc.text, quote + "x", start, end)


SENTENCES = st.lists(st.sampled_from([
    "社区党组织开列权责清单。", "加快社区内部资源整合。", "网格员每月巡查一次。", "华胜社区共有居民四千余户。",
    "居民议事会每季度召开一次。", "志愿者负责楼道清理。", "应急物资由网格长清点。", "制度清单要简单明了。",
]), min_size=1, max_size=6)


class IngestMachine(RuleBasedStateMachine):
    """Files are created, edited and deleted; after each ingest the KB holds exactly the model's files."""

    def __init__(self) -> None:
        super().__init__()
        from index.kb import KnowledgeBase

        self.tmp = Path(tempfile.mkdtemp(prefix="govkb-state-"))
        self.folder = self.tmp / "docs"
        self.folder.mkdir()
        self.kb = KnowledgeBase(load_settings(data_dir=self.tmp / "data", cache_dir=Path(tempfile.gettempdir()) / "govkb-prop-cache",
                                               embedder={"mode": "mock"}))
        self.model: dict[str, str] = {}

    @rule(name=st.sampled_from(["a", "b", "c", "d"]), body=SENTENCES)
    def write(self, name: str, body: list[str]) -> None:
        text = f"文档{name}\n\n" + "\n\n".join(body)
        (self.folder / f"{name}.txt").write_text(text, encoding="utf-8")
        self.model[name] = text

    @rule(name=st.sampled_from(["a", "b", "c", "d"]))
    def delete(self, name: str) -> None:
        (self.folder / f"{name}.txt").unlink(missing_ok=True)
        self.model.pop(name, None)

    @rule()
    def ingest_folder(self) -> None:
        report = ingest(self.kb, self.folder)
        assert not report.errors

    @rule()
    def query(self) -> None:
        from index.retriever import Retriever

        ingest(self.kb, self.folder)
        hits = Retriever(self.kb).search("权责清单", top_k=5).hits
        assert {h.chunk.doc_id for h in hits} <= set(self.model)

    @invariant()
    def stored_documents_match_the_model_after_ingest(self) -> None:
        manifest = self.kb.manifest()
        for doc_id in manifest:
            doc = self.kb.document(doc_id)
            assert doc is not None
            chunks = [c for c in self.kb.chunks().values() if c.doc_id == doc_id]
            assert len(chunks) == manifest[doc_id]["chunks"]
            assert all(doc.text[c.start : c.end] == c.text for c in chunks)
        assert set(self.kb.keyword().ids) == set(self.kb.store.all_ids())

    def teardown(self) -> None:
        ingest(self.kb, self.folder)
        assert set(self.kb.manifest()) == set(self.model)
        shutil.rmtree(self.tmp, ignore_errors=True)


IngestMachine.TestCase.settings = settings(max_examples=8, stateful_step_count=8, deadline=None,
                                           suppress_health_check=[HealthCheck.too_slow])
TestIngestMachine = IngestMachine.TestCase
