"""The sentence verifier alone: splitting, numerals, names, and the calibration set at the configured threshold."""

from __future__ import annotations

import pytest

from app.groundedness import Claim, split_claims, verify
from app.numerals import numbers, supported
from eval.groundedness import cases, vocabulary
from govkb.settings import load_settings
from tests.conftest import judged


def test_split_claims_reads_markers_before_or_after_the_full_stop() -> None:
    text = "- 第一句。[1]\n**第二句**[2][3]。第三句【4】。\n[5]\n第四句没有出处"
    got = [(c.text, c.sources) for c in split_claims(text)]
    assert got == [("第一句。", [1]), ("第二句。", [2, 3]), ("第三句。", [4, 5]), ("第四句没有出处", [])]
    assert split_claims("他说：“社区要管。居民要帮。”[1]")[0].sources == [1]  # no cut inside quotes


# Per source: the numbers it supports, then those it does not.
@pytest.mark.parametrize(("source", "claim", "ok"), judged({
    "共有居民3700余户": (["三千七百余户"], ["3700户"]),
    "等4支队伍": (["四支队伍"], []),
    "二〇二四年三月": (["2024年"], []),
    "第十二条 居民": (["第12条"], ["第十三条"]),
    "十五年": ([], ["五年"]),
}))
def test_numbers_compare_by_value_unit_and_qualifier(source: str, claim: str, ok: bool) -> None:
    got = numbers(claim)
    assert got and all(supported(n, numbers(source, strict=False)) for n in got) is ok


def test_words_that_only_look_like_numbers_are_not_numbers() -> None:
    assert numbers("统一规划，一些社区十分重视，千万不要一个人") == []


def test_verify_reasons() -> None:
    passages = {1: "《某文》\n华胜社区共有居民4594户，禁止在楼道堆放杂物。", 2: "燕子矶街道组建了志愿服务队。"}
    cases_ = {
        "华胜社区共有居民4594户。": ([1], True, ""),
        "华胜社区共有居民4595户。": ([1], False, "number"),
        "华胜社区共有居民4594户，楼道不得堆放杂物。": ([1], False, "negation"),
        "燕子矶街道共有居民4594户。": ([1], False, "name"),
        "华胜社区共有居民4594户？": ([3], False, "bad_citation"),
        "《某文》说“禁止在楼道堆放”。": ([1], True, ""),
        "《某文》说“禁止在走廊堆放”。": ([1], False, "quote"),
    }
    for text, (sources, ok, reason) in cases_.items():
        v = verify(Claim(text, sources), passages, 0.6)
        assert (v.ok, v.reason) == (ok, reason), text


def test_calibration_set_at_the_configured_threshold() -> None:
    threshold = load_settings().llm.min_support
    vocab = vocabulary()
    all_cases = cases()
    assert sum(c.supported for c in all_cases) == 30 and len(all_cases) > 100
    wrong = [c.id for c in all_cases
             if verify(Claim(c.claim, [1]), {1: c.support}, threshold, vocab.__contains__).ok != c.supported]
    assert not wrong
