"""Does a sentence hold the value a question asks for? A number of the asked unit near the asked noun
(多少名党员), a date, a body or a person's name in the asked role. A near-miss question (the entity is
in the library, the asked fact is not) fails this test in every retrieved passage and is refused."""

from __future__ import annotations

import re
from functools import lru_cache

from app.asked import asked_part
from govkb.text import CJK, forms, named_words

UNITS = "周岁|个工作日|工作日|小时|分钟|位|个月|个|户|人|名|家|次|项|年|天|日|月|元|万元|亿元|块钱|米|平方米|平方|公顷|亩|公里|倍|条|级|岁|栋|幢|所|支|处|套|层|类|种|方面|周|辆|份|台|座|张|本|间|盏|块|场|批|部"
NUMBER = re.compile(
    f"\\d+(?:\\.\\d+)?\\s*(?:余|多)?\\s*(?:万|亿)?\\s*(?:%|％|{UNITS})"
    f"|[一二两三四五六七八九十百千万]+(?:余|多)?(?:{UNITS})"
    "|百分之|千分之|[一二三四五六七八九十]成"
)
DATE = re.compile(
    r"(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月)?"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日|[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日"
)
BODY = re.compile(
    r"由.{1,20}?(负责|主持|牵头|组织|领导|承担|决定|审批|批准|认定|组成|选举|产生|评价|评估|评议|监督)"
    r"|经[^，。；]{1,20}?(同意|批准|审批|许可)"  # 要谁点头: 应当经施工现场消防安全负责人同意
    r"|(委员会|政府|部门|党组织|党委|党总支|党支部|办事处|居委会|村委会|法院|检察院|中心|团队|公司|机构|机关|民政|街道|书记|主任|"
    r"指导员|教授|研究员|学会|研究所|党校|大学|服务组织|社会组织|慈善组织|自治组织|群众组织)"
    # The parties a law puts a duty on (承租人在其使用范围内履行消防安全责任, 生产经营单位应当…): who, in its words.
    r"|(?:[承出]租人|使用人|所有权人|管理人|经营者|监护人|赡养人|扶养人|当事人|物业服务人|[^，。；]{1,6}(?:单位|企业))[^，。；]{0,8}?(?:应当|负责|承担|履行)"
)
ROLES = "书记|主任|指导员|教授|会长|站长|队长|局长|馆长|主席|法官|民警|组长|负责人|社长|院长|校长|经理"
# The most common surnames: a role next to two or three characters is a name only if they start with one.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟"
    "谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔"
)
_ASKED_NUMBER = re.compile(
    f"(?:([{CJK}]{{2,4}}?)(?:有|是|为|共|一共|总共|大概|大约)?)?(?:多少|几)({UNITS}|钱)?([{CJK}]{{2,4}})?"
)
_ASKS_FINE = re.compile(r"(?:罚|罚款)(?:多少|几)(?!天|日|年|个月|次|分)|罚款(?:是|有)?多少")
_ASKS_SHARE = re.compile(r"(?:多大|多少|多高)的?比例|比例(?:是|有|为|定在)?(?:多少|多大|多高)")
_SHARE = re.compile(r"[一二三四五六七八九十百千万]+分之[一二三四五六七八九十]+|过半数|半数以上")
_VERB_FIRST = re.compile(r"^(会|来|提|领|能|可|要|被|就|才|算|得|让|给|去|做|办|交|拿|把|向|在|从|以|才能)")
_VERB_LAST = re.compile(r"(能|会|要|罚|交|扣|赔|领|给|补|收|拿|提|到|过|留)$")  # 剩到多少, 至少得留多少: a verb, nothing counted
_MONEY_VERB = re.compile(r"(罚|交|扣|赔|补|收)$")
_ASKS_AREA = re.compile(r"多大(?:的)?(?:面积|地方|场地)|面积(?:有|是|为|要|得)?多大")  # (面积多少 counts with 多少 above)
AREA = "面积"
_ASKED_SIZE = re.compile(f"([{CJK}]{{2,4}}?)(?:有|是|为|大概|大约)?多[大高远重宽深]")
TIME = "时长"
CLOCK = "钟点"  # 几点到几点能施工: a time of day (8时, 二十二点, 12:00), which no count or length of time gives
SCORE = "分值"  # 能加几分: points on a scale (加10分, 计五分), which no other number gives
_ASKS_SCORE = re.compile(r"几分(?![钟之])|多少分")
_SCORE = re.compile(r"(?<![\d.十百])(?:\d+(?:\.\d+)?|[一二两三四五六七八九]?十?[一二两三四五六七八九]?)\s*分(?![钟之别类期开散配担析工子区批项])")
_ASKS_CLOCK = re.compile(r"几点(?:到|至|以后|之后|以前|之前|前|后|开始|结束|起|钟|以内)")
_CLOCK = re.compile(r"(?<![小\d])(?:\d{1,2}|[零一二三四五六七八九十]{1,3})\s*(?:时|点)(?![间期候效代段机刻])(?:\s*(?:\d{1,2}|[零一二三四五六七八九十]{1,3})\s*分)?"
                    r"|(?<!\d)\d{1,2}[:：]\d{2}(?!\d)")
