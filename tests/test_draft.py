"""What counts as a claim in a draft: quotations, source-naming sentences, references; attribution; titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.draft import DraftError, book, extract_claims, matching_titles, paragraphs, read_draft, statement_text

SLIDES = """# 第三讲 居委会的法律地位

## 要点

- 《中华人民共和国城市居民委员会组织法》第二条规定：“居民委员会是居民自我管理、自我教育、
  自我服务的基层群众性自治组织。”
- 根据《城市居民委员会组织法》第八条规定，居民委员会每届任期五年。
- **“三管”**是我们常用的说法。
- 有文件指出：“社区是党和政府联系服务群众的最后一公里。”

总书记强调，要把“五社联动”落到实处。他指出了问题的关键。

详见《居委会组织法》第十条。

《城市居民委员会组织法》第八条规定“每届任期五年”。
"""


def test_claims_of_a_slide_deck() -> None:
    claims = extract_claims(SLIDES)
    got = [(c.kind, c.text, c.line, c.title, c.article) for c in claims]
    assert got == [
        ("quotation", "居民委员会是居民自我管理、自我教育、自我服务的基层群众性自治组织。", 5,
         "中华人民共和国城市居民委员会组织法", "第二条"),
        ("statement", "居民委员会每届任期五年。", 7, "城市居民委员会组织法", "第八条"),
        ("quotation", "社区是党和政府联系服务群众的最后一公里。", 9, "", ""),
        ("statement", "要把“五社联动”落到实处。", 11, "", ""),
        ("reference", "", 13, "居委会组织法", "第十条"),
        ("quotation", "每届任期五年", 15, "城市居民委员会组织法", "第八条"),
    ]
    assert [c.n for c in claims] == list(range(1, 7))


def test_terms_in_quotation_marks_and_plain_sentences_are_not_claims() -> None:
    assert extract_claims("我们常说“三管”和“五社联动”。他指出了问题的关键。社区要强调服务意识。") == []


def test_a_long_quotation_counts_even_without_a_source() -> None:
    (claim,) = extract_claims("正如大家熟悉的那句话「社区治理要从居民最关心的问题入手」。")
    assert claim.kind == "quotation" and claim.text == "社区治理要从居民最关心的问题入手" and not claim.title


def test_ascii_quotation_marks_count_too() -> None:
    (claim,) = extract_claims('《城市居民委员会组织法》第八条规定："居民委员会每届任期五年，其成员可以连选连任。"')
    assert claim.kind == "quotation" and claim.text.startswith("居民委员会每届任期五年") and claim.article == "第八条"


def test_only_the_outermost_quotation_is_taken() -> None:
    (claim,) = extract_claims("有学者写道：“‘三管’是指事前防范、事中控制和事后反思的全周期动态管理。”")
    assert claim.text == "‘三管’是指事前防范、事中控制和事后反思的全周期动态管理。"


def test_attribution_is_the_nearest_title_before_the_quotation() -> None:
    claims = extract_claims("《慈善法》讲募捐，《突发事件应对法》第七条则规定：“国家建立统一指挥、专常兼备的应急管理体制。”")
    assert [(c.title, c.article) for c in claims] == [("突发事件应对法", "第七条")]
    (after,) = extract_claims("“居民委员会每届任期五年，其成员可以连选连任。”（《城市居民委员会组织法》第八条）")
    assert (after.title, after.article) == ("城市居民委员会组织法", "第八条")


def test_statement_text_drops_the_attribution() -> None:
    assert statement_text("根据《城市居民委员会组织法》第八条规定，居民委员会每届任期五年。") == "居民委员会每届任期五年。"
    assert statement_text("《突发事件应对法》第七条规定，国家建立统一指挥的体制。") == "国家建立统一指挥的体制。"
    assert statement_text("会议强调：坚持党建引领（见《某某意见》第三条）") == "坚持党建引领"


def test_paragraphs_join_wrapped_lines_and_drop_markup() -> None:
    paras = paragraphs("# 标题\n\n第一行接\n第二行。\n- **要点**一\n- 要点二\n")
    assert paras == [(1, "标题"), (3, "第一行接第二行。"), (5, "要点一"), (6, "要点二")]


TITLES = {
    "national": "中华人民共和国城市居民委员会组织法",
    "beijing": "北京市实施《中华人民共和国城市居民委员会组织法》办法",
    "village": "中华人民共和国村民委员会组织法",
    "emergency": "中华人民共和国突发事件应对法",
}


@pytest.mark.parametrize(
    ("named", "ids"),
    [
        ("中华人民共和国城市居民委员会组织法", ["national"]),
        ("城市居民委员会组织法", ["national"]),
        ("居委会组织法", ["national"]),  # an abbreviation, not the Beijing implementing measures
        ("村民委员会组织法", ["village"]),
        ("突发事件应对法", ["emergency"]),
        ("北京市实施《城市居民委员会组织法》办法", ["beijing"]),
        ("社区矫正法", []),
    ],
)
def test_titles_as_drafts_write_them(named: str, ids: list[str]) -> None:
    assert matching_titles(named, TITLES) == ids


def test_book_marks_nest() -> None:
    assert book(TITLES["beijing"]) == "《北京市实施〈中华人民共和国城市居民委员会组织法〉办法》"


def test_read_draft_encodings_and_errors(tmp_path: Path) -> None:
    gbk = tmp_path / "讲稿.txt"
    gbk.write_bytes("根据《慈善法》规定，慈善组织应当依法开展活动。".encode("gbk"))
    assert read_draft(gbk).startswith("根据《慈善法》")
    with pytest.raises(DraftError, match="不存在"):
        read_draft(tmp_path / "没有.md")
    with pytest.raises(DraftError, match="另存为 TXT 或 Markdown"):
        read_draft(tmp_path / "课件.pptx")
    binary = tmp_path / "乱码.md"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DraftError, match="乱码.md"):
        read_draft(binary)


def test_each_line_of_sentences_keeps_its_own_line_number() -> None:
    from app.draft import paragraphs

    draft = "第一句话。\n第二句话，\n接着写完。\n\n第三段。\n"
    assert paragraphs(draft) == [(1, "第一句话。"), (2, "第二句话，接着写完。"), (5, "第三段。")]
