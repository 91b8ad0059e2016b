"""Calibrate the model-mode verifier's content-term threshold on real passages of the shipped corpus.

Run `python -m eval.groundedness`: for each hand-written sentence in eval/questions/groundedness.jsonl
(faithful summaries a model would write, and plausible sentences the passage does not say) and for
hard negatives (each faithful sentence cited against another passage of the same document), it
prints the content-term coverage and, per threshold, how many supported sentences are kept and how
many unsupported ones get through.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from app.groundedness import Claim, coverage, passage_support, verify
from govkb.settings import REPO_ROOT, load_settings
from govkb.text import tokenize
from ingest.catalog import read_catalog
from ingest.pipeline import prepare_file

CASES = REPO_ROOT / "eval" / "questions" / "groundedness.jsonl"


@dataclass
class Case:
    id: str
    claim: str
    support: str
    supported: bool
    kind: str  # "faithful", "hand-written unsupported", "cited the wrong passage"


def corpus_passages(corpus: Path) -> list[tuple[str, str]]:
    """(doc id, support text) of every chunk of the shipped corpus."""
    settings = load_settings(embedder={"mode": "mock"})
    catalog = read_catalog(corpus)
    out = []
    for f in sorted(corpus.iterdir()):
        if f.suffix.lower() in (".txt", ".md", ".pdf"):
            p = prepare_file(f, catalog=catalog, chunking=settings.chunk, limits=settings.limits)
            out += [(p.document.doc_id, passage_support(p.document.meta.title, c.section, c.text)) for c in p.chunks]
    return out


def cases(corpus: Path = REPO_ROOT / "corpus") -> list[Case]:
    passages = corpus_passages(corpus)
    rows = [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]

    def find(anchor: str) -> tuple[str, str]:
        hits = [p for p in passages if anchor in p[1]]
        assert hits, f"anchor not found: {anchor}"
        return hits[0]

    out: list[Case] = []
    for r in rows:
        doc, support = find(r["anchor"])
        good = r["label"] == "supported"
        out.append(Case(r["id"], r["claim"], support, good, "faithful" if good else "hand-written unsupported"))
        if good:  # the same sentence cited against the other anchored passages of its document
            others = {find(o["anchor"]) for o in rows if o["anchor"] != r["anchor"]}
            for other_doc, other in sorted(others):
                if other_doc == doc and r["anchor"] not in other and other != support:
                    out.append(Case(r["id"] + "x", r["claim"], other, False, "cited the wrong passage"))
    return out


def vocabulary(corpus: Path = REPO_ROOT / "corpus") -> set[str]:
    """Every character bigram of the corpus (what the keyword index knows)."""
    return {t for _, text in corpus_passages(corpus) for t in tokenize(text) if len(t) == 2}


def main() -> None:
    all_cases = cases()
    vocab = vocabulary()
    pos = [c for c in all_cases if c.supported]
    neg = [c for c in all_cases if not c.supported]
    print(f"{len(pos)} supported sentences, {len(neg)} unsupported ({sum(c.kind.startswith('cited') for c in neg)} hard negatives)")
    for c in pos:
        share, n = coverage(c.claim, c.support)
        print(f"  {c.id} coverage {share:.2f} ({n} terms)")
    worst = sorted(coverage(c.claim, c.support)[0] for c in neg)
    print(f"unsupported coverage: max {worst[-1]:.2f}, 90th percentile {worst[int(0.9 * len(worst))]:.2f}; "
          f"supported: min {min(coverage(c.claim, c.support)[0] for c in pos):.2f}")
    print("| min_support | supported kept | unsupported kept (false) |")
    print("|---|---|---|")
    for t in (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9):
        kept = sum(verify(Claim(c.claim, [1]), {1: c.support}, t, vocab.__contains__).ok for c in pos)
        false = [c for c in neg if verify(Claim(c.claim, [1]), {1: c.support}, t, vocab.__contains__).ok]
        print(f"| {t:.2f} | {kept}/{len(pos)} | {len(false)}/{len(neg)} |")
    t = load_settings().llm.min_support
    for c in pos + neg:
        v = verify(Claim(c.claim, [1]), {1: c.support}, t, vocab.__contains__)
        if v.ok != c.supported:
            print(f"  at {t}: {c.id} ({c.kind}) {'kept' if v.ok else 'dropped'}: {c.claim[:40]} {v.reason} {v.support:.2f}")


if __name__ == "__main__":
    main()