AMOUNT = "金额"  # a sum named by what it is (管理费, 津贴): in 元, or as a share of another sum; 多少钱 wants 元 itself
_TIME_UNITS = ("年", "个月", "月", "天", "日", "周", "小时")
_ONE_EACH = re.compile(f"一({UNITS})一")
_SAME_UNIT = {"天": ("天", "日"), "日": ("天", "日"), "工作日": ("工作日", "日", "天"), "个月": ("个月", "月"), "周": ("周", "星期"), "人": ("人", "名", "百分之", "%", "％"), "名": ("名", "人"), "位": ("位", "人", "名"), "元": ("元", "万元", "亿元", "块钱", "倍"), AMOUNT: ("元", "万元", "亿元", "块钱", "倍", "百分之", "%", "％"), "岁": ("岁", "周岁"), "%": ("%", "％", "百分之", "千分之", "成"), AREA: ("平方", "公顷", "亩")}
_ASKS_TIME = re.compile(r"多长时间|多久|多长|几天|几个月|几年|期限|多少个?(?:天|日|月|年|周|小时|工作日|分钟)(?![龄纪级岁])"
                        r"|几(?:日|周(?!岁)|个?小时|个?工作日|分钟)")
_NAMED_TIME = re.compile(r"(?:几|多少)个?(年|天|日|月|周|小时|工作日|分钟)(?![龄纪级岁])")
_CODE = re.compile(r"(?<![\d.])\d{6,}(?![\d.])")  # a code or serial number, not an amount
_PEOPLE = re.compile(r"业主|居民|村民|党员|代表|选民|职工|员工|群众|老人|老年人|志愿者|成员|委员")
_PER_MEASURE = re.compile(r"[每一](平方米|平米|立方米|度|吨|公里|亩)")  # a rate asked per a measure (每平方米, 每度电, 一平米)
_FINE_NEAR = re.compile(r"罚款|罚金")
_HOW_SAID = re.compile(r"(?:按(?:照)?(?:国家)?(?:规定|要求|标准)|规定|最低|最高|最多|最少|至少|起码|一般|大概|大约|[是有为])+$")
_STAFF = re.compile(f"人员|人手|[{CJK}]员(?!会)|{_PEOPLE.pattern}")  # (委员会: a body, counted in 个)
_PERIOD = re.compile(f"([{CJK}]{{1,3}}期)(?![限间])")
_NOT_PERIOD = frozenset("日期 星期 周期 长期 定期 到期 逾期 延期 按期 如期 限期 近期 初期 后期 前期 早期 中期 时期 学期 假期 预期 同期 当期 分期 每期 一期 届期 短期 过期 末期 晚期".split())
# What is paid or earned: 工资超过多少才交个税, 能领多少高龄津贴 ask an amount of money, which an age or a term does not give;
# a share of another sum gives it (管理费最多能提多少: 不得超过当年总支出的百分之十), but not when 多少钱 is asked.
_MONEY = re.compile(r"工资|薪|收入|津贴|补贴|补助|补偿|赔偿|奖金|罚款|罚金|税|费|钱|救助金|抚恤|保证金|押金|资金|价格")
# 多久巡查一次 asks how often: 每周两次 / 每季度 answers it as well as a length of time does.
_PAYS = re.compile(r"[收交缴付花掏出][^，。？?]{0,4}(?:多少|钱|费)|费用?[是要得]?(?:多少|怎么算)|收费")  # what the asker pays
# Free of charge: said of the whole service (不收取任何费用), or of one thing (免费体检), which answers only a question
# naming it; 免费或者优惠 leaves the price open.
_FREE_ALL = re.compile(r"不(?:得)?收取?(?:任何)?费用|不收费|一律免费|免费(?=[，。；])")
_FREE = re.compile(r"不(?:得)?收取?[^，。；]{0,8}费|(?:免费|免收|免予收取)(?!或者?(?:优惠|低偿|减))")
_QUOTED = re.compile(r"“[^”]{1,20}”|「[^」]{1,20}」")
_FREQUENCY = re.compile(r"每(?:[一二两三四五六半\d]+)?个?(?:学年|学期|年|月|季度|季|周|星期|天|日|小时)")
_ASKS_NAME = re.compile(f"({ROLES})(?:是谁|叫什么|的名字|姓名|是哪位)|(?:名字|姓名)")
_PER = re.compile(r"(?:每个?[人户月年天日次季周]){1,2}(?=(?:是|有|为|大概|大约)?(?:多少|几))")
_FILLER_NOUN = re.compile(r"^(是指|指的是|一共|总共|大概|大约|能|可以|要|需要|每个|每月|每年|一年|一个月|个月|现在|目前|到底|的)")


