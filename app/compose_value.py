"""The sentence holding the asked value: a number of the asked unit, a date, a body or a person (a Composer
mixin). None on the topic means the library lacks it, and the question is refused."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from app.evidence import Candidate, Evidence

if TYPE_CHECKING:
    from app.compose import Part


class ValueAnswers:
    """Takes the best sentence with a value of the asked kind on the topic asked, and a second from its document."""

    ev: Evidence

    def _best(self, part: Part, n: int, *, where: Callable[[Candidate], bool] | None = None,
              bonus: Callable[[Candidate], float] | None = None, block: str = "", floor: float = 0.0,
              force_first: bool = False) -> list[Candidate]:
        raise NotImplementedError

    def value(self, part: Part, kind: str) -> None:
        """A sentence that holds a value of the asked type; none means the library lacks it."""
        author = part.info.about_author
        floor: list[float] = []
        articles: dict[tuple[str, str], float] = {}
        # On the topic of what is asked, not of the story told first (…就想转行不干养老了。拿了补助的养老院至少得干满多少年).
        topical = partial(self.ev.on_topic, weights=self.ev.asked_weights(part.weights, part.info.text))

        def relevant(c: Candidate) -> bool:
            # An author note is about the document asked after: it need not name the question's entities.
            entities = None if author and c.back else part.info.entities
            if not floor:  # on the topic: close to the best-matching sentence (words of one's own match little)
                floor.append(min(0.15, 0.6 * max(map(topical, self.ev.candidates()), default=0.0)))
                # An article is on the topic as a whole: the act in one item (出入口堆放杂物), the fine in its lead.
                for x in (x for x in self.ev.candidates() if x.chunk.law):
                    articles[x.doc_id, x.context] = max(articles.get((x.doc_id, x.context), 0.0), topical(x))
            # …and so is the best passage when it is a law's (its words may be the law's, not the asker's).
            law = (1.0 if c.rank == 0 else articles.get((c.doc_id, c.context), 0.0)) if c.chunk.law else 0.0
            return c.has(kind, part.info.text, entities) and (max(topical(c), law) >= floor[0] or (author and c.back))

        chosen = self._best(part, 1, where=relevant, bonus=lambda c: 0.5 if author and c.back else 0.0)
        if chosen:
            # A second value only from the same document: another law's different figure (三年 in an old
            # local measure next to 五年 in the national law) would read as a contradiction.
            self._best(part, 1, where=lambda c: relevant(c) and c.score > 0.7 * chosen[0].score
                       and (c.back or not author) and c.doc_id == chosen[0].doc_id)
