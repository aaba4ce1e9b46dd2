"""Command palette provider: jump to an article or an entity by name.

Names are loaded once per palette opening in a thread (its own Corpus) so the
palette opens instantly even on a large corpus. Matching is Korean-aware:
besides Textual's fuzzy matcher, a query typed mid-syllable (포하 for 포항)
matches because both sides are compared as decomposed jamo (NFD).
"""

from __future__ import annotations

import asyncio
import unicodedata
from functools import partial

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider

MAX_ARTICLES = 20_000


def jamo(text: str) -> str:
    return unicodedata.normalize("NFD", text.casefold()).replace(" ", "")


def korean_score(query: str, candidate: str) -> float:
    """0..1: a jamo-level substring match, earlier and tighter scoring higher."""
    q, c = jamo(query), jamo(candidate)
    if not q:
        return 0.0
    pos = c.find(q)
    if pos < 0:
        return 0.0
    return 0.5 + 0.5 * (len(q) / max(len(c), 1)) - min(pos, 50) / 1000


def load_names(db_path) -> tuple[list[tuple[str, str]], list]:
    from store.corpus import Corpus

    corpus = Corpus(db_path)
    try:
        titles = [(s.id, s.title) for s in corpus.articles(limit=MAX_ARTICLES)]
        try:
            entities = corpus.entities()
        except Exception:  # the entity layer may not be there yet
            entities = []
    finally:
        corpus.close()
    return titles, entities


class JumpProvider(Provider):
    async def startup(self) -> None:
        app = self.app
        self.titles, self.entities = await asyncio.to_thread(load_names, app.db_path)  # type: ignore[attr-defined]

    def _candidates(self):
        app = self.app
        for aid, title in self.titles:
            yield f"Article: {title}", title, partial(app.jump_to_article, aid), "open in the reader"  # type: ignore[attr-defined]
        for e in self.entities:
            about = " · ".join(x for x in (e.type, e.role, e.affiliation) if x)
            names = " ".join([e.name, *e.aliases])
            yield f"Entity: {e.name}", names, partial(app.jump_to_entity, e), about  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, key, command, help_text in self._candidates():
            score = max(matcher.match(label), korean_score(query, key))
            if score > 0:
                yield Hit(score, Text(label), command, text=label, help=help_text)

    async def discover(self) -> Hits:
        for label, _key, command, help_text in list(self._candidates())[:30]:
            yield DiscoveryHit(Text(label), command, text=label, help=help_text)