def named_period(text: str) -> str:
    """A period named by what it is (冷静期, 试用期, 任期), not a word that only ends in 期 (日期, 到期, 期间)."""
    return next((m.group(1)[-3:] for m in _PERIOD.finditer(text) if m.group(1)[-2:] not in _NOT_PERIOD), "")


def asked_number(question: str) -> tuple[str, list[str]]:
    """The unit and the nouns a number question counts: 多少名党员 -> (名, [党员]); 经费多少 -> ("", [经费]);
    多长时间 / 多久 -> a length of time (TIME)."""
    if _ASKS_CLOCK.search(question):
        return CLOCK, []
    if _ASKS_SCORE.search(question):
        return SCORE, []
    if _ASKS_TIME.search(question):
        # 几年 / 多少天 / 几个月 name their unit (一届管几年: 十日内 does not answer it); 多久 / 期限 take any.
        named = _NAMED_TIME.search(question)
        # A period named by what it is (冷静期, 试用期, 任期) is the one asked: a law's 三十日内作出决定 is not its length.
        period = named_period(question)
        return ({"月": "个月"}.get(named.group(1), named.group(1)) if named else TIME), [period] if period else []
    if re.search(r"多大(?:岁数|年纪|年龄)|多少岁|几岁", question):
        return "岁", []  # 多大岁数的老人: an age, in 周岁
    share = _ASKS_SHARE.search(question)
    if share:
        # 至少拿出多大比例用在养老上: a share (百分之五十五以上, 三成, 30%) of what is done with it, named on either side.
        before = _FILLER_NOUN.sub("", re.sub(r"^(至少|最少|最多|起码)", "", question[: share.start()][-4:]))
        after = re.split(r"[，。？！?；]", question[share.end() :])[0][:4]
        return "%", [n for n in (before, after) if len(n) >= 2]
    if _ASKS_FINE.search(question):
        return AMOUNT, []  # 几个负责人分别会被罚多少: the sum of the fine (100万元, 年收入60%), not a count of people
    # 生活费每人每月是多少: 每人每月 says per whom and how often, the thing asked precedes it.
    said = _PER.sub("", question)
    m = _ASKED_NUMBER.search(said)
    if m is None:
        if _ASKS_AREA.search(question):
            return AREA, []  # 要配多大面积: an area (每百户不低于30平方米), whatever it is measured against
        size = _ASKED_SIZE.search(question)  # 辖区面积多大, 老龄化程度有多高: what is measured precedes it
        noun = _FILLER_NOUN.sub("", size.group(1)) if size else ""
        return "", [noun] if len(noun) >= 2 else []
    unit = {"钱": "元", "块钱": "元"}.get(m.group(2) or "", m.group(2) or "")
    # The counted thing follows the number word (多少名党员); without one and without a unit, what
    # precedes it (经费多少). (What precedes 几个人 is no noun: 一个居委会一般配几个人.)
    noun = _FILLER_NOUN.sub("", m.group(3) or "")
    if _VERB_FIRST.match(noun):  # 推几次会被减发, 多少户来划, 多少岁能领: what follows is no counted noun
        noun = ""
    if not noun and not unit:
        # 募到的钱的多少: what the last 的 qualifies is the thing (钱), not the verb before it.
        # 配比按规定最低是多少: what is measured stands before how it is said (按规定, 最低), not among those words.
        lead = m.group(1) or ""
        if _HOW_SAID.search(lead):
            lead = re.split("[，,。；：:]", _HOW_SAID.sub("", said[: m.end(1)]))[-1]
        noun = _FILLER_NOUN.sub("", re.sub(r"[了的有是]$", "", lead[-4:]).split("的")[-1])
        if re.match(r"人[得要需该]", noun):
            noun, unit = "", "人"  # 到场的人得凑够多少: a count of people (村民的过半数), what they do is no noun
        if _VERB_LAST.search(noun):  # 最重能罚多少: a verb asks the amount, it names nothing counted
            noun = ""
            if _MONEY_VERB.search(m.group(1) or ""):
                unit = AMOUNT  # 罚多少 / 每个月能扣多少: an amount of money (or a share of another sum)
                # …and one the act is said of (能抵扣多少 -> 扣除三万元: a fine's 二万元 is no deduction)
                if m.group(1)[-1] in "扣赔补":
                    return unit, [m.group(1)[-1]]
    if unit == "个" and not noun and _STAFF.search(re.split("[，。？！?；]", said[: m.start(2)])[-1]):
        unit = "人"  # 专职人员最少要配多少个: people, counted in 人 and 名 (专职消防员不少于十五人), though 个 is said
    if not unit and _PEOPLE.match(noun):
        unit = "人"  # 多少业主联名: a count of people (二十人, 五分之一以上的业主), not 一年 near 业主
    # (占募到的钱的多少 asks a share of the money, not a sum.)
    if not unit and _MONEY.search(noun if len(noun) >= 2 else question) and not re.search("占[^，。]{0,16}多少", question):
        unit = AMOUNT
    return unit, [noun] if len(noun) >= 2 else []


