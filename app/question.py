"""Question analysis: what kind of answer is asked for, its parts, and what it is about. Deterministic."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from app.asked import asked_part, split_clauses
from app.laws import VERSION_ASK, confusable, law_names, name_spans, names_work, written_out
from govkb.text import CJK, expand_abbreviations, tokenize
from govkb.types import DocMeta

# Order matters: the first kind whose cue is present wins (怎么下定义 is a definition, 哪一年 a date).
KIND_CUES: list[tuple[str, re.Pattern[str]]] = [
    # Checking a claim: "…，这个说法对吗？" asks whether the text says so, whatever the claim is about.
    # Asking where a text comes from (出自哪部法规哪一条) checks it too: the sentence that says it.
    ("yesno", re.compile(r"(说法|这么说|这样说|这么写|这话|这句话).{0,6}(对吗|对不对|准确吗|有出处吗|有依据吗|真的吗)|是真的吗|有出处吗|真这么写|站得住脚|说得通吗|说得过去吗|有道理吗|合法吗|违法吗"
                         r"|出自哪|出自什么|哪部法|哪个法规|哪一条规定|第几条")),
    ("comparison", re.compile(r"不同|区别|差别|差异|异同|比较|对比|相比|各有|各自|两边|有什么不一样|不一样")),
    ("definition", re.compile(
        r"什么是|是什么意思|什么意思|啥意思|指什么|指的是什么|是指什么|指谁|指的是哪[些种类]|是指哪[些种类]|含义|定义|界定|内涵|怎么理解|如何理解|何谓|"
        r"[”」](?:到底|都|主要|一般)?(?:包括|包含|分为|分成|有)哪(?:几|些)|"  # “突发事件”包括哪几类: what the term covers
        r"是个什么|什么叫|什么样的.{0,12}(算|才算|属于|才叫|叫做)|到底是什么|是怎么表述|怎么表述|如何表述|怎么写的|原文是怎么说|完整的说法")),
    # 哪些地方 asks for places that did something (cases), unless a rule follows (哪些地方必须避开: a list) or it is
    # what an event reached (停了哪些地方, 涉及哪些地方).
    ("case", re.compile(r"案例|例子|实例|典型|哪个社区|哪些社区|(?<!了)(?<!涉及)(?<!包括)(?<!影响)(?<!覆盖)哪些地方(?!必须|应当|应该|不得|不能|禁止|需要|要)|哪个街道|哪些街道|举.{0,3}例|经验做法|有没有(?:哪个|哪些)?(?:社区|街道|地方)")),
    ("date", re.compile(r"哪一?年|何时|什么时候|(?<!要是)(?<!如果)(?<!万一)(?<!假如)(?<!若是)(?<!哪怕)哪一?天|几月|几号|日期|哪个时间|哪段时间")),
    ("list", re.compile(r"哪[一二两三四五六七八九十几][个项类种条块招方面点大部分民张]|什么样的人")),
    # 补多少看什么定 asks what the amount depends on, not the amount.
    ("number", re.compile(r"几点(?:到|至|以后|之后|以前|之前|前|后|开始|结束|起|钟|以内)|多少(?!钱?(?:看什么|根据什么|按什么|依据什么|由什么|取决于))|(?<![好这那的举])几[个人户年天项级次名条类种岁位张层成周月]|几分钟|几分之|几分(?![钟之])|几块钱$|比例|数量|金额|多大|多长|多久|几级|怎么罚|罚多少|罚款")),
    ("person", re.compile(r"谁|哪一?级(?:人民)?(?:政府|部门|机关)|叫什么|名字|姓名|哪个部门|哪些部门|哪个单位|哪些单位|哪个机构|哪些机构|由哪|什么人|哪位|(?<!工)作者|负责人|牵头|什么部门|什么机构|什么单位")),
    ("procedure", re.compile(r"怎么做|怎么办|如何|怎样|怎么|流程|步骤|程序|手续|办理|申请|该做什么|要做什么|先做什么|先干什么|要走|做法")),
    ("list", re.compile(r"哪些|哪几|有什么|包括|包含|分别|几个方面|哪方面|有何|都有啥|有啥")),
    ("yesno", re.compile(r"是不是|是否|有没有|吗[？?]?$|对不对|能不能|可不可以|真的|对吗|([会算])不\1")),
]

# Words that say how something is asked, or who asks, never what about.
_FILLER = re.compile("|".join("""
    请问 我想 我刚 想问 想知道 想了解 请教 一下 一般 具体 主要 大概 应该 可以 需要 我们 咱们 领导 同事
    文章 材料 文中 文里 里面 这些 那些 这个 那个 哪个 哪些 什么 怎么 如何 怎样 是否 是不是 有没有 多少
    为什么 的话 讲课 备课 学员 给学员 党校 上课 课上 出处 原文 库里 知识库 有人说 听说 说的 提到 讲的
    分别 各自 比较 对比 不同 区别 一样 例子 案例
