"""Text tools every layer shares: punctuation, the CJK range, sentences, tokens, names, verbatim checks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from govkb.types import Chunk

TERMINAL = "。！？!?；;…"
CLOSERS = "”’」』）)】》"
OPENERS = "“‘「『"
QUOTE_CLOSERS = "”’」』"
SOFT_BREAKS = "，,、：:"

# One CJK range for the whole project: the unified ideographs, extension A and compatibility forms.
CJK = "\u3400-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{CJK}]")
CJK_RUN = re.compile(f"[{CJK}]+")
_RUN = re.compile(f"[{CJK}]+|[A-Za-z]+|\\d+(?:\\.\\d+)?")
_NAME_BAD = re.compile(f"[^0-9A-Za-z{CJK}._-]+")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]: split on 。！？；!?; and newlines, quotes kept whole."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    depth = 0
    s = start
    i = start
    while i < end:
        ch = text[i]
        cut = -1
        if ch == "\n":
            depth = 0
            cut = i
        elif ch in OPENERS:
            depth += 1
        elif ch in QUOTE_CLOSERS:
            depth = max(0, depth - 1)
            if depth == 0 and i > start and text[i - 1] in TERMINAL:
                cut = i + 1
        elif ch in TERMINAL and depth == 0:
            j = i + 1
            while j < end and (text[j] in TERMINAL or text[j] in CLOSERS):
                j += 1
            cut = j
            i = j - 1
        if cut >= 0:
            add_span(text, s, cut, spans)
            s = cut if ch != "\n" else cut + 1
        i += 1
    add_span(text, s, end, spans)
    return spans


def add_span(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    """Append text[a:b] to spans with white space trimmed at both ends, if anything is left."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))


def tokenize(text: str) -> list[str]:
    """Character unigrams and bigrams of each run of Chinese characters; Latin words; numbers."""
    tokens: list[str] = []
    for run in _RUN.findall(text):
        if CJK_CHAR.match(run):
            tokens.extend(run)
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run.lower())
    return tokens


def clean_name(name: str, fallback: str) -> str:
    """A name safe for ids and file names: NFKC, anything but letters, digits, CJK and ._- folded to '-'."""
    cleaned = _NAME_BAD.sub("-", unicodedata.normalize("NFKC", name)).strip("-._")
    return cleaned or fallback


def safe_filename(name: str) -> str:
    """A file name with no path parts and only safe characters; keeps Chinese and the suffix."""
    base = Path(unicodedata.normalize("NFKC", name).replace("\\", "/")).name
    stem, suffix = Path(base).stem, Path(base).suffix.lower()
    return f"{clean_name(stem, 'upload')[:80]}{suffix}"


def indexed_text(chunk: Chunk) -> str:
    """What is embedded and keyword-indexed: the section path gives a passage its context, and a
    law's title tells its articles apart from another law's (本市 in 上海市… and 浙江省… alike)."""
    head = f"《{chunk.law}》{chunk.section}" if chunk.law else chunk.section
    return f"{head}\n{chunk.text}" if head else chunk.text


def is_verbatim(text: str | None, quote: str, start: int, end: int) -> bool:
    """A quote counts only if it is exactly `text[start:end]` (the stored document text)."""
    return text is not None and 0 <= start <= end <= len(text) and text[start:end] == quote


# Short forms people say for what laws and documents write out in full. A question is searched and
# scored with the full forms added, so 居委会 finds 居民委员会 (BM25 counts characters, not meanings).
ABBREVIATIONS = {
    "居委会": "居民委员会",
    "村委会": "村民委员会",
    "业委会": "业主委员会",
    "低保": "最低生活保障",
    "上访": "信访",
    "物业公司": "物业服务企业",
    "人大常委会": "人民代表大会常务委员会",
    "社工": "社会工作者",
    "五保户": "五保供养",
    "疾控": "疾病预防控制",
    "流调": "流行病学调查",
    "城管": "城市管理",
    "民政局": "民政部门",
    "公安局": "公安机关",
    "调委会": "人民调解委员会",
    "村主任": "村民委员会主任",
    "乡镇政府": "乡镇人民政府",
    "维修基金": "专项维修资金",
    "低保户": "最低生活保障家庭",
}


