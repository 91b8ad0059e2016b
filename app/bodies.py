"""Bodies a question asks a figure of (党委, 居委会 …), which each law states for its own body only."""

from __future__ import annotations

# Bodies whose figures (任期, 人数, 多少天内) each law states for itself: 居民委员会每届任期五年 does not answer how long a
# 党委 serves. A body is named in a cited article, its chapter or its law's title (村民委员会组织法's 选民名单…二十日).
BODIES = (("居委会", "居民委员会"), ("村委会", "村民委员会"), ("业委会", "业主委员会"), ("党支部",), ("党委",),
          ("调委会", "调解委员会", "人民调解"), ("村监委", "村务监督委员会"), ("业主大会",), ("居民小组",), ("村民小组",))


def unnamed_body(question: str, cited: str) -> str:
    """The body a question asks a figure of (党委, 居委会 …) when `cited` names none of those it asks about; else ""."""
    asked = [names for names in BODIES if any(n in question for n in names)]
    if not asked or any(n in cited for names in asked for n in names):
        return ""
    return next(n for n in asked[0] if n in question)