""".split()))
# How a yes or no is asked (能不能, 合不合规矩): its pairs (能不, 合不) are in no passage and would weigh the most.
_A_NOT_A = re.compile(r"([\u4e00-\u9fff])不\1")
# Characters that mark a question word, or a function word, in a bigram; and what no place name holds.
_QUESTION_CHARS = frozenset("哪吗呢么怎何谁啥")
_SIDE_BY_SIDE = re.compile(r"各[分有是自]|两边|两者|二者|分别|对比|比较|和.{1,12}(都|各)")
_VERBISH = frozenset("的了和在与及对把被让从向于或也就都而是这那其之到去来进入回给为要会能想刚已有个些各本该")
_FUNCTION = frozenset("的了和在与及对把被让从向于或也就都而是这那其之啊吧")
_PLACE = re.compile(r"社区|街道|村|镇")
_CASE_OF_PLACES = re.compile(r"社区|街道|地方|村|镇|城市|做法|经验|实践|案例")  # a case asked of places, not of a term
_NAME = re.compile(f"[A-Z{CJK}]+")
_PLACE_END = "区道市县镇乡省"
_QUOTED = re.compile(r"[“「《\"]([^”」》\"]{2,30})[”」》\"]")
# Generic heads that name a kind of community, not a case: 韧性社区, 城市社区 ...
GENERIC = re.compile(r"^(韧性|城市|基层|农村|陌生人|示范|本|该|各|所在|全国|和谐|智慧|智能|老旧|这些|那些|哪些|哪个|"
                     r"每个|一个|我们|所在|其他|别的|不同|多个|几个|城乡|新型|现代|熟人|居民|单位|整个|全)")


@dataclass
class Clause:
    """One asked part of a question ("由谁牵头？", "按什么原则分？") and the kind of answer it wants."""

    text: str
    kind: str


@dataclass
class QuestionInfo:
    """What a question asks for: its main kind, its parts, its subject terms and named entities."""

    text: str
    kind: str
    clauses: list[Clause]
    terms: list[str]  # content bigrams and words, question words and filler removed
    entities: list[str] = field(default_factory=list)  # named communities, places, quoted terms, titles
    about_author: bool = False  # asks who wrote a document: author notes may then be quoted
    doc_refs: list[str] = field(default_factory=list)  # documents it points at (吉军辉那篇, 那份策论)
    works: list[str] = field(default_factory=list)  # current versions of the laws it names (消防法对居委会…)


def _quoted_terms(text: str) -> set[str]:
    return {m.group(1) for m in _QUOTED.finditer(text)}


_SEVERAL = re.compile(r"几个(?=[^，,。；;？?]{1,12}?[也都])|(?<=[这那过近])几(?=[天年次])|(?<!提前)(?<=前)几(?=[天年次])|(?<=最近)几(?=[天年次])"
                      r"|(?<=[区里们村楼院])几(?=[个位名户家][^，,。；;？?]{2,}[，,])|(?<=有)几(?=[个位名户家][^，,。；;？?]{6,}[，,])"
                      r"|几(?=[天次]，[^，,。；;？?]*(?:会不会|能不能|要不要|是不是|有没有|可不可以|影不影响))")

# …能补多少，这些尺度是哪一级政府说了算: a last part that points back at what came before (这些, 这个) asks of it.
_POINTS_BACK = re.compile(r"(?:这些|这个|这种|这类|这两|这几)[\u4e00-\u9fff]{0,6}(?:是|由|归|该|要|应当)")


def kind_of(text: str) -> str:
    """The kind of answer a question (or one of its parts) asks for; "open" when no cue is found."""
    # 有几个初中生也想报名 tells of several (几个…也/都), 前几天 of a while ago, 断水断电几天，会不会… of a few
    # days (the clause after it asks), 小区几个退休阿姨没加入…， of a few in a story that goes on past a comma: they ask
    # no count.
    text = _SEVERAL.sub("一些", text)
    kind = next((k for k, cue in KIND_CUES if cue.search(text)), "open")
    *before, last = re.split(r"[，,]", text)
    asked = kind_of(last) if before and (kind == "procedure" or _POINTS_BACK.match(last)) else kind
    # 去法院申请司法确认，哪些情况下…: 申请 tells what was done, the last part what is asked.
    return asked if asked not in ("open", "procedure") else kind


def content_terms(text: str) -> list[str]:
    """Bigrams and words that carry what a question is about (filler, question words, A-not-A forms and bigrams
    glued across a function word, such as 区在 or 和上, removed)."""
    stripped = _FILLER.sub(" ", _A_NOT_A.sub(" ", text))
    return [
        t for t in dict.fromkeys(tokenize(stripped))
        if (len(t) > 1 or t.isascii()) and _QUESTION_CHARS.isdisjoint(t) and not (len(t) == 2 and not _FUNCTION.isdisjoint(t))
    ]


def entities_in(text: str, known: Callable[[str], bool] | None = None) -> list[str]:
    """Named communities and places (华胜社区, G街道A社区), quoted terms and titles, in order.

    A place name is the longest run ending in 社区/街道/村/镇 that `known` confirms (it occurs in
    the library); without `known`, a two-character or Latin-letter name (华胜社区, A社区)."""
    found = [m.group(1) for m in _QUOTED.finditer(text)]
    for m in _PLACE.finditer(text):
        shaped = []  # names shaped like a place name (两字 or a Latin letter before 社区): kept even if unknown
        for start in range(max(0, m.start() - 8), m.start()):
            cand, head = text[start : m.end()], text[start : m.start()]
            if not _NAME.fullmatch(cand) or GENERIC.match(cand) or (len(head) < 2 and not head.isascii()):
                continue
            if known is not None and known(cand):
                found.append(cand)
                break
            if head.isascii() or (len(head) == 2 and not any(c.isascii() for c in head) and _VERBISH.isdisjoint(head)):
                shaped.append(cand)
        else:
            found.extend(shaped[:1])
    unique = list(dict.fromkeys(found))
    return [e for e in unique if not any(e != o and e in o for o in unique)]


def place_names(texts: list[str]) -> dict[str, int]:
    """Named communities and places in some documents, with their counts (华胜社区, A社区, 小桃园社区).

    A name either follows an administrative unit (…鼓楼区热河南路街道|小桃园社区, …静安区G街道|A社区),
    or its head is used almost only in this name, often (华胜 stands in 华胜社区 16 times and nowhere
    else; 引领 in 引领社区 is a verb used everywhere)."""
    whole = "\n".join(texts)
    counts: dict[str, int] = {}
    for m in _PLACE.finditer(whole):
        name = ""
        for length in range(1, 7):  # after an administrative unit
            a = m.start() - length
            if a < 1 or not _NAME.fullmatch(whole[a : m.start()]) or whole[a] in _FUNCTION:
                break
            if whole[a - 1] in _PLACE_END and whole[a - 2 : a] != "社区":
                name = whole[a : m.end()]
                break
        if not name:  # a head used almost only in this name
            for length in (1, 2, 3, 4):
                head = whole[max(m.start() - length, 0) : m.start()]
                if len(head) < length or not _NAME.fullmatch(head) or head[0] in _FUNCTION:
                    break
                if (length >= 2 or head.isascii()) and whole.count(head + m.group(0)) >= max(5, 0.8 * whole.count(head)):
                    name = head + m.group(0)
                    break
        if name and not GENERIC.match(name) and not GENERIC.match(name[-4:-2]):  # …基层社区 is no name
            counts[name] = counts.get(name, 0) + 1
    return counts


_LIST_HEAD = re.compile(
    r"(?:哪些|哪几(?:个|项|类|种|条|方面|点|块)?|哪[两三四五六七八九十](?:个|项|类|种|条|块|招|方面|点|张)?|几个方面|有什么)(?:的)?"
    f"([{CJK}]{{2,8}})"
    f"|([{CJK}]{{2,8}})(?:都|又|还)?(?:有哪些|包括哪些|包括哪几|包含哪些|分别是什么|分别指什么|分别有|有哪几|是哪几|分别)"
)


_LIST_NOUN = re.compile(r"(?:哪些|哪几|哪[两三四五六七八九十])(?:个|项|类|种|条|方面|点|块|招|张)?(?:的)?" f"([{CJK}]{{2,8}})")
_GENERIC_NOUN = re.compile(r"^(方面|内容|事情|东西|情况|地方|件事)")


def list_noun(text: str) -> str:
    """The noun after 哪些 (小区物业管理上有哪些权利 -> 权利), the thing whose items are asked, as a
    law's lead names it (享有下列权利：); "" for a word that fits anything (哪些方面)."""
    m = next((m for m in _LIST_NOUN.finditer(text) if not _GENERIC_NOUN.match(m.group(1))), None)
    return re.sub(r"(是|的|呢|吗)$", "", m.group(1)) if m else ""


