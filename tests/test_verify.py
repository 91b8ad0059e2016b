"""Quote check against real laws (title and article) and `govkb verify` on a whole draft, JSON and Markdown.

Laws come from the shared policy library (skipped when ../shared is absent); the mock embedder is
enough: the close-match search aligns text, and retrieval has BM25 beside the vectors."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.quotecheck import check_quote
from app.service import GovKB
from app.verify import report_markdown, verify_draft
from govkb.settings import REPO_ROOT, load_settings

SHARED = REPO_ROOT.parent / "shared" if (REPO_ROOT.parent / "shared").is_dir() else Path("/work/shared")
POLICY = SHARED / "policy-library"
LAWS = [
    POLICY / "宪法相关法" / "城市居民委员会组织法(2018-12-29).md",
    POLICY / "宪法相关法" / "村民委员会组织法(2018-12-29).md",
    POLICY / "北京地方法规" / "地方性法规" / "北京" / "北京市实施《城市居民委员会组织法》办法.md",
]
DRAFT = Path(__file__).parent / "fixtures" / "draft-居委会讲稿.md"
NATIONAL = "城市居民委员会组织法-2018-12-29"

pytestmark = pytest.mark.skipif(not all(p.is_file() for p in LAWS), reason="shared policy library not present")


@pytest.fixture(scope="module")
def laws(tmp_path_factory: pytest.TempPathFactory) -> tuple[GovKB, list[str]]:
    """The shipped corpus and three laws, ingested once with the mock embedder."""
    data = tmp_path_factory.mktemp("laws")
    args = ["--data-dir", str(data / "kb")]
    settings = load_settings(data_dir=data / "kb", cache_dir=data / "cache", embedder={"mode": "mock"})
    service = GovKB(settings)
    report = service.ingest([REPO_ROOT / "corpus", *LAWS])
    assert not report.errors
    return service, args


def test_misquoted_article_is_reported_with_title_and_article(laws) -> None:
    service, _ = laws
    result = check_quote(service, "居民委员会由主任、副主任和委员共五至七人组成。")
    assert result.status == "close" and result.doc_id == NATIONAL
    assert result.title == "中华人民共和国城市居民委员会组织法" and result.article == "第七条"
    assert result.source_text == "居民委员会由主任、副主任和委员共五至九人组成"
    assert result.numbers == [("九", "七")]
    doc = service.document(NATIONAL)
    assert doc.text[result.start : result.end] == result.source_text


def test_exact_article_text_names_its_article(laws) -> None:
    service, _ = laws
    result = check_quote(service, "居民委员会每届任期五年，其成员可以连选连任。")
    assert result.status == "exact" and result.doc_id == NATIONAL and result.article == "第八条"
    beijing = check_quote(service, "居民委员会每届任期三年，其成员可以连选连任。")  # Beijing's measures still say three
    assert beijing.status == "exact" and beijing.title.startswith("北京市实施") and beijing.article == "第十一条"


def test_draft_report_finds_exact_misquoted_invented_and_misattributed(laws) -> None:
    service, _ = laws
    report = verify_draft(service, DRAFT.read_text(encoding="utf-8"), DRAFT.name)
    got = {i.claim.n: (i.claim.line, i.verdict, i.attribution) for i in report.items}
    assert got == {
        1: (5, "exact", "ok"),
        2: (7, "close", "none"),  # swapped 自我教育 / 自我服务, no 《》 given
        3: (11, "exact", "ok"),  # 根据《…》第八条规定，… (a statement, not a quotation)
        4: (12, "close", "ok"),  # 七百 -> 五百
        5: (13, "exact", "wrong_article"),  # the text is 第七条, the draft says 第九条
        6: (14, "exact", "wrong_title"),  # the draft says 村民委员会组织法
        7: (18, "not_found", "none"),  # invented
        8: (20, "close", "none"),  # the 三管 misquote, from the shipped corpus
        9: (24, "exact", "ok"),  # 详见《…》第十条: the article exists
        10: (24, "not_found", "unknown_title"),  # 《社区矫正法》 is not in the library
    }
    items = {i.claim.n: i for i in report.items}
    assert items[4].check.numbers == [("七百", "五百")] and items[4].check.article == "第六条"
    assert items[5].check.article == "第七条" and "条文号不符" in " ".join(items[5].notes)
    assert items[6].check.doc_id == NATIONAL and "出处不符" in " ".join(items[6].notes)
    assert items[8].check.doc_id == "celun-resilient-community"
    assert report.summary() == {"claims": 10, "exact": 5, "close": 3, "not_found": 2, "wrong_source": 2,
                                "numbers_changed": 1}
    for item in report.items:  # every source shown is the stored text, verbatim
        if item.verdict != "not_found":
            doc = service.document(item.check.doc_id)
            assert doc.text[item.check.start : item.check.end] == item.check.source_text


def test_markdown_report(laws) -> None:
    service, _ = laws
    md = report_markdown(verify_draft(service, DRAFT.read_text(encoding="utf-8"), DRAFT.name))
    assert md.startswith("# 引文核查报告：draft-居委会讲稿.md")
    assert "共核查 10 处：一致 5，有出入 3，未找到 2；出处不符 2，数字不符 1。" in md
    assert "| 4 | 12 | 引文 | ⚠️ 有出入 | 《中华人民共和国城市居民委员会组织法》第六条 |" in md
    assert "一般在一百户至~~七百~~**五百**户的范围内设立" in md
    assert "条文号不符：文稿注为《城市居民委员会组织法》第九条，原文在第七条。" in md
    assert "出处不符：文稿注为《中华人民共和国村民委员会组织法》，原文出自《中华人民共和国城市居民委员会组织法》第八条。" in md
    assert "## 7. ❌ 未找到 · 第 18 行 · 引文" in md


def test_cli_verify_json_and_markdown(laws, capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, args = laws
    monkeypatch.setenv("GOVKB_EMBEDDER__MODE", "mock")
    assert main([*args, "verify", "--json", str(DRAFT)]) == 0
    obj = json.loads(capsys.readouterr().out)
    assert obj["draft"] == DRAFT.name and obj["summary"]["claims"] == 10
    first = obj["items"][0]
    assert {"n", "kind", "line", "text", "sentence", "claimed", "verdict", "attribution", "notes", "source"} <= set(first)
    assert first["source"]["article"] == "第二条" and first["source"]["doc_id"] == NATIONAL
    changed = [d for d in obj["items"][3]["source"]["diff"] if d["op"] == "changed"]
    assert changed == [{"op": "changed", "source": "七百", "quote": "五百"}]
    out = tmp_path / "report.md"
    assert main([*args, "verify", str(DRAFT), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == out.read_text(encoding="utf-8").strip()
    monkeypatch.setattr(sys, "stdin", io.StringIO("《城市居民委员会组织法》第八条规定：“居民委员会每届任期三年。”\n"))
    assert main([*args, "verify", "--json", "-"]) == 0
    (item,) = json.loads(capsys.readouterr().out)["items"]
    # Word for word in Beijing's measures (第十一条), not in the national law the draft names: both are said.
    assert (item["verdict"], item["attribution"]) == ("exact", "wrong_title")
    assert item["source"]["title"].startswith("北京市实施") and item["source"]["article"] == "第十一条"
    national = item["claimed_source"]
    assert national["doc_id"] == NATIONAL and national["article"] == "第八条" and national["numbers"] == [["五", "三"]]
    assert any("所注《中华人民共和国城市居民委员会组织法》中最接近的是第八条" in n for n in item["notes"])


def test_cli_verify_errors_are_one_line(laws, capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, args = laws
    monkeypatch.setenv("GOVKB_EMBEDDER__MODE", "mock")
    assert main([*args, "verify", str(tmp_path / "没有这个文稿.md")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "没有这个文稿.md" in err and "不存在" in err
    assert main(["--data-dir", str(tmp_path / "empty"), "verify", str(DRAFT)]) == 5
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "知识库是空的" in err
