"""The close-match tools on their own: alignment, similarity, clause snapping, number-aware diffs, articles."""

from __future__ import annotations

import pytest

from app import quotematch as qm

LAW = (
    "第一章 总则\n"
    "第六条 居民委员会根据居民居住状况，按照便于居民自治的原则，一般在一百户至七百户的范围内设立。\n"
    "居民委员会的设立、撤销、规模调整，由不设区的市、市辖区的人民政府决定。\n"
    "第七条 居民委员会由主任、副主任和委员共五至九人组成。\n"
    "第二章 选举\n"
    "第八条 居民委员会每届任期五年，其成员可以连选连任。\n"
)


def test_align_finds_the_span_with_least_edits() -> None:
    hay = "甲乙丙丁戊己庚辛壬癸子丑寅卯"
    s, e, dist = qm.align("丁戊X庚辛", hay)  # 己 changed to X
    assert hay[s:e] == "丁戊己庚辛" and dist == 1
    s, e, dist = qm.align("丙丁戊己", hay)
    assert (hay[s:e], dist) == ("丙丁戊己", 0)
    assert qm.align("", hay) == (0, 0, 0)


def test_align_spans_a_dropped_clause_instead_of_stopping_short() -> None:
    hay = "要利用好自身优势,加快内部资源整合,同时强化外部资源引入,从而为社区治理提供更多资源支撑。"
    s, e, _ = qm.align(qm.content("要利用好自身优势,从而为社区治理提供更多资源支撑")[0], qm.content(hay)[0])
    assert qm.content(hay)[0][s:e].endswith("资源支撑") and qm.content(hay)[0][s:e].startswith("要利用")


def test_similarity_tolerates_swapped_words_but_not_unrelated_text() -> None:
    source = qm.content("“三管”是指实施事前防范、事中控制、事后反思的动态全周期管理")[0]
    swapped = qm.content("“三管”是指事前防范、事中控制和事后反思的全周期动态管理")[0]
    unrelated = qm.content("坚持以人民为中心的发展思想，推动共同富裕取得实质性进展")[0]
    assert qm.similarity(swapped, source) > 0.75
    assert qm.similarity(unrelated, source) < 0.3
    assert qm.similarity(source, source) == 1.0


def test_snap_widens_to_whole_clauses_and_skips_the_article_number() -> None:
    start = LAW.index("按照便于")
    end = LAW.index("七百户") + 3
    a, b = qm.snap(LAW, start, end, 0, len(LAW))
    assert LAW[a:b] == "按照便于居民自治的原则，一般在一百户至七百户的范围内设立"
    a, _ = qm.snap(LAW, LAW.index("根据居民"), LAW.index("状况"), 0, len(LAW))
    assert LAW[a:].startswith("居民委员会根据")  # not "第六条 居民委员会…"


def test_balance_keeps_quotation_marks_paired() -> None:
    text = "具体如下:“三管”是指实施事前防范。"
    a, b = qm.balance(text, text.index("三"), text.index("防范") + 2)
    assert text[a:b] == "“三管”是指实施事前防范"
    a, b = qm.balance(text, text.index("具"), len(text))
    assert text[a:b] == "具体如下:“三管”是指实施事前防范"


def test_numbers_are_whole_tokens_in_the_diff_and_reported_when_they_change() -> None:
    ops = qm.diff_ops("一般在一百户至七百户的范围内设立", "一般在一百户至五百户的范围内设立")
    changed = [(o.source, o.quote) for o in ops if o.op == "changed"]
    assert changed == [("七百", "五百")]
    assert qm.number_changes(ops) == [("七百", "五百")]
    assert qm.number_changes(qm.diff_ops("每届任期五年", "每届任期5年")) == []  # same value, other script
    assert qm.number_changes(qm.diff_ops("责任清晰", "责任明确")) == []
    assert qm.number_changes(qm.diff_ops("共五至九人", "共五至七人")) == [("九", "七")]


def test_fast_normalised_text_is_the_same_string() -> None:
    text = "第一条　为了加强（城市）居民委员会的建设，\n由居民 群众依法办理ＡＢＣ１２３；“三管”。"
    norm, where = qm.normalised(text)
    assert qm.normalised_text(text) == norm
    assert [qm.original_offset(text, i) for i in range(len(norm))] == where


def test_punctuation_width_and_spaces_are_not_differences() -> None:
    ops = qm.diff_ops("主持,按照合理划分", "主持， 按照合理划分")
    assert [o.op for o in ops] == ["equal"]


@pytest.mark.parametrize(
    ("token", "value"),
    [("五", 5), ("十二", 12), ("一百", 100), ("七百五十", 750), ("一千零五", 1005), ("两万", 20000), ("2.5", 2.5),
     ("二〇二四", 2024)],
)
def test_number_values(token: str, value: float) -> None:
    assert qm.number_value(token) == value


def test_articles_of_a_span() -> None:
    assert qm.articles_in(LAW, LAW.index("一百户"), LAW.index("一百户") + 3) == "第六条"
    assert qm.articles_in(LAW, LAW.index("规模调整"), LAW.index("规模调整") + 4) == "第六条"
    assert qm.articles_in(LAW, LAW.index("规模调整"), LAW.index("五至九人")) == "第六条、第七条"
    assert qm.articles_in(LAW, LAW.index("每届任期"), LAW.index("每届任期") + 4) == "第八条"
    assert qm.articles_in(LAW, 0, 4) == ""  # the chapter heading is in no article
    assert qm.articles_in("没有条文的一段评论。", 0, 5) == ""
    a, b = qm.article_span(LAW, "第七条")
    assert LAW[a:b] == "第七条 居民委员会由主任、副主任和委员共五至九人组成。"
    assert qm.article_span(LAW, "第九十条") is None


def test_same_article() -> None:
    assert qm.same_article("第八条", "第八条")
    assert not qm.same_article("第六条", "第九条")
    assert qm.same_article("第八条", "第七条至第九条") and qm.same_article("第七条", "第六条、第七条")
