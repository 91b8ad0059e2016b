"""Export an answer with its sources as Markdown, each source as a GB/T 7714-2015 reference."""

from __future__ import annotations

import re
from collections.abc import Callable

from govkb.types import Answer, DocMeta, Document

_UNIT = re.compile(r"（[^）]*）|\([^)]*\)")


def doc_type(meta: DocMeta) -> str:
    """GB/T 7714 type code: newspaper [N], web page [EB/OL], otherwise unspecified [Z].

    The catalogue names no journal for the academic papers, so they are not marked [J]:
    a [J] reference without its journal would look complete and be wrong.
    """
    source = meta.source
    if "报" in source and "网" not in source.split("/")[0]:
        return "N"
    if "网" in source:
        return "EB/OL"
    return "Z"


def authors(meta: DocMeta) -> str:
    names = _UNIT.sub("", meta.author)
    parts = [p.strip() for p in re.split(r"[、，,]", names) if p.strip()]
    if len(parts) > 3:  # GB/T 7714: the first three, then 等
        parts = [*parts[:3], "等"]
    return ", ".join(parts)


LEGAL_KINDS = ("宪法", "法律", "行政法规", "地方性法规", "司法解释", "部门规章", "地方政府规章")


def is_law(meta: DocMeta) -> bool:
    return bool(meta.work) or meta.kind in LEGAL_KINDS


def gbt7714_law(n: int, meta: DocMeta) -> str:
    """A law or regulation: `[n] 制定机关. 题名: 文号[A]. 版本日期.`

    GB/T 7714-2015 has no code of its own for laws: its type 档案 [A] covers "法律法规、政府文件"
    (as the standard's own example of a government document, 题名: 文号[A/OL], does). The
    issuing body is the 主要责任者; the date is the version's (the latest revision, or the file's
    date); the order number (国务院令第649号) is 其他题名信息. No URL or publisher is stored, so
    none is written, and no /OL.
    """
    head = f"{meta.issuer}. " if meta.issuer else ""
    title = f"{meta.title}: {meta.number}" if meta.number else meta.title
    return f"[{n}] {head}{title}[A]." + (f" {meta.date}." if meta.date else "")


def gbt7714(n: int, meta: DocMeta) -> str:
    """`[n] 作者. 题名[类型]. 出处, 日期.` with absent parts left out, never guessed."""
    if is_law(meta):
        return gbt7714_law(n, meta)
    head = f"{authors(meta)}. " if authors(meta) else ""
    tail = ", ".join(p for p in (meta.source.split(" / ")[0] if meta.source else "", meta.date) if p)
    return f"[{n}] {head}{meta.title}[{doc_type(meta)}]." + (f" {tail}." if tail else "")


def to_markdown(answer: Answer, document: Callable[[str], Document | None]) -> str:
    """The answer, then each cited passage verbatim with its location and its reference."""
    lines = [f"## 问：{answer.question}", ""]
    if answer.refused:
        lines += [answer.answer, *answer.notes, ""]
    else:
        if any(s.generated for s in answer.sentences):  # a reader must not take them for quotations
            lines += ["*以下答案由大模型归纳，每句已对照所引原文核验；引用请以“引文”中的原文为准。*", ""]
        lines += [*answer_markdown(answer), "", "### 引文", ""]
        for c in answer.citations:
            label = (c.source_label() + (f"（{c.chapter}）" if c.chapter else "")) if c.articles else c.section
            where = "，".join(p for p in (label, c.version_note(), f"第 {c.page} 页" if c.page else "") if p)
            lines.append(f"**[{c.n}]** {where}（字符 {c.start}–{c.end}）")
            lines.append("")
            lines.extend(f"> {line}" for line in c.quote.split("\n"))
            lines.append("")
        lines += ["### 参考文献", ""]
        for c in answer.citations:
            doc = document(c.doc_id)
            if doc is not None:
                lines.append(gbt7714(c.n, doc.meta))
        lines.append("")
    return "\n".join(lines)


def answer_markdown(answer: Answer) -> list[str]:
    """The answer in its shape: list items as a numbered list, each side or case as a paragraph that
    starts with its label in bold, notes last. Every sentence keeps its [n]."""
    lines: list[str] = []
    block = None
    for s in answer.sentences:
        text = s.text + "".join(f"[{n}]" for n in s.sources)
        if s.block.endswith("items") and s.label:
            number, _, head = s.label.partition(" ")
            lines.append(f"{number} " + (f"**{head.rstrip('：')}**：" if head else "") + text)
        elif s.label:
            lines += ["", f"**{s.label.rstrip('：')}**：{text}"]
        elif lines and s.block == block:
            lines[-1] += text
        else:
            lines += ["", text]
        block = s.block
    for n in answer.notes:
        lines += ["", f"> 注：{n}"]
    return [line for i, line in enumerate(lines) if line or (i and lines[i - 1])] or [answer.answer]