_NOT_ABOUT = frozenset("的了是我们你他她它这那什么多少几钱费收交吗呢吧啊要得能会可不有没在和就都也还去来到给让")


def _about(question: str, near: str) -> bool:
    """Does `near` name something the question does (a bigram of it, question and money words left out)?"""
    return any(b in near for b in _bigrams(question) if re.fullmatch(f"[{CJK}]{{2}}", b) and _NOT_ABOUT.isdisjoint(b))


_FEE_ENDS = ("费", "津贴", "补贴", "补助", "抚恤金", "救助金", "押金", "保证金")


@lru_cache(maxsize=256)
def named_fee(question: str) -> str:
    """The sum a money question names as one word (物业费, 学费, 停车费); "" when it names none (收多少钱) or only
    fees in general (费用, 补贴: jieba's words decide, so 高龄 / 津贴 names none either, and nothing is asked of it).
    Asked once per question, not per sentence, and jieba only when a fee's ending is there at all."""
    if not any(end in question for end in _FEE_ENDS):
        return ""
    return next((w for w in named_words(question) if w.endswith(_FEE_ENDS) and w not in ("费用", "收费", "缴费", "交费")
                 and not w.startswith(("补贴", "补助", "津贴"))), "")


def _around(text: str, m: re.Match[str], width: int = 14) -> str:
    """The value and the few characters either side of it, where what it counts is named."""
    return text[max(m.start() - width, 0) : m.end() + width]


