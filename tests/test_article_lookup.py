"""A question naming a law and its article is answered by that article: real laws from the shared policy library,
the mock embedder (what ranks does not matter here — the named article is looked up, not searched for)."""

from __future__ import annotations

import re

import pytest

from app.lookup import article_numbers
from app.numerals import cn_numeral, cn_value
from app.service import GovKB
from govkb.settings import load_settings
from tests.policy import LIBRARY, needs_library


def test_article_numbers_read_chinese_and_arabic_numerals_runs_and_ranges() -> None:
    assert [n for _, n in article_numbers("消防法第十八条是怎么规定的？")] == [18]
    assert [n for _, n in article_numbers("人民调解法第17条")] == [17]
    assert [n for _, n in article_numbers("慈善法第一百零五条和第一百一十条")] == [105, 110]
    assert [n for _, n in article_numbers("人民调解法第十七条至第十九条原文")] == [17, 18, 19]
    assert [n for _, n in article_numbers("第 3 条到第5条")] == [3, 4, 5]
    assert article_numbers("居委会每届任期几年？") == []


def test_cn_numeral_writes_numbers_as_laws_number_their_articles() -> None:
    assert [cn_numeral(n) for n in (1, 10, 18, 20, 74, 105, 110, 200)] == \
        ["一", "十", "十八", "二十", "七十四", "一百零五", "一百一十", "二百"]
    assert all(cn_value(cn_numeral(n)) == n for n in range(1, 1200))


@pytest.fixture(scope="module")
def laws(tmp_path_factory: pytest.TempPathFactory, cache_dir) -> GovKB:
    files = [LIBRARY / "行政法/消防法(2021-04-29).md", LIBRARY / "宪法相关法/城市居民委员会组织法(2018-12-29).md",
             LIBRARY / "宪法相关法/村民委员会组织法(2018-12-29).md", LIBRARY / "诉讼与非诉讼程序法/人民调解法(2010-08-28).md",
             LIBRARY / "行政法/突发事件应对法(2007-08-30).md", LIBRARY / "行政法/突发事件应对法(2024-06-28).md",
             LIBRARY / "社会法/慈善法(2016-03-16).md", LIBRARY / "社会法/慈善法(2023-12-29).md"]
    service = GovKB(load_settings(data_dir=tmp_path_factory.mktemp("lookup"), cache_dir=cache_dir,
                                  embedder={"mode": "mock"}, answer={"null_probes": False}))
    assert not service.ingest(files).errors
    return service


def _article(file: str, label: str) -> str:
    """The article's text as the law file has it, from its number up to the next article or heading."""
    text = (LIBRARY / file).read_text(encoding="utf-8")
    m = re.search(rf"^{label}.*?(?=^第[一二三四五六七八九十百零]+条|^#|\Z)", text, re.S | re.M)
    assert m, label
    return re.sub(r"\s+", "", m.group(0))


@needs_library
def test_a_named_article_is_answered_by_its_own_text_and_cited_alone(laws: GovKB) -> None:
    for question in ("消防法第十八条是怎么规定的？", "《中华人民共和国消防法》第18条讲的什么", "请问消防法第十八条的原文"):
        a = laws.ask(question)
        assert not a.refused, question
        assert [c.source_label() for c in a.citations] == ["《中华人民共和国消防法》第十八条"], question
        # The whole article, both its 款 (住宅区的物业服务企业… is the second), nothing else.
        assert re.sub(r"\s+", "", "".join(s.text for s in a.sentences)) == _article("行政法/消防法(2021-04-29).md", "第十八条")
        assert a.citations[0].chapter == "第二章 火灾预防"


@needs_library
def test_a_passage_holding_several_articles_is_cut_to_the_one_asked(laws: GovKB) -> None:
    # 人民调解法 第十七条、第十八条 are one passage; asked for 第十七条, 第十八条 is not shown.
    a = laws.ask("人民调解法第十七条")
    assert [c.source_label() for c in a.citations] == ["《中华人民共和国人民调解法》第十七条"]
    assert "第十八条" not in a.answer and "第十八条" not in a.citations[0].quote
    both = laws.ask("人民调解法第十七条至第十九条原文")
    assert [c.articles for c in both.citations] == ["第十七条", "第十八条", "第十九条"]


@needs_library
def test_the_law_named_in_full_is_the_one_looked_up_not_one_its_name_half_matches(laws: GovKB) -> None:
    # 城市居民委员会组织法 shares most of its short title's pairs with 村民委员会组织法.
    a = laws.ask("城市居民委员会组织法第十七条讲的什么")
    assert [c.source_label() for c in a.citations] == ["《中华人民共和国城市居民委员会组织法》第十七条"]
    assert "办公用房" in a.answer


