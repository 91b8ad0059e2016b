"""HTML for the quote check: one quote's verdict, a whole draft's report, and the diff (pure, tested without Gradio)."""

from __future__ import annotations

import html

from app.draft import book
from app.quotecheck import DiffOp, QuoteCheck
from app.quotematch import format_ops
from app.render import passage_link
from app.verify import DraftReport


def quote_check_html(result: QuoteCheck) -> str:
    """The quote check's verdict: where the text is (《title》第X条, section, page), and for a
    misquote the closest source sentence(s) with what differs."""
    if result.status == "not_found":
        return '<div class="gk-refusal" id="quote-result"><b>未找到</b>：知识库中没有与这段文字相符或相近的原文。</div>'
    return f'<div class="gk-card" id="quote-result">{_verdict_body(result)}</div>'


def _verdict_body(result: QuoteCheck) -> str:
    where = "，".join(p for p in (result.section, f"第 {result.page} 页" if result.page else "") if p)
    link = passage_link(result.doc_id, result.start, result.end)
    head = (
        f"<b>{'原文一致' if result.status == 'exact' else '与原文不一致'}</b>：{html.escape(book(result.title))}"
        f"{html.escape(result.article)} {html.escape(where)}（字符 {result.start}–{result.end}）"
        f' <a href="{link}" target="_blank">打开原文</a>'
    )
    if result.status == "exact":
        note = "逐字一致。" if result.identical else "文字一致（仅空白、标点全角/半角或引号不同）。"
        return (f'{head}<div class="gk-quote">{html.escape(result.source_text)}</div><div class="gk-meta">{note}</div>'
                + _version_html(result))
    numbers = "".join(
        f'<div class="gk-meta"><b>数字不符</b>：原文“{html.escape(a)}”，引文“{html.escape(b)}”</div>'
        for a, b in result.numbers
    )
    context = (
        f'<div class="gk-meta">原句：</div><div class="gk-quote">{html.escape(result.context)}</div>'
        if result.context and result.context != result.source_text else ""
    )
    return (
        f'{head}<div class="gk-meta">相似度 {result.similarity:.0%}。<del>删除线</del> = 原文有而引文缺少或被改动，'
        f"<ins>下划线</ins> = 引文多出或改成的文字。</div>"
        f'<div class="gk-quote">{diff_html(result.diff)}</div>{numbers}'
        f'<div class="gk-meta">原文：</div><div class="gk-quote">{html.escape(result.source_text)}</div>{context}'
        + _version_html(result)
    )


def _version_html(result: QuoteCheck) -> str:
    """A source in a superseded version: the note, and the current article's words when they changed."""
    if not result.current_id:
        return ""
    now = (f'<div class="gk-meta">现行{html.escape(result.current_article)}：</div>'
           f'<div class="gk-quote">{html.escape(result.current_text.strip())}</div>'
           if result.current_text and not result.current_same else "")
    return f'<div class="gk-note" id="quote-version"><b>版本</b>：{html.escape(result.version_note())}</div>{now}'


def draft_report_html(report: DraftReport) -> str:
    """A whole draft's check: the summary line, then one card per claim in the draft's order."""
    s = report.summary()
    parts = [
        f'<div class="gk-answer" id="draft-summary">共核查 {s["claims"]} 处：一致 {s["exact"]}，有出入 {s["close"]}，'
        f'未找到 {s["not_found"]}；出处不符 {s["wrong_source"]}，数字不符 {s["numbers_changed"]}。</div>'
    ]
    if not report.items:
        parts.append('<div class="gk-meta">文稿中没有找到引号内的引文，也没有注明出处的句子。</div>')
    for item in report.items:
        c, k = item.claim, item.check
        label = {"exact": "一致", "close": "有出入", "not_found": "未找到"}[item.verdict]
        claimed = f"（文稿注：{html.escape(book(c.title) if c.title else '')}{html.escape(c.article)}）" if c.title or c.article else ""
        head = f'<h4>{c.n}. <span class="gk-badge verdict-{item.verdict}">{label}</span> 第 {c.line} 行{claimed}</h4>'
        body = f'<div class="gk-quote">{html.escape(c.text or c.sentence)}</div>'
        if item.verdict != "not_found":
            body += _verdict_body(k)
        notes = "".join(f'<div class="gk-meta flag">{html.escape(n)}</div>' for n in item.notes)
        parts.append(f'<div class="gk-card draft-item" id="claim-{c.n}">{head}{body}{notes}</div>')
    return "".join(parts)


_DIFF_HTML = {
    "equal": "{s}",
    "missing": '<del title="原文有、引文缺少">{s}</del>',
    "added": '<ins title="引文多出">{q}</ins>',
    "changed": '<del title="原文">{s}</del><ins title="引文改为">{q}</ins>',
}


def diff_html(ops: list[DiffOp]) -> str:
    """Differences for people: missing text struck through, added text underlined, changes both."""
    return format_ops(ops, _DIFF_HTML, html.escape)