_WHEN = re.compile(r"什么时候|何时|啥时候|多会儿")
_LAW_TIME = re.compile(r"之日起|之前|以前|之后|以后|届满|期满|结束后|完毕后|及时|立即|当日|当天|期间|[日天月年]内")


def has_value(text: str, kind: str, question: str = "", entities: list[str] | None = None, *, law: bool = False) -> bool:
    """Does `text` hold a value of the asked type, about what the question names? A law (`law`: `text` is
    one's) answers 什么时候 by the event its rule waits for (使用完毕后…及时返还, 自收到申请之日起), rarely by a date."""
    if kind == "date" and law and _WHEN.search(question) and _LAW_TIME.search(text):
        return True
    if kind == "number":
        # What is asked, not the story told before it (前几天猪圈里死了二十多头。…罚多少钱 asks 元, not 天).
        asked = asked_part(question)
        unit, nouns = asked_number(asked)
        after = re.search(f"(?:多少|几)个([{CJK}])", asked)
        counted = after.group(1) if after else None
        if counted and re.search(f"(?:\\d+|[一二两三四五六七八九十百千]+)(?:多|余)?{counted}", text):
            return True  # 多少个省市 -> 6省
        if unit == CLOCK:
            return bool(_CLOCK.search(text))
        if unit == SCORE:
            return any(m.group(0).strip() not in ("分", "十分") for m in _SCORE.finditer(text))
        money = unit in ("元", AMOUNT)
        fee = named_fee(asked) if money else ""
        if fee and not any(f in text for f in forms(fee)):
            return False  # 物业费…多少钱: 筹备经费…每平方米一点二元 is another sum (a sentence on a fee names it)
        per = _PER_MEASURE.search(asked) if money else None
        if per and {"平米": "平方米"}.get(per.group(1), per.group(1)) not in text:
            return False  # 每平方米交多少钱: a sum that is not per 平方米 is not the rate asked
        fined = "罚" in asked  # (a fine is an answer only to a question about one: 保额最低多少钱 is no 五万元以上的罚款)
        if money and _PAYS.search(asked) and (_FREE_ALL.search(text) or any(
                _about(question, _around(text, m)) for m in _FREE.finditer(text))):
            return True  # 收多少钱: 调解民间纠纷，不收取任何费用 says how much (though not what a subsidy pays)
        if unit == TIME and any(noun_near(text, f, nouns) for f in _FREQUENCY.finditer(text)):
            return True
        if unit in ("类", "种", "级") and re.search(f"[{CJK}]{{1,4}}{unit}(?:、[{CJK}]{{1,4}}{unit})*[、和及与或][{CJK}]{{1,4}}{unit}", text):
            return True  # 分成几类: 甲类、乙类和丙类 counts them by naming them
        share = _SHARE.search(text)
        if share and (unit in ("人", "名", "户") or (unit in ("", "%") and (not nouns or any(
                b in _around(text, share) for n in nouns for b in _bigrams(n))))):
            return True  # 多少人提议 / 多少业主同意 / 得过多少: 五分之一以上的居民, 三分之二以上的业主, 过半数
        if unit == "%" and share and "比例" in _around(text, share):
            return True  # 办公屋子该占多大比例: 地上总建筑面积千分之七的比例配置物业管理用房, in the law's own name for it
        if not unit and any(noun_near(text, m, nouns) for m in _CODE.finditer(text)):
            return True  # 项目编号多少: a code (242400410534) is the number asked, with no unit
        quoted = [q.span() for q in _QUOTED.finditer(text)]
        dates = [d.span() for d in DATE.finditer(text)]
        for m in NUMBER.finditer(text):
            if any(a <= m.start() < b for a, b in quoted):
                continue  # a number in quotation marks names something (“三个代表”重要思想), counts nothing
            if any(a <= m.start() < b for a, b in dates):
                continue  # a date (每年6月5日) is a day, not a number of days or months
            if text[max(m.start() - 1, 0) : m.start()] == "第":
                continue  # an ordinal (第十七条, 第三次) numbers a thing, counts nothing
            units = _TIME_UNITS if unit == TIME else _SAME_UNIT.get(unit, (unit,))
            if _ONE_EACH.match(text, m.start()):
                continue  # 一人一档, 一户一策: a rule, not a count
            if money and not fined and _FINE_NEAR.search(_around(text, m, 12)):
                continue
            noun_ok = noun_near(text, m, nouns)
            # 几个人 counts 人 (五至九人); an asked unit also matches its equivalents (多少天: 三十日);
            # people are counted in 人 and 名 (几个代表: 代表人数最多不得超过三人).
            if unit == "个" and counted:
                unit_ok = counted in text[m.start() : m.end() + 2] or (
                    bool(nouns) and noun_ok and any(u in m.group(0) for u in ("人", "名")))
            else:
                unit_ok = not unit or any(u in m.group(0) for u in units)
            if unit_ok and noun_ok:
                return True
        return False
    if kind == "date":
        # A date alone proves nothing: it must be about what the question names (a case's community). A law
        # names no community: its dates are its rules' (全省5月15日至9月30日为汛期).
        return bool(DATE.search(text)) and (law or not entities or any(e in text for e in entities))
    if kind == "person":
        asks = _ASKS_NAME.search(question)
        if asks is None:
            return bool(BODY.search(text) or person_names(text))
        role = asks.group(1) or ""
        return any(not role or role in r for r, _ in person_names(text))
    return True


