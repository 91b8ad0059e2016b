"""Laws and regulations at ingest, on real files of the shared policy library: headings, articles,
款/项 splits, header metadata, kinds and regions, the same law as Markdown, TXT and PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govkb.settings import ChunkSettings
from ingest.legal import ARTICLE, cn_number, heading_title
from ingest.legal_meta import folder_facts, infer_kind, parse_header, place_of
from ingest.pipeline import Prepared, prepare_file
from tests.policy import LIBRARY, law_as_txt, needs_library

pytestmark = needs_library

JUMIN = "宪法相关法/城市居民委员会组织法(2018-12-29).md"
BJ_XINFANG = "北京地方法规/地方性法规/北京/北京市信访条例.md"
BJ_HEALTH = "北京地方法规/地方性法规/北京/北京市突发公共卫生事件应急条例(2020-09-25).md"
JIAXING = "浙江地方法规/地方性法规/浙江/嘉兴市住宅物业管理条例(2021-12-07).md"
SH_RELIEF_2024 = "上海地方法规/地方性法规/上海/上海市社会救助条例(2024-12-31).md"
WEIHAI = "山东地方法规/地方性法规/山东/威海市居民养老服务保障条例(2020-01-17).md"
RELIEF = "行政法规/社会救助暂行办法(2019-03-02).md"
COURT = "司法解释/最高人民法院关于人民调解协议司法确认程序的若干规定(2011-03-23).md"


def prep(rel: str) -> Prepared:
    return prepare_file(LIBRARY / rel)


def source_articles(rel: str) -> list[str]:
    """The article numbers as the file writes them, read with a plain regex (not our parser)."""
    lines = (LIBRARY / rel).read_text(encoding="utf-8").splitlines()
    return [m.group(1) for line in lines if (m := re.match(r"^(第[一二三四五六七八九十百零]+条)[ \u3000]", line))]


def articles(p: Prepared) -> list[str]:
    return [s.title for s in p.document.sections if s.kind == "article"]


@pytest.mark.parametrize("rel", [JUMIN, BJ_XINFANG, BJ_HEALTH, JIAXING, SH_RELIEF_2024, WEIHAI, RELIEF, COURT])
def test_every_article_is_found_in_order_and_chunks_are_the_stored_text(rel: str) -> None:
    p = prep(rel)
    found = articles(p)
    assert found == source_articles(rel) and len(found) >= 10
    assert [cn_number(a[1:-1]) for a in found] == list(range(1, len(found) + 1))
    text = p.document.text
    for s in p.document.sections:
        if s.kind == "article":
            assert text[s.start : s.end].startswith(s.title + " ") and not text[s.start : s.end].endswith("\n")
    first = next(s.start for s in p.document.sections if s.kind == "article")
    for c in p.chunks:
        assert text[c.start : c.end] == c.text and len(c.text) <= 400
        if c.end <= first:  # a preamble (为了…，制定本规定。) belongs to no article
            assert not c.articles
            continue
        overlapped = [a.title for a in p.document.articles_in(c.start, c.end)]
        assert c.articles and c.articles.split("、") == overlapped
        assert c.section.endswith(c.articles)


def test_odd_heading_spellings_give_clean_section_paths() -> None:
    xinfang = prep(BJ_XINFANG)  # "## 第一章  总则", "### 第一节  受理和办理"
    paths = {s.path for s in xinfang.document.sections}
    assert "第一章 总则 > 第一条" in paths
    assert "第六章 人民政府及其工作部门信访事项的受理和办理 > 第一节 受理和办理" in paths
    first_section = next(s for s in xinfang.document.sections if s.title == "第一节 受理和办理")
    nested = [s for s in xinfang.document.sections if s.path.startswith(first_section.path + " > ")]
    assert nested and all(s.kind == "article" for s in nested)
    health = prep(BJ_HEALTH)  # "## 第一章　总则" with an ideographic space, "### 第一节 …"
    assert "\u3000" in (LIBRARY / BJ_HEALTH).read_text(encoding="utf-8").split("<!-- INFO END -->")[1][:40]
    assert health.document.sections[0].path == "第一章 总则"
    assert any(s.path == "第四章 应急处置 > 第一节 应对措施" for s in health.document.sections)
    jiaxing = prep(JIAXING)  # "## 第一章  总  则"
    assert jiaxing.document.sections[0].title == "第一章 总则"
    assert heading_title("第三章　法律责任") == "第三章 法律责任" and heading_title("第八章 附 则") == "第八章 附则"


def test_a_chunk_holds_one_article_or_short_articles_of_one_chapter() -> None:
    p = prep(BJ_XINFANG)
    secs = {s.title: s for s in p.document.sections if s.kind == "article"}
    for c in p.chunks:
        nums = c.articles.split("、")
        parents = {secs[n].path.rsplit(" > ", 1)[0] for n in nums}
        assert len(parents) == 1  # never across a chapter or section
        if len(nums) > 1:
            assert len(c.text) <= ChunkSettings().min_chars  # only short articles share a chunk
    jumin = prep(JUMIN)
    eighth = next(c for c in jumin.chunks if "第八条" in c.articles.split("、"))
    assert "居民委员会每届任期五年" in eighth.text


def test_a_long_article_splits_at_its_items_never_mid_sentence() -> None:
    p = prep(BJ_HEALTH)
    art = next(s for s in p.document.sections if s.title == "第四十三条")
    text = p.document.text
    assert art.end - art.start > 1000
    parts = [c for c in p.chunks if c.articles == "第四十三条"]
    assert len(parts) >= 3
    assert parts[0].start == art.start and parts[-1].end == art.end
    for a, b in zip(parts, parts[1:], strict=False):
        assert text[a.end] == "\n" and b.start == a.end + 1  # cut between lines, nothing lost
        assert re.match(r"（[一二三四五六七八九十]+）", b.text)  # the next part starts at an item
    assert all(p.section == "第四章 应急处置 > 第二节 四方责任 > 第四十三条" for p in parts)


def test_header_is_metadata_and_the_stored_text_starts_at_the_body() -> None:
    p = prep(JUMIN)
    doc = p.document
    assert doc.text.startswith("第一条 为了加强城市居民委员会的建设")
    assert "常务委员会第十一次会议通过" not in doc.text and "INFO END" not in doc.text
    m = doc.meta
    assert m.title == "中华人民共和国城市居民委员会组织法"
    assert (m.kind, m.issuer, m.adopted, m.revised) == ("法律", "全国人民代表大会常务委员会", "1989-12-26", ("2018-12-29",))
    assert m.effective == "1990-01-01"  # 第二十三条 本法自1990年1月1日起施行。
    assert m.date == "2018-12-29" and m.work == "中华人民共和国城市居民委员会组织法"
    relief = prep(RELIEF).document.meta
    assert (relief.kind, relief.issuer, relief.number) == ("行政法规", "国务院", "中华人民共和国国务院令第649号")
    assert relief.effective == "2014-05-01"
    sh = prep(SH_RELIEF_2024).document.meta
    assert (sh.kind, sh.region, sh.issuer) == ("地方性法规", "上海", "上海市人民代表大会常务委员会")
    assert (sh.adopted, sh.revised, sh.date) == ("2018-11-22", ("2024-12-31",), "2024-12-31")
    weihai = prep(WEIHAI).document.meta
    assert (weihai.region, weihai.city, weihai.issuer) == ("山东", "威海", "威海市人民代表大会常务委员会")
    court = prep(COURT).document.meta
    assert (court.kind, court.issuer, court.effective) == ("司法解释", "最高人民法院", "2011-03-30")


def test_header_parsing_of_messier_histories() -> None:
    facts = parse_header(
        [
            "1997年11月12日 宁波市第十届人民代表大会常务委员会第三十七次会议通过",
            "1998年4月20日 浙江省第九届人民代表大会常务委员会第三次会议批准根据2001年5月29日宁波市第十一届"
            "人民代表大会常务委员会第二十八次会议通过",
            "2009年6月26日 宁波市第十三届人民代表大会常务委员会第十七次会议第一次修订",
        ]
    )
    assert facts.issuer == "宁波市人民代表大会常务委员会" and facts.adopted == "1997-11-12"
    assert "2009-06-26" in facts.revised and "1998-04-20" not in facts.revised
    short = parse_header(["2014年12月26日 市十四届人大常委会第二十次会议通过"], place_hint="宁波市")
    assert short.issuer == "宁波市人民代表大会常务委员会"
    state = parse_header(["2005年1月5日 国务院第76次常务会议通过", "2005年1月10日 中华人民共和国国务院令第431号公布",
                          "2005年5月1日 施行"])
    assert (state.issuer, state.promulgated, state.effective) == ("国务院", "2005-01-10", "2005-05-01")


def test_kinds_and_regions_from_folders_and_titles() -> None:
    assert folder_facts(Path("x/上海地方法规/地方性法规/上海/a.md")) == ("地方性法规", "上海")
    assert folder_facts(Path("x/行政法/a.md")) == ("法律", "")
    assert folder_facts(Path("x/行政法规/a.md")) == ("行政法规", "")
    assert folder_facts(Path("/tmp/uploads/a.md")) == ("", "")
    assert place_of("上海市社会救助条例") == ("上海", "")
    assert place_of("汕头经济特区消防条例") == ("", "汕头")
    assert infer_kind("中华人民共和国慈善法", "") == "法律"
    assert infer_kind("信访条例", "国务院") == "行政法规"
    assert infer_kind("上海市居民委员会工作条例", "") == "地方性法规"
    assert infer_kind("社区减灾工作规定", "上海市人民代表大会常务委员会") == "地方性法规"
    assert infer_kind("关于审理…的解释", "最高人民法院") == "司法解释"


def test_the_same_law_as_txt_without_the_marker_gives_the_same_articles(tmp_path: Path) -> None:
    md = prep(BJ_XINFANG)
    txt = prepare_file(law_as_txt(LIBRARY / BJ_XINFANG, tmp_path / "北京市信访条例.txt"))
    assert txt.document.text == md.document.text
    assert [(s.path, s.start, s.end) for s in txt.document.sections] == [
        (s.path, s.start, s.end) for s in md.document.sections
    ]
    assert (txt.document.meta.issuer, txt.document.meta.revised) == (md.document.meta.issuer, md.document.meta.revised)
    assert [c.text for c in txt.chunks] == [c.text for c in md.chunks]


def test_the_same_law_as_pdf_gives_the_same_article_texts(tmp_path: Path) -> None:
    from tests.pdfs import law_pdf

    md = prep(JUMIN)
    pdf = prepare_file(law_pdf(LIBRARY / JUMIN, tmp_path / "城市居民委员会组织法.pdf"))
    assert articles(pdf) == articles(md)
    body = {s.title: md.document.text[s.start : s.end] for s in md.document.sections if s.kind == "article"}
    got = {s.title: pdf.document.text[s.start : s.end] for s in pdf.document.sections if s.kind == "article"}
    assert got == body
    assert pdf.document.meta.issuer == "全国人民代表大会常务委员会" and pdf.document.meta.adopted == "1989-12-26"
    eighth = next(c for c in pdf.chunks if "第八条" in c.articles)
    assert eighth.page is not None and "每届任期五年" in eighth.text


def test_article_numbers_are_read_as_numbers() -> None:
    assert [cn_number(x) for x in ("一", "十", "十一", "二十", "一百零一", "一百一十", "二百三十五")] == [1, 10, 11, 20, 101, 110, 235]
    assert ARTICLE.match("第十条之一 本市…") and ARTICLE.match("第一百零一条 ")
    assert not ARTICLE.match("第十条规定的情形") and not ARTICLE.match("第三条中所称")


OFFICIAL_TXT = """中华人民共和国城市居民委员会组织法
（1989年12月26日第七届全国人民代表大会常务委员会第十一次会议通过　根据2018年12月29日第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国村民委员会组织法〉〈中华人民共和国城市居民委员会组织法〉的决定》修正）
目　　录
第一章　总　　则
第二章　居民委员会
第一章　总　　则
第一条　为了加强城市居民委员会的建设，制定本法。
第二条　居民委员会是居民自我管理、自我教育、自我服务的基层群众性自治组织。
第二章　居民委员会
第三条　居民委员会由主任、副主任和委员共五至九人组成。
第四条　居民委员会每届任期五年，其成员可以连选连任。
第五条　本法自1990年1月1日起施行。
"""


def test_an_official_txt_with_a_bracketed_history_and_a_table_of_contents(tmp_path: Path) -> None:
    path = tmp_path / "城市居民委员会组织法.txt"
    path.write_text(OFFICIAL_TXT, encoding="gb18030")
    p = prepare_file(path)
    doc = p.document
    assert doc.text.startswith("第一章　总　　则\n第一条") and "目" not in doc.text.split("\n")[0]
    assert [s.path for s in doc.sections if s.kind != "article"] == ["第一章 总则", "第二章 居民委员会"]
    assert articles(p) == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    m = doc.meta
    assert (m.issuer, m.adopted, m.revised, m.effective) == (
        "全国人民代表大会常务委员会", "1989-12-26", ("2018-12-29",), "1990-01-01"
    )
    assert m.title == "中华人民共和国城市居民委员会组织法" and m.date == "2018-12-29"
    assert [c.section for c in p.chunks] == ["第一章 总则 > 第一条、第二条", "第二章 居民委员会 > 第三条、第四条、第五条"]
