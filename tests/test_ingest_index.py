"""Incremental ingest against the real embedder and a real Chroma: idempotent, updates, deletes."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.kb import KnowledgeBase
from index.store import EmbedderMismatchError
from ingest.catalog import read_catalog
from ingest.errors import IngestError
from ingest.pipeline import prepare_file
from tests.conftest import ingest


def _state(kb: KnowledgeBase) -> tuple[int, set[str], set[str]]:
    """Chroma count, Chroma ids and keyword-index ids: they must always agree."""
    ids = set(kb.store.all_ids())
    return kb.count(), ids, set(kb.keyword().ids)


def test_ingest_twice_gives_same_count_and_embeds_nothing_the_second_time(make_settings, small_corpus: Path) -> None:
    kb = KnowledgeBase(make_settings())
    first = ingest(kb, small_corpus)
    assert first.count("added") == 2 and not first.errors
    count, ids, kw_ids = _state(kb)
    assert count > 10 and ids == kw_ids

    computed = kb.embedder.computed
    second = ingest(kb, small_corpus)
    assert second.count("unchanged") == 2
    assert second.embedded == 0 and kb.embedder.computed == computed
    assert _state(kb) == (count, ids, kw_ids)

    # A fresh process on the same data dir sees the same state.
    again = KnowledgeBase(make_settings())
    assert ingest(again, small_corpus).embedded == 0
    assert _state(again)[0] == count


def test_editing_a_file_replaces_its_chunks(make_settings, small_corpus: Path) -> None:
    kb = KnowledgeBase(make_settings())
    ingest(kb, small_corpus)
    path = small_corpus / "celun-resilient-community.txt"
    old_ids = {c.chunk_id for c in kb.chunks().values() if c.doc_id == "celun-resilient-community"}
    text = path.read_text(encoding="utf-8")
    assert "构建由基层党组织引领的行动网络" in text
    path.write_text(text.replace("构建由基层党组织引领的行动网络", "构建由基层党组织统筹的行动网络"), encoding="utf-8")
    report = ingest(kb, small_corpus)
    assert report.count("updated") == 1 and report.count("unchanged") == 1
    new_chunks = [c for c in kb.chunks().values() if c.doc_id == "celun-resilient-community"]
    assert any("基层党组织统筹的行动网络" in c.text for c in new_chunks)
    assert not any("基层党组织引领的行动网络" in c.text for c in new_chunks)
    # Exactly the edited file's chunks are stored: the stale ones are gone, nothing is doubled.
    expected = {c.chunk_id for c in prepare_file(path, catalog=read_catalog(small_corpus)).chunks}
    assert {c.chunk_id for c in new_chunks} == expected
    assert old_ids - expected and not (old_ids - expected) & set(kb.store.all_ids())
    count, ids, kw_ids = _state(kb)
    assert ids == kw_ids
    doc = kb.document("celun-resilient-community")
    assert doc is not None and all(doc.text[c.start : c.end] == c.text for c in new_chunks)


def test_removing_a_file_deletes_its_chunks(make_settings, small_corpus: Path) -> None:
    kb = KnowledgeBase(make_settings())
    ingest(kb, small_corpus)
    (small_corpus / "celun-resilient-community.txt").unlink()
    report = ingest(kb, small_corpus)
    assert report.count("removed") == 1
    assert all(c.doc_id != "celun-resilient-community" for c in kb.chunks().values())
    assert kb.document("celun-resilient-community") is None
    assert "celun-resilient-community" not in kb.manifest()
    count, ids, kw_ids = _state(kb)
    assert count > 0 and ids == kw_ids


def test_bad_file_gets_named_error_and_others_are_ingested(make_settings, small_corpus: Path) -> None:
    (small_corpus / "notes.docx").write_bytes(b"PK\x03\x04 not really")
    (small_corpus / "empty.txt").write_text("", encoding="utf-8")
    kb = KnowledgeBase(make_settings())
    report = ingest(kb, small_corpus, small_corpus / "notes.docx")
    errors = {Path(f.path).name: f.reason for f in report.errors}
    assert "空文件" in errors["empty.txt"]
    assert "不支持的文件类型" in errors["notes.docx"]
    assert report.count("added") == 2


def test_unknown_extension_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "政策.docx"
    path.write_bytes(b"x")
    with pytest.raises(IngestError) as info:
        prepare_file(path)
    assert "政策.docx" in str(info.value) and ".docx" in info.value.reason


def test_gbk_text_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    body = "权责清单。在上级党委、政府的支持和协调指导下,开列权责清单。"
    path.write_bytes(("标题\n\n" + body).encode("gbk"))
    prepared = prepare_file(path)
    assert body in prepared.document.text


def test_embedder_mismatch_is_a_clear_error(make_settings, small_corpus: Path) -> None:
    settings = make_settings()
    kb = KnowledgeBase(settings)
    ingest(kb, small_corpus)
    collection = kb.store.collection
    collection.modify(metadata={"embedder": "st:bge-small-zh", "dim": 512})
    with pytest.raises(EmbedderMismatchError) as info:
        KnowledgeBase(make_settings())
    assert "govkb ingest --rebuild" in str(info.value)
    # The rebuild path recovers: same documents, vectors from the current embedder only.
    rebuilt = KnowledgeBase(make_settings(), rebuild=True)
    assert rebuilt.store.count() == 0
    ingest(rebuilt, small_corpus)
    assert rebuilt.store.collection.metadata["embedder"] == rebuilt.embedder.name


def test_saved_chunk_table_is_used_only_when_it_matches_chroma(make_settings, small_corpus: Path) -> None:
    kb = KnowledgeBase(make_settings())
    ingest(kb, small_corpus)
    from_chroma = {c.chunk_id: c for c in kb.store.all_chunks()}
    assert (kb.data_dir / "bm25" / "chunks.json").is_file()
    fresh = KnowledgeBase(make_settings())
    assert fresh.chunks() == from_chroma  # the table holds the same records, field for field
    # Chroma changes behind the table's back: the table no longer matches and is not used.
    victim = next(iter(from_chroma))
    fresh.store.delete_ids([victim])
    again = KnowledgeBase(make_settings())
    assert victim not in again.chunks() and set(again.chunks()) == set(from_chroma) - {victim}


def test_the_index_searches_wide_enough_and_an_older_collection_is_widened_on_open(make_settings,
                                                                                   small_corpus: Path) -> None:
    kb = KnowledgeBase(make_settings())
    assert not ingest(kb, small_corpus).errors
    assert kb.store.collection.configuration_json["hnsw"]["ef_search"] == 400
    kb.store.collection.modify(configuration={"hnsw": {"ef_search": 100}})  # as Chroma's default built it
    reopened = KnowledgeBase(make_settings(chroma={"ef_search": 300}))
    assert reopened.store.collection.configuration_json["hnsw"]["ef_search"] == 300
    assert reopened.count() == kb.count()  # widening the search rewrites no vectors


def test_the_document_list_the_answer_engine_reads_follows_every_write(make_settings, small_corpus: Path) -> None:
    from app.service import GovKB

    service = GovKB(make_settings())
    assert not service.ingest([small_corpus]).errors
    first = {m.doc_id for m in service.metas()}
    assert service.metas() is service.metas()  # read once per state of the library
    (small_corpus / "new-note.md").write_text("# 新增文件\n\n社区议事会每月召开一次，讨论居民提出的公共事务。\n", encoding="utf-8")
    assert not service.ingest([small_corpus]).errors
    added = {m.doc_id for m in service.metas()}
    assert added - first == {"new-note"}
    assert service.delete("new-note")
    assert {m.doc_id for m in service.metas()} == first
