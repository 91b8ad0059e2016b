"""The places a text names, with the province and the prefecture-level city each lies in.

A local regulation applies to its province or city. A question that names a city (在济南…) or a
county-level city (我们义乌…) names the province too, so 山东省志愿服务条例 answers for 济南 and
浙江省信访条例 for 杭州. The administrative divisions come from the GB/T 2260 codes (the `gb2260`
package, 2013 edition), read once: provinces, prefecture-level cities, county-level cities, and
the districts and counties of the four municipalities (浦东 → 上海).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Short names of divisions that are everyday words too (社会安宁, 江山, 合作社, 长治久安 …): naming
# them says nothing of a place.
_WORDS = frozenset(
    "安宁 江山 合作 新民 阳春 天长 五常 临江 龙井 灯塔 长治 安康 白银 大安 安国 永安 福安 南安 高安 北安 "
    "安达 武安 集安 开平 和平 河东 河西 南开 红桥 南岸 江北 城区 郊区 矿区 新区 金山 宝山 长安 东方 "
    "和龙 兴化 普陀 城中 城东 城西 城北 市中 山亭 宁安 海林 开原 凤城 东港 海城 明光 界首 大冶 "
    "长寿 滨海 宜都 当阳 赤水 福泉 兴义 兴仁 清镇 个旧 乐昌 化州 信宜 四会 英德 连州 北流 合山 凭祥 东兴".split()
)
_SUFFIX = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|地区|新区|市|区|县|盟)$")
_MUNICIPALITIES = (11, 12, 31, 50)


def _short(name: str) -> str:
    return _SUFFIX.sub("", name)


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, frozenset[str]]:
    """{short name of a place: the short names of the place, its province and its prefecture-level city}."""
    from gb2260.data import data  # ~2 MB of codes, loaded on first use

    codes: dict[int, str] = data[None]
    provinces = {_short(n) for c, n in codes.items() if c % 10000 == 0}
    out: dict[str, set[str]] = {}
    for code, name in codes.items():
        province, prefecture = code // 10000, code // 100 % 100
        if "自治州" in name or "自治县" in name or "直辖" in name or name in ("市辖区", "县"):
            continue
        county = code % 100 != 0
        if county and not (name.endswith("市") or province in _MUNICIPALITIES):
            continue  # an ordinary county or district: too many, too often an everyday word
        short = _short(name)
        if len(short) < 2 or short in _WORDS or (county and short in provinces):
            continue  # (天津's 河北区 is not 河北)
        names = {short, _short(codes.get(province * 10000, ""))}
        if prefecture and province not in _MUNICIPALITIES:
            names.add(_short(codes.get(code // 100 * 100, "")))
        out.setdefault(short, set()).update(n for n in names if n)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=512)
def named_places(text: str) -> frozenset[str]:
    """The short names of the places `text` names and of the provinces and cities they lie in:
    在济南 -> {济南, 山东}; 浦东 -> {浦东, 上海}; 义乌 -> {义乌, 金华, 浙江}."""
    places = gazetteer()
    found: set[str] = set()
    for size in (2, 3, 4, 5):
        for i in range(len(text) - size + 1):
            hit = places.get(text[i : i + size])
            if hit:
                found |= hit
    return frozenset(found)
