"""The city comparison, derived from stored articles and entities (owned by compare).

`compare(corpus, cities)` returns, per city, the rows of the comparison screen:
leaders, initiatives, trips, partners, focus, figures, quotes and coverage.
Each row is a function in `store.comparison` over the city's attributed
sentences and the stored entities, so adding articles updates every row, and
every fact carries the paragraphs it comes from.

Computing it reads every article of the four cities (seconds at 10,000
articles), so the result is kept: in this process, and in the database's
`comparisons` table, keyed by a fingerprint of the data and of this code, so
the next session opens the screen at once and any change recomputes it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cities import DEFAULT_CITIES  # noqa: F401  (the comparison's columns, re-exported)

if TYPE_CHECKING:
    from .corpus import Corpus

ROWS = ("leaders", "initiatives", "trips", "partners", "focus", "figures", "quotes", "coverage")


#: Results by (database, cities, data fingerprint): reopening the screen is instant,
#: and any change to the articles or entities changes the fingerprint.
_CACHE: dict[tuple[Any, ...], bytes] = {}
_CACHE_SIZE = 8
#: How long storing a result may wait for a writer (an ingest) before giving up:
#: the table is a cache, never worth a stalled screen.
_STORE_WAIT_MS = 200


def _fingerprint(corpus: Corpus) -> tuple[Any, ...]:
    """A digest of everything the comparison reads — article metadata, sources,
    entities (a user's rename or hide included) — plus cheap counts for the rest."""
    db = corpus.db
    digest = hashlib.blake2b(digest_size=16)
    for (chunk,) in db.execute(
        "SELECT group_concat(id || '|' || coalesce(published, '') || '|' || coalesce(outlet, '') || '|'"
        " || coalesce(url, '') || '|' || cities || '|' || title || '|' || hidden || '|'"
        " || coalesce(cluster_id, ''), char(10)) FROM articles"
    ):
        digest.update((chunk or "").encode())
    paragraphs = db.execute("SELECT count(*), max(id) FROM paragraphs").fetchone()
    sources = db.execute("SELECT count(*), max(ingested_at) FROM sources").fetchone()
    columns = [r[1] for r in db.execute("PRAGMA table_info(entities)").fetchall()]
    fields = " || '|' || ".join(f"coalesce({c}, '')" for c in columns)
    for (chunk,) in db.execute(f"SELECT group_concat({fields}, char(10)) FROM entities"):
        digest.update((chunk or "").encode())
    mentions = db.execute("SELECT count(*), max(rowid) FROM mentions").fetchone()
    return (str(corpus.path), digest.hexdigest(), tuple(paragraphs), tuple(sources), tuple(mentions))


def compare(corpus: Corpus, cities: list[str]) -> dict[str, Any]:
    # The cache holds the result pickled: each caller gets its own copy to
    # mutate, and a pickle round trip costs a fraction of `copy.deepcopy`.
    import pickle

    cities = list(dict.fromkeys(c.strip() for c in cities if c and c.strip()))
    fingerprint = _fingerprint(corpus)
    key = (tuple(cities), fingerprint)
    kept = str(corpus.path) != ":memory:"
    if key in _CACHE and kept:
        return pickle.loads(_CACHE[key])
    stamp = json.dumps([_code_digest(), *fingerprint[1:]])
    result = _stored(corpus, cities, stamp) if kept else None
    if result is None:
        # Through JSON, so a fresh result has the shape of a stored one.
        text = json.dumps(_compute(corpus, cities), ensure_ascii=False)
        result = json.loads(text)
        if kept:
            _store(corpus, cities, stamp, text)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    return result


@functools.lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of the store's source: a result computed by other code (an
    upgrade, a fix) must not be served from the table."""
    digest = hashlib.blake2b(digest_size=16)
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _stored(corpus: Corpus, cities: list[str], stamp: str) -> dict[str, Any] | None:
    row = corpus.db.execute(
        "SELECT result FROM comparisons WHERE cities = ? AND fingerprint = ?",
        [json.dumps(cities, ensure_ascii=False), stamp],
    ).fetchone()
    return json.loads(row[0]) if row else None


def _store(corpus: Corpus, cities: list[str], stamp: str, result: str) -> None:
    """Keep the result for later sessions, unless a writer holds the database."""
    conn = corpus.db.conn
    wait = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute(f"PRAGMA busy_timeout = {_STORE_WAIT_MS}")
    try:
        with conn:
            conn.execute(
                "INSERT OR REPLACE INTO comparisons(cities, fingerprint, result) VALUES (?, ?, ?)",
                [json.dumps(cities, ensure_ascii=False), stamp, result],
            )
    except sqlite3.OperationalError:  # busy, or read-only: compute again next time
        pass
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(wait)}")


def _compute(corpus: Corpus, cities: list[str]) -> dict[str, Any]:
    from .comparison.coverage import coverage
    from .comparison.figures import figures
    from .comparison.focus import focus
    from .comparison.initiatives import initiatives
    from .comparison.leaders import leaders
    from .comparison.partners import partners
    from .comparison.quotes import quotes
    from .comparison.scope import build_scope
    from .comparison.stories import spread_evidence
    from .comparison.trips import trips

    scope = build_scope(corpus, cities)
    rows = {
        "leaders": leaders,
        "initiatives": initiatives,
        "trips": trips,
        "partners": partners,
        "focus": focus,
        "figures": figures,
        "quotes": quotes,
        "coverage": coverage,
    }
    result = {city: {row: fn(scope, city) for row, fn in rows.items()} for city in cities}
    for table in result.values():
        spread_evidence(table, scope.stories)  # copies of a story: one fact, every source
    return result


def to_markdown(result: dict[str, Any], corpus: Corpus) -> str:
    from .comparison.markdown import to_markdown as render

    return render(result, corpus)
