"""Each article's comparison facts, read once and kept in `comparison_facts`.

The rows of the comparison (leaders, initiatives, …) are read from one article
at a time, when it is analysed: its text, the cities it speaks about and the
entities it mentions are all they need. Each fact becomes one row per source
span, so the comparison is a GROUP BY over the table (`ranking`) and adding or
removing an article changes only that article's rows. `weight` (how much the
article says it: a sector's count, an initiative's uses) is on the fact's first
row of the article only, so `sum(weight)` adds articles, not spans.

`comparison_read` records which articles were read, by which `VERSION`: an
article ingested before this table existed, or read by older rules, is read
again by `refill` the next time the comparison opens (or `check --repair`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..cities import DEFAULT_CITIES
from .figures import figures
from .focus import focus
from .initiatives import initiatives
from .leaders import leaders
from .partners import partners
from .phrases import norm_key
from .quotes import quotes
from .scope import Scope, article_scope
from .trips import trips

if TYPE_CHECKING:
    from ..corpus import Corpus

#: Bump when a row's reading changes: every article's facts are read again.
VERSION = 1
#: The cells read from the text (coverage comes from the articles table).
CELLS = ("leaders", "initiatives", "trips", "partners", "focus", "figures", "quotes")
#: Articles read between commits while refilling (an interrupted fill keeps its work).
_BATCH = 200


@dataclass(frozen=True)
class FactRow:
    """One source span of one fact of one article."""

    article_id: str
    city: str
    cell: str
    key: str
    value: dict[str, Any]
    paragraph_index: int
    start: int = 0
    end: int = 0
    weight: float = 0.0
    score: float = 0.0

    def values(self) -> tuple[Any, ...]:
        return (
            self.article_id, self.city, self.cell, self.key, json.dumps(self.value, ensure_ascii=False),
            self.paragraph_index, self.start, self.end, self.weight, self.score,
        )


def _key(cell: str, fact: dict[str, Any]) -> str:
    """The same fact in another article (or another outlet's copy) gets this key."""
    if cell == "leaders":
        return fact["name"]
    if cell == "trips":
        # Dated trips of a city meet by month; an undated one stays with its article.
        return fact["date"] or f"?{fact['evidence'][0]['article_id']}|{fact['when']}"
    if cell == "focus":
        return fact["term"]
    if cell == "figures":
        return norm_key(fact["value"])  # a rewrite may name what it measures otherwise
    if cell == "quotes":
        return norm_key(fact["text"].rstrip("…"))[:40]
    return norm_key(fact["name"])  # initiatives, partners


def _rows(cell: str, city: str, fact: dict[str, Any]) -> Iterator[FactRow]:
    evidence = fact.pop("evidence")
    weight = float(fact.pop("weight", fact.get("count", 1)) or 0)
    score = float(fact.pop("score", 0) or 0)
    key = _key(cell, {**fact, "evidence": evidence})
    for n, ev in enumerate(evidence):
        yield FactRow(
            ev["article_id"], city, cell, key, fact, ev["paragraph_index"], ev.get("start", 0), ev.get("end", 0),
            weight if n == 0 else 0.0, score,
        )


_READERS = {
    "leaders": leaders,
    "initiatives": initiatives,
    "trips": trips,
    "partners": partners,
    "focus": focus,
    "figures": figures,
    "quotes": quotes,
}


def read_scope(scope: Scope) -> list[FactRow]:
    rows: list[FactRow] = []
    (aid,) = scope.articles
    for city in scope.cities:
        rows.append(FactRow(aid, city, "coverage", "", {}, 0, weight=1.0))
        for cell in CELLS:
            for fact in _READERS[cell](scope, city):
                rows.extend(_rows(cell, city, fact))
    return rows


def article_facts(corpus: Corpus, article_id: str, cities: Sequence[str] = DEFAULT_CITIES) -> list[FactRow]:
    """The article's facts for each city it speaks about (its own cities, else
    those of `cities` its text names)."""
    article = corpus.article(article_id)
    if article is None:
        return []
    scope = article_scope(article, list(cities), corpus.entities(article_id=article_id))
    return read_scope(scope) if scope is not None else []


#: Articles with no facts of this `VERSION` (new, or read by older rules).
UNREAD_SQL = (
    "FROM articles a LEFT JOIN comparison_read r ON r.article_id = a.id WHERE r.version IS NULL OR r.version != ?"
)


def unread(corpus: Corpus) -> list[str]:
    return [aid for (aid,) in corpus.db.execute(f"SELECT a.id {UNREAD_SQL} ORDER BY a.num", [VERSION])]


def corrections_changed(conn: Any, corrections: Any) -> bool:
    """Record the user's entity corrections (renames, merges, hides) the facts are
    read under; when they changed, every article is to be read again (it names
    the renamed people, hides the hidden ones), on the next comparison."""
    stamp = json.dumps(
        [corrections.aliases, corrections.merge, corrections.rename, sorted(corrections.hide)],
        ensure_ascii=False, sort_keys=True,
    )
    row = conn.execute("SELECT value FROM comparison_state WHERE name = 'corrections'").fetchone()
    if row is not None and row[0] == stamp:
        return False
    conn.execute("INSERT OR REPLACE INTO comparison_state(name, value) VALUES ('corrections', ?)", [stamp])
    if row is None and stamp == json.dumps([{}, {}, {}, []]):
        return False  # none before, none now
    conn.execute("DELETE FROM comparison_read")
    return True


def refill(corpus: Corpus, article_ids: Iterable[str] | None = None, cities: Sequence[str] = DEFAULT_CITIES) -> int:
    """Read (again) the facts of `article_ids`, or of every unread article; returns how many."""
    ids = list(article_ids) if article_ids is not None else unread(corpus)
    for start in range(0, len(ids), _BATCH):
        chunk = ids[start : start + _BATCH]
        found = {aid: article_facts(corpus, aid, cities) for aid in chunk}
        with corpus.transaction() as conn:
            for aid, rows in found.items():
                conn.execute("DELETE FROM comparison_facts WHERE article_id = ?", [aid])
                article = conn.execute(
                    "SELECT coalesce(cluster_id, id), published, hidden FROM articles WHERE id = ?", [aid]
                ).fetchone()
                if article is None:
                    continue  # removed meanwhile
                conn.executemany(
                    'INSERT INTO comparison_facts(article_id, city, cell, key, value, paragraph_index, start, "end",'
                    " weight, score, story, published, hidden) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(*r.values(), *article) for r in rows],
                )
                conn.execute(
                    "INSERT OR REPLACE INTO comparison_read(article_id, version) VALUES (?, ?)", [aid, VERSION]
                )
    return len(ids)