# Everyday words for what laws say in their own terms (交钱 for 费用, 学历 for 教育程度, 替我 for 代为):
# expanded the same way, so a question in one's own words meets the article's wording.
EVERYDAY = {
    "交钱": "费用",
    "收钱": "收取费用",
    "花钱": "费用",
    "退钱": "退回",
    "罚钱": "罚款",
    "赔钱": "赔偿",
    "捐钱": "捐赠",
    "捐款": "捐赠",
    "工资": "报酬",
    "物业费": "物业服务费用",
    "学历": "教育程度",
    "岁数": "周岁",
    "年纪": "周岁",
    "替我": "代为",
    "代我": "代为",
    "帮我": "代为",
    "家里人": "近亲属",
    "亲戚": "近亲属",
    "老人": "老年人",
    "小孩": "未成年人",
    "孩子": "未成年人",
    "吵架": "纠纷",
    "纠纷": "争议",
    "闹矛盾": "纠纷",
    "邻居": "邻里",
    "装修": "装饰装修",
    "开证明": "出具证明",
    "拆迁": "征收",
    "违建": "违法建设",
    "乱搭乱建": "违法建设",
    "养狗": "饲养动物",
    "打工": "务工",
    "出事": "突发事件",
    "着火": "火灾",
    "失火": "火灾",
    "看病": "医疗",
    "开会": "会议",
    "一届": "每届",
    "打官司": "诉讼",
    "告状": "诉讼",
    "报警": "公安机关",
    "消防队": "消防救援机构 消防救援队伍",
    "买菜": "生活物资 采购",
    "生活用品": "生活物资",
    "封控": "封闭 管控",
    "疫情": "公共卫生事件 防控",
    "最先": "迅速 第一时间",
    "电动车": "非机动车 电动自行车",
    "一把手": "主要负责人",
    "工厂": "生产经营单位",
    "上报": "报告",
    "第一时间": "立即",
    "不给": "不予",
    "哪些情况": "情形",
    "禽流感": "动物疫情",
    "解封": "解除封锁",
    "爸妈": "父母",
    "遗产": "继承",
    "安全员": "安全生产管理人员",
    "干哪些活": "职责 任务",
    "管哪些事": "职责 任务",
    "干哪些事": "职责 任务",
    "负责哪些事": "职责 任务",
    "开发商": "建设单位",
    "房东": "出租人",
    "租客": "承租人 物业使用人",
    "租户": "承租人 物业使用人",
    "困难户": "困难家庭",
    "遛狗": "犬只 饲养动物",
    "逃生通道": "疏散通道 安全出口",
    "贴出来": "公布 公示",
    "小作坊": "生产经营单位",
    "义工": "志愿者",
    "志愿队": "志愿服务组织",
    "摊钱": "摊派",
    "强制捐": "摊派",
    "身份证号": "个人信息",
    "信息泄露": "泄露 个人信息",
    "楼顶": "共用部位",
    "煤气": "燃气",
    "查账": "审计 财务",
    "消防栓": "消火栓",
    "地震局": "地震工作主管部门",
    "卫健委": "卫生健康主管部门 卫生行政部门",
    "卫生局": "卫生健康主管部门 卫生行政部门",
    "住建局": "住房城乡建设主管部门 建设行政主管部门",
    "房管局": "房屋管理部门 房地产行政主管部门",
    "应急局": "应急管理部门",
    "慈善机构": "慈善组织",
    "村干部": "村民委员会成员",
    "发大水": "洪水",
    "防空洞": "人民防空工程",
    "打疫苗": "预防接种",
    "发烧": "发热",
    "家暴": "家庭暴力",
    "领养": "收养",
    "廉租房": "住房救助",
    "公租房": "公共租赁住房",
    "交房": "交付",
    "房产证": "不动产权属证书",
    "退休金": "养老金",
    "老百姓": "群众",
    "空出来": "出缺 空缺",
    "补上来": "补选",
    "拆掉": "拆除",
    "推掉": "拆除",
    "老板": "主要负责人 投资人 经营者",
    "算数": "有效 无效",
    "人多的地方": "人员密集场所 人员聚集场所",
    "电影院": "影剧院",
    "开除": "解除 劳动合同",
    "跑出来": "撤离",
    "当面说": "口头",
    "假消息": "谣言",
    "乱传": "散布",
    "转发": "散布",
    "开票": "票据",
}


