"""Quote check on the shipped corpus: verbatim, misquoted and unrelated text."""

from __future__ import annotations

from app.quotecheck import check_quote, diff_ops
from app.render_check import diff_html


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


# --- the robust close match on the shipped corpus ------------------------------------------
def _ops(result, kind: str) -> list[tuple[str, str]]:
    return [(op.source, op.quote) for op in result.diff if op.op == kind]


def test_sanguan_misquote_is_found_with_its_changes(corpus_service) -> None:
    """Issue 10's example: words dropped, 、 turned into 和, 动态全周期 swapped to 全周期动态."""
    result = check_quote(corpus_service, "「“三管”是指事前防范、事中控制和事后反思的全周期动态管理。」")
    assert result.status == "close" and result.doc_id == "celun-resilient-community"
    assert result.source_text == "“三管”是指实施事前防范、事中控制、事后反思的动态全周期管理"
    assert ("实施", "") in _ops(result, "missing") and ("、", "和") in _ops(result, "changed")
    assert result.similarity > 0.75
    assert result.context.startswith("“三管”是指实施") and result.context.endswith("事后反思学习。")


def test_swapped_list_items_are_a_close_match(corpus_service) -> None:
    result = check_quote(corpus_service, "“四合”是指基层党组织推进政府、社会组织、企业及社区合作，促进多主体良性互动。")
    assert result.status == "close" and result.doc_id == "celun-resilient-community"
    assert result.source_text.startswith("“四合”是指基层党组织推进政府、企业、社会组织及社区合作")
    assert result.numbers == []


def test_dropped_clause_shows_as_missing(corpus_service) -> None:
    quote = "社区党组织在统筹协调各类资源方面具有先天优势,要利用好自身优势,从而为社区治理提供更多资源支撑。"
    result = check_quote(corpus_service, quote)
    assert result.status == "close" and result.doc_id == "party-led-resilience-paths-dahe"
    missing = "".join(s for s, _ in _ops(result, "missing"))
    assert "加快内部资源整合" in missing and "强化外部资源引入" in missing
    assert result.source_text.endswith("从而为社区治理提供更多资源支撑")


def test_quote_merging_two_sentences_spans_both(corpus_service) -> None:
    quote = "“五治”是指基层党组织加强政治引领、法治保障、德治教化、自治强基、智治支撑，推进“五治”均衡发展是“一性三管四合”的最终目标。"
    result = check_quote(corpus_service, quote)
    assert result.status == "close" and result.similarity > 0.95
    assert "智治支撑。推进“五治”均衡发展" in result.source_text  # the two source sentences, verbatim
    assert ("。", "，") in _ops(result, "changed")


def test_changed_number_is_reported(corpus_service) -> None:
    result = check_quote(corpus_service, "华胜社区是全区规模较大的拆迁安置集中区，共有居民4954户，不仅老龄化程度高。")
    assert result.status == "close" and result.doc_id == "huasheng-resilient-community"
    assert result.numbers == [("4594", "4954")]
    assert ("4594", "4954") in _ops(result, "changed")


def test_partial_sentence_with_a_full_stop_is_exact(corpus_service) -> None:
    result = check_quote(corpus_service, "“三管”是指实施事前防范、事中控制、事后反思的动态全周期管理。")
    assert result.status == "exact" and not result.identical
    assert result.source_text == "“三管”是指实施事前防范、事中控制、事后反思的动态全周期管理"


def test_generic_slogans_are_not_passed_off_as_close(corpus_service) -> None:
    for slogan in ("加强基层党组织建设，提高社区治理能力和水平", "社区是党和政府联系服务群众的最后一公里。"):
        assert check_quote(corpus_service, slogan).status == "not_found", slogan
