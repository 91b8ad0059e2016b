"""Each sentence of a passage has a vector of its own (index.store.SentenceStore): kept in step with the passages
through every write, checked and repaired like them, and searched as a third ranking beside BM25 and the
passages' own vectors (mock embedder: its vectors are hashed characters, so a sentence's words find it)."""

from __future__ import annotations

from pathlib import Path

from app.service import GovKB
from app.sync import chunk_sentences
from index.check import check
from index.kb import KnowledgeBase
from tests.conftest import ingest


def _sentences_of(kb: KnowledgeBase) -> dict[str, int]:
    """{doc_id: sentence vectors stored}."""
    out: dict[str, int] = {}
    for doc_id, n in kb.sentences.per_chunk().values():
        out[doc_id] = out.get(doc_id, 0) + n
    return out


def test_every_sentence_is_stored_once_and_goes_with_its_document(make_settings, small_corpus: Path) -> None:
    kb = KnowledgeBase(make_settings())
    assert not ingest(kb, small_corpus).errors
    chunks = list(kb.chunks().values())
    owners, _ = chunk_sentences(chunks)
    assert kb.sentences.count() == len(owners) > len(chunks)
    manifest = kb.manifest()
    assert _sentences_of(kb) == {d: int(e["sentences"]) for d, e in manifest.items()}
    # Ingested again (unchanged), then one file edited: nothing is duplicated, the edited file's are replaced.
    assert ingest(kb, small_corpus).count("unchanged") == 2 and kb.sentences.count() == len(owners)
    doc = small_corpus / "celun-resilient-community.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n\n第七，社区新设的议事日每月第一个周六举行。\n", encoding="utf-8")
    assert ingest(kb, small_corpus).count("updated") == 1
    assert kb.sentences.count() == len(chunk_sentences(list(kb.chunks().values()))[0])
    assert check(kb).ok
    # Deleted with its document.
    assert GovKB(kb.settings).delete("celun-resilient-community")
    assert set(_sentences_of(kb)) == {d for d in kb.manifest()} and "celun-resilient-community" not in _sentences_of(kb)


def test_a_document_stored_before_sentences_had_vectors_is_stored_again_once(make_settings, small_corpus: Path) -> None:
    kb = KnowledgeBase(make_settings())
    ingest(kb, small_corpus)
    # As an older version left it: no sentence vectors, no count of them in the manifest.
    kb.sentences.delete_doc("celun-resilient-community")
    entry = dict(kb.manifest()["celun-resilient-community"])
    del entry["sentences"]
    doc = kb.document("celun-resilient-community")
    assert doc is not None
    with kb.writing():
        kb.docs.mark_pending(doc.doc_id)
        kb.docs.put(doc, entry)
        kb.docs.commit()
    assert check(kb).ok  # nothing recorded, nothing missing
    report = ingest(kb, small_corpus)
    assert report.count("updated") == 1 and report.count("unchanged") == 1 and report.embedded == 0  # all cached
    assert _sentences_of(kb)["celun-resilient-community"] == kb.manifest()["celun-resilient-community"]["sentences"] > 0
    assert ingest(kb, small_corpus).count("unchanged") == 2


def test_check_finds_missing_and_stray_sentence_vectors_and_repair_restores_them(make_settings,
                                                                                  small_corpus: Path) -> None:
    kb = KnowledgeBase(make_settings())
    ingest(kb, small_corpus)
    before = _sentences_of(kb)
    kb.sentences.delete_doc("celun-resilient-community")  # lost
    gone = next(c for c in kb.chunks().values() if c.doc_id == "party-led-resilience-paths-dahe")
    kb.store.delete_ids([gone.chunk_id])  # its passage lost: its sentences are stray
    report = check(kb)
    assert not report.ok and "celun-resilient-community" in report.redo and report.stray == {gone.chunk_id}
    assert any("句子向量" in p for p in report.problems)
    GovKB(kb.settings).repair()
    kb.invalidate()
    assert check(kb).ok and _sentences_of(kb) == before


def test_a_passage_is_found_by_its_one_sentence_that_says_what_is_asked(make_settings, small_corpus: Path) -> None:
    service = GovKB(make_settings())
    assert not service.ingest([small_corpus]).errors
    chunks = list(service.kb.chunks().values())
    owners, texts = chunk_sentences(chunks)
    # A sentence of a passage of several: its passage ranks first by sentence, closer than by its whole vector.
    i = max(range(len(texts)), key=lambda j: (sum(o is owners[j] for o in owners), len(texts[j])))
    owner, sentence = owners[i], texts[i]
    by_sentence = service.retriever.search(sentence, top_k=5, mode="sentence").hits
    assert by_sentence[0].chunk.chunk_id == owner.chunk_id and by_sentence[0].score > 0.999
    dense = service.retriever.search(sentence, top_k=50, mode="dense").hits
    assert next(h.dense for h in dense if h.chunk.chunk_id == owner.chunk_id) < 0.95
    # In the hybrid ranking it is the third list: a passage it ranks first gains over the two others alone.
    hybrid = service.retriever.search(sentence, top_k=5).hits
    assert hybrid[0].chunk.chunk_id == owner.chunk_id
