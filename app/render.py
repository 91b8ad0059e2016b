"""HTML for the web app: answers, citation cards, documents and quote checks. Pure functions, no Gradio."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import quote as urlquote

from app.laws import Entry
from govkb.text import tokenize
from govkb.types import Answer, AnswerSentence, DocMeta, Document, answer_text

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
.gk-badge.gen {background: #dbeafe;}
.gk-answer.gen {background: #eff6ff; border-left: 4px solid #3b82f6;}
.gk-answer p {margin: .2rem 0 .5rem 0;}
.gk-items {margin: .2rem 0 .5rem 1.2rem; padding: 0;}
.gk-items li {margin: .25rem 0;}
.gk-sides {display: grid; grid-template-columns: repeat(auto-fit, minmax(240px, 1fr)); gap: .6rem; margin: .3rem 0;}
.gk-side {border: 1px solid #d0d7de; border-radius: 8px; padding: .5rem .7rem; background: #fff;}
.gk-side-title {font-weight: 600; margin-bottom: .2rem;}
.gk-note {margin: .4rem 0; padding: .4rem .8rem; border-left: 4px solid #d97706; background: #fff7ed;}
.gk-dropped {margin: .4rem 0; color: #57606a;}
.gk-badge.old {background: #fecaca;}
.gk-lib details {margin: .2rem 0;} .gk-lib ul {margin: .2rem 0 .4rem 1.2rem;} .gk-lib li.old {color: #6b7280;}
.gk-badge.weak, .gk-badge.verdict-close {background: #fde68a;}
.gk-badge.verdict-exact {background: #bbf7d0;}
.gk-badge.verdict-not_found {background: #fecaca;}
.gk-meta.flag {color: #b45309; font-weight: 600;} .gk-see-also ul {margin: .2rem 0 .4rem 1.2rem; padding: 0;}
ins {background: #bbf7d0; text-decoration: underline;}
del {background: #fecaca;}
"""


_LIST_NUMBER = re.compile(r"^\d+\.\s*")
# A sentence that opens an item of its own (一是…, 第二，…, （三）…, 4. …) when the engine gave it no label.
_ITEM_START = re.compile(r"^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]+[，,、]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．](?!\d)|[①②③④⑤⑥⑦⑧⑨⑩]|首先|其次|再次|最后)")


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


def _linked(escaped: str, answer: Answer) -> str:
    """Escaped answer text with each [n] as a link to the cited passage."""
    links = {c.n: passage_link(c.doc_id, c.start, c.end) for c in answer.citations}
    return re.sub(
        r"\[(\d+)\]",
        lambda m: f'<sup><a href="{links.get(int(m.group(1)), "#")}" target="_blank" '
        f'title="在文库中打开引文 {m.group(1)}">[{m.group(1)}]</a></sup>',
        escaped,
    )


def _sentence(s: AnswerSentence, answer: Answer) -> str:
    return _linked(html.escape(s.text + "".join(f"[{n}]" for n in s.sources)), answer)


def _structured(answer: Answer) -> str:
    """An extractive answer in its shape: list items as a list, one card per side or case (side by
    side), other sentences as paragraphs. Labels are ours; every sentence is source text."""
    groups: list[list[AnswerSentence]] = []
    for s in answer.sentences:
        starts_card = bool(s.label) and not s.block.endswith("items")
        if groups and groups[-1][0].block == s.block and not starts_card:
            groups[-1].append(s)
        else:
            groups.append([s])
    parts: list[str | list[str]] = []  # HTML, or the cards of one row of sides
    for group in groups:
        body = "".join(_sentence(s, answer) for s in group)
        if group[0].block.endswith("items"):
            items: list[str] = []
            for s in group:
                label = _LIST_NUMBER.sub("", s.label).rstrip("：")
                if s.label or not items or _ITEM_START.match(s.text):
                    items.append((f"<b>{html.escape(label)}</b>：" if label else "") + _sentence(s, answer))
                else:
                    items[-1] += _sentence(s, answer)
            if len(items) == 1:  # one passage taken whole is a paragraph, not a list of one
                parts.append(f"<p>{items[0]}</p>")
            else:
                parts.append('<ol class="gk-items">' + "".join(f"<li>{i}</li>" for i in items) + "</ol>")
        elif group[0].label:
            card = f'<div class="gk-side"><div class="gk-side-title">{html.escape(group[0].label.rstrip("："))}</div>{body}</div>'
            if parts and isinstance(parts[-1], list):
                parts[-1].append(card)
            else:
                parts.append([card])
        else:
            parts.append(f"<p>{body}</p>")
    return "".join(p if isinstance(p, str) else '<div class="gk-sides">' + "".join(p) + "</div>" for p in parts)


