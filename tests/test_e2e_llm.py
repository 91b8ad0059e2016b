"""The model mode in a real headless Chromium with the stand-in model server: the mode switch, the
streamed and verified answer, what was dropped, and the fallback when the server fails."""

from __future__ import annotations

import pytest

from app.web import build_ui
from tests.hostile import CASES, Q_TEAMS, standin_settings
from tests.llm_standin import Reply, standin_server

# Importing from the main browser tests skips this module too where chromium is missing; the browser and
# page fixtures (on this module's app) are in conftest.py.
from tests.test_e2e_browser import CHROMIUM, ask, shot, sync_api  # noqa: F401
from tests.webapp import running_app

pytestmark = pytest.mark.browser
DOCS = ("huasheng-resilient-community.md", "party-led-resilience-paths-dahe.txt")


@pytest.fixture(scope="module")
def server():
    with standin_server() as s:
        yield s


@pytest.fixture(scope="module")
def app(tmp_path_factory, cache_dir, server):
    llm = {**standin_settings(server.url), "enabled": True}
    with running_app(tmp_path_factory.mktemp("e2e-llm"), cache_dir, DOCS, llm=llm) as (url, service):
        yield url, service


def test_switch_model_mode_and_back(page, server) -> None:
    page.wait_for_selector("#answer-mode input[value='大模型归纳']")
    assert page.locator("#answer-mode input[value='大模型归纳']").is_checked()
    server.script = CASES[1].reply  # a faithful sentence and one with an invented number
    ask(page, Q_TEAMS)
    page.wait_for_selector("#answer-generated")
    page.wait_for_selector("#answer-dropped")
    page.wait_for_function("!document.querySelector('#answer-pending')")
    text = page.inner_text("#answer-text")
    assert "4支队伍" in text and "6支" not in text and "[1]" in text
    page.click("#answer-dropped summary")
    assert "6支" in page.inner_text("#answer-dropped")
    page.wait_for_function("(document.querySelector('#citation-1') || {}).innerText?.includes('已核验原文')")
    shot(page, "6-大模型归纳")
    page.locator("#answer-mode label", has_text="原文摘录").click()
    asked = len(server.requests)
    ask(page, Q_TEAMS)
    page.wait_for_function("!document.querySelector('#answer-generated') && document.querySelector('#answer-text')")
    assert len(server.requests) == asked  # the extractive mode never calls the model
    assert "[1]" in page.inner_text("#answer-text")


def test_server_error_shows_a_note_and_the_extractive_answer(page, server) -> None:
    server.script = lambda p: Reply(failure="status", status=500)
    ask(page, Q_TEAMS)
    page.wait_for_selector(".gk-note")
    assert "HTTP 500" in page.inner_text(".gk-note") and "原文摘录" in page.inner_text(".gk-note")
    assert page.locator("#answer-generated").count() == 0 and "[1]" in page.inner_text("#answer-text")


@pytest.mark.parametrize("llm", [{"enabled": True}, {"enabled": False, "base_url": "http://127.0.0.1:9/v1", "model": "m"}])
def test_no_switch_unless_a_model_is_enabled_and_configured(make_settings, llm) -> None:
    from app.service import GovKB

    ids = {getattr(b, "elem_id", None) for b in build_ui(GovKB(make_settings(llm=llm))).blocks.blocks.values()}
    assert "answer-mode" not in ids and "question" in ids
