"""Cleaning steps: furniture, markup, bios, page-break joins and headings, each alone and together."""

from __future__ import annotations

from ingest.clean import Line, assemble, clean, drop_furniture, heading_rank, move_bios, strip_markup
from ingest.loaders import RawLine, RawText


def _clean_text(text: str, fmt: str = "text", title: str = "") -> str:
    raw = RawText(lines=[RawLine(t) for t in text.split("\n")], fmt=fmt)
    return assemble(clean(raw, title=title))[0]


def test_furniture_lines_are_dropped_and_body_kept() -> None:
    lines = [Line("扫一扫  加微信"), Line("编辑:付婷"), Line("来源:大河网"), Line("正文第一句。")]
    assert [line.text for line in drop_furniture(lines)] == ["正文第一句。"]


def test_markup_and_footnote_markers_are_removed_without_touching_words() -> None:
    out = strip_markup([Line("**摘要：**韧性社区建设<sup>[1]</sup>是屏障。"), Line("## 一、现状")])
    assert out[0].text == "摘要：韧性社区建设是屏障。"
    assert out[1].text == "一、现状" and out[1].markdown_heading


def test_bio_is_moved_out_of_the_paragraph_it_interrupts() -> None:
    text = "\n".join(
        [
            "### （三）发挥多元优势",
            "",
            "当前的小区在治理上基本遵循多元主体围绕一个核",
            "",
            "**作者简介：**马丽（1980-），女，高级讲师。",
            "",
            "心共同管理社区的模式。核心是社区党总支。",
        ]
    )
    cleaned = _clean_text(text, fmt="markdown")
    assert "围绕一个核心共同管理社区的模式。" in cleaned
    assert cleaned.rstrip().endswith("作者简介：马丽（1980-），女，高级讲师。")
    assert moved_order_ok(cleaned)


def moved_order_ok(cleaned: str) -> bool:
    return cleaned.index("核心共同管理") < cleaned.index("作者简介")


def test_move_bios_keeps_other_lines_in_order() -> None:
    lines = [Line("a"), Line("作者简介：某某"), Line("b")]
    assert [line.text for line in move_bios(lines) if line.text] == ["a", "b", "作者简介：某某"]


def test_heading_styles_are_recognised() -> None:
    for text in ["一、用好“一个抓手”,打牢韧性治理基础", "（一）以党建为引领", "(二) 以满足社区居民需求为目标", "2.1. 协同治理理论", "1. 引言"]:
        assert heading_rank(text, markdown_heading=False, allow_plain=False) is not None, text
    # Sentences are not headings even when they start with a number.
    assert heading_rank("1. 这是一个完整的句子。", markdown_heading=False, allow_plain=False) is None
    assert heading_rank("图1. 理论框架图", markdown_heading=False, allow_plain=True) is None


def test_cleaning_never_changes_sentence_wording() -> None:
    body = "社区党组织在统筹协调各类资源方面具有先天优势,要利用好自身优势,加快内部资源整合。"
    cleaned = _clean_text(f"标题\n\n来源:大河网\n\n{body}\n\n编辑:付婷")
    assert body in cleaned
    assert "来源" not in cleaned and "编辑" not in cleaned


def test_pdf_wrapped_lines_are_rejoined_across_pages() -> None:
    width = "党" * 40
    raw = RawText(
        lines=[RawLine("1. 引言", 1), RawLine(width, 1), RawLine("韧性治理", 2), RawLine("结束。", 2)],
        fmt="pdf",
    )
    blocks = clean(raw, title="某标题")
    text, pages, _ = assemble(blocks)
    assert text == "1. 引言\n" + width + "韧性治理结束。"
    assert blocks[0].heading is not None
    # The page map records where page 2 starts inside the re-joined paragraph.
    assert pages == [(0, 1), (len("1. 引言\n") + 40, 2)]
