"""The web app's API through gradio_client, its file-access limits, and load from 16 clients."""

from __future__ import annotations

import statistics
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from gradio_client import Client, handle_file

from tests.webapp import ADMIN, running_app

DOCS = ("party-led-resilience-paths-dahe.txt", "celun-resilient-community.txt", "nanjing-new-security-pattern.txt")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, cache_dir):
    with running_app(tmp_path_factory.mktemp("web"), cache_dir, DOCS) as (url, service):
        yield url, service


def test_ask_returns_answer_and_citation_cards(app_url) -> None:
    url, _ = app_url
    client = Client(url, verbose=False)
    answer_html, cards_html, _pick = client.predict("怎么制定权责清单？", [], [], [], api_name="/ask")
    assert "[1]" in answer_html and "开列权责清单" in answer_html + cards_html
    assert 'id="citation-1"' in cards_html and "已核验原文" in cards_html
    assert "?doc=party-led-resilience-paths-dahe&amp;start=" in cards_html or "?doc=party-led-resilience-paths-dahe&start=" in cards_html
    obj = client.predict("怎么制定权责清单？", api_name="/ask_json")
    assert obj["refused"] is False and obj["citations"][0]["doc_id"] == "party-led-resilience-paths-dahe"


def test_passages_the_answer_does_not_quote_are_listed_under_the_cards(app_url) -> None:
    from app.citing import see_also

    url, service = app_url
    question = "怎么制定权责清单？"
    listed = see_also(service.ask(question))
    assert listed  # the small corpus has more top passages than one answer quotes
    _answer, cards_html, pick = Client(url, verbose=False).predict(question, [], [], [], api_name="/ask")
    assert 'id="see-also"' in cards_html and cards_html.index("citation-1") < cards_html.index("see-also")
    for h in listed:
        assert f"start={h.chunk.start}&amp;end={h.chunk.end}" in cards_html or f"start={h.chunk.start}&end={h.chunk.end}" in cards_html
    obj = Client(url, verbose=False).predict(question, api_name="/ask_json")
    assert [(s["doc_id"], s["start"]) for s in obj["see_also"]] == [(h.chunk.doc_id, h.chunk.start) for h in listed]


def test_off_topic_question_shows_the_refusal_panel(app_url) -> None:
    url, _ = app_url
    answer_html, cards_html, _ = Client(url, verbose=False).predict("个人所得税专项附加扣除怎么申报？", [], [], [], api_name="/ask")
    assert "知识库中未找到相关依据" in answer_html and "弱相关" in cards_html


def test_quote_check_endpoint(app_url) -> None:
    url, _ = app_url
    client = Client(url, verbose=False)
    exact = client.predict("由社区党组织居中主持,按照合理划分、责任清晰、任务适当的原则", api_name="/quote_check")
    assert "原文一致" in exact and "逐字一致" in exact
    close = client.predict("由社区党组织居中主持,按照合理划分、责任明确、任务适当的原则", api_name="/quote_check")
    assert "与原文不一致" in close and "<del" in close and "明确" in close
    assert "未找到" in client.predict("推动共同富裕取得实质性进展，坚持以人民为中心", api_name="/quote_check")


DRAFT = """# 韧性社区（课件）

- 《城市基层党组织引领社区韧性治理的路径探索》指出：“由社区党组织居中主持,按照合理划分、责任清晰、任务适当的原则”。
- 有学者写道：“‘三管’是指事前防范、事中控制和事后反思的全周期动态管理。”
- 有关文件指出：“社区是党和政府联系服务群众的最后一公里。”
- 《以新安全格局统筹基层社区韧性治理》一文写道：“‘四合’是指基层党组织推进政府、企业、社会组织及社区合作。”
"""


def test_verify_draft_endpoint_returns_the_json_report(app_url) -> None:
    url, _ = app_url
    obj = Client(url, verbose=False).predict(DRAFT, api_name="/verify_draft")
    assert obj["summary"] == {"claims": 4, "exact": 2, "close": 1, "not_found": 1, "wrong_source": 1, "numbers_changed": 0}
    verdicts = [(i["line"], i["verdict"], i["attribution"]) for i in obj["items"]]
    assert verdicts == [(3, "exact", "ok"), (4, "close", "none"), (5, "not_found", "none"), (6, "exact", "wrong_title")]
    assert obj["items"][1]["source"]["doc_id"] == "celun-resilient-community"
    assert obj["items"][3]["source"]["title"] == "【策论】韧性社区如何构建？"


def test_check_tab_in_draft_mode_offers_the_markdown_report(app_url) -> None:
    url, _ = app_url
    client = Client(url, verbose=False)
    html, report_path = client.predict("整篇文稿", DRAFT, None, api_name="/check")
    assert 'id="draft-summary"' in html and "共核查 4 处" in html and 'id="claim-4"' in html
    assert "出处不符" in html and "<del" in html
    md = Path(report_path).read_text(encoding="utf-8")
    assert md.startswith("# 引文核查报告：文稿") and "## 3. ❌ 未找到 · 第 5 行 · 引文" in md
    single, no_file = client.predict("单句核查", "由社区党组织居中主持,按照合理划分、责任明确、任务适当的原则", None,
                                     api_name="/check")
    assert "与原文不一致" in single and no_file is None
    with pytest.raises(Exception, match="请粘贴文稿全文"):
        client.predict("整篇文稿", "  ", None, api_name="/check")


