"""The web app's HTML, rendered without Gradio: answers, cards, documents, quote checks, escaping."""

from __future__ import annotations

import subprocess
import sys

from app import render, render_check
from app.quotecheck import DiffOp, QuoteCheck
from govkb.settings import REPO_ROOT
from govkb.types import Answer, Chunk, Citation, DocMeta, Document, Hit, Section


def _answer(refused: bool = False) -> Answer:
    cit = Citation(n=1, doc_id="d<1>", title="标题<b>", section="一、总则", page=3, quote="权责清单。开列权责清单。",
                   start=10, end=22, score=0.5)
    chunk = Chunk("c1", "d1", "弱相关段落<script>", 0, 12, "二、附则", 0)
    return Answer(question="怎么制定权责清单？", answer="" if refused else "开列权责清单。[1]", refused=refused,
                  citations=[] if refused else [cit], hits=[Hit(chunk, 0.1)])


def test_rendering_does_not_need_gradio() -> None:
    probe = "import sys, app.render; print(sorted(m for m in sys.modules if m.split('.')[0] == 'gradio'))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO_ROOT)
    assert out.stdout.strip() == "[]"


def test_answer_markers_link_to_their_passages_and_text_is_escaped() -> None:
    out = render.answer_html(_answer())
    assert 'href="?doc=d%3C1%3E&start=10&end=22"' in out and ">[1]</a></sup>" in out
    assert render.answer_html(Answer("", "", True, [], [])) == ""
    refusal = render.answer_html(_answer(refused=True))
    assert 'id="refusal"' in refusal and "知识库中未找到相关依据" in refusal


def test_cards_show_source_and_highlight_question_terms() -> None:
    cards = render.cards_html(_answer(), title_of=lambda doc_id: "不应使用")
    assert "[1] 标题&lt;b&gt;" in cards and "第 3 页" in cards and "已核验原文" in cards
    assert "<mark>权责清单</mark>" in cards
    weak = render.cards_html(_answer(refused=True), title_of=lambda doc_id: f"《{doc_id}》")
    assert "弱相关" in weak and "《d1》" in weak and "&lt;script&gt;" in weak and "<script>" not in weak


def test_document_view_has_outline_anchors_and_the_passage_marked() -> None:
    text = "一、总则\n第一段文字。\n二、附则\n第二段。"
    doc = Document(DocMeta("d", "文档", author="作者"), text, sections=[
        Section(1, "一、总则", "一、总则", 0, 11), Section(1, "二、附则", "二、附则", 12, len(text))])
    outline, body = render.document_html(doc, 5, 11)
    assert '<a href="#sec-12">二、附则</a>' in outline and "作者" in outline
    assert '<span id="sec-12"></span>' in body
    assert '<mark id="passage">第一段文字。</mark>' in body and "引文位置：字符 5–11" in body
    assert render.document_html(None)[1] == "<p>请选择文档。</p>"


def test_quote_check_verdicts() -> None:
    assert "未找到" in render_check.quote_check_html(QuoteCheck(status="not_found", quote="x"))
    exact = QuoteCheck(status="exact", quote="甲乙", doc_id="d", title="T", start=1, end=3, source_text="甲乙", identical=True)
    assert "原文一致" in render_check.quote_check_html(exact) and "逐字一致" in render_check.quote_check_html(exact)
    close = QuoteCheck(status="close", quote="甲丙", doc_id="d", title="T", start=1, end=3, source_text="甲乙",
                       similarity=0.5, diff=[DiffOp("equal", "甲", "甲"), DiffOp("changed", "乙", "丙")])
    html = render_check.quote_check_html(close)
    assert "与原文不一致" in html and "相似度 50%" in html and '<del title="原文">乙</del><ins title="引文改为">丙</ins>' in html


def test_list_answers_render_as_lists_and_comparisons_as_side_by_side_cards() -> None:
    from govkb.types import AnswerSentence

    cit = [Citation(n=i, doc_id="d", title="T", section="", page=None, quote="q", start=0, end=1, score=0.1)
           for i in (1, 2)]
    items = Answer("三张清单是什么？", "", False, cit, [], sentences=[
        AnswerSentence("开列权责清单。", [1], "1. 权责清单：", "·items"),
        AnswerSentence("摸清风险。", [2], "2. 风险清单：", "·items"),
        AnswerSentence("补充一句。", [2], "", "·items")])
    out = render.answer_html(items)
    assert '<ol class="gk-items"><li><b>权责清单</b>：开列权责清单。' in out
    assert out.count("<li>") == 2 and "摸清风险。" in out and "补充一句。" in out  # a follow-up sentence joins its item
    sides = Answer("有什么不同？", "", False, cit, [], notes=["北湖社区：知识库中未找到相关依据。"], sentences=[
        AnswerSentence("东风做法。", [1], "东风社区：", "·东风社区"),
        AnswerSentence("西湖做法。", [2], "西湖社区：", "·西湖社区")])
    out = render.answer_html(sides)
    assert out.count('class="gk-side"') == 2 and '<div class="gk-sides">' in out
    assert '<div class="gk-side-title">东风社区</div>东风做法。' in out
    assert 'class="gk-note">北湖社区：知识库中未找到相关依据。' in out


def test_unlabelled_items_split_at_their_own_markers_and_one_item_is_a_paragraph() -> None:
    from govkb.types import AnswerSentence

    cit = [Citation(n=1, doc_id="d", title="T", section="", page=None, quote="q", start=0, end=1, score=0.1)]
    leads = Answer("有哪些做法？", "", False, cit, [], sentences=[
        AnswerSentence("一是建强组织。", [1], "", "·items"),
        AnswerSentence("组织要覆盖每栋楼。", [1], "", "·items"),
        AnswerSentence("二是完善制度。", [1], "", "·items")])
    out = render.answer_html(leads)
    assert out.count("<li>") == 2 and "<li>一是建强组织。" in out and "<li>二是完善制度。" in out
    one = Answer("怎么做？", "", False, cit, [], sentences=[
        AnswerSentence("先摸清风险。", [1], "", "·items"), AnswerSentence("再制定预案。", [1], "", "·items")])
    out = render.answer_html(one)
    assert "<ol" not in out and "<p>先摸清风险。" in out and "再制定预案。" in out
