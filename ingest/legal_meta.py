"""Metadata of a law read from its header, its folder and its title: issuer, dates, kind, region."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePath

_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FILE_DATE = re.compile(r"[（(](\d{4})-(\d{2})-(\d{2})[)）]\s*$")
_BRACKETED = re.compile(r"《[^》]*》|〈[^〉]*〉|<[^>]*>")
_CONGRESS = re.compile(
    r"^[\s经由]*(?P<place>[\u4e00-\u9fff]{0,12}?)第?[一二三四五六七八九十百\d]+届"
    r"(?P<nat>全国)?(?P<body>人民代表大会常务委员会|人民代表大会|人大常委会)"
)
_MINISTRY_ORDER = re.compile(r"(?P<who>[\u4e00-\u9fff]{2,12}?(?:部|委员会|总局|署|局|人民政府))令")
_ORDER_NO = re.compile(r"(?:中华人民共和国)?[\u4e00-\u9fff]{2,12}?令第\s*\d+\s*号|[\u4e00-\u9fff]{2,20}?公告第\s*\d+\s*号")
_EFFECTIVE = re.compile(r"自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起\s*施行")

# Folders of the policy library (LawRefBook layout) and the kind of law they hold.
FOLDER_KINDS = {
    "宪法": "宪法",
    **dict.fromkeys(("宪法相关法", "民法典", "民法商法", "行政法", "经济法", "社会法", "刑法", "诉讼与非诉讼程序法"), "法律"),
    "行政法规": "行政法规",
    "司法解释": "司法解释",
    "部门规章": "部门规章",
    "地方性法规": "地方性法规",
    "案例": "案例",
}
PROVINCES = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 "
    "四川 贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门"
).split()
_PROVINCE = re.compile(
    rf"^({'|'.join(PROVINCES)})(?:省|市|(?:壮族|回族|维吾尔)?自治区|特别行政区)?"
)
_CITY = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(?:市|自治州|地区|盟|经济特区)")
_LOCAL_TITLE = re.compile(r"(条例|办法|规定|细则|决定|决议)$")


@dataclass
class LawFacts:
    """What a law's header says: who issued it and when it was adopted, revised, issued, in force."""

    issuer: str = ""
    adopted: str = ""
    revised: list[str] = field(default_factory=list)
    promulgated: str = ""
    effective: str = ""
    number: str = ""


def iso(match: re.Match[str]) -> str:
    y, m, d = match.groups()
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def _events(header: list[str]) -> list[tuple[str, str, str]]:
    """(date, event, text) for each dated statement: a line may hold several (…批准根据2001年…通过)."""
    text = "\n".join(header)
    dates = list(_DATE.finditer(text))
    out = []
    for i, m in enumerate(dates):
        seg = text[m.end() : dates[i + 1].start() if i + 1 < len(dates) else len(text)]
        plain = _BRACKETED.sub("", seg)  # 《关于修改…的决定》 names a decision, not this event
        event = next((e for e in ("修订", "修正", "批准", "通过", "公布", "发布", "施行") if e in plain), "")
        out.append((iso(m), event, seg))
    return out


def issuer_of(text: str, *, place_hint: str = "") -> str:
    """The body named in one dated statement, or ""."""
    m = _CONGRESS.search(text)
    if m:
        body = "人民代表大会" if m.group("body") == "人民代表大会" else "人民代表大会常务委员会"
        if m.group("nat"):
            return "全国" + body
        place = m.group("place")
        if place in ("", "市", "省") and place_hint:
            place = place_hint
        return place + body if place else ""
    if "中共中央、国务院" in text:
        return "中共中央、国务院"
    if "国务院" in text:
        return "国务院"
    for court in ("最高人民法院", "最高人民检察院"):
        if court in text:
            return court
    m2 = _MINISTRY_ORDER.search(text)
    return m2.group("who") if m2 else ""


def parse_header(header: list[str], *, place_hint: str = "") -> LawFacts:
    """Issuer, adoption, revisions, promulgation, entry into force and order number from the header."""
    facts = LawFacts()
    events = _events(header)
    for date, event, _ in events:
        if event == "通过" and not facts.adopted:
            facts.adopted = date
        elif event in ("修订", "修正") or (event == "通过" and date > facts.adopted):
            facts.revised.append(date)
        elif event in ("公布", "发布") and not facts.promulgated:
            facts.promulgated = date
        elif event == "施行" and not facts.effective:
            facts.effective = date
    facts.revised = sorted(set(facts.revised))
    order = [s for _, e, s in events if e == "通过"] + [s for _, e, s in events if e in ("公布", "发布")]
    for seg in order + [s for _, _, s in events]:
        if who := issuer_of(seg, place_hint=place_hint):
            facts.issuer = who
            break
    if m := _ORDER_NO.search("".join(header)):
        facts.number = re.sub(r"\s+", "", m.group(0))
    return facts


def effective_in_body(text: str, promulgated: str = "") -> str:
    """The date of 自…起施行 in the last articles; 自公布之日起施行 gives the promulgation date."""
    tail = text[-1500:]
    found = list(_EFFECTIVE.finditer(tail))
    if found:
        m = _DATE.search(found[-1].group(1))
        return iso(m) if m else ""
    return promulgated if "自公布之日起施行" in tail else ""


def version_date(path: PurePath, facts: LawFacts) -> str:
    """The version a file holds: the date in its name (…(2024-06-28).md), else the header's latest."""
    m = _FILE_DATE.search(path.stem)
    if m:
        return "-".join(m.groups())
    dated = [*facts.revised, facts.adopted, facts.promulgated]
    return max((d for d in dated if d), default="")


def folder_facts(path: PurePath) -> tuple[str, str]:
    """(kind, region) from the folders holding a file: 行政法规/… or 上海地方法规/地方性法规/上海/…."""
    kind = region = ""
    for part in reversed(path.parent.parts):
        if not kind and part in FOLDER_KINDS:
            kind = FOLDER_KINDS[part]
        if not region and part.endswith("地方法规") and part[:-4] in PROVINCES:
            region = part[:-4]
    return kind, region


def place_of(title: str) -> tuple[str, str]:
    """(region, city) a title names: 上海市… -> (上海, ""), 威海市… -> ("", 威海), 汕头经济特区… -> ("", 汕头)."""
    if m := _PROVINCE.match(title):
        return m.group(1), ""
    if m := _CITY.match(title):
        return "", m.group(1)
    return "", ""


def infer_kind(title: str, issuer: str) -> str:
    """The kind of a legal text from its issuer, else its title; "" when neither tells."""
    if issuer.startswith(("最高人民法院", "最高人民检察院")) or title.startswith(("最高人民法院", "最高人民检察院")):
        return "司法解释"
    if issuer.startswith("全国人民代表大会"):
        return "宪法" if title.endswith("宪法") else "法律"
    if "国务院" in issuer:
        return "行政法规"
    if issuer.endswith(("人民代表大会常务委员会", "人民代表大会")):
        return "地方性法规"
    if issuer.endswith("人民政府"):
        return "地方政府规章"
    if issuer.endswith(("部", "委员会", "总局", "署", "局")):
        return "部门规章"
    if title.startswith("中华人民共和国") and title.endswith("法"):
        return "法律"
    if any(place_of(title)) and _LOCAL_TITLE.search(title):
        return "地方性法规"
    return "行政法规" if title.endswith("条例") else ""


def city_hint(title: str) -> str:
    """The full place name a title opens with (宁波市), for headers that write only 市十四届人大常委会."""
    m = re.match(r"^([\u4e00-\u9fff]{2,8}?(?:省|市))", title)
    return m.group(1) if m else ""
