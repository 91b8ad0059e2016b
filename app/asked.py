"""What a question asks: its asked parts (split at question marks), each without the story told before it."""

from __future__ import annotations

import re
from functools import lru_cache

# A sentence that tells (…凑了个帮帮团，没去登记过。) sets the scene; the kind is asked after it.
_TOLD = re.compile(r"[。！!]")
_ASKED_AFTER = re.compile(r"(?<=[，,])[^，,]{0,8}?(?:来问|问我们?|来咨询|想知道|来打听)")
_ASKS = re.compile(r"[吗哪谁几啥？?]|有没有|什么|怎么|如何|多少|是否|意思|区别")


def split_clauses(text: str) -> list[str]:
    """The asked parts of a question: split at question marks and semicolons."""
    parts = [p.strip(" ，,。") for p in re.split(r"[？?；;]", text)]
    return [p for p in parts if len(p) >= 2]


@lru_cache(maxsize=1024)
def asked_part(clause: str) -> str:
    """What a clause asks, without the sentences before it that tell the situation (小区几位阿姨…没去登记过。
    她们这样算不算合规: 几位 is no count asked)."""
    *told, asked = _TOLD.split(clause)
    if not told:
        # 讲专题时想举核电站的例子：… — what leads up to a colon tells why, unless it asks itself (有没有哪个社区的例子：…).
        *told, asked = re.split(r"：|(?<!\d):(?!\d)", clause, maxsplit=1)  # not a clock time (10:30)
        if told and _ASKS.search(told[0]):
            return clause
    if not told:
        # …常年积水，照明也坏了，居民来问这地方归谁管: what follows the asking is asked, the rest is the story.
        *told, asked = _ASKED_AFTER.split(clause, maxsplit=1)
    return asked if len(asked) >= 2 and told else clause
