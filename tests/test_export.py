"""Markdown export with GB/T 7714 references."""

from __future__ import annotations

from app.export import authors, doc_type, gbt7714, to_markdown
from govkb.types import DocMeta


def test_reference_strings_follow_gbt7714() -> None:
    web = DocMeta("d", "城市基层党组织引领社区韧性治理的路径探索", author="吉军辉（中共河南省委党校省直分校）",
                  source="大河网", date="2025-07-21", kind="路径探索")
    assert gbt7714(1, web) == "[1] 吉军辉. 城市基层党组织引领社区韧性治理的路径探索[EB/OL]. 大河网, 2025-07-21."
    paper = DocMeta("n", "以新安全格局统筹基层社区韧性治理", author="张勤、刘鹏（南京航空航天大学）",
                    source="南京日报 / 江苏智库网", date="2023-02-15")
    assert gbt7714(2, paper) == "[2] 张勤, 刘鹏. 以新安全格局统筹基层社区韧性治理[N]. 南京日报, 2023-02-15."
    anon = DocMeta("s", "协同视角下党建引领城市社区韧性治理", source="学术论文")
    assert gbt7714(3, anon) == "[3] 协同视角下党建引领城市社区韧性治理[Z]. 学术论文."
    assert doc_type(anon) == "Z"
    assert authors(DocMeta("x", "t", author="甲、乙、丙、丁")) == "甲, 乙, 丙, 等"


def test_markdown_has_answer_quotes_and_references(corpus_service) -> None:
    answer = corpus_service.ask("怎么制定权责清单？")
    md = to_markdown(answer, corpus_service.document)
    assert md.startswith("## 问：怎么制定权责清单？")
    assert answer.answer in md
    for c in answer.citations:
        assert f"> {c.quote.splitlines()[0]}" in md
        assert f"[{c.n}] " in md.split("### 参考文献")[1]
    assert "[EB/OL]" in md


def test_refused_answer_exports_the_refusal(corpus_service) -> None:
    answer = corpus_service.ask("个人所得税专项附加扣除怎么申报？")
    md = to_markdown(answer, corpus_service.document)
    assert "知识库中未找到相关依据" in md and "参考文献" not in md


def test_export_keeps_the_shape_of_the_answer() -> None:
    from app.export import answer_markdown
    from govkb.types import Answer, AnswerSentence

    answer = Answer("问", "", False, [], [], notes=["北湖社区：知识库中未找到相关依据。"], sentences=[
        AnswerSentence("开列权责清单。", [1], "1. 权责清单：", "·items"),
        AnswerSentence("摸清风险。", [2], "2. 风险清单：", "·items"),
        AnswerSentence("东风做法。", [3], "东风社区：", "·东风社区"),
        AnswerSentence("另一句。", [3], "", "·东风社区")])
    md = answer_markdown(answer)
    assert md[:2] == ["1. **权责清单**：开列权责清单。[1]", "2. **风险清单**：摸清风险。[2]"]
    assert "**东风社区**：东风做法。[3]另一句。[3]" in md
    assert md[-2:] == ["", "> 注：北湖社区：知识库中未找到相关依据。"]
