"""The CLI contract other tools depend on: ingest, ask, ask --json (argument and stdin), eval."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import main

KEYS = {"question", "answer", "refused", "citations", "passages"}
CITATION_KEYS = {"n", "doc_id", "title", "section", "page", "quote", "start", "end", "score"}
PASSAGE_KEYS = {"doc_id", "section", "text", "start", "end", "score"}


@pytest.fixture
def cli_data(tmp_path: Path, small_corpus: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("GOVKB_CACHE_DIR", str(cache_dir))
    args = ["--data-dir", str(tmp_path / "cli-data")]
    assert main([*args, "ingest", str(small_corpus)]) == 0
    return args


def test_ingest_reports_and_is_idempotent(cli_data: list[str], small_corpus: Path, capsys) -> None:
    capsys.readouterr()
    assert main([*cli_data, "ingest", str(small_corpus)]) == 0
    out = capsys.readouterr().out
    assert "未变 2" in out and "本次计算嵌入 0 段" in out


def test_ingest_exits_nonzero_when_a_file_fails(cli_data: list[str], tmp_path: Path, capsys) -> None:
    bad = tmp_path / "坏文件.pdf"
    bad.write_bytes(b"%PDF-1.4 truncated")
    assert main([*cli_data, "ingest", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "坏文件.pdf" in err


def test_ask_prints_answer_with_citations(cli_data: list[str], capsys) -> None:
    assert main([*cli_data, "ask", "怎么制定权责清单？"]) == 0
    out = capsys.readouterr().out
    assert "[1]" in out and "引用" in out and "开列权责清单" in out


def test_ask_lists_the_passages_it_does_not_quote_by_their_documents_titles(cli_data: list[str], capsys) -> None:
    assert main([*cli_data, "ask", "--json", "怎么制定权责清单？"]) == 0
    listed = json.loads(capsys.readouterr().out.strip())["see_also"]
    # Papers, not laws: each labelled 标题 · 章节 by its document's title, as its citations are, not by its id.
    assert listed and all(" · " in s["label"] and not s["label"].startswith(s["doc_id"]) for s in listed), listed
    assert main([*cli_data, "ask", "怎么制定权责清单？"]) == 0
    out = capsys.readouterr().out
    shown = out[out.index("另见"):]
    assert all(f"  - {s['label']}：" in shown for s in listed)


def test_ask_json_object(cli_data: list[str], capsys) -> None:
    assert main([*cli_data, "ask", "--json", "怎么制定权责清单？"]) == 0
    obj = json.loads(capsys.readouterr().out.strip())
    assert KEYS <= set(obj) and obj["refused"] is False
    assert obj["citations"] and CITATION_KEYS <= set(obj["citations"][0])
    assert len(obj["passages"]) >= 10 and PASSAGE_KEYS <= set(obj["passages"][0])
    scores = [p["score"] for p in obj["passages"]]
    assert scores == sorted(scores, reverse=True)


def test_ask_json_reads_questions_from_stdin(cli_data: list[str], capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("怎么制定权责清单？\n\n个人所得税专项附加扣除怎么申报？\n"))
    assert main([*cli_data, "ask", "--json"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    objs = [json.loads(line) for line in lines]
    assert [o["question"] for o in objs] == ["怎么制定权责清单？", "个人所得税专项附加扣除怎么申报？"]
    assert [o["refused"] for o in objs] == [False, True]


def test_ask_without_question_or_json_is_a_usage_error(cli_data: list[str], capsys) -> None:
    assert main([*cli_data, "ask"]) == 2