# (said, written) pairs, both directions, built once: expansion runs for every sentence scored.
_FORWARD = list({**ABBREVIATIONS, **EVERYDAY}.items())
# A written form of several words (生活物资 采购 for 买菜) answers for the said form with any one of them.
_REVERSE = [(word, short) for short, full in _FORWARD for word in full.split()]
# Laws write both committees at once: 村（居）民委员会, 居（村）民委员会 answer for 居委会 and 村委会 alike.
_REVERSE += [(f"{a}{o}{b}{c}民委员会", short) for a, b in (("村", "居"), ("居", "村")) for o, c in (("（", "）"), ("(", ")"))
             for short in ("居委会", "村委会")]


def expand_abbreviations(text: str, *, reverse: bool = False) -> str:
    """`text` with the full form of each short form it uses appended (once; none if already there);
    `reverse`: the short form of each full form it uses instead, so a sentence of a law
    (居民委员会每届任期五年) answers for the words a question says (居委会)."""
    extra = [b for a, b in (_REVERSE if reverse else _FORWARD) if a in text and b not in text]
    return text if not extra else text + " " + " ".join(dict.fromkeys(extra))


# Parts of speech that name nothing (pronouns, numerals, conjunctions, prepositions, particles, adverbs,
# measure words, interjections, locality words) and words of asking rather than of the asked thing.
_NAMELESS = {"r", "rr", "rz", "m", "mq", "c", "p", "u", "uj", "ul", "d", "q", "e", "y", "o", "f", "x", "zg"}
_ASKING = frozenset("什么 怎么 怎样 如何 哪些 需要 可以 能不能 是不是 有没有 到底 比如 除了 这样 一直 出来 起来 一样 "
                    "不会 还有 原来 常听".split())


def forms(word: str) -> list[str]:
    """A word and its full forms (业委会 -> 业委会, 业主委员会)."""
    return [word, *expand_abbreviations(word)[len(word):].split()]


def named_words(text: str) -> list[str]:
    """The words of `text` that name something (jieba's segmentation and parts of speech; its own
    dictionary, loaded on first use, about a second): 垃圾分类积分可以兑换什么 -> 垃圾, 分类, 积分, 兑换."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    out = [w.word for w in jieba.posseg.cut(text)
           if len(w.word) >= 2 and w.flag not in _NAMELESS and w.word not in _ASKING and CJK_RUN.fullmatch(w.word)
           and not _glued(w.word)]
    return list(dict.fromkeys(out))


# Characters that ask, link or qualify (能, 会, 得, 要 …): a pair holding one that jieba's dictionary lacks was glued
# across a word boundary by its guessing of unknown words (大楼时能不能 -> 时能, 年报逾期未报会被 -> 报会).
_FUNCTION_CHARS = frozenset("能会得要想有不时的了着过就都也还又才可该被把给让吗呢")


def _glued(word: str) -> bool:
    import jieba

    return len(word) == 2 and not jieba.dt.FREQ.get(word) and any(ch in _FUNCTION_CHARS for ch in word)