def list_head(text: str) -> str:
    """What a list question asks the items of: 哪些优化路径 -> 优化路径, 三张清单分别是什么 -> 三张清单."""
    m = _LIST_HEAD.search(text)
    if not m:
        return ""
    head = (m.group(1) or m.group(2) or "").strip()
    return re.sub(r"^(是|的|在|有|要|了|呢)|(是|的|呢|吗|？)$", "", head)


_REF = re.compile(
    f"([A-Za-z{CJK}“”]{{2,16}}?)的?(那篇|这篇|那份|这份|一文|文章|论文|评论|策论|报告|材料)"
    f"|《([^》]{{2,40}})》|(策论)"
)
_REF_TRIM = re.compile(r"^(?:按|照|据|依|看|在|把|说|讲|写|按照|根据|依照|关于|那|这|里|中|份|篇|和|与|跟)+|(?:里|中|的|讲|说)+$")


def doc_references(question: str, metas: list[DocMeta]) -> list[str]:
    """Documents the question points at by author, source or title words (吉军辉那篇, 那份策论,
    南京那篇, 《…》), best match first; empty when it names none clearly."""
    found: dict[str, float] = {}
    matches = [m for segment in re.split(r"[和与及、，,；;？?]", question) for m in _REF.finditer(segment)]
    for m in matches:
        phrase = m.group(3) or m.group(4) or _REF_TRIM.sub("", m.group(1) or "") + (m.group(2) if m.group(2) in ("策论", "评论") else "")
        terms = [t for t in content_terms(phrase) if len(t) > 1 or t.isascii()]
        if not terms:
            continue
        scores = {}
        for meta in metas:
            words = set(tokenize(" ".join((meta.title, meta.author, meta.source, meta.kind))))
            scores[meta.doc_id] = sum(t in words for t in terms) / len(terms)
        best = max(scores.values(), default=0.0)
        for doc_id, score in scores.items():
            if score >= 0.6 and score >= best - 0.05:
                found[doc_id] = max(found.get(doc_id, 0.0), score)
    # A phrase that fits many documents (社区) names none of them.
    return [] if len(found) > 3 else sorted(found, key=lambda d: -found[d])


