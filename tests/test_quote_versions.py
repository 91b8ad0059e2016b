"""Quote check and `govkb verify` know a law's versions: a quote from a superseded version says so, where its article
is now and what it says there; words both versions share are sourced to the current one. Real laws from the shared
policy library, the mock embedder."""

from __future__ import annotations

import re

import pytest

from app.quotecheck import check_quote
from app.render_check import quote_check_html
from app.service import GovKB
from app.verify import report_markdown, verify_draft
from govkb.settings import load_settings
from tests.policy import LIBRARY, needs_library

OLD, NEW = "突发事件应对法-2007-08-30", "突发事件应对法-2024-06-28"
CHANGED = "发布三级、四级警报，宣布进入预警期后，县级以上地方各级人民政府应当根据即将发生的突发事件的特点和可能造成的危害，采取下列措施"


@pytest.fixture(scope="module")
def laws(tmp_path_factory: pytest.TempPathFactory, cache_dir) -> GovKB:
    files = [LIBRARY / "行政法/突发事件应对法(2007-08-30).md", LIBRARY / "行政法/突发事件应对法(2024-06-28).md",
             LIBRARY / "社会法/慈善法(2016-03-16).md", LIBRARY / "社会法/慈善法(2023-12-29).md"]
    service = GovKB(load_settings(data_dir=tmp_path_factory.mktemp("qv"), cache_dir=cache_dir, embedder={"mode": "mock"}))
    assert not service.ingest(files).errors
    return service


@needs_library
def test_a_quote_only_the_old_version_holds_is_marked_old_with_its_article_now(laws: GovKB) -> None:
    # 2024 dropped 各级 (县级以上地方人民政府): the 2007 words are only in the 2007 version.
    assert CHANGED in laws.document(OLD).text and CHANGED not in laws.document(NEW).text
    result = check_quote(laws, CHANGED)
    assert result.status == "exact" and result.doc_id == OLD and result.article == "第四十四条"
    assert (result.version, result.current_id, result.current_date) == ("2007-08-30", NEW, "2024-06-28")
    assert result.current_article == "第六十六条" and not result.current_same
    assert result.current_text.startswith("第六十六条 发布三级、四级警报") and "县级以上地方人民政府" in result.current_text
    assert result.version_note() == ("出自已修订的旧版本（2007-08-30）；现行版本为 2024-06-28 版，"
                                     "旧版第四十四条即现行版本第六十六条（文字有改动）。")
    page = quote_check_html(result)
    assert 'id="quote-version"' in page and "现行第六十六条" in page


@needs_library
def test_words_both_versions_share_are_sourced_to_the_current_one(laws: GovKB) -> None:
    old, new = laws.document("慈善法-2016-03-16").text, laws.document("慈善法-2023-12-29").text
    shared = next(s for s in re.split(r"[。\n]", old) if len(s) > 25 and s in new and s.count("第") == 0)
    result = check_quote(laws, shared + "。")
    assert result.status == "exact" and result.doc_id == "慈善法-2023-12-29"
    assert not result.current_id and result.version_note() == "" and "慈善法-2016-03-16" not in result.also


@needs_library
def test_a_draft_quoting_the_old_version_is_flagged_with_the_current_words(laws: GovKB) -> None:
    draft = f"《突发事件应对法》第四十四条规定：“{CHANGED}”。\n"
    report = verify_draft(laws, draft, "讲稿.md")
    [item] = report.items
    assert item.verdict == "exact" and item.attribution == "ok" and item.check.doc_id == OLD
    md = report_markdown(report)
    assert "| 1 | 1 | 引文 | ✅ 一致 ⚠️ 旧版本 | 《中华人民共和国突发事件应对法》第四十四条 |" in md
    assert "- 版本：出自已修订的旧版本（2007-08-30）；现行版本为 2024-06-28 版，旧版第四十四条即现行版本第六十六条" in md
    assert "- 现行第六十六条：“第六十六条 发布三级、四级警报，宣布进入预警期后，县级以上地方人民政府" in md
    assert report.to_dict()["items"][0]["source"]["current_article"] == "第六十六条"


@needs_library
def test_a_draft_citing_the_old_numbering_is_told_the_article_number_now(laws: GovKB) -> None:
    # The 2024 words of 第六十六条, cited as 第四十四条 — the number the same article had in 2007.
    now = "发布三级、四级警报，宣布进入预警期后，县级以上地方人民政府应当根据即将发生的突发事件的特点和可能造成的危害，采取下列措施"
    assert now in laws.document(NEW).text and now not in laws.document(OLD).text
    [item] = verify_draft(laws, f"《突发事件应对法》第四十四条规定：“{now}”。\n", "讲稿.md").items
    assert item.attribution == "wrong_article" and item.check.doc_id == NEW and item.check.article == "第六十六条"
    assert "文稿所注第四十四条是 2007-08-30 版的条号：该条在现行 2024-06-28 版中是第六十六条。" in item.notes
    # A wrong number that is no version's number for it gets no such note.
    [other] = verify_draft(laws, f"《突发事件应对法》第十条规定：“{now}”。\n", "讲稿.md").items
    assert other.attribution == "wrong_article" and not any("版的条号" in n for n in other.notes)


@needs_library
def test_the_web_report_shows_the_version_once(laws: GovKB) -> None:
    from app.render_check import draft_report_html

    page = draft_report_html(verify_draft(laws, f"《突发事件应对法》第四十四条规定：“{CHANGED}”。\n", "讲稿.md"))
    assert page.count("出自已修订的旧版本（2007-08-30）") == 1 and page.count("现行第六十六条") == 1
