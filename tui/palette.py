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
from textual.markup import escape

import store

MAX_ARTICLES = 20_000


def jamo(text: str) -> str:
    """Keystroke jamo (store.hangul), so a half-typed syllable still matches."""
    return store.keystrokes(unicodedata.normalize("NFC", text.casefold())).replace(" ", "")


def _substring_score(q: str, c: str) -> float:
    pos = c.find(q) if q else -1
    if pos < 0:
        return 0.0
    return 0.5 + 0.4 * (len(q) / max(len(c), 1)) - min(pos, 50) / 1000


def korean_score(query: str, candidate: str) -> float:
    """0..1 by the Korean-aware readings of the query: as typed (jamo level:
    포하 finds 포항), initial consonants (ㅇㅇㅁ finds 영일만), Latin keys
    typed with the Korean layout off (vhgkd finds 포항), or romanised (pohang)."""
    score = _substring_score(jamo(query), jamo(candidate))
    compact = query.replace(" ", "")
    if compact and all("ㄱ" <= ch <= "ㅎ" for ch in compact):
        score = max(score, _substring_score(compact, store.initials(candidate).replace(" ", "")) * 0.95)
    hangul = store.from_keyboard(compact) if compact.isascii() else None
    if hangul:
        score = max(score, _substring_score(jamo(hangul), jamo(candidate)) * 0.9)
    if compact.isascii() and compact.isalpha() and len(compact) >= 3:  # 'pohang' finds 포항, as search does
        score = max(score, _substring_score(compact.lower(), store.romanize(candidate).replace(" ", "")) * 0.9)
    return score


def load_names(db_path) -> tuple[list[tuple[str, str, str]], list]:
    corpus = store.Corpus(db_path)
    try:
        # date and outlet beside each title: wire copies carry one title under many mastheads
        titles = [(s.id, s.title, " · ".join(x for x in ((s.published or "")[:10], s.outlet) if x))
                  for s in corpus.articles(limit=MAX_ARTICLES)]
        entities = corpus.entities()
    finally:
        corpus.close()
    return titles, entities


class JumpProvider(Provider):
    async def startup(self) -> None:
        app = self.app
        self.titles, self.entities = await asyncio.to_thread(load_names, app.db_path)  # type: ignore[attr-defined]

    def _candidates(self):
        app = self.app
        for aid, title, where in self.titles:
            about = f"{where} — open in the reader" if where else "open in the reader"
            yield f"Article: {title}", title, partial(app.jump_to_article, aid), escape(about)  # type: ignore[attr-defined]
        for e in self.entities:
            about = " · ".join(x for x in (e.type, e.role, e.affiliation) if x)
            names = " ".join([e.name, *e.aliases])
            # help text is read as markup by the palette: data never is
            yield f"Entity: {e.name}", names, partial(app.jump_to_entity, e), escape(about)  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, key, command, help_text in self._candidates():
            score = max(matcher.match(label), korean_score(query, key))
            if score > 0:
                yield Hit(score, Text(label), command, text=label, help=help_text)

    async def discover(self) -> Hits:
        for label, _key, command, help_text in list(self._candidates())[:30]:
            yield DiscoveryHit(Text(label), command, text=label, help=help_text)