def analyse(question: str, known: Callable[[str], bool] | None = None, metas: list[DocMeta] | None = None) -> QuestionInfo:
    """Kind, parts, subject terms, entities and referenced documents of a question (`known`: does a
    name occur in the library; `metas`: the library's documents)."""
    clauses = [Clause(c, kind_of(asked_part(c))) for c in split_clauses(question)] or [Clause(question, kind_of(question))]
    kinds = [c.kind for c in clauses]
    # The question's kind: the first clause that asks for something specific (a definition or a
    # comparison anywhere in it wins: it shapes the whole answer).
    if "comparison" in kinds:
        kind = "comparison"
    elif "definition" in kinds:
        kind = "definition"
    else:
        kind = next((k for k in kinds if k != "open"), "open")
    if kind == "definition":
        # 才叫“重大动物疫情”？能举个典型的病吗: the term's example is in its definition, not a community's case.
        merged: list[Clause] = []
        for c in clauses:
            if merged and c.kind == "case" and not _CASE_OF_PLACES.search(c.text):
                merged[-1] = Clause(f"{merged[-1].text}？{c.text}", merged[-1].kind)
            else:
                merged.append(c)
        clauses = merged
    entities = entities_in(question, known)
    refs = doc_references(question, metas or [])
    # Two named communities or documents asked about side by side ("各分了几级", "两边") are compared.
    # (A place that names a referenced document is that document, not a second side: A社区那篇论文.)
    titles = [m.title for m in metas or [] if m.doc_id in refs]
    places = [e for e in entities if _PLACE.search(e[-2:]) and e not in _quoted_terms(question)
              and not any(e in t for t in titles)]
    if kind != "comparison" and len(places) + len(refs) >= 2 and _SIDE_BY_SIDE.search(question):
        kind = "comparison"
    terms = [t for t in _quoted_terms(question) if not _PLACE.search(t[-2:]) and not any(t in x for x in titles)]
    if kind == "comparison" and not refs and (len(terms) >= 2 or terms and "definition" in kinds):
        # “疫点”和“疫区”有什么区别: what each term means tells them apart; “慈善信托”跟直接捐钱有啥不一样，
        # 法律上怎么定义: the term asked to be defined is what the law says of it.
        kind = "definition"
        clauses = [Clause(c.text, "definition" if c.kind == "comparison" else c.kind) for c in clauses]
    return QuestionInfo(
        text=question,
        kind=kind,
        clauses=clauses,
        terms=content_terms(expand_abbreviations(question)),
        entities=entities,
        about_author=bool(re.search(r"(?<!工)作者|谁写|写的|撰写|执笔|基金|课题|资助|项目编号|(文章|论文|那篇|这篇).{0,20}项目",
                                    question)),
        doc_refs=refs,
        works=named_works(question, metas or []),
    )


def named_works(question: str, metas: list[DocMeta]) -> list[str]:
    """The laws a question names by their short title (突发事件应对法, 慈善法): the version it names by
    year (2007年版), else the newest version of each."""
    question = law_names(question)
    years = {m.group(1) for m in VERSION_ASK.finditer(question)}
    chosen: dict[str, DocMeta] = {}
    for m in metas:
        if not m.work or not names_work(question, m.work):
            continue
        have = chosen.get(m.work)
        if have is None or (m.date[:4] in years) > (have.date[:4] in years) or (
                (m.date[:4] in years) == (have.date[:4] in years) and m.date > have.date):
            chosen[m.work] = m
    exact = written_out(question, list(chosen))
    # 城市居民委员会组织法 names that law in full and half-names 村民委员会组织法; 上海市信访条例 holds 信访条例:
    # the half-named and the held go.
    return [m.doc_id for m in chosen.values()
            if m.work in exact or (not name_spans(question, m.work) and not any(confusable(m.work, e) for e in exact))]
