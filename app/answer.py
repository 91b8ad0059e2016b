"""Extractive answers: decide whether the library can answer, compose the answer by the kind of question
from verbatim sentences, and cite the passages they come from. No sentence is shown unverified."""

from __future__ import annotations

import re
from collections.abc import Callable

from app.asked import asked_part
from app.bodies import unnamed_body
from app.citing import cite, refusal
from app.compose import Composer
from app.direct import article_answer, named_chunks, penalties_for, version_answer
from app.evidence import Evidence, Library
from app.laws import other_place
from app.lookup import TAKES_EFFECT, asks_version, lookup, version_notes
from app.picker import pick
from app.question import QuestionInfo, analyse
from app.ranges import fit
from app.values import AMOUNT, CLOCK, SCORE, TIME
from govkb.settings import AnswerSettings
from govkb.text import forms, indexed_text, named_words
from govkb.types import Answer, Filters, Hit, answer_text
from govkb.versions import place_unnamed

_ASKS_EFFECT = re.compile(r"施行|生效|实施|执行|有效")
# 罚多少 / 担什么责任: asks for a penalty, which a law says in an article naming the rule broken.
_ASKS_PENALTY = re.compile(r"罚|处分|追究|追责|问责|吊销|拘留|什么后果|[担负承].{0,2}(?:什么|哪些)?责任")
# 要带哪些材料 / 准备什么证件: asks for the papers to bring, which the answer must name (申请书, 身份证明 …).
_ASKS_PAPERS = re.compile(r"(?:带|准备|交|提交|递交|提供|出示|需要|要)[^，,。？?]{0,4}(?:哪些|什么|啥|哪几样|哪几种)(?:申请)?(?:材料|证件|证明材料|资料)(?![里中上])")
# …and a paper handed over under its own name (提交老年人安置方案, 报送书面报告) answers as well.
_PAPERS = re.compile(r"材料|证件|证明|申请书|书面申请|身份证|户口|复印件|照片|证书|凭证|单据|票据"
                     r"|(?:提交|报送|递交|提供|出具)[^，,。；;]{0,10}(?:方案|报告|清单|名单|名册|文件|协议|登记表|申请表)")
NATIONAL = ("法律", "行政法规", "司法解释")
MISSING = {
    "number": "找到了相关段落，但其中没有所问的数字。",
    "date": "找到了相关段落，但其中没有所问的时间。",
    "person": "找到了相关段落，但其中没有所问的人或机构。",
    "papers": "找到了相关段落，但其中没有所问的材料或证件。",
}
# …and what the missing number is, when the question says (多少钱, 几点, 能加几分).
MISSING_UNIT = {"元": "金额", AMOUNT: "金额", CLOCK: "时刻（几点）", SCORE: "分值", TIME: "期限或时长"}
OTHER_BODY = {"number": "找到了相关段落，但其中的数字说的不是所问的{}。", "date": "找到了相关段落，但其中的时间说的不是所问的{}。"}


def evidence(signals: dict[str, float], cfg: AnswerSettings) -> float:
    """One evidence score: best cosine similarity plus weighted lexical coverage of the question."""
    return signals.get("dense_top", 0.0) + cfg.lexical_weight * signals.get("coverage", 0.0)


def is_confident(signals: dict[str, float], cfg: AnswerSettings) -> bool:
    """Evidence is strong enough when the combined score reaches the calibrated bar, and beats what
    questions about nothing in this library get (`null_evidence`, when measured) by `null_margin`."""
    score = evidence(signals, cfg)
    null = signals.get("null_evidence")
    return score >= cfg.min_evidence and (null is None or score > null + cfg.null_margin)


