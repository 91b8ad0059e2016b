"""End-to-end in a real headless Chromium (Debian's, driven by Playwright): what a user clicks and sees."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from govkb.settings import REPO_ROOT
from tests.webapp import ADMIN, running_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = REPO_ROOT / "docs" / "screenshots"
pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip("Debian chromium is not installed (.ci/run installs it)", allow_module_level=True)

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def app(tmp_path_factory, cache_dir):
    with running_app(tmp_path_factory.mktemp("e2e"), cache_dir) as (url, service):
        yield url, service


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def shot_of(page, selector: str, name: str) -> None:
    """A screenshot of one element (an answer taller than the window), not of the viewport."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(selector).screenshot(path=str(SHOTS / f"{name}.png"))


def ask(page, question: str) -> None:
    page.fill("#question textarea", question)
    page.click("#ask-btn")


def test_ask_shows_answer_and_citation_card(page) -> None:
    ask(page, "怎么制定权责清单？")
    page.wait_for_selector("#answer-text")
    answer = page.inner_text("#answer-text")
    assert "[1]" in answer and "权责清单" in answer
    card = page.locator("#citation-1")
    assert "城市基层党组织引领社区韧性治理的路径探索" in card.inner_text()
    assert "开列权责清单" in card.locator(".gk-quote").inner_text()
    assert card.locator(".gk-quote mark").count() > 0  # the question's terms are highlighted
    shot(page, "1-问答")


def test_refusal_panel_for_off_topic_question(page) -> None:
    ask(page, "个人所得税专项附加扣除怎么申报？")
    page.wait_for_selector("#refusal")
    assert "知识库中未找到相关依据" in page.inner_text("#refusal")
    assert "弱相关" in page.inner_text("#citations")


def test_a_list_answer_shows_its_items_as_a_list(page) -> None:
    ask(page, "三张清单分别是什么？")
    page.wait_for_selector("#answer-text ol.gk-items")
    items = page.locator("#answer-text ol.gk-items li")
    assert items.count() == 3
    labels = [items.nth(i).inner_text() for i in range(3)]
    assert [x.split("：")[0].split(".")[-1].strip() for x in labels] == ["权责清单", "风险清单", "制度清单"]
    assert all("[" in x for x in labels)  # each item is cited
    shot_of(page, "#answer-text", "7-列表答案")


def test_a_comparison_shows_one_card_per_side(page) -> None:
    ask(page, "华胜社区和上海A社区在整合资源方面的做法有什么不同？")
    page.wait_for_selector("#answer-text .gk-sides")
    sides = page.locator("#answer-text .gk-side")
    assert sides.count() == 2
    titles = [sides.nth(i).locator(".gk-side-title").inner_text() for i in range(2)]
    assert any("华胜" in t for t in titles) and any("A社区" in t for t in titles)
    assert all("[" in sides.nth(i).inner_text() for i in range(2))  # each side carries its own citations
    shot_of(page, "#answer-text", "8-比较答案")


def test_open_document_from_a_citation(page, app) -> None:
    ask(page, "华胜社区共有多少户居民？")
    page.wait_for_selector("#citation-1")
    page.click("#open-btn")
    page.wait_for_selector("#doc-view mark#passage")
    highlighted = page.inner_text("#doc-view mark#passage")
    service = app[1]
    quote = page.inner_text("#citation-1 .gk-quote")
    assert highlighted.strip() and highlighted.strip() in quote
    assert "4594" in page.inner_text("#doc-view")
    assert page.locator("#outline a").count() >= 5
    page.wait_for_timeout(800)  # the passage is scrolled into view after the tab switch
    shot(page, "2-文库")
    # The card's deep link opens the same passage in a new page.
    href = page.locator("#citation-1 a").first.get_attribute("href")
    assert href and href.startswith("?doc=")
    other = page.context.new_page()
    other.goto(app[0] + "/" + href)
    other.wait_for_selector("#doc-view mark#passage")
    doc_id = href.split("doc=")[1].split("&")[0]
    assert service.document(doc_id) is not None
    other.close()


def test_quote_check_verbatim_and_misquoted(page) -> None:
    page.get_by_role("tab", name="引文核查").click()
    page.fill("#quote-in textarea", "由社区党组织居中主持,按照合理划分、责任清晰、任务适当的原则")
    page.click("#check-btn")
    page.wait_for_selector("#quote-result")
    assert "原文一致" in page.inner_text("#quote-result")
    page.fill("#quote-in textarea", "由社区党组织居中主持,按照合理划分、责任明确、任务适当的原则")
    page.click("#check-btn")
    page.wait_for_function("document.querySelector('#quote-result') && document.querySelector('#quote-result').innerText.includes('不一致')")
    assert page.locator("#quote-result del").count() > 0 and page.locator("#quote-result ins").count() > 0
    shot(page, "3-引文核查")


def test_export_tab(page) -> None:
    ask(page, "怎么制定权责清单？")
    page.wait_for_selector("#citation-1")
    page.get_by_role("tab", name="导出").click()
    page.click("#export-btn")
    page.wait_for_function("document.querySelector('#export-md textarea').value.includes('参考文献')")
    text = page.input_value("#export-md textarea")
    assert text.startswith("## 问：怎么制定权责清单？") and "[EB/OL]" in text
    shot(page, "4-导出")


def test_upload_refused_without_login_then_works_after_login(page, tmp_path: Path) -> None:
    doc = tmp_path / "楼道堆物整治公约.txt"
    doc.write_text("楼道堆物整治公约\n\n第三条 楼道内不得堆放电动自行车电池，楼组长每周巡查两次。\n", encoding="utf-8")
    page.get_by_role("tab", name="上传与管理").click()
    page.set_input_files("#upload-files input[type=file]", str(doc))
    page.wait_for_timeout(1000)
    page.click("#upload-btn")
    page.wait_for_selector("text=需要管理员登录")
    page.fill("#admin-user textarea", ADMIN[0])
    page.fill("#admin-pass input", ADMIN[1])
    page.click("#login-btn")
    page.wait_for_selector("text=已登录")
    page.click("#upload-btn")
    page.wait_for_function("document.querySelector('#upload-result').innerText.includes('成功')")
    assert doc.name in page.inner_text("#upload-result")
    shot(page, "5-上传与管理")
    page.get_by_role("tab", name="问答").click()
    ask(page, "楼组长多久巡查一次楼道？")
    page.wait_for_selector("#citation-1")
    assert "楼道堆物整治公约" in page.inner_text("#citation-1")
