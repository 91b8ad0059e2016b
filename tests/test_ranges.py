"""A figure a question tells (死了12个人) picks the grade or penalty whose range holds it (10人以上30人以下死亡)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import app.answer
import app.evidence
from app.ranges import fit, told_figures
from app.service import GovKB
from govkb.settings import load_settings
from tests.policy import LIBRARY, needs_library


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("火车出事故死了12个人，按规定算哪一级的事故？", [(Decimal(12), "人")]),
        ("损失了3000万算什么事故？", [(Decimal(30_000_000), "元")]),
        ("被罚了五千块钱，合法吗？", [(Decimal(5000), "元")]),
        ("罚了两万块钱，是不是太多了？", [(Decimal(20000), "元")]),
        ("我们小区有300户，要设几个居民小组？", [(Decimal(300), "户")]),
        # Article numbers, counts asked and 一个人 (alone) tell no figure.
        ("第十二条说了什么？", []),
        ("一个居委会一般配几个人？", []),
        ("我一个人住，停电了找谁？", []),
        ("火车出事死了两个人，属于什么级别？", [(Decimal(2), "人")]),
        ("说抽一次给几百块，合法吗？", []),
        ("上百户居民受了灾，数千人要转移，怎么安置？", []),
    ],
)
def test_the_figures_a_question_tells(question: str, figures: list[tuple[Decimal, str]]) -> None:
    assert told_figures(question) == figures


DEATHS = "火车出事故死了12个人，按规定算哪一级的事故？"


@pytest.mark.parametrize(
    ("sentence", "question", "expected"),
    [
        ("(一)造成10人以上30人以下死亡，或者50人以上100人以下重伤的；", DEATHS, 1),
        # The injuries' range holds 12, but deaths are told of: the deaths' range (3 to 10) does not.
        ("(一)造成3人以上10人以下死亡，或者10人以上50人以下重伤的；", DEATHS, -1),
        ("(一)造成30人以上死亡，或者100人以上重伤的；", DEATHS, -1),
        ("造成3人以下死亡，或者10人以下重伤的，为一般事故。", DEATHS, -1),
        # 以上 counts its bound, 以下 does not (the grades' own rule).
        ("(一)造成10人以上30人以下死亡的；", "死了10个人算什么事故？", 1),
        ("(一)造成3人以上10人以下死亡的；", "死了10个人算什么事故？", -1),
        ("处二千元以上二万元以下的罚款。", "被罚了五千块钱，合法吗？", 1),
        ("处五万元以上十万元以下的罚款。", "被罚了五千块钱，合法吗？", -1),
        # Ranges of another unit, or none, say nothing of the figure.
        ("客运列车脱轨2辆以上18辆以下的；", DEATHS, 0),
        ("应当及时报告。", DEATHS, 0),
    ],
)
def test_a_range_holds_the_figure_told_or_does_not(sentence: str, question: str, expected: int) -> None:
    assert fit(sentence, question, told_figures(question)) == expected


@needs_library
def test_the_grade_whose_range_holds_the_deaths_is_cited_first(tmp_path: Path, cache_dir: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    service = GovKB(load_settings(data_dir=tmp_path, cache_dir=cache_dir, embedder={"mode": "mock"},
                                  answer={"min_evidence": 0.0}))
    files = [*LIBRARY.glob("行政法规/铁路交通事故应急救援和调查处理条例*.md"), *LIBRARY.glob("行政法规/电力安全事故应急处置和调查处理条例*.md")]
    assert len(files) == 2 and not service.ingest(files).errors
    question = "火车出了事故，死了12个人，这算哪一级的事故？"

    def first() -> tuple[str, str]:
        cited = service.ask(question).citations
        return (cited[0].title, cited[0].articles) if cited else ("", "")

    # 第十条: 造成10人以上30人以下死亡…为重大事故. It is not among the passages found (第八条、第九条 is): the chapter of
    # grades joins the evidence, and the sentence whose range holds 12 deaths outscores the lead of 第九条's list.
    assert first() == ("铁路交通事故应急救援和调查处理条例", "第十条")
    with monkeypatch.context() as m:
        m.setattr(app.evidence, "RANGE", 0.0)
        assert first() != ("铁路交通事故应急救援和调查处理条例", "第十条")
    monkeypatch.setattr(app.answer, "fit", lambda *_: 0)
    assert first() != ("铁路交通事故应急救援和调查处理条例", "第十条")


@needs_library
def test_the_first_passage_does_not_lead_with_a_grade_whose_range_fails_the_figure(tmp_path: Path,
                                                                                   cache_dir: Path) -> None:
    # The best-ranked passage always speaks first, unless it sets ranges the figure told falls outside while the answer
    # holds the grade whose range holds it: 死了15个人 is no 一般事故 (第十二条, 3人以下死亡) but a 重大事故 (第十条).
    from app.compose import Composer
    from app.evidence import Evidence
    from app.question import analyse
    from govkb.types import Hit

    service = GovKB(load_settings(data_dir=tmp_path, cache_dir=cache_dir, embedder={"mode": "mock"},
                                  answer={"min_evidence": 0.0}))
    assert not service.ingest([*LIBRARY.glob("行政法规/铁路交通事故应急救援和调查处理条例*.md")]).errors
    chunks = service.kb.chunks().values()
    minor = next(c for c in chunks if "第十二条" in c.articles.split("、"))
    major = next(c for c in chunks if "第十条" in c.articles.split("、"))
    hits = [Hit(chunk=minor, score=1.0), Hit(chunk=major, score=0.9)]

    def first_article(question: str) -> str:
        info = analyse(question, service.known, service.metas())
        ev = Evidence(info, service)
        ev.add_hits(hits)
        pieces = Composer(info, ev, hits, service).compose().pieces
        doc = service.document(pieces[0].cand.doc_id)
        assert doc is not None
        return doc.articles_in(pieces[0].cand.start, pieces[0].cand.end)[0].title

    assert first_article("铁路上出了事故，死了15个人，这属于哪一级事故？").startswith("第十条")
    # A figure 第十二条's range holds: the best-ranked passage speaks first.
    assert first_article("铁路上出了事故，死了2个人，这属于哪一级事故？").startswith("第十二条")