# Questions on nothing a governance library is about. In a larger library such a question finds a closer
# passage by chance (the best of 20 scored 0.860 with the shipped corpus, 0.884 with the policy library beside
# it): an answer must have more evidence than any of them.
NULL_PROBES = (
    "今天天气怎么样？", "红烧肉怎么做才好吃？", "世界杯冠军是哪个国家？", "怎么学习Python编程？", "股票账户怎么开？",
    "感冒了吃什么药好得快？", "高考志愿怎么填报？", "手机屏幕碎了去哪修？", "去云南旅游有哪些景点？", "猫咪不吃饭怎么办？",
    "电脑开机很慢怎么处理？", "怎么减肥最有效？", "钢琴考级要考哪些曲目？", "信用卡逾期了怎么办？", "英语四级多少分及格？",
    "新能源汽车续航多少公里？", "如何种植多肉植物？", "马拉松比赛怎么报名？", "量子计算的原理是什么？", "咖啡喝多了有什么坏处？",
)


def near_the_bar(signals: dict[str, float], cfg: AnswerSettings) -> bool:
    """Is the evidence confident only just (within answer.weak_zone of the bar it had to pass)?"""
    null = signals.get("null_evidence")
    bar = max(cfg.min_evidence, null + cfg.null_margin if null is not None else 0.0)
    return evidence(signals, cfg) < bar + cfg.weak_zone


def unmentioned(question: str, cited: str, library: Library, cfg: AnswerSettings) -> tuple[str, int] | None:
    """A thing the question asks about that the library mentions only in passing (in at most answer.rare_share
    of its passages) and the cited text leaves out, with its number of passages; else None."""
    rare = int(library.size() * cfg.rare_share)
    if rare < 1:
        return None  # in a small library every word is rare
    for word in named_words(asked_part(question)):  # not the story told before it (…挖掘机被砸坏了。机器什么时候还)
        if not any(f in cited for f in forms(word)):
            n = library.mentions(word, rare)
            if 0 < n <= rare:
                return word, n
    return None


def absent_note(word: str, mentions: int, hits: list[Hit], shown: int = 3) -> str:
    """Why an answer just above the bar was refused: what it would have said leaves out a thing the question
    names. Where that thing is in the nearest passages shown with the refusal (河南 rules on 大型犬 for a
    question naming no place), they are pointed at, so the note never says they do not hold it."""
    where = [f"《{h.chunk.law}》{h.chunk.articles}" if h.chunk.law else f"第 {i} 段"
             for i, h in enumerate(hits[:shown], 1) if any(f in h.chunk.text for f in forms(word))]
    seen = f"，见下面最接近的段落中的{'、'.join(where)}" if where else ""
    return f"拟作答的句子都不涉及问题里的「{word}」（全库只有 {mentions} 段提到它{seen}）。"


def null_evidence(search: Callable[[str], tuple[list[Hit], dict[str, float]]], library: Library,
                  cfg: AnswerSettings) -> float:
    """The best evidence any of the NULL_PROBES gets from this library."""
    best = 0.0
    for q in NULL_PROBES:
        hits, signals = search(q)
        info = analyse(q, known=library.known, metas=library.metas())
        best = max(best, evidence({**signals, "coverage": subject_coverage(info, hits, library)}, cfg))
    return best