def person_names(text: str) -> list[tuple[str, str]]:
    """(role, name) pairs: 书记王建国, 王建国书记, 指导员的冯亦怀 — names that start with a common surname."""
    out = []
    for m in re.finditer(f"({ROLES})的?([{CJK}]{{2,3}})", text):
        if m.group(2)[0] in SURNAMES:
            out.append((m.group(1), m.group(2)))
    for m in re.finditer(f"([{CJK}]{{2,3}})(?:同志)?({ROLES})", text):
        if m.group(1)[0] in SURNAMES and not re.search(r"[的是在和与为]", m.group(1)):
            out.append((m.group(2), m.group(1)))
    return out


def noun_near(text: str, m: re.Match[str], nouns: list[str]) -> bool:
    """Is what the question counts named near the value (a bigram of it, or enough of its characters)?"""
    near = _around(text, m)
    return not nouns or any(b in near for n in nouns for b in _bigrams(n)) or any(_chars_near(n, near) for n in nouns)


def _chars_near(noun: str, near: str) -> bool:
    """The counted noun's content characters near the number: all of a short one (省市 -> 6省18市), half of a
    longer one (还要罚 -> 罚款)."""
    # (A period is named by what precedes 期: 试用期 is not near 周期超过六个月.)
    chars = [ch for ch in (noun[:-1] if len(noun) >= 3 and noun.endswith("期") else noun) if ch not in "还要能会可得该就才都也又再最"]
    need = len(chars) if len(chars) <= 2 else (len(chars) + 1) // 2
    return bool(chars) and sum(ch in near for ch in chars) >= need


def _bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)] or [text]
