"""Article lookups: `python -m eval.lookup --data-dir D`: laws' articles asked for by number, in the ways people ask.

For every current version of a law in the knowledge base, `--per-law` articles drawn with a fixed seed are asked
for in four phrasings (《short title》第十八条是怎么规定的, short title 第18条讲的什么, 请问 full title 第十八条的原文,
…第十八条规定了什么), and one article past the law's last is asked for too. An answer is right when it is not
refused and cites that article of that law and nothing else; an article the law does not have is right when
refused with a note naming the law's last article. No key points: the article's own text is the answer.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from app.service import GovKB
from govkb.settings import load_settings

PHRASINGS = (
    "《{short}》第{cn}条是怎么规定的？",
    "{short}第{arabic}条讲的什么",
    "请问{title}第{cn}条的原文",
    "{short}第{cn}条规定了什么？",
)


def cases(service: GovKB, per_law: int, seed: int) -> list[dict[str, Any]]:
    """(question, expected label or "", phrasing) for sampled articles of every current law."""
    from app.lookup import article_numbers
    from app.numerals import cn_numeral

    def _number(title: str) -> int:
        found = article_numbers(title)
        return found[0][1] if found else 0

    rng = random.Random(seed)
    superseded = service.superseded()
    out: list[dict[str, Any]] = []
    for doc in sorted(service.documents(), key=lambda d: d.doc_id):
        if not doc.meta.work or doc.doc_id in superseded:
            continue
        numbers = sorted({n for s in doc.sections if s.kind == "article" and (n := _number(s.title))})
        if not numbers:
            continue
        title = doc.meta.title
        short = title.removeprefix("中华人民共和国")
        for n in rng.sample(numbers, min(per_law, len(numbers))):
            for i, form in enumerate(PHRASINGS):
                q = form.format(short=short, title=title, cn=cn_numeral(n), arabic=n)
                out.append({"q": q, "expect": f"《{title}》第{cn_numeral(n)}条", "form": i})
        past = max(numbers) + 5
        out.append({"q": f"{short}第{cn_numeral(past)}条是怎么规定的？", "expect": "", "form": "missing",
                    "last": f"共{cn_numeral(max(numbers))}条"})
    return out


def run(service: GovKB, items: list[dict[str, Any]]) -> dict[str, Any]:
    by_form: Counter[str] = Counter()
    right: Counter[str] = Counter()
    cited_any: Counter[str] = Counter()
    wrong: list[str] = []
    for item in items:
        a = service.ask(item["q"], mode="hybrid")
        form = str(item["form"])
        by_form[form] += 1
        labels = [c.source_label() for c in a.citations]
        if item["expect"]:
            ok = not a.refused and labels == [item["expect"]]
            cited_any[form] += item["expect"] in labels
        else:
            ok = a.refused and any(item["last"] in n for n in a.notes)
            cited_any[form] += ok
        right[form] += ok
        if not ok and len(wrong) < 10:
            wrong.append(f"{item['q']} → {'拒答' if a.refused else ' '.join(labels)}")
    asked = sum(v for k, v in by_form.items() if k != "missing")
    return {
        "questions": len(items),
        "exact": sum(v for k, v in right.items() if k != "missing") / max(asked, 1),
        "cited_among_others": sum(v for k, v in cited_any.items() if k != "missing") / max(asked, 1),
        "by_phrasing": {k: round(right[k] / by_form[k], 3) for k in sorted(by_form)},
        "missing_said": right["missing"] / max(by_form["missing"], 1),
        "examples_wrong": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.lookup", description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--per-law", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cases", type=Path, help="read the questions from this JSON file (written by --save)")
    parser.add_argument("--save", type=Path, help="write the questions to this JSON file and stop")
    args = parser.parse_args(argv)
    service = GovKB(load_settings(data_dir=args.data_dir))
    if args.cases:
        items = json.loads(args.cases.read_text(encoding="utf-8"))
    else:
        items = cases(service, args.per_law, args.seed)
    if args.save:
        args.save.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
        print(f"{len(items)} questions → {args.save}")
        return 0
    print(json.dumps(run(service, items), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