@needs_library
def test_an_article_the_law_does_not_have_is_refused_with_its_last_article(laws: GovKB) -> None:
    a = laws.ask("消防法第二百条是怎么规定的？")
    assert a.refused and not a.citations
    assert "《中华人民共和国消防法》没有第二百条（共七十四条）。" in a.notes


@needs_library
def test_asked_what_breaking_an_article_costs_the_articles_penalising_it_by_number_answer(laws: GovKB) -> None:
    a = laws.ask("违反消防法第十八条会怎么罚？")
    assert [c.source_label() for c in a.citations] == ["《中华人民共和国消防法》第六十七条"]
    assert "第十八条" in a.citations[0].quote and "警告" in a.answer


@needs_library
def test_an_old_version_named_by_year_is_looked_up_in_that_version_and_said_to_be_old(laws: GovKB) -> None:
    old = laws.ask("突发事件应对法2007年版第四十四条")
    assert [c.source_label() for c in old.citations] == ["《中华人民共和国突发事件应对法》第四十四条"]
    assert old.citations[0].superseded and "启动应急预案" in old.answer
    assert any("旧版本" in n for n in old.notes)
    current = laws.ask("突发事件应对法第四十四条")
    assert not current.citations[0].superseded and current.answer != old.answer


@needs_library
def test_an_old_versions_article_is_placed_in_the_current_version(laws: GovKB) -> None:
    # 2007 第四十四条 (三级、四级警报…启动应急预案) is 2024 第六十六条, reworded; the note says so, and the
    # current 第六十六条 is indeed the one that starts the plan.
    old = laws.ask("突发事件应对法2007年版第四十四条")
    assert "旧版第四十四条即现行版本第六十六条（文字有改动）" in old.notes[0]
    assert "启动应急预案" in laws.ask("突发事件应对法第六十六条").answer
    # 慈善法 2016 第四十四条 kept its number and its words in 2023.
    same = laws.ask("慈善法2016年版第四十四条")
    assert same.citations[0].superseded
    assert "旧版第四十四条在现行版本中仍是第四十四条（文字相同）" in same.notes[0]


@needs_library
def test_a_question_asking_more_of_a_named_article_is_composed_with_the_article_first(laws: GovKB) -> None:
    a = laws.ask("消防法第十八条里住宅区的物业公司要管哪些消防设施？")
    assert not a.refused
    assert a.citations[0].source_label() == "《中华人民共和国消防法》第十八条"


@needs_library
def test_model_mode_leaves_a_named_article_in_the_laws_own_words(tmp_path, cache_dir) -> None:
    from tests.hostile import standin_settings
    from tests.llm_standin import Reply, standin_server

    with standin_server() as server:
        server.script = lambda p: Reply("消防法第十八条说，物业公司负责一切消防事务。[1]")
        service = GovKB(load_settings(data_dir=tmp_path / "kb", cache_dir=cache_dir, embedder={"mode": "mock"},
                                      answer={"null_probes": False}, llm=standin_settings(server.url)))
        assert not service.ingest([LIBRARY / "行政法/消防法(2021-04-29).md"]).errors
        for a in (service.ask("消防法第十八条是怎么规定的？", llm=True),
                  list(service.ask_stream("消防法第十八条是怎么规定的？", llm=True))[-1]):
            assert a.citations[0].source_label() == "《中华人民共和国消防法》第十八条"
            assert "一切消防事务" not in a.answer and "统一管理" in a.answer
        status = service.ask("消防法还有效吗？", llm=True)  # the library's facts on versions: not rewritten either
        assert status.kind == "version" and "一切消防事务" not in status.answer
        assert not server.requests


def test_a_law_named_in_full_drops_the_laws_its_name_only_half_matches() -> None:
    from app.question import named_works
    from govkb.types import DocMeta

    metas = [DocMeta("城市", "中华人民共和国城市居民委员会组织法", date="2018-12-29", work="中华人民共和国城市居民委员会组织法"),
             DocMeta("村民", "中华人民共和国村民委员会组织法", date="2018-12-29", work="中华人民共和国村民委员会组织法"),
             DocMeta("慈善", "中华人民共和国慈善法", date="2023-12-29", work="中华人民共和国慈善法"),
             DocMeta("志愿", "志愿服务条例", date="2017-08-22", work="志愿服务条例")]
    assert named_works("城市居民委员会组织法第十七条讲的什么", metas) == ["城市"]
    assert named_works("村民委员会组织法规定村委会任期几年", metas) == ["村民"]
    # Two laws written out in full are both named; nothing is dropped for being unlike the other.
    assert sorted(named_works("慈善法和志愿服务条例对志愿者有什么要求", metas)) == ["志愿", "慈善"]
    # Named loosely (no title written out as it is), the loose match stands as before.
    assert named_works("居民委员会组织法怎么说", metas) == ["城市", "村民"]