def test_export_and_feedback_follow_the_last_answer(app_url) -> None:
    url, _ = app_url
    client = Client(url, verbose=False)
    client.predict("怎么制定权责清单？", [], [], [], api_name="/ask")
    markdown, file_path = client.predict(api_name="/export")
    assert markdown.startswith("## 问：怎么制定权责清单？") and "[EB/OL]" in markdown
    assert Path(file_path).read_text(encoding="utf-8") == markdown
    assert "已记录" in client.predict("很清楚", api_name="/feedback_up")


def test_upload_and_delete_need_a_login(app_url, tmp_path: Path) -> None:
    url, service = app_url
    doc = tmp_path / "社区应急物资管理办法.txt"
    doc.write_text("社区应急物资管理办法\n\n第一条 社区应当设立应急物资储备点，储备点由网格长负责每月清点一次。\n", encoding="utf-8")
    anonymous = Client(url, verbose=False)
    with pytest.raises(Exception, match="需要管理员登录"):
        anonymous.predict([handle_file(str(doc))], api_name="/upload")
    with pytest.raises(Exception, match="需要管理员登录"):
        anonymous.predict("party-led-resilience-paths-dahe", api_name="/delete")
    assert "错误" in anonymous.predict(ADMIN[0], "wrong", api_name="/login")
    assert service.document("社区应急物资管理办法") is None

    admin = Client(url, verbose=False)
    assert "已登录" in admin.predict(*ADMIN, api_name="/login")
    result, _, library, groups, _, _ = admin.predict([handle_file(str(doc))], api_name="/upload")
    rows = result["data"]
    # The library table is refreshed with the new document and its chunk count.
    assert any(row[0] == "社区应急物资管理办法" and row[-1] >= 1 for row in library["value"]["data"])
    assert "社区应急物资管理办法" in groups
    assert rows[0][0] == doc.name and rows[0][1].startswith("成功")
    obj = admin.predict("储备点由谁负责清点？", api_name="/ask_json")
    assert not obj["refused"] and obj["citations"][0]["doc_id"] == "社区应急物资管理办法"
    # Uploads are stored only under the data dir's uploads folder.
    assert (Path(service.settings.data_dir) / "uploads" / doc.name).is_file()

    message, *_ = admin.predict("社区应急物资管理办法", api_name="/delete")
    assert "已删除" in message and service.document("社区应急物资管理办法") is None


def test_hostile_upload_names_stay_inside_the_uploads_folder() -> None:
    from govkb.text import safe_filename

    assert safe_filename("../../etc/passwd.txt") == "passwd.txt"
    assert safe_filename("..\\..\\windows\\evil.md") == "evil.md"
    assert safe_filename("政策 文件(2024).PDF") == "政策-文件-2024.pdf"
    assert "/" not in safe_filename("/abs/path/x.txt")


@pytest.mark.parametrize(
    "path",
    [
        "/gradio_api/file=/etc/passwd",
        "/gradio_api/file=../../../../../etc/passwd",
        "/gradio_api/file=%2Fetc%2Fpasswd",
        "/gradio_api/file=..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/gradio_api/file=/ETC/../etc/passwd",
        "/gradio_api/file=/proc/self/environ",
    ],
)
def test_files_outside_the_app_are_refused(app_url, path: str) -> None:
    url, service = app_url
    try:
        with urllib.request.urlopen(url + path, timeout=10) as resp:  # noqa: S310 - loopback test server
            status, body = resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    assert status in (403, 404) and b"root:" not in body
    assert status == 403 or "%2F" in path or "/ETC/" in path


def test_data_dir_files_are_not_served(app_url) -> None:
    url, service = app_url
    manifest = (Path(service.settings.data_dir) / "manifest.json").resolve()
    try:
        with urllib.request.urlopen(f"{url}/gradio_api/file={manifest}", timeout=10) as resp:  # noqa: S310
            status = resp.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    assert status == 403


def test_sixteen_concurrent_clients_get_correct_answers(app_url) -> None:
    url, _ = app_url
    questions = [("怎么制定权责清单？", "party-led-resilience-paths-dahe"), ("“五治”指哪五个方面？", "celun-resilient-community"),
                 ("燕子矶街道探索了什么党建模式？", "nanjing-new-security-pattern"), ("如何引入社区外部资源？", "party-led-resilience-paths-dahe")]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker(i: int) -> None:
        q, doc = questions[i % len(questions)]
        try:
            client = Client(url, verbose=False)
            for _ in range(3):
                t = time.perf_counter()
                obj = client.predict(q, api_name="/ask_json")
                with lock:
                    latencies.append(time.perf_counter() - t)
                if obj["refused"] or obj["citations"][0]["doc_id"] != doc:
                    raise AssertionError(f"{q}: {obj['citations'][:1]}")
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            with lock:
                errors.append(repr(exc))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not errors, errors[:3]
    assert len(latencies) == 48
    ordered = sorted(latencies)
    print(f"\n16 clients x 3 questions: p50 {statistics.median(ordered) * 1000:.0f} ms, "
          f"p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.0f} ms")
