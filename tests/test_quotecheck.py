"""Quote check on the shipped corpus: verbatim, misquoted and unrelated text."""

from __future__ import annotations

from app.quotecheck import check_quote, diff_ops
from app.render import diff_html


def test_verbatim_quote_gets_its_exact_source(corpus_service) -> None:
    quote = "由社区党组织居中主持,按照合理划分、责任清晰、任务适当的原则"
    result = check_quote(corpus_service, quote)
    assert result.status == "exact" and result.identical
    doc = corpus_service.document(result.doc_id)
    assert result.doc_id == "party-led-resilience-paths-dahe"
    assert doc.text[result.start : result.end] == quote
    assert result.section.endswith("权责清单")


def test_punctuation_width_and_spaces_do_not_make_a_misquote(corpus_service) -> None:
    result = check_quote(corpus_service, "由社区党组织居中主持， 按照合理划分、责任清晰、任务适当的原则")
    assert result.status == "exact" and not result.identical
    assert result.source_text == "由社区党组织居中主持,按照合理划分、责任清晰、任务适当的原则"


def test_quote_from_the_pdf_reports_its_page(corpus_service) -> None:
    result = check_quote(corpus_service, "G街道A社区位于上海市静安区,是一个大型的老旧住宅区")
    assert result.status == "exact" and result.doc_id == "shanghai-a-community-collaborative"
    assert result.page is not None and result.page >= 1


def test_misquote_gets_the_closest_passage_with_differences(corpus_service) -> None:
    misquote = "由社区党组织居中主持,按照合理划分、责任明确、任务适当的原则,划分驻区单位、企业各方的责任"
    result = check_quote(corpus_service, misquote)
    assert result.status == "close" and result.doc_id == "party-led-resilience-paths-dahe"
    doc = corpus_service.document(result.doc_id)
    assert doc.text[result.start : result.end] == result.source_text
    changed = [op for op in result.diff if op.op == "changed"]
    assert any(op.source == "清晰" and op.quote == "明确" for op in changed)
    assert any(op.op == "missing" and "组织" in op.source for op in result.diff)
    # Re-assembling the quote side of the diff gives back the quote.
    assert "".join(op.quote if op.op != "missing" else "" for op in result.diff) == misquote


def test_unrelated_text_is_not_found(corpus_service) -> None:
    result = check_quote(corpus_service, "坚持以人民为中心的发展思想，推动共同富裕取得实质性进展")
    assert result.status == "not_found"


def test_diff_html_marks_missing_added_and_changed() -> None:
    out = diff_html(diff_ops("甲乙丙丁", "甲丙丁戊"))
    assert "<del" in out and "乙" in out and "<ins" in out and "戊" in out