def answer(question: str, hits: list[Hit], signals: dict[str, float], *, cfg: AnswerSettings, library: Library,
           engine: str | None = None) -> Answer:
    """The answer to `question` from its retrieved passages, or a refusal."""
    info = analyse(question, known=library.known, metas=library.metas())
    signals = {**signals, "coverage": subject_coverage(info, hits, library)}
    works = {d: doc for d in info.works if (doc := library.document(d)) is not None}
    named = lookup(question, info, works)
    if named is not None and named.found:
        # 消防法第十八条是怎么规定的: the article itself, whatever ranks first; asked something of it
        # (违反消防法第十八条会怎么罚), it leads the passages the answer is composed from.
        if named.only:
            versions = [n for d in dict.fromkeys(d for d, _ in named.found) if named.status
                        for m in library.metas() if m.doc_id == d for n in version_notes(m, library.metas())]
            return article_answer(question, info, named.found, hits, signals, library, notes=named.notes() + versions)
        if _ASKS_PENALTY.search(question):
            # 违反消防法第十八条会怎么罚: the articles that penalise breaking it, by their own words (违反本法第十六条、
            # 第十七条、第十八条…规定的), not the penalties most like the question.
            penalties = [(d, a) for c in named_chunks(named.found, library) for d, s, e in penalties_for(c, library)
                         if (doc := library.document(d)) is not None for a in doc.articles_in(s, e)[:1]]
            if penalties:
                return article_answer(question, info, list(dict.fromkeys(penalties)), hits, signals, library,
                                      notes=named.notes())
        article_hits = [Hit(c, score=max((h.score for h in hits), default=1.0)) for c in named_chunks(named.found, library)]
        hits = [*article_hits, *(h for h in hits if h.chunk.chunk_id not in {a.chunk.chunk_id for a in article_hits})]
    elif named is not None and named.missing:
        return refusal(question, hits, signals, kind=info.kind, note=named.note())
    elif asks_version(question, info, works):
        status = version_answer(question, info, hits, signals, library)
        if status is not None:
            return status
    elif not hits or not is_confident(signals, cfg):
        return refusal(question, hits, signals)
    if (engine or cfg.engine) == "picker":
        picked = pick(question, hits, signals, cfg=cfg, document=library.document, idf=library.idf)
        return picked if picked.sentences else refusal(question, hits, signals)  # nothing verified to quote
    passages = hits
    if info.doc_refs and info.kind != "comparison":
        # The question points at documents (吉军辉那篇, 那份策论): answer from them.
        passages = library.search(question, top_k=10, filters=Filters.of(doc_id=info.doc_refs)) or hits
    ev = Evidence(info, library, semantic=cfg.semantic)
    ev.add_hits(passages[: cfg.passages])
    if info.works and not info.doc_refs:
        # A law named in the question (消防法对居委会…) speaks: its best passages join the evidence.
        ev.add_hits(library.search(question, top_k=3, filters=Filters.of(doc_id=info.works)), offset=cfg.passages)
        if info.kind == "definition":
            # 突发事件应对法里说的“突发事件”: the law's own definition (本法所称突发事件，是指…), wherever it ranks.
            for doc_id in info.works:
                doc = library.document(doc_id)
                for term in info.entities:
                    for m in re.finditer(f"所称{re.escape(term)}", doc.text if doc else ""):
                        ev.add_span(doc_id, m.start(), m.end(), rank=0)
        if info.kind == "date" and _ASKS_EFFECT.search(question):
            # 从哪天开始施行: the law's own article that says so (本法自2024年11月1日起施行), usually its last.
            for doc_id in info.works:
                doc = library.document(doc_id)
                for m in TAKES_EFFECT.finditer(doc.text if doc else ""):
                    ev.add_span(doc_id, m.start(), m.end(), rank=0)
    if any(h.chunk.law for h in passages[:3]) and not any(m.region in question for m in library.metas() if m.region):
        # No place named: the national law that applies everywhere speaks, even below local rules' wording.
        ev.add_hits(library.search(question, top_k=3, filters=Filters.of(kind=NATIONAL)), offset=cfg.passages)
    local = [m.doc_id for m in library.metas() if m.city and not place_unnamed(m.region, m.city, question)]
    if local and not any(h.chunk.doc_id in local for h in passages[: cfg.passages]):
        # 青岛…临时调用我家的车, with no rule of 青岛 among the passages: the city's own rules speak too.
        ev.add_hits(library.search(question, top_k=3, filters=Filters.of(doc_id=local)), offset=cfg.passages)
    if _ASKS_PENALTY.search(question):
        # 拆了地震监测设备…罚多少: the rule broken is a best passage (不得…拆除…地震监测设施, 第十六条); its penalty
        # is the article that names it (违反本条例第十六条第二款规定的，…对个人处…罚款), in other words.
        for hit in passages[:3]:
            for doc_id, start, end in penalties_for(hit.chunk, library):
                ev.add_span(doc_id, start, end, rank=0)
    for hit in passages[:3] if ev.figures else []:
        # 死了12个人算哪一级: the grades are consecutive articles of a chapter (第九条 to 第十二条), each setting its own
        # ranges; the chapter of a passage that sets ranges of the figure told joins the evidence.
        doc = library.document(hit.chunk.doc_id)
        if doc is not None and fit(hit.chunk.text, question, ev.figures):
            heads = [s for s in doc.sections if s.kind != "article" and s.start <= hit.chunk.start < s.end]
            if heads:
                head = max(heads, key=lambda s: s.level)
                ev.add_span(doc.doc_id, head.start, min(head.end, head.start + 6000), rank=cfg.passages)
    if info.about_author:
        # Who wrote it, where, under which grant: the author notes of the documents asked after.
        for doc_id in info.doc_refs or [h.chunk.doc_id for h in passages[:1]]:
            doc = library.document(doc_id)
            for start, end in doc.back_matter if doc else []:
                ev.add_span(doc_id, start, end, rank=1)
    comp = Composer(info, ev, passages, library, max_chars=cfg.max_chars).compose()
    if comp.missing_value:
        # 社区党委书记一届任期几年, where the passages' figures are 居民委员会's (每届任期五年): say whose they are not.
        body = unnamed_body(question, "".join(h.chunk.law + h.chunk.section + h.chunk.text for h in passages[: cfg.passages]))
        note = OTHER_BODY[info.kind].format(body) if body and info.kind in OTHER_BODY else MISSING.get(info.kind, MISSING["number"])
        if not body and comp.missing_unit in MISSING_UNIT:
            note = f"找到了相关段落，但其中没有所问的{MISSING_UNIT[comp.missing_unit]}。"
        return refusal(question, hits, signals, kind=info.kind, note=note)
    sentences, citations = cite(comp.pieces, library, {h.chunk.chunk_id: h.score for h in [*hits, *passages]})
    if not sentences:
        return refusal(question, hits, signals, kind=info.kind)
    elsewhere = other_place(question, [d for c in citations if (d := library.document(c.doc_id)) is not None])
    if elsewhere:
        return refusal(question, hits, signals, kind=info.kind, note=elsewhere)
    said = answer_text(sentences) + "".join(c.quote for c in citations)
    if _ASKS_PAPERS.search(question) and not _PAPERS.search(said):
        # Which papers to bring, answered by passages that name none (住房公积金 in a list of agencies that
        # verify incomes): the library has the topic's neighbours, not the answer.
        return refusal(question, hits, signals, kind=info.kind, note=MISSING["papers"])
    if near_the_bar(signals, cfg):
        # The cited works' titles name their place and subject too (宁波 in 宁波市志愿服务条例).
        absent = unmentioned(question, said + "".join(c.title for c in citations), library, cfg)
        if absent:
            return refusal(question, hits, signals, kind=info.kind, note=absent_note(*absent, hits))
    return Answer(question=question, answer=answer_text(sentences), refused=False, citations=citations, hits=hits,
                  signals=signals, sentences=sentences, kind=info.kind, notes=comp.notes)


def subject_coverage(info: QuestionInfo, hits: list[Hit], library: Library, top: int = 3) -> float:
    """IDF-weighted share of what the question is about (its content terms, filler and question words
    left out) found in the best of the top passages. A term the library never saw weighs the most,
    so a question on a topic the library lacks finds little of itself, however large the library."""
    ev = Evidence(info, library)
    # The top three as BM25 and the passages' vectors rank them (govkb.types.Hit.first): the bar was calibrated on
    # them, and a passage found by one of its sentences may be about something else in its other words.
    return max((ev.coverage(indexed_text(h.chunk)) for h in ([h for h in hits if h.first] or hits[:top])), default=0.0)