@needs_library
def test_a_law_whose_title_holds_another_is_looked_up_by_its_own_title(tmp_path, cache_dir) -> None:
    # 上海市信访条例 holds 信访条例; 上海市实施《中华人民共和国村民委员会组织法》办法 holds 村民委员会组织法.
    files = [LIBRARY / "行政法规/信访条例(2005-01-10).md", LIBRARY / "上海地方法规/地方性法规/上海/上海市信访条例(2018-05-24).md",
             LIBRARY / "宪法相关法/村民委员会组织法(2018-12-29).md",
             LIBRARY / "上海地方法规/地方性法规/上海/上海市实施《村民委员会组织法》办法(2020-05-14).md"]
    service = GovKB(load_settings(data_dir=tmp_path / "kb", cache_dir=cache_dir, embedder={"mode": "mock"},
                                  answer={"null_probes": False}))
    assert not service.ingest(files).errors
    cases = {"上海市信访条例第三条是怎么规定的？": "《上海市信访条例》第三条",
             "信访条例第三条是怎么规定的？": "《信访条例》第三条",
             "上海市实施《中华人民共和国村民委员会组织法》办法第26条讲的什么":
                 "《上海市实施《中华人民共和国村民委员会组织法》办法》第二十六条",
             "《上海市实施《中华人民共和国村民委员会组织法》办法》第二十六条": "《上海市实施《中华人民共和国村民委员会组织法》办法》第二十六条",
             "村民委员会组织法第二十六条": "《中华人民共和国村民委员会组织法》第二十六条"}
    for question, label in cases.items():
        assert [c.source_label() for c in service.ask(question).citations] == [label], question


@needs_library
def test_asked_whether_a_version_still_holds_the_library_says_which_versions_it_has(laws: GovKB) -> None:
    a = laws.ask("2007年版突发事件应对法现在还有效吗？")
    assert not a.refused and a.kind == "version"
    # The newest version's own sentence on when it takes effect, cited; the versions, from the headers, as notes.
    assert [c.source_label() for c in a.citations] == ["《中华人民共和国突发事件应对法》第一百零六条"]
    assert "本法自2024年11月1日起施行" in a.answer and not a.citations[0].superseded
    said = " ".join(a.notes)
    assert "库中收录 2 个版本：2024-06-28 版（库中最新）；2007-08-30 版（已修订）" in said
    assert "问到的 2007-08-30 版已被 2024-06-28 版修订" in said and "请以官方最新发布为准" in said
    one = laws.ask("城市居民委员会组织法还有效吗")
    assert one.kind == "version" and "库中收录 1 个版本" in " ".join(one.notes)
    # Asked what the newest version says, it is not a question about versions.
    for question in ("按最新的慈善法，网络募捐要在哪里办？", "慈善法的现行版本对慈善信托有什么规定？"):
        assert laws.ask(question).kind != "version", question


@needs_library
def test_an_old_article_asked_whether_it_still_holds_comes_with_the_versions_and_its_place_now(laws: GovKB) -> None:
    a = laws.ask("突发事件应对法2007年版第四十四条现在还适用吗？")
    assert [c.source_label() for c in a.citations] == ["《中华人民共和国突发事件应对法》第四十四条"]
    assert a.citations[0].superseded
    said = " ".join(a.notes)
    assert "2007-08-30 版（已修订）" in said and "旧版第四十四条即现行版本第六十六条" in said


def test_article_refs_read_a_clause_and_an_item() -> None:
    from app.lookup import Ref, article_refs

    assert article_refs("社会救助暂行办法第十一条第一款第（二）项") == [Ref(8, 11, 1, 2)]
    assert article_refs("消防法第十八条第2款说了什么") == [Ref(3, 18, 2, 0)]
    assert article_refs("第十一条第三项") == [Ref(0, 11, 0, 3)]


@needs_library
def test_a_named_clause_or_item_is_answered_by_that_part_alone_under_its_own_label(laws: GovKB) -> None:
    second = laws.ask("消防法第十八条第二款是怎么规定的")
    assert [c.source_label() for c in second.citations] == ["《中华人民共和国消防法》第十八条第二款"]
    assert second.answer.startswith("住宅区的物业服务企业") and "统一管理" not in second.answer
    assert laws.ask("消防法第十八条第一款").answer.startswith("第十八条 同一建筑物")
    # A 项 of the second 款 (消防法第十七条: 重点单位…还应当履行下列消防安全职责：（一）…（四）), and of an article
    # whose first 款 holds its items (人民调解法第十五条).
    item = laws.ask("消防法第十七条第二款第（三）项")
    assert [c.source_label() for c in item.citations] == ["《中华人民共和国消防法》第十七条第二款第（三）项"]
    assert item.answer.startswith("（三）实行每日防火巡查，并建立巡查记录；")
    assert laws.ask("人民调解法第十五条第二项").answer.startswith("（二）侮辱当事人的；")
    assert "第十五条没有第（九）项（共四项）" in " ".join(laws.ask("人民调解法第十五条第九项").notes)
    missing = laws.ask("消防法第十八条第五款")
    assert missing.refused and "《中华人民共和国消防法》第十八条没有第五款（共二款）。" in missing.notes