def answer_html(answer: Answer, *, pending: bool = False) -> str:
    """The answer text with its [n] markers as links to the cited passages, or the refusal notice.
    Sentences a model wrote are marked as such; notes and verification drops are said plainly."""
    if not answer.question:
        return ""
    notes = "".join(f'<div class="gk-note">{html.escape(n)}</div>' for n in answer.notes)
    if answer.refused:
        return (
            '<div class="gk-refusal" id="refusal"><b>知识库中未找到相关依据。</b><br>'
            "下方列出的是最接近的段落，已标为“弱相关”，不能作为答案的依据。</div>" + notes
        )
    extra = notes
    if answer.dropped:
        items = "".join(f"<li>{html.escape(d['text'])}<br><span class='gk-meta'>{html.escape(d['detail'])}</span></li>"
                        for d in answer.dropped)
        extra += f'<details class="gk-dropped" id="answer-dropped"><summary>核验删除了 {len(answer.dropped)} 句</summary><ul>{items}</ul></details>'
    if pending:
        extra += '<div class="gk-meta" id="answer-pending">大模型正在生成，每写完一句即核验……</div>'
    if not any(s.generated for s in answer.sentences):
        body = _structured(answer) if answer.sentences else _linked(html.escape(answer.answer), answer)
        return f'<div class="gk-answer" id="answer-text">{body}</div>{extra}'
    body = "".join(f'<span class="gk-gen">{_linked(html.escape(answer_text([s])), answer)}</span>' for s in answer.sentences)
    head = ('<div class="gk-meta" id="answer-generated"><span class="gk-badge gen">大模型归纳</span> '
            "以下每句由大模型写成，并已对照所引段落逐句核验；原文见右侧引文。</div>")
    return f'{head}<div class="gk-answer gen" id="answer-text">{body}</div>{extra}'


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
                f'<span class="gk-badge weak">弱相关</span> {html.escape(title_of(h.chunk.doc_id))}'
                f"{html.escape(h.chunk.articles)}",
                f"{html.escape(h.chunk.section)}{_page(h.chunk.page)} · 字符 {h.chunk.start}–{h.chunk.end}",
                highlight_terms(h.chunk.text, answer.question),
                passage_link(h.chunk.doc_id, h.chunk.start, h.chunk.end),
                weak=True,
            )
            for h in answer.hits[:3]
        )
    return "".join(
        _card(
            f"[{c.n}] {html.escape(c.source_label() if c.articles else c.title)}"
            + (f' <span class="gk-badge old">{html.escape(c.version_note())}</span>' if c.superseded else ""),
            f"{html.escape((c.chapter if c.articles else c.section) or '（无章节）')}{_page(c.page)}"
            f" · 字符 {c.start}–{c.end}"
            f' · 得分 {c.score:.4f} · <span class="gk-badge">已核验原文</span>',
            highlight_terms(c.quote, answer.question),
            passage_link(c.doc_id, c.start, c.end),
            anchor=f"citation-{c.n}",
        )
        for c in answer.citations
    )


def _page(page: int | None) -> str:
    return f" · 第 {page} 页" if page else ""


def law_facts(meta: DocMeta) -> str:
    """A law's metadata in one line: kind, region, issuer, adopted, revised, in force."""
    revised = f"修订/修正 {'、'.join(meta.revised)}" if meta.revised else ""
    parts = (
        meta.kind,
        "".join(x for x in (meta.region, meta.city) if x),
        meta.issuer,
        meta.number,
        f"通过 {meta.adopted}" if meta.adopted else "",
        revised,
        f"施行 {meta.effective}" if meta.effective else "",
        f"版本 {meta.date}" if meta.date else "",
    )
    return " · ".join(p for p in parts if p)


def document_html(
    doc: Document | None, start: int | None = None, end: int | None = None, *, status: str = "",
    versions: str = "",
) -> tuple[str, str]:
    """(outline HTML, full text HTML with section anchors and the passage highlighted). A law's
    outline lists its chapters and articles; `status` notes a superseded version, `versions` is its
    修订对照 (version_diff_html)."""
    if doc is None:
        return "", "<p>请选择文档。</p>"
    meta = doc.meta
    if meta.work:
        facts = law_facts(meta)
    else:
        facts = " · ".join(p for p in (meta.author, meta.source, meta.date, meta.kind, meta.region) if p)
    badge = f' <span class="gk-badge old">{html.escape(status)}</span>' if status else ""
    outline = [f"<h3>{html.escape(meta.title)}{badge}</h3><div class='gk-meta'>{html.escape(facts)}</div>", versions, "<ul>"]
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


def _lib_item(doc: Document, counts: dict[str, int], *, old: bool = False) -> str:
    meta = doc.meta
    when = f" · {meta.date}" if meta.date else ""
    badge = ' <span class="gk-badge old">已修订</span>' if old else ""
    link = f'<a href="?doc={urlquote(doc.doc_id)}" target="_blank">{html.escape(meta.title)}</a>'
    return f"{link}{badge}<span class='gk-meta'>{html.escape(when)} · {counts.get(doc.doc_id, 0)} 段</span>"


def library_html(groups: dict[str, dict[str, list[Entry]]], counts: dict[str, int]) -> str:
    """The library by kind, then region; older versions of a law listed under its current one."""
    out = ['<div class="gk-lib" id="library">']
    for kind, regions in groups.items():
        n = sum(len(v) for v in regions.values())
        out.append(f"<details open><summary><b>{html.escape(kind)}</b>（{n}）</summary>")
        for region, entries in regions.items():
            if region:
                out.append(f"<details><summary>{html.escape(region)}（{len(entries)}）</summary>")
            out.append("<ul>")
            for e in entries:
                older = "".join(f'<li class="old">{_lib_item(d, counts, old=True)}</li>' for d in e.older)
                out.append(f"<li>{_lib_item(e.doc, counts)}" + (f"<ul>{older}</ul>" if older else "") + "</li>")
            out.append("</ul>" + ("</details>" if region else ""))
        out.append("</details>")
    out.append("</div>")
    return "".join(out)


def library_rows(groups: dict[str, dict[str, list[Entry]]], counts: dict[str, int]) -> list[list[object]]:
    """The same order as a table: ID, 标题, 类型, 地区, 版本, 状态, 段数."""
    rows: list[list[object]] = []
    for kind, regions in groups.items():
        for region, entries in regions.items():
            for e in entries:
                for doc, status in [(e.doc, "现行" if e.older else ""), *((d, "已修订") for d in e.older)]:
                    m = doc.meta
                    place = "".join(x for x in (region, m.city) if x)
                    rows.append([doc.doc_id, m.title, kind, place, m.date, status, counts.get(doc.doc_id, 0)])
    return rows
