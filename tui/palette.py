"""Command palette provider: jump to an article or an entity by name.

Names are loaded once per palette opening in a thread (its own Corpus) so the
palette opens instantly even on a large corpus. The load runs as its own task
that searches only wait on (shielded): Textual cancels a search when the next
key arrives, and a cancelled load would leave the palette empty for good.
The readings each candidate is matched by (jamo, initials, romanised) are made
once, in that thread, so a keystroke only looks for substrings.

Matching is Korean-aware: besides Textual's fuzzy matcher, a query typed
mid-syllable (포하 for 포항) matches because both sides are compared as
decomposed jamo (NFD).
"""

from __future__ import annotations

import asyncio
import unicodedata
from dataclasses import dataclass
from functools import partial
from typing import Any

from rich.text import Text
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

import store

MAX_ARTICLES = 20_000
#: Candidates scored between two looks at the event loop, so keys keep flowing.
BATCH = 400


def jamo(text: str) -> str:
    """Keystroke jamo (store.hangul), so a half-typed syllable still matches."""
    return store.keystrokes(unicodedata.normalize("NFC", text.casefold())).replace(" ", "")


@dataclass(frozen=True)
class Readings:
    """A candidate's name as the query may be typed against it."""

    jamo: str
    initials: str
    roman: str

    @classmethod
    def of(cls, text: str) -> Readings:
        return cls(jamo(text), store.initials(text).replace(" ", ""), store.romanize(text).replace(" ", ""))


def _substring_score(q: str, c: str) -> float:
    pos = c.find(q) if q else -1
    if pos < 0:
        return 0.0
    return 0.5 + 0.4 * (len(q) / max(len(c), 1)) - min(pos, 50) / 1000


def korean_score(query: str, candidate: str | Readings) -> float:
    """0..1 by the Korean-aware readings of the query: as typed (jamo level:
    포하 finds 포항), initial consonants (ㅇㅇㅁ finds 영일만), Latin keys
    typed with the Korean layout off (vhgkd finds 포항), or romanised (pohang)."""
    readings = candidate if isinstance(candidate, Readings) else Readings.of(candidate)
    score = _substring_score(jamo(query), readings.jamo)
    compact = query.replace(" ", "")
    if compact and all("ㄱ" <= ch <= "ㅎ" for ch in compact):
        score = max(score, _substring_score(compact, readings.initials) * 0.95)
    hangul = store.from_keyboard(compact) if compact.isascii() else None
    if hangul:
        score = max(score, _substring_score(jamo(hangul), readings.jamo) * 0.9)
    if compact.isascii() and compact.isalpha() and len(compact) >= 3:  # 'pohang' finds 포항, as search does
        score = max(score, _substring_score(compact.lower(), readings.roman) * 0.9)
    return score


@dataclass(frozen=True)
class Candidate:
    """One palette line: what is shown, what is matched, what it does."""

    label: str  # matched by Textual's fuzzy matcher
    display: Text  # the label, with the date and outlet of an article beside it
    readings: Readings
    target: Any  # an article id or an Entity
    help: str


def article_display(title: str, published: str | None, outlet: str | None) -> Text:
    """'Article: 제목  2024-01-16 · 한빛일보': identical titles told apart."""
    text = Text(f"Article: {title}")
    beside = " · ".join(x for x in ((published or "")[:10], outlet or "") if x)
    if beside:
        text.append(f"  {beside}", style="dim")
    return text


def load_candidates(db_path) -> list[Candidate]:
    """Every article (copies folded) and entity, with their readings: run in a thread."""
    corpus = store.Corpus(db_path)
    try:
        summaries = corpus.articles(limit=MAX_ARTICLES)
        entities = corpus.entities()
    finally:
        corpus.close()
    out = [
        Candidate(f"Article: {s.title}", article_display(s.title, s.published, s.outlet), Readings.of(s.title), s.id,
                  "open in the reader")
        for s in summaries
    ]  # fmt: skip
    for e in entities:
        about = " · ".join(x for x in (e.type, e.role, e.affiliation) if x)
        label = f"Entity: {e.name}"
        # help text is read as markup by the palette: data never is
        out.append(Candidate(label, Text(label), Readings.of(" ".join([e.name, *e.aliases])), e, escape(about)))
    return out


class JumpProvider(Provider):
    async def startup(self) -> None:
        app = self.app
        self._loading = asyncio.ensure_future(asyncio.to_thread(load_candidates, app.db_path))  # type: ignore[attr-defined]

    async def _candidates(self) -> list[Candidate]:
        # shielded: a search cancelled by the next key must not cancel the load
        return await asyncio.shield(self._loading)

    def _command(self, candidate: Candidate):
        app = self.app
        if isinstance(candidate.target, str):
            return partial(app.jump_to_article, candidate.target)  # type: ignore[attr-defined]
        return partial(app.jump_to_entity, candidate.target)  # type: ignore[attr-defined]

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for n, candidate in enumerate(await self._candidates()):
            if n % BATCH == BATCH - 1:
                await asyncio.sleep(0)
            score = korean_score(query, candidate.readings) or matcher.match(candidate.label)
            if score > 0:
                yield Hit(score, candidate.display, self._command(candidate), text=candidate.label, help=candidate.help)

    async def discover(self) -> Hits:
        for candidate in (await self._candidates())[:30]:
            yield DiscoveryHit(candidate.display, self._command(candidate), text=candidate.label, help=candidate.help)
