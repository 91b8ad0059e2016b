"""Crashes and concurrency: kill -9 mid-ingest, a second writer, queries during an ingest."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.service import GovKB
from index.check import check
from index.kb import KnowledgeBase, WriterBusyError
from tests.conftest import CORPUS, ingest


def _corpus(folder: Path, extra: int = 12) -> Path:
    """The shipped corpus plus generated documents, so an ingest takes long enough to be killed."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in CORPUS.iterdir():
        shutil.copy(p, folder / p.name)
    base = (CORPUS / "party-led-resilience-paths-dahe.txt").read_text(encoding="utf-8")
    for i in range(extra):
        # Distinct text per file (so each needs its own embeddings), same structure.
        (folder / f"generated-{i:02d}.txt").write_text(base.replace("社区", f"第{i}号社区"), encoding="utf-8")
    return folder


def _cli(data: Path, cache: Path, *args: str) -> subprocess.Popen[bytes]:
    """`govkb` in a child process, with the mock embedder (what is tested here is storage, not vectors)."""
    env = dict(os.environ, GOVKB_CACHE_DIR=str(cache), GOVKB_EMBEDDER__MODE="mock", PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data), *args],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def _documents_done(data: Path) -> int:
    try:
        return len(json.loads((data / "manifest.json").read_text(encoding="utf-8"))["documents"])
    except (OSError, ValueError, KeyError):
        return 0


def _consistent(kb: KnowledgeBase) -> tuple[int, set[str]]:
    report = check(kb)
    assert report.ok, report.problems
    ids = set(kb.store.all_ids())
    assert ids == set(kb.keyword().ids)
    assert sum(int(e["chunks"]) for e in kb.manifest().values()) == len(ids)
    return len(ids), ids


def test_kill_9_during_ingest_loses_and_duplicates_nothing(make_settings, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", extra=16)
    # The reference: one clean, uninterrupted ingest.
    clean_kb = KnowledgeBase(make_settings(data_dir=tmp_path / "clean"))
    assert not ingest(clean_kb, corpus).errors
    expected_count, expected_ids = _consistent(clean_kb)

    data = tmp_path / "killed"
    cache = tmp_path / "cache"
    killed_mid_document = 0
    # Kill when k documents are stored and the next one is being written (its journal entry exists).
    for k in (0, 8, 16):
        proc = _cli(data, cache, "ingest", str(corpus))
        while proc.poll() is None and not ((data / "pending.json").exists() and _documents_done(data) >= k):
            time.sleep(0.002)
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed_mid_document += 1
        proc.wait(timeout=60)
        # After a restart the data dir is consistent, whatever the moment of the kill.
        kb = KnowledgeBase(make_settings(data_dir=data, cache_dir=cache))
        _consistent(kb)
    assert killed_mid_document >= 2, "the ingest finished before it could be killed: make the corpus larger"
    done = _cli(data, cache, "ingest", str(corpus))
    out, err = done.communicate(timeout=300)
    assert done.returncode == 0, err.decode()
    kb = KnowledgeBase(make_settings(data_dir=data, cache_dir=cache))
    count, ids = _consistent(kb)
    assert (count, ids) == (expected_count, expected_ids)


def test_second_writer_fails_fast_with_a_clear_message(make_settings, tmp_path: Path, cache_dir: Path) -> None:
    corpus = _corpus(tmp_path / "corpus", extra=0)
    data = tmp_path / "data"
    kb = KnowledgeBase(make_settings(data_dir=data))
    with kb.writing():
        t = time.perf_counter()
        proc = _cli(data, cache_dir, "ingest", str(corpus))
        out, err = proc.communicate(timeout=60)
        elapsed = time.perf_counter() - t
        assert proc.returncode == 4
        assert "另一个进程正在写入数据目录" in err.decode() and "Traceback" not in err.decode()
        print(f"\nsecond writer refused after {elapsed:.1f} s (process start included)")
        other = KnowledgeBase(make_settings(data_dir=data))  # another writer in this process
        with pytest.raises(WriterBusyError):
            ingest(other, corpus, lock_timeout=0.5)
    assert not ingest(kb, corpus).errors


def test_queries_keep_working_while_an_ingest_runs(make_settings, tmp_path: Path) -> None:
    # Concurrency, not answer quality, is tested here: mock vectors, and no refusal threshold.
    service = GovKB(make_settings(answer={"min_evidence": 0.0}))
    service.ingest([_corpus(tmp_path / "first", extra=0)])
    more = tmp_path / "more"
    _corpus(more, extra=8)
    for p in CORPUS.iterdir():
        (more / p.name).unlink()
    errors: list[str] = []
    answers = 0
    writer = threading.Thread(target=lambda: service.ingest([more]))
    writer.start()
    while writer.is_alive() or answers < 5:
        try:
            answer = service.ask("怎么制定权责清单？")
            assert not answer.refused and answer.citations
            doc = service.document(answer.citations[0].doc_id)
            assert doc is not None and doc.text[answer.citations[0].start : answer.citations[0].end] == answer.citations[0].quote
            answers += 1
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(exc))
    writer.join()
    assert not errors, errors[:3]
    assert answers >= 5
    assert len(service.documents()) == 5 + 8


def test_check_finds_and_repairs_damage(make_settings, small_corpus: Path) -> None:
    kb = KnowledgeBase(make_settings())
    ingest(kb, small_corpus)
    count = kb.count()
    assert check(kb).ok
    # Damage: chunks of one document lost from Chroma, an orphan chunk, a stale keyword index.
    victim = next(c for c in kb.chunks().values() if c.doc_id == "celun-resilient-community")
    kb.store.delete_ids([victim.chunk_id])
    orphan = next(c for c in kb.chunks().values() if c.doc_id == "party-led-resilience-paths-dahe")
    from dataclasses import replace

    import numpy as np

    ghost = replace(orphan, chunk_id="ghost:1", doc_id="ghost")
    kb.store.upsert([ghost], np.zeros((1, kb.embedder.dim), dtype=np.float32) + 0.01, kb.document(orphan.doc_id).meta)
    kb.invalidate()
    report = check(kb)
    assert not report.ok and report.redo == {"celun-resilient-community"} and report.orphans == {"ghost:1"}
    fixed = GovKB(kb.settings).repair()
    assert fixed.repaired
    kb.invalidate()
    assert check(kb).ok and kb.count() == count
