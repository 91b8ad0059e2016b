"""HTML for the web app: answers, citation cards, documents and quote checks. Pure functions, no Gradio."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote as urlquote

from app.draft import book
from app.quotecheck import DiffOp, QuoteCheck
from app.verify import DraftReport
from govkb.text import tokenize
from govkb.types import Answer, Document

CSS = """
.gk-answer {font-size: 1.05rem; line-height: 1.8; padding: .6rem .9rem; border-radius: 8px; background: #f6f8fa;}
.gk-answer sup a {text-decoration: none; font-weight: 600;}
.gk-refusal {border: 2px solid #d97706; background: #fff7ed; padding: .8rem 1rem; border-radius: 8px;}
.gk-card {border: 1px solid #d0d7de; border-radius: 8px; padding: .6rem .8rem; margin: .5rem 0; background: #fff;}
.gk-card.weak {opacity: .8; border-style: dashed;}
.gk-card h4 {margin: 0 0 .3rem 0; font-size: .95rem;}
.gk-meta {color: #57606a; font-size: .85rem;}
.gk-quote {margin: .4rem 0; white-space: pre-wrap; line-height: 1.7;}
.gk-quote mark, .gk-doc mark.term {background: #fde68a; padding: 0;}
.gk-doc {white-space: pre-wrap; line-height: 1.9; max-height: 70vh; overflow-y: auto; padding: .5rem 1rem;
  border: 1px solid #d0d7de; border-radius: 8px;}
.gk-doc mark#passage {background: #bbf7d0; outline: 2px solid #16a34a;}
.gk-outline a {text-decoration: none;}
.gk-badge {display: inline-block; font-size: .75rem; padding: 0 .4rem; border-radius: 4px; background: #e5e7eb;}
.gk-badge.weak, .gk-badge.verdict-close {background: #fde68a;}
.gk-badge.verdict-exact {background: #bbf7d0;}
.gk-badge.verdict-not_found {background: #fecaca;}
.gk-meta.flag {color: #b45309; font-weight: 600;}
ins {background: #bbf7d0; text-decoration: underline;}
del {background: #fecaca;}
"""


def highlight_terms(text: str, question: str) -> str:
    """HTML of `text` with every occurrence of the question's bigrams and words marked."""
    terms = {t for t in tokenize(question) if len(t) > 1}
    marked = [False] * len(text)
    for term in terms:
        start = text.find(term)
        while start >= 0:
            for i in range(start, start + len(term)):
                marked[i] = True
            start = text.find(term, start + 1)
    out: list[str] = []
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and marked[j] == marked[i]:
            j += 1
        chunk = html.escape(text[i:j])
        out.append(f"<mark>{chunk}</mark>" if marked[i] else chunk)
        i = j
    return "".join(out)


def passage_link(doc_id: str, start: int, end: int) -> str:
    """Deep link that opens the 文库 tab at a passage (offsets into the stored text)."""
    return f"?doc={urlquote(doc_id)}&start={start}&end={end}"


def answer_html(answer: Answer) -> str:
    """The answer text with its [n] markers as links to the cited passages, or the refusal notice."""
    if not answer.question:
        return ""
    if answer.refused:
        return (
            '<div class="gk-refusal" id="refusal"><b>知识库中未找到相关依据。</b><br>'
            "下方列出的是最接近的段落，已标为“弱相关”，不能作为答案的依据。</div>"
        )
    text = html.escape(answer.answer)
    links = {c.n: passage_link(c.doc_id, c.start, c.end) for c in answer.citations}
    text = re.sub(
        r"\[(\d+)\]",
        lambda m: f'<sup><a href="{links.get(int(m.group(1)), "#")}" target="_blank" '
        f'title="在文库中打开引文 {m.group(1)}">[{m.group(1)}]</a></sup>',
        text,
    )
    return f'<div class="gk-answer" id="answer-text">{text}</div>'


def _card(head: str, meta: str, quote_html: str, link: str, *, weak: bool = False, anchor: str = "") -> str:
    ident = f' id="{anchor}"' if anchor else ""
    return (
        f'<div class="gk-card{" weak" if weak else ""}"{ident}><h4>{head}</h4><div class="gk-meta">{meta}</div>'
        f'<div class="gk-quote">{quote_html}</div><a href="{link}" target="_blank">打开原文</a></div>'
    )


def cards_html(answer: Answer, title_of: Callable[[str], str]) -> str:
    """Citation cards, or the nearest passages marked weak when the answer was refused."""
    if answer.refused:
        return "".join(
            _card(
                f'<span class="gk-badge weak">弱相关</span> {html.escape(title_of(h.chunk.doc_id))}',
                f"{html.escape(h.chunk.section)}{_page(h.chunk.page)} · 字符 {h.chunk.start}–{h.chunk.end}",
                highlight_terms(h.chunk.text, answer.question),
                passage_link(h.chunk.doc_id, h.chunk.start, h.chunk.end),
                weak=True,
            )
            for h in answer.hits[:3]
        )
    return "".join(
        _card(
            f"[{c.n}] {html.escape(c.title)}",
            f"{html.escape(c.section or '（无章节）')}{_page(c.page)} · 字符 {c.start}–{c.end}"
            f' · 得分 {c.score:.4f} · <span class="gk-badge">已核验原文</span>',
            highlight_terms(c.quote, answer.question),
            passage_link(c.doc_id, c.start, c.end),
            anchor=f"citation-{c.n}",
        )
        for c in answer.citations
    )


def _page(page: int | None) -> str:
    return f" · 第 {page} 页" if page else ""


def document_html(doc: Document | None, start: int | None = None, end: int | None = None) -> tuple[str, str]:
    """(outline HTML, full text HTML with section anchors and the passage highlighted)."""
    if doc is None:
        return "", "<p>请选择文档。</p>"
    meta = doc.meta
    facts = " · ".join(p for p in (meta.author, meta.source, meta.date, meta.kind) if p)
    outline = [f"<h3>{html.escape(meta.title)}</h3><div class='gk-meta'>{html.escape(facts)}</div>", "<ul>"]
    for s in doc.sections:
        pad = "&nbsp;" * 4 * (s.level - 1)
        outline.append(f'<li>{pad}<a href="#sec-{s.start}">{html.escape(s.title)}</a></li>')
    outline.append("</ul>")
    text = doc.text
    span = {start, end} if start is not None and end is not None else set()
    cuts = sorted({0, len(text), *(s.start for s in doc.sections)} | span)
    starts = {s.start for s in doc.sections}
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a in starts:
            parts.append(f'<span id="sec-{a}"></span>')
        piece = html.escape(text[a:b])
        if start is not None and end is not None and start <= a and b <= end:
            piece = f'<mark id="passage">{piece}</mark>' if a == start else f"<mark>{piece}</mark>"
        parts.append(piece)
    if start is not None and end is not None:
        note = f"引文位置：字符 {start}–{end}" + (f"，第 {doc.page_at(start)} 页" if doc.page_at(start) else "")
        parts.insert(0, f'<div class="gk-meta">{note}</div>')
    return "".join(outline), f'<div class="gk-doc" id="doc-view">{"".join(parts)}</div>'


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
        return f'{head}<div class="gk-quote">{html.escape(result.source_text)}</div><div class="gk-meta">{note}</div>'
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
    )


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


def diff_html(ops: list[DiffOp]) -> str:
    """Differences for people: missing text struck through, added text underlined, changes both."""
    parts = []
    for op in ops:
        src, q = html.escape(op.source), html.escape(op.quote)
        if op.op == "equal":
            parts.append(src)
        elif op.op == "missing":
            parts.append(f'<del title="原文有、引文缺少">{src}</del>')
        elif op.op == "added":
            parts.append(f'<ins title="引文多出">{q}</ins>')
        else:
            parts.append(f'<del title="原文">{src}</del><ins title="引文改为">{q}</ins>')
    return "".join(parts)
