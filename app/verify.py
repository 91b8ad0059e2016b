"""Check a whole draft against the library: every claim exact / close (with the diff) / not found, the work
and article it names compared with where the text really is; a report as a dict (JSON) or Markdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.draft import Claim, book, extract_claims, matching_titles
from app.quotecheck import MIN_SIMILARITY, QuoteCheck, check_quote, closest, located
from app.quotematch import DiffOp, article_span, format_ops, same_article
from app.revisions import counterpart

if TYPE_CHECKING:
    from app.service import GovKB

VERDICTS = {"exact": "✅ 一致", "close": "⚠️ 有出入", "not_found": "❌ 未找到"}
KINDS = {"quotation": "引文", "statement": "转述", "reference": "出处"}


@dataclass
class DraftItem:
    claim: Claim
    check: QuoteCheck
    attribution: str = "none"  # "ok", "wrong_title", "wrong_article", "unknown_title", "none"
    notes: list[str] = field(default_factory=list)
    claimed_source: QuoteCheck | None = None  # the closest text in the work the draft names, when the text is elsewhere

    @property
    def verdict(self) -> str:
        return self.check.status

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "n": c.n, "kind": c.kind, "line": c.line, "text": c.text, "sentence": c.sentence,
            "claimed": {"title": c.title, "article": c.article} if c.title or c.article else None,
            "verdict": self.verdict, "attribution": self.attribution, "notes": self.notes,
            "source": self.check.to_dict() if self.verdict != "not_found" else None,
            "similarity": round(self.check.similarity, 4),
            "claimed_source": self.claimed_source.to_dict() if self.claimed_source else None,
        }


@dataclass
class DraftReport:
    name: str
    items: list[DraftItem]

    def summary(self) -> dict[str, int]:
        out = {"claims": len(self.items)} | {v: 0 for v in VERDICTS}
        for item in self.items:
            out[item.verdict] += 1
        out["wrong_source"] = sum(i.attribution in ("wrong_title", "wrong_article") for i in self.items)
        out["numbers_changed"] = sum(bool(i.check.numbers) for i in self.items)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"draft": self.name, "summary": self.summary(), "items": [i.to_dict() for i in self.items]}


def _reference(service: GovKB, claim: Claim, named: list[str]) -> QuoteCheck:
    """A bare reference (详见《…》第十条) holds if the work is in the library and has that article."""
    for doc_id in named:
        doc = service.document(doc_id)
        span = article_span(doc.text, claim.article) if doc and claim.article else None
        if doc is not None and (span or not claim.article):
            found = located("exact", claim.sentence, doc, *(span or (0, min(len(doc.text), 200))))
            found.similarity = 1.0
            return found
    return QuoteCheck(status="not_found", quote=claim.sentence)


def old_numbering(service: GovKB, found: QuoteCheck, named: str) -> list[str]:
    """A draft citing a law by an older version's numbering (第四十四条 of 2007 for what 2024 numbers 第六十六条):
    said so, when the older version's article of that number is the found article's counterpart."""
    current = service.document(found.doc_id)
    if current is None:
        return []
    for old_id in (d for d, cur in service.superseded().items() if cur == found.doc_id):
        old = service.document(old_id)
        span = article_span(old.text, named) if old is not None else None
        if old is None or span is None:
            continue
        match = counterpart(old, old.articles_in(*span)[0], current) if old.articles_in(*span) else None
        if match is not None and same_article(match[0].title, found.article):
            return [f"文稿所注{named}是 {old.meta.date} 版的条号：该条在现行 {current.meta.date} 版中是{found.article}。"]
    return []


def check_claim(service: GovKB, claim: Claim, titles: dict[str, str]) -> DraftItem:
    named = matching_titles(claim.title, titles) if claim.title else []
    if claim.kind == "reference":
        item = DraftItem(claim, _reference(service, claim, named))
    else:
        item = DraftItem(claim, check_quote(service, claim.text, prefer=named))
    found = item.check
    said = book(claim.title) + claim.article
    if claim.title and not named:
        item.attribution = "unknown_title"
        item.notes.append(f"知识库中没有{book(claim.title)}，无法核对所注出处。")
    elif claim.title and found.status != "not_found":
        if found.doc_id not in named:
            item.attribution = "wrong_title"
            item.notes.append(f"出处不符：文稿注为{said}，原文出自{book(found.title)}{found.article}。")
            near = closest(service, claim.text, named, only=True) if claim.text else None
            if near is not None and near.similarity >= MIN_SIMILARITY:  # e.g. a local text quoted as the national law
                item.claimed_source = near
                item.notes.append(
                    f"所注{book(near.title)}中最接近的是{near.article or '这段'}：“{near.source_text}”"
                    f"（相似度 {near.similarity:.0%}" + "".join(f"；原文“{a}”，文稿“{b}”" for a, b in near.numbers) + "）。"
                )
        elif claim.article and found.article and not same_article(claim.article, found.article):
            item.attribution = "wrong_article"
            item.notes.append(f"条文号不符：文稿注为{said}，原文在{found.article}。")
            item.notes += old_numbering(service, found, claim.article)
        else:
            item.attribution = "ok"
    elif claim.title and claim.kind == "reference":
        item.notes.append(f"{book(titles[named[0]])}中没有{claim.article}。")
    for src, quoted in found.numbers:
        item.notes.append(f"数字不符：原文“{src}”，文稿为“{quoted}”。")
    if found.also:
        shown = "、".join(book(titles.get(d, d)) for d in found.also[:3])
        item.notes.append(f"同样的文字也见于{shown}" + ("等。" if len(found.also) > 3 else "。"))
    return item


def verify_draft(service: GovKB, draft: str, name: str = "文稿") -> DraftReport:
    from app.service import EmptyKnowledgeBaseError

    if service.is_empty():
        raise EmptyKnowledgeBaseError(
            f"知识库是空的（数据目录 {service.settings.data_dir}）：无从核查。请先运行 `govkb ingest 文件或目录`。"
        )
    titles = {d.doc_id: d.meta.title for d in service.documents()}
    return DraftReport(name, [check_claim(service, c, titles) for c in extract_claims(draft)])


# --- Markdown --------------------------------------------------------------------------
def diff_markdown(ops: list[DiffOp]) -> str:
    """~~原文有而文稿缺少或改掉的~~，**文稿多出或改成的**."""
    marks = {"equal": "{s}", "missing": "~~{s}~~", "added": "**{q}**", "changed": "~~{s}~~**{q}**"}
    return format_ops(ops, marks).replace("\n", " ")


def where(check: QuoteCheck) -> str:
    place = "，".join(p for p in (check.section, f"第 {check.page} 页" if check.page else "") if p)
    return book(check.title) + check.article + (f"（{place}）" if place else "") + f"，字符 {check.start}–{check.end}"


def report_markdown(report: DraftReport) -> str:
    s = report.summary()
    lines = [
        f"# 引文核查报告：{report.name}",
        "",
        f"共核查 {s['claims']} 处：一致 {s['exact']}，有出入 {s['close']}，未找到 {s['not_found']}；"
        f"出处不符 {s['wrong_source']}，数字不符 {s['numbers_changed']}。",
        "",
        "每条原文都已与库中存储的文本逐字核对。差异标记：~~删除线~~ = 原文有而文稿缺少或改掉的，**粗体** = 文稿多出或改成的。",
        "",
    ]
    if report.items:
        lines += ["| # | 行 | 类型 | 结果 | 出处 |", "|---|---|---|---|---|"]
    for i in report.items:
        src = book(i.check.title) + i.check.article if i.verdict != "not_found" else "—"
        flag = " ⚠️ 出处不符" if i.attribution in ("wrong_title", "wrong_article") else ""
        flag += " ⚠️ 旧版本" if i.check.current_id and i.verdict != "not_found" else ""
        lines.append(f"| {i.claim.n} | {i.claim.line} | {KINDS[i.claim.kind]} | {VERDICTS[i.verdict]}{flag} | {src} |")
    if not report.items:
        lines += ["", "文稿中没有找到引号内的引文，也没有注明出处（《…》、第X条、根据…规定、指出、强调等）的句子。"]
    for i in report.items:
        c, k = i.claim, i.check
        head = VERDICTS[i.verdict] + (f"（相似度 {k.similarity:.0%}）" if i.verdict == "close" else "")
        lines += ["", f"## {c.n}. {head} · 第 {c.line} 行 · {KINDS[c.kind]}", "", f"> {c.sentence}", ""]
        if i.verdict == "close":
            lines += [f"- 文稿：{c.text}", f"- 原文：{k.source_text}".replace("\n", " "), f"- 差异：{diff_markdown(k.diff)}"]
        elif i.verdict == "exact" and c.kind != "reference":
            lines.append(f"- 原文：{k.source_text}".replace("\n", " "))
        elif c.kind == "reference" and i.verdict == "exact":
            lines.append(f"- 条文：{k.source_text}".replace("\n", " "))
        else:
            lines.append("- 知识库中没有与之相符或相近的原文。" if c.kind != "reference" else "- 知识库中没有这一出处。")
        if i.verdict != "not_found":
            lines.append(f"- 出处：{where(k)}")
        if c.title or c.article:
            lines.append(f"- 文稿所注出处：{book(c.title) if c.title else ''}{c.article}")
        if k.current_id and i.verdict != "not_found":  # quoted from a superseded version: where it is now, what it says
            lines.append("- 版本：" + k.version_note())
            if k.current_text and not k.current_same:
                lines.append(f"- 现行{k.current_article}：“{k.current_text.strip()}”".replace("\n", " "))
        lines += [f"- {n}" for n in i.notes]
    return "\n".join(lines) + "\n"