@needs_library
@pytest.mark.parametrize("question", ["消防法第条", "消防法第0条", "消防法第〇条", "消防法第一千万条", "消防法第十八条第0款",
                                      "消防法第十九条至第十七条", "《》第三条", "消防法第99999999999条"])
def test_odd_article_numbers_never_break_an_answer(laws: GovKB, question: str) -> None:
    a = laws.ask(question)  # answered or refused, never an error; every citation is a real article of a real law
    assert a.refused or a.citations
    assert all(re.fullmatch(r"《[^》]+》第[一二三四五六七八九十百零]+条.*", c.source_label()) for c in a.citations)


@needs_library
def test_a_number_past_any_law_is_refused_naming_the_laws_last_article(laws: GovKB) -> None:
    a = laws.ask("消防法第99999999999条")
    assert a.refused and a.notes == ["《中华人民共和国消防法》没有第99999999999条（共七十四条）。"]


def _bare(doc, s) -> str:
    return re.sub(r"\s+", "", re.sub(r"^\s*第[一二三四五六七八九十百零]+条", "", doc.text[s.start : s.end]))


@needs_library
def test_two_versions_compared_article_by_article(laws: GovKB) -> None:
    from app.revisions import compare_versions

    old, new = laws.document("突发事件应对法-2007-08-30"), laws.document("突发事件应对法-2024-06-28")
    diff = compare_versions(old, new)
    c = diff.counts()
    assert (c["articles"], c["old_articles"]) == (106, 70)
    assert c["same"] + c["changed"] + c["added"] == 106 and c["same"] >= c["renumbered"]
    # 'same' means the same words, checked here from the texts themselves; 'changed' means they differ.
    for n, o, same in diff.pairs:
        if o is not None:
            assert same == (_bare(new, n) == _bare(old, o)), n.title
    pair = {n.title: (o.title if o else None) for n, o, _ in diff.pairs}
    assert pair["第六十六条"] == "第四十四条"
    assert diff.summary().startswith("2024-06-28 版共 106 条，与 2007-08-30 版（70 条）相比：")


@needs_library
def test_asked_what_a_revision_changed_the_answer_lists_it(laws: GovKB) -> None:
    a = laws.ask("突发事件应对法2024年修订改了哪些内容？")
    assert a.kind == "version" and "本法自2024年11月1日起施行" in a.answer
    said = " ".join(a.notes)
    assert "修订对照（逐条比对两版文字得出，不是条文原文）：2024-06-28 版共 106 条，与 2007-08-30 版（70 条）相比" in said
    assert "有改动的条文：" in said and "第六十六条（原第四十四条）" in said
    assert laws.ask("慈善法对网络募捐有什么不同的规定？").kind != "version"


@needs_library
def test_the_library_shows_a_laws_revision_beside_its_outline(laws: GovKB) -> None:
    from app import render
    from app.render_versions import version_diff_html

    new_view = version_diff_html(laws.version_diff("突发事件应对法-2024-06-28"), viewing="突发事件应对法-2024-06-28")
    sec = next(s for s in laws.document("突发事件应对法-2024-06-28").sections if s.title == "第六十六条")
    assert 'id="version-diff"' in new_view and f'<a href="#sec-{sec.start}">第六十六条</a> ← 2007-08-30 版第四十四条（有改动）' in new_view
    old_view = version_diff_html(laws.version_diff("突发事件应对法-2007-08-30"), viewing="突发事件应对法-2007-08-30")
    assert "第四十四条</a> → 现行第六十六条（有改动）" in old_view
    assert laws.version_diff("消防法-2021-04-29") is None  # one version only
    outline, _ = render.document_html(laws.document("突发事件应对法-2024-06-28"), versions=new_view)
    assert "修订对照" in outline


@needs_library
def test_the_short_names_people_give_laws_find_them(laws: GovKB) -> None:
    from app.laws import law_names

    assert law_names("居委会组织法第八条") == "城市居民委员会组织法第八条"
    assert law_names("城市居民委员会组织法和居委会组织法") == "城市居民委员会组织法和居委会组织法"  # written out already
    for question, label in {"居委会组织法第八条": "《中华人民共和国城市居民委员会组织法》第八条",
                            "村委会组织法第十一条": "《中华人民共和国村民委员会组织法》第十一条"}.items():
        assert [c.source_label() for c in laws.ask(question).citations] == [label], question
