"""Passages listed under an answer's citations (另见): the best-ranked ones the answer does not quote, so a reader
asking in everyday words sees the article the composed answer passed over. Real laws, mock embedder."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from app.citing import answer_dict, see_also
from app.cli import render
from app.render_see_also import SEE_ALSO_HEAD, see_also_html
from app.service import GovKB
from eval.policy import PolicyQuestion, evaluate_policy
from govkb.settings import load_settings
from tests.policy import LIBRARY, needs_library

pytestmark = needs_library

LAWS = [LIBRARY / "行政法规/信访条例(2005-01-10).md", LIBRARY / "行政法规/重大动物疫情应急条例(2017-10-07).md",
        LIBRARY / "行政法规/突发公共卫生事件应急条例(2011-01-08).md"]
QUESTION = "养殖户发现鸡成群地死了，要向哪里报告？"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("see-also")


@pytest.fixture(scope="module")
def laws(data_dir: Path, cache_dir: Path) -> GovKB:
    service = GovKB(load_settings(data_dir=data_dir, cache_dir=cache_dir, embedder={"mode": "mock"},
                                  answer={"min_evidence": 0.0}))
    assert not service.ingest(LAWS).errors
    return service


def test_the_best_ranked_passages_not_quoted_are_listed_once_and_none_quoted_twice(laws: GovKB) -> None:
    answer = laws.ask(QUESTION)
    assert not answer.refused and answer.citations
    listed = see_also(answer)
    assert listed, [h.chunk.articles for h in answer.hits[:5]]
    top = [h.chunk.chunk_id for h in answer.hits[:5]]
    assert [h.chunk.chunk_id for h in listed] == [c for c in top if c in {h.chunk.chunk_id for h in listed}]  # rank order
    cited = {(c.doc_id, a) for c in answer.citations for a in c.articles.split("、")}
    for h in listed:
        ch = h.chunk
        assert not any(c.doc_id == ch.doc_id and c.start < ch.end and ch.start < c.end for c in answer.citations)
        assert not all((ch.doc_id, a) in cited for a in ch.articles.split("、"))
        doc = laws.document(ch.doc_id)
        assert doc is not None and doc.text[ch.start : ch.end] == ch.text
    # Every top-5 passage is either quoted (overlapping a citation, or of a cited article) or listed.
    for h in answer.hits[:5]:
        ch = h.chunk
        quoted = any(c.doc_id == ch.doc_id and c.start < ch.end and ch.start < c.end for c in answer.citations) or all(
            (ch.doc_id, a) in cited for a in ch.articles.split("、"))
        assert quoted or ch.chunk_id in {x.chunk.chunk_id for x in listed}


def test_a_refusal_lists_nothing_under_citations_it_does_not_have(laws: GovKB, data_dir: Path, cache_dir: Path) -> None:
    strict = GovKB(load_settings(data_dir=data_dir, cache_dir=cache_dir, embedder={"mode": "mock"}))
    answer = strict.ask("红烧肉怎么做才好吃？")
    assert answer.refused and answer.hits
    assert see_also(answer) == [] and answer_dict(answer)["see_also"] == []
    assert "另见" not in render(answer)


def test_cli_text_and_json_show_them_with_law_and_article(laws: GovKB) -> None:
    listed = see_also(laws.ask(QUESTION))
    text = render(laws.ask(QUESTION))
    head = text.index("另见")
    assert text.index("引用：") < head
    for h in listed:
        assert f"《{h.chunk.law}》{h.chunk.articles}" in text[head:]
    obj = answer_dict(laws.ask(QUESTION))
    json.dumps(obj, ensure_ascii=False)  # serialisable as `govkb ask --json` prints it
    assert [(s["doc_id"], s["start"], s["end"]) for s in obj["see_also"]] == [
        (h.chunk.doc_id, h.chunk.start, h.chunk.end) for h in listed]
    for s in obj["see_also"]:
        doc = laws.document(s["doc_id"])
        assert doc is not None and doc.text[s["start"] : s["end"]] == s["text"]
        assert s["label"].startswith("《") and "第" in s["label"]


def test_web_lists_them_as_links_into_the_library(laws: GovKB) -> None:
    answer = laws.ask(QUESTION)
    html = see_also_html(answer, lambda d: d)
    assert SEE_ALSO_HEAD in html and 'id="see-also"' in html
    for h in see_also(answer):
        assert "?doc=" in html and f"start={h.chunk.start}&end={h.chunk.end}" in html
        assert f"《{h.chunk.law}》{h.chunk.articles}" in html
    assert see_also_html(replace(answer, refused=True), lambda d: d) == ""


def test_the_policy_eval_counts_an_article_shown_but_not_quoted(laws: GovKB) -> None:
    answer = laws.ask(QUESTION)
    listed = see_also(answer)[0].chunk
    first = listed.articles.split("、")[0]
    q = PolicyQuestion(id="x", q=QUESTION, answerable=True, expected=[(listed.law, first)], key_points=[])
    [outcome] = evaluate_policy(laws, [q])
    assert outcome.shown_right and not outcome.cited_right
    quoted = answer.citations[0]
    q2 = PolicyQuestion(id="y", q=QUESTION, answerable=True, expected=[(quoted.title, quoted.articles.split("、")[0])],
                        key_points=[])
    [outcome2] = evaluate_policy(laws, [q2])
    assert outcome2.shown_right and outcome2.cited_right



def test_a_listed_passage_of_several_articles_opens_at_the_one_asked_about() -> None:
    from app.render_see_also import opening

    text = (LIBRARY / "行政法规/重大动物疫情应急条例(2017-10-07).md").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith(("第十五条", "第十六条"))]
    assert len(lines) == 2
    passage = "\n".join(lines)
    assert opening(passage).startswith("第十五条")  # no question: the passage's own opening
    shown = opening(passage, "养殖户的鸡成群地死了，要向哪里报告？")
    assert shown.startswith("第十六条") and shown.endswith("…") and len(shown) == 61
    assert opening(lines[1], "动物防疫监督机构负责监测吗") == opening(lines[1])  # one article: its opening
