"""Korean-aware search over paragraphs: one implementation for the app, the
CLI (`valley-tui search`) and the benchmark.

Two entry points
----------------

``search(corpus, query, limit=50) -> list[SearchHit]``
    Stateless; what `Corpus.search` calls.

``Searcher(db_path, limit=50)`` — for search-as-you-type in the app::

    searcher = Searcher(corpus.path)        # opens its own read connection
    hits = searcher.search("포하")           # per keystroke, from a thread worker
    hits = searcher.search("포항")           # narrows the previous result set
    searcher.close()

  - ``search(query, limit=None) -> list[SearchHit] | None``.  Thread-safe:
    calls are serialised; a call that was overtaken by a newer call (the user
    typed again) returns ``None`` as soon as it notices — ignore that result.
  - When the new query only extends the last one (more keystrokes, same
    filters and phrases), it re-checks the previous matches instead of asking
    the index again; an identical query returns the cached hits.
  - ``invalidate()`` after the corpus changed (ingest, delete).
  - The connection is opened with ``check_same_thread=False``; one Searcher
    per database file is enough.

Results are `SearchHit`s ranked by ``score`` (highest first):

  ~3.x  the query as typed (Latin case-insensitive), or a quoted phrase;
  ~2.x  spacing/punctuation variant, a half-typed last syllable, initial
        consonants, English-mode keyboard, romanised name;
  ~1.6  the query without a trailing particle (포항시가 -> 포항시);
  ~1.x  jamo-level fuzzy match (queries of 3+ syllables only, and only when
        the stronger kinds found fewer than `limit`).
  Within a kind: match in the article title, match at a word start, newer
  articles, earlier paragraphs.  ``spans`` are [start, end) offsets into
  the stored paragraph ``text``.

Query syntax (see query.py): free text, "quoted phrases" (exact),
``city:포항 outlet:연합뉴스 year:2019 person:이강덕 org:포스텍``.
Any input is safe: user text never reaches FTS5 MATCH.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from . import search_terms
from .hangul import same_head
from .jamo_codes import SEPARATOR, code_offsets
from .query import ParsedQuery, parse_query
from .records import SearchHit
from .search_index import match_params, matching_rowids
from .search_plan import (
    Pattern,
    and_trigrams,
    phrase_pattern,
    quote,
    strip_particle,
    text_pattern,
    trigrams,
    variant_patterns,
)

if TYPE_CHECKING:
    from .corpus import Corpus

#: Candidates fetched from the index per pattern (newest paragraphs first).
CANDIDATE_CAP = 1000
#: Candidates are read and checked in batches; a pattern stops after `want` matches.
BATCH = 100
#: Paragraph rows a Searcher keeps between keystrokes.
ROW_CACHE = 20_000
#: Whole articles kept between keystrokes of a keyword query.
ARTICLE_CACHE = 2_000
#: Where a term was found in an article, kept between keystrokes of a keyword query.
MATCH_CACHE = 60_000
#: A 2-code query (one open syllable: 포) scans at most this many newest
#: paragraphs; words side by side ending in a word's first character (포항 스)
#: are looked for in as many.
SCAN_ROWS = 4_000
#: With filters, at most this many index candidates are joined to their article.
FILTER_WALK = 5_000
#: ... then within the paragraph ids of the newest this many filtered articles.
FILTER_ARTICLES = 2_000
#: A rare pattern's candidates listed whole (see Engine.complete_ids): at most
#: this many index rows examined before giving up for the ordinary walk.
TIGHT_WALK = 3_000
#: ... with FTS5 asked for at most this many of its trigrams (or sets of them).
TIGHT_ASKED = 4
#: Walks a Searcher remembers (Engine.matches), at most.
WALK_CACHE = 2_000
#: Index candidate lists a Searcher remembers (Engine.candidates), at most:
#: up to CANDIDATE_CAP ids each, so fewer than walks (~36 bytes an id).
CANDIDATE_MEMO = 256
#: Trigrams of one code string whose density is estimated, at most.
TIGHT_PROBED = 24
#: Newest index rows read to estimate how common a trigram is.
DENSITY_PROBE = 128
#: Trigram estimates a Searcher keeps across `invalidate`, at most.
DENSITY_KEPT = 20_000
#: Cost of an index row FTS5 decodes in an AND, against one candidate read
#: and checked in its body (measured at 100k articles: ~25 ns vs ~3 us).
FTS_ROW_COST = 1 / 120
#: Fuzzy matching: candidates verified with rapidfuzz.
FUZZY_CAP = 120
MAX_SPANS = 20

_VISIBLE = "a.hidden = 0"
_COLUMNS = "p.id, p.article_id, p.idx, p.kind, p.text, a.title, a.outlet, a.published"


class Superseded(Exception):
    """A newer Searcher.search call started; this one stops."""


@dataclass
class _Row:
    pid: int
    article_id: str
    idx: int
    kind: str
    text: str
    title: str
    outlet: str | None
    published: str | None


@dataclass
class _Scored:
    row: _Row
    score: float
    spans: list[tuple[int, int]]


@dataclass
class KeywordCache:
    """What a keyword query read, kept by `Searcher` between keystrokes (typing the
    third word changes neither the first two words' lookups nor the articles)."""

    articles: dict[str, Any] = field(default_factory=dict)  # search_terms.ArticleText by id
    lookups: dict[tuple[str, bool, bool], list[SearchHit]] = field(default_factory=dict)  # (query, fuzzy, recent) -> its hits
    total: int | None = None  # articles in the corpus
    states: dict[str, Any] = field(default_factory=dict)  # lookup slot (a word, a pair, the phrase) -> its last _State
    matches: dict[tuple[str, bool, bool, str], Any] = field(default_factory=dict)  # (term, phrase, fuzzy, article) -> where
    density: dict[str, float] = field(default_factory=dict)  # trigram -> share of paragraphs holding it (estimate)
    # what a walk found, by what decides it (Engine.matches): ids in order, every match or not
    walks: dict[tuple[Any, ...], tuple[list[int], bool]] = field(default_factory=dict)
    top: int | None = None  # the largest paragraph id in the index
    # (filter clauses, their args) -> paragraph id span of the newest filtered articles (Engine._filter_span)
    spans: dict[tuple[Any, ...], tuple[int, int] | None] = field(default_factory=dict)
    # (filter clauses, their args) -> no filtered article has a larger num (Engine._newest_num)
    newest: dict[tuple[Any, ...], int | None] = field(default_factory=dict)
    # (index expression, filters, cap) -> every batch of ids the index proposed (Engine.candidates)
    candidates: dict[tuple[Any, ...], list[list[int]]] = field(default_factory=dict)


class Engine:
    """Runs one parsed query against one connection (no state between calls
    except what `Searcher` passes in)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        check: Any = None,
        cache: dict[int, _Row | None] | None = None,
        keywords: KeywordCache | None = None,
    ) -> None:
        self.conn = conn
        self.check = check or (lambda: None)
        self.cache: dict[int, _Row | None] = cache if cache is not None else {}
        self.keywords = keywords if keywords is not None else KeywordCache()
        self._article_bonus: dict[tuple[str, str | None], float] = {}
        self._entity_sql: bool | None = None
        #: After `matches`: the ids it found when they are every match there
        #: is (see `complete_ids`), else None.
        self.complete: list[int] | None = None
        #: When set, only paragraphs with a larger id are looked at (see SCAN_ROWS).
        self.floor: int | None = None
        #: published ranges of the year: filters, by filter_sql's answer.
        self._ranges: dict[tuple[str, tuple[Any, ...]], list[tuple[str, str]]] = {}

    # -- SQL ---------------------------------------------------------------
    def filter_sql(self, filters: dict[str, list[str]]) -> tuple[str, list[Any]]:
        """Extra WHERE clauses on `a` (articles) for the filters."""
        clauses: list[str] = [_VISIBLE]
        args: list[Any] = []
        ranges: list[tuple[str, str]] = []  # published ranges of year: values
        for value in filters.get("city", []):
            clauses.append("(instr(a.cities, ?) > 0 OR instr(coalesce(a.dateline, ''), ?) > 0)")
            args += [value, value]
        for value in filters.get("outlet", []):
            clauses.append(
                "(instr(lower(coalesce(a.outlet, '')), lower(?)) > 0"
                " OR instr(lower(coalesce(a.wire_source, '')), lower(?)) > 0)"
            )
            args += [value, value]
        for value in filters.get("year", []):
            clauses.append("substr(coalesce(a.published, ''), 1, ?) = ?")
            args += [len(value), value]
            upper = _prefix_upper(value)
            if upper is not None:
                # The same rows (a text starting with `value` sorts from
                # `value` up to, not including, `upper`), but SQLite can then
                # read them from the articles_published index: year:2019 at
                # 1M articles took 46 ms walking every newer article first.
                clauses.append("a.published >= ? AND a.published < ?")
                args += [value, upper]
                ranges.append((value, upper))
        for kind, types in (("person", ("person", "reporter", "per")), ("org", ("organization", "org", "initiative"))):
            for value in filters.get(kind, []):
                clause, extra = self._entity_clause(value, types)
                clauses.append(clause)
                args += extra
        where = " AND ".join(clauses)
        self._ranges[(where, tuple(args))] = ranges
        return where, args

    def _newest_num(self, where: str, args: list[Any]) -> int | None:
        """No article the filters keep is newer (num) than this, when a
        year: says so; None when nothing does.  A walk over the articles from
        the newest can start here instead of reading every newer article
        (year:2019 at 1M: 600k rows, ~90 ms): the index on published gives
        the largest num of a year in ~12 ms."""
        key = (where, tuple(args))
        known = self.keywords.newest
        if key not in known:
            bound: int | None = None
            for low, high in self._ranges.get(key, []):
                row = self.conn.execute(
                    "SELECT max(num) FROM articles WHERE published >= ? AND published < ?", [low, high]
                ).fetchone()
                num = row[0] if row and row[0] is not None else 0
                bound = num if bound is None else min(bound, num)
            known[key] = bound
        return known[key]

    def _newest_first(self, where: str, args: list[Any]) -> tuple[str, list[Any]]:
        """SQL (and args) for the ids of the articles the filters keep, newest
        first; a LIMIT parameter follows.  NOT INDEXED: given a year range,
        SQLite would read the whole year from its index and sort it by num
        (~95 ms for 2019 at 1M) rather than walk back from the bound."""
        bound = self._newest_num(where, args)
        if bound is None:
            return f"SELECT a.id FROM articles a NOT INDEXED WHERE {where} ORDER BY a.num DESC LIMIT ?", list(args)
        return (
            f"SELECT a.id FROM articles a NOT INDEXED WHERE {where} AND a.num <= ? ORDER BY a.num DESC LIMIT ?",
            [*args, bound],
        )

    def _entity_clause(self, name: str, types: tuple[str, ...]) -> tuple[str, list[Any]]:
        """person:/org: through the entities tables for analysed articles; for
        articles not analysed (or no entity tables yet): the text names it."""
        text_sql = (
            "(instr(a.title, ?) > 0 OR EXISTS (SELECT 1 FROM paragraphs p2"
            " WHERE p2.article_id = a.id AND instr(p2.text, ?) > 0))"
        )
        if self._entity_sql is None:
            self._entity_sql = self._find_entity_tables()
        if not self._entity_sql:
            return text_sql, [name, name]
        marks = ",".join("?" * len(types))
        sql = (
            "(EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id"
            f" WHERE m.article_id = a.id AND lower(e.type) IN ({marks}) AND (instr(e.name, ?) > 0"
            " OR EXISTS (SELECT 1 FROM entity_aliases x WHERE x.entity_id = e.id AND instr(x.alias, ?) > 0)))"
            " OR (NOT EXISTS (SELECT 1 FROM entity_analysis z WHERE z.article_id = a.id AND z.error IS NULL)"
            f" AND {text_sql}))"
        )
        return sql, [*types, name, name, name, name]

    def _find_entity_tables(self) -> bool:
        needed = {
            "entities": {"id", "name", "type"},
            "mentions": {"entity_id", "article_id"},
            "entity_aliases": {"entity_id", "alias"},
            "entity_analysis": {"article_id", "error"},
        }
        for table, columns in needed.items():
            have = {r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            if not columns <= have:
                return False
        return True

    def ids(self, pattern: Pattern, where: str, args: list[Any], cap: int) -> Iterator[list[int]]:
        """Paragraph ids the index proposes for `pattern`, newest first, in
        batches: SQLite works lazily, so a caller that stops early saves the
        rest of the index walk."""
        filtered = where != _VISIBLE
        literal = bool(pattern.literals) and self.floor is None
        if pattern.fts is not None:
            if literal:
                rowids, match = _LITERAL_ROWIDS, [_literal_fts(pattern)]
            elif self.floor is not None:  # FTS5 reads only the doclists' part above it
                rowids = matching_rowids(between=True)
                match = match_params(self._rarest(pattern) or pattern.fts, self.floor + 1, self.top())
            else:
                rowids, match = matching_rowids(), match_params(pattern.fts)
            if filtered:
                # Walk at most FILTER_WALK of the newest index candidates, so
                # a filter that rejects most of them cannot stall a keystroke.
                sql = (
                    f"SELECT f.id FROM ({rowids}) f JOIN paragraphs p ON p.id = f.id"
                    f" JOIN articles a ON a.id = p.article_id WHERE {where} LIMIT ?"
                )
                params = [*match, FILTER_WALK, *args, cap]
            else:
                sql = rowids
                params = [*match, cap]
        elif pattern.scan is not None:
            # Too short for a trigram: look through the newest paragraphs
            # (of the filtered articles) only, bytewise.
            if filtered:
                newest, newest_args = self._newest_first(where, args)
                sql = (
                    f"WITH chosen AS ({newest})"
                    " SELECT s.id FROM chosen JOIN paragraphs p ON p.article_id = chosen.id"
                    " JOIN search_text s ON s.id = p.id"
                    " WHERE instr(CAST(s.body AS BLOB), CAST(? AS BLOB)) > 0 LIMIT ?"
                )
                params = [*newest_args, SCAN_ROWS // 8, pattern.scan, cap]
            else:
                top = self.conn.execute("SELECT max(id) FROM search_text").fetchone()[0] or 0
                sql = (
                    "SELECT id FROM search_text WHERE id > ?"
                    " AND instr(CAST(body AS BLOB), CAST(? AS BLOB)) > 0 ORDER BY id DESC LIMIT ?"
                )
                params = [top - SCAN_ROWS, pattern.scan, cap]
        else:
            return
        seen: set[int] = set()
        spanned = filtered and pattern.fts is not None and self.floor is None and not literal
        # A year: walks the newest candidates in vain unless it is the last one.
        if not (spanned and self._newest_num(where, args) is not None):
            yield from self._batches(sql, params, seen)
        if spanned and len(seen) < cap:
            # The newest candidates were mostly filtered out (an old year, a
            # rare outlet): start from the filtered articles instead.
            span = self._filter_span(where, args)
            if span is None:
                return
            sql = (
                f"SELECT f.id FROM ({matching_rowids(between=True)}) f"
                " JOIN paragraphs p ON p.id = f.id JOIN articles a ON a.id = p.article_id"
                f" WHERE {where} LIMIT ?"
            )
            params = [*match_params(pattern.fts, span[0], span[1]), FILTER_WALK, *args, cap]
            yield from self._batches(sql, params, seen)

    def _rarest(self, pattern: Pattern) -> str | None:
        """The FTS5 expression of the pattern's rarest trigram every one of its
        readings holds, for a walk above the floor.  Why one: FTS5 applies a
        rowid range only to what an AND yields, so an AND with no match in the
        range scans on below it to the next match (5 ms for 은수미 밴 at 100k)."""
        shared = [g for clause in pattern.clauses for g in _shared([trigrams(src) for src in clause])]
        return quote(min(shared, key=self.density)) if shared else None

    def candidates(self, pattern: Pattern, where: str, args: list[Any], cap: int) -> Iterator[list[int]]:
        """`ids`, remembered per Searcher once a walk read them all: the
        index answers the same expression with the same ids, and the next
        keystroke often asks it again (the text without a particle, 권혁원샌프
        at 권혁원샌프란, is the text as typed one keystroke before: 40-55 ms
        of FTS5 intersecting common trigrams at 1M)."""
        key = (pattern.fts, pattern.scan, pattern.literals, where, tuple(args), cap, self.floor)
        known = self.keywords.candidates.get(key)
        if known is not None:
            yield from known
            return
        read: list[list[int]] = []
        for batch in self.ids(pattern, where, args, cap):
            read.append(batch)
            yield batch
        if len(self.keywords.candidates) > CANDIDATE_MEMO:
            self.keywords.candidates.clear()
        self.keywords.candidates[key] = read

    def _filter_span(self, where: str, args: list[Any]) -> tuple[int, int] | None:
        """The smallest and largest paragraph id of the newest FILTER_ARTICLES
        articles the filters keep, kept per Searcher: it depends on the
        filters only, and finding them walks the articles from the newest
        (see `_newest_first`), once per pattern otherwise."""
        key = (where, tuple(args))
        spans = self.keywords.spans
        if key not in spans:
            newest, newest_args = self._newest_first(where, args)
            row = self.conn.execute(
                f"SELECT min(p.id), max(p.id) FROM ({newest}) chosen JOIN paragraphs p ON p.article_id = chosen.id",
                [*newest_args, FILTER_ARTICLES],
            ).fetchone()
            spans[key] = None if row is None or row[0] is None else (row[0], row[1])
        return spans[key]

    def _batches(self, sql: str, params: list[Any], seen: set[int]) -> Iterator[list[int]]:
        cur = self.conn.execute(sql, params)
        try:
            while True:
                rows = cur.fetchmany(BATCH)
                if not rows:
                    return
                batch = [r[0] for r in rows if r[0] not in seen]
                seen.update(batch)
                if batch:
                    yield batch
        finally:
            cur.close()  # an unfinished statement would pin a WAL snapshot

    def fetch(self, ids: list[int]) -> list[_Row]:
        """Rows for `ids` (in that order), from the cache when a previous
        keystroke already read them; rows of hidden articles are left out."""
        if len(self.cache) > ROW_CACHE:
            self.cache.clear()  # before `missing` is listed: every id asked for is then read
        missing = [i for i in ids if i not in self.cache]
        if missing:
            sql = (
                f"SELECT {_COLUMNS}, a.hidden FROM paragraphs p JOIN articles a ON a.id = p.article_id"
                " WHERE p.id IN (SELECT value FROM json_each(?))"
            )
            found = {r[0]: r for r in self.conn.execute(sql, [json.dumps(missing)])}
            for i in missing:
                r = found.get(i)
                self.cache[i] = None if r is None or r[8] else _Row(*r[:8])
        return [row for row in (self.cache[i] for i in ids) if row is not None]

    def filtered_rows(self, where: str, args: list[Any], limit: int) -> list[_Row]:
        """Filters without text: the first paragraph of each matching article."""
        sql = (
            f"SELECT {_COLUMNS} FROM articles a JOIN paragraphs p ON p.article_id = a.id"
            f" WHERE p.idx = 0 AND {where}"
            " ORDER BY a.published DESC LIMIT ?"
        )
        return [_Row(*r) for r in self.conn.execute(sql, [*args, limit])]

    # -- a rare pattern's candidates, whole ------------------------------------
    def density(self, gram: str) -> float:
        """Estimated share of paragraphs whose body holds `gram`, from the
        newest DENSITY_PROBE index rows that do (kept per Searcher)."""
        known = self.keywords.density.get(gram)
        if known is not None:
            return known
        top = self.top()
        rows = self.conn.execute(matching_rowids(), [*match_params(quote(gram)), DENSITY_PROBE]).fetchall()
        if len(rows) < DENSITY_PROBE:
            share = len(rows) / max(top, 1)
        else:
            share = DENSITY_PROBE / max(top - rows[-1][0] + 1, 1)
        self.keywords.density[gram] = share
        return share

    def top(self) -> int:
        if self.keywords.top is None:
            self.keywords.top = self.conn.execute("SELECT max(id) FROM search_text").fetchone()[0] or 0
        return self.keywords.top

    def complete_ids(self, pattern: Pattern, want: int) -> tuple[list[int], list[int]] | None:
        """Every paragraph id the regex of `pattern` can match (the index
        candidates of ALL its trigrams, not `fts`'s sample), newest first,
        when there are fewer than `want` of them, with the ids the index
        proposed that cannot match; None when there are more or listing them
        would cost more than the ordinary walk.

        Why: a pattern that finds little (a phrase of three words, two words
        joined, a name not in the corpus) makes the ordinary walk intersect
        whole doclists of common trigrams (업, 포) up to the 1000-candidate
        cap.  Here FTS5 is asked only for a few rare trigrams (estimated by
        `density`), and each candidate's index body is checked for the
        pattern's code strings whole, in SQL: what passes is nearly always a
        match, so few rows are read and verified."""
        if self.floor is not None:
            return None
        if pattern.literals:  # the paragraphs holding the words side by side, exactly
            rows = self.conn.execute(_LITERAL_ROWIDS, [_literal_fts(pattern), want]).fetchall()
            return ([r[0] for r in rows], []) if len(rows) < want else None
        if not pattern.clauses:
            return None
        # What a candidate must hold: single trigrams, and per clause with
        # alternatives (a half-typed last syllable) an OR of trigram sets.
        # Each item: (estimated share, clause, position, FTS expression).
        items: list[tuple[float, int, int, str]] = []
        for n, clause in enumerate(pattern.clauses):
            grams = [trigrams(src) for src in clause]
            if any(not g for g in grams):
                return None
            shared = _shared(grams)
            # A long text (a pasted sentence) has many: estimate a spread
            # sample of them only (the body check covers every one).
            step = max(1, -(-len(shared) // TIGHT_PROBED))
            sampled = set(shared[::step])
            for pos, gram in enumerate(grams[0]):
                if gram in sampled:
                    items.append((self.density(gram), n, pos, quote(gram)))
            rests = [[g for g in alt if g not in shared] for alt in grams]
            if all(rests):
                share = sum(min(self.density(g) for g in rest) for rest in rests)
                pos = min(grams[0].index(g) if g in grams[0] else len(grams[0]) for g in rests[0])
                fts = " OR ".join("(" + " AND ".join(quote(g) for g in rest) + ")" for rest in rests)
                items.append((share, n, pos, f"({fts})"))
        if not items:
            return None
        items.sort(key=lambda item: item[0])
        # Ask FTS5 for the rarest items that do not overlap (overlapping
        # trigrams of one string come together: asking both narrows little),
        # while decoding one more doclist costs less than the checks it saves.
        asked = [items[0]]
        share = items[0][0]
        for item in items[1:]:
            if len(asked) >= TIGHT_ASKED:
                break
            d, n, pos = item[0], item[1], item[2]
            if any(n == a[1] and abs(pos - a[2]) < 3 for a in asked):
                continue
            if d * FTS_ROW_COST >= share * (1 - d):
                break
            asked.append(item)
            share *= d
        if share * self.top() > 4 * TIGHT_WALK:
            return None  # surely too many (a common word): the ordinary walk stops early anyway
        # The check: each clause's code string whole in the body (the regex
        # matches only where the codes run on, spaces and punctuation left out
        # of the body; holding its trigrams apart is not enough).
        params = [src for clause in pattern.clauses for src in clause]
        test = " AND ".join(
            "(" + " OR ".join("instr(s.body, ?) > 0" for _ in clause) + ")" for clause in pattern.clauses
        )
        # The index's ids are read lazily and checked 200 at a time in a
        # second statement: joined in one statement, SQLite materialised all
        # TIGHT_WALK ids first (~20 ms of FTS5 at 1M) even when the first 200
        # already showed the list would be too long.
        check = f"SELECT s.id, {test} FROM search_text s WHERE s.id IN (SELECT value FROM json_each(?))"
        fts = " AND ".join(item[3] for item in asked)
        cur = self.conn.execute(matching_rowids(), [*match_params(fts), TIGHT_WALK])
        found: list[int] = []
        rejected: list[int] = []
        top = self.top()
        oldest = top
        try:
            while ids := [r[0] for r in cur.fetchmany(BATCH * 2)]:
                self.check()
                rows = self.conn.execute(check, [*params, json.dumps(ids)]).fetchall()
                for i, ok in rows:
                    (found if ok else rejected).append(i)
                if len(found) >= want:
                    return None
                if len(ids) == BATCH * 2:
                    # The newest ids seen so far stand for the rest: at this
                    # rate, would the list outgrow TIGHT_WALK?  Then stop now.
                    oldest = min(oldest, min(ids))
                    seen = len(found) + len(rejected)
                    if seen * top > TIGHT_WALK * (top - oldest + 1):
                        return None
        finally:
            cur.close()
        if len(found) + len(rejected) >= TIGHT_WALK:
            return None
        found.sort(reverse=True)
        return found, rejected

    def holding(self, ids: list[int], pattern: Pattern) -> list[int]:
        """Those of `ids` (in order) whose index body holds one source of each
        of `pattern`'s clauses, as a run: the only ones its regex can match."""
        if not ids or not pattern.clauses:
            return ids
        test = " AND ".join(
            "(" + " OR ".join("instr(body, ?) > 0" for _ in clause) + ")" for clause in pattern.clauses
        )
        sql = f"SELECT id FROM search_text WHERE id IN (SELECT value FROM json_each(?)) AND {test}"
        params = [json.dumps(ids), *(src for clause in pattern.clauses for src in clause)]
        ok = {r[0] for r in self.conn.execute(sql, params)}
        return [i for i in ids if i in ok]

    # -- matching ------------------------------------------------------------
    def matches(
        self, pattern: Pattern, others: list[Pattern], where: str, args: list[Any], want: int,
        skip: set[int] | None = None, failed: set[int] | None = None, within: list[int] | None = None,
    ) -> list[_Scored]:
        """Verified, scored matches of `pattern` (and every phrase in `others`),
        newest candidates first, stopping once `want` are found.  Ids in
        `skip` are known not to match; ids that fail are added to `failed`.

        Without filters, a pattern with fewer than `want` matches is answered
        from its whole candidate list (`complete_ids`): every match, as the
        walk below finds when its 1000 candidates hold them all.  `within`:
        such a list already known (every match of a shorter text this one
        extends), so the index is not asked at all.  `self.complete` tells
        the caller whether the answer was every match."""
        self.complete = None
        combined = _combined(pattern, others)
        # Which rows a walk finds follows from the regexes, the index query,
        # the filters and `want`; the scores also from the label and the
        # verbatim text.  Two lookups that differ only there (the words
        # '과천 김종천' as the phrase at one keystroke, as a pair of words in
        # a longer query at the next) share one walk.
        key = (
            pattern.regex.pattern, pattern.regex.flags, combined.fts, combined.scan, combined.literals,
            tuple((o.regex.pattern, o.regex.flags, o.fts) for o in others), where, tuple(args), want, self.floor,
        )
        walks = self.keywords.walks
        if within is None and key in walks:
            ids, complete = walks[key]
            self.complete = ids if complete else None
            return self.verify(self.fetch(ids), pattern, others)
        if len(walks) > WALK_CACHE:
            walks.clear()
        if where == _VISIBLE:
            whole = (within, []) if within is not None else self.complete_ids(combined, want)
            if whole is not None:
                ids, rejected = whole
                todo = [i for i in ids if i not in skip] if skip else ids
                scored = self.verify(self.fetch(todo), pattern, others)
                if len(scored) < want:
                    if failed is not None:
                        ok = {s.row.pid for s in scored}
                        failed.update(i for i in todo if i not in ok)
                        failed.update(rejected)
                    self.complete = sorted((s.row.pid for s in scored), reverse=True)
                    walks[key] = (self.complete, True)
                    return scored
        out: list[_Scored] = []
        sparse = False  # most candidates so far were not matches
        for batch in self.candidates(combined, where, args, CANDIDATE_CAP):
            self.check()
            if skip:
                batch = [i for i in batch if i not in skip]
            # Where few candidates match, reading a candidate's row costs more
            # than checking its index body for the code strings first (a row
            # without them cannot match; the same matches come out).
            rows = self.fetch(self.holding(batch, combined) if sparse else batch)
            scored = self.verify(rows, pattern, others)
            sparse = sparse or (bool(combined.clauses) and len(scored) * 2 < len(batch))
            if failed is not None:
                ok = {s.row.pid for s in scored}
                failed.update(i for i in batch if i not in ok)
            out += scored
            if len(out) >= want:
                break
        walks[key] = ([s.row.pid for s in out], False)
        return out

    def verify(self, rows: list[_Row], main: Pattern, others: list[Pattern]) -> list[_Scored]:
        out: list[_Scored] = []
        search_main = main.regex.search
        for row in rows:
            if search_main(row.text) is None:
                continue
            spans = _spans(main.regex, row.text)
            ok = True
            for other in others:
                more = _spans(other.regex, row.text)
                if not more:
                    ok = False
                    break
                spans = spans + more
            if not ok:
                continue
            first = spans[0]
            matched = row.text[first[0] : first[1]]
            exact = main.verbatim is not None and _same(matched, main.verbatim)
            base = main.exact if exact else main.base
            out.append(_Scored(row, base + self.bonus(row, main.regex, first), sorted(set(spans))))
        return out

    def bonus(self, row: _Row, regex: re.Pattern[str] | None, span: tuple[int, int]) -> float:
        """Tie-breakers, together < 0.45 so they never cross a kind of match:
        title hit, word start, recency, early paragraph."""
        key = (row.article_id, regex.pattern if regex is not None else None)
        article = self._article_bonus.get(key)
        if article is None:
            article = 0.0
            if regex is not None and row.title and regex.search(row.title):
                article += 0.2
            year = _year(row.published)
            if year:
                article += 0.1 * max(0.0, min(1.0, (year - 1990) / 40))
            self._article_bonus[key] = article
        start = span[0]
        word = 0.1 if start == 0 or not row.text[start - 1].isalnum() else 0.0
        return article + word + 0.04 / (1 + row.idx)

    def fuzzy(self, pattern: Pattern, where: str, args: list[Any], others: list[Pattern], limit: int) -> list[_Scored]:
        """Jamo-level fuzzy matches of `pattern` (3+ syllables).

        Candidates: paragraphs holding enough of the query's code chunks (a
        typo breaks at most the chunk it falls in); then rapidfuzz's best
        partial alignment on the jamo codes, refined by Levenshtein distance."""
        codes = pattern.codes
        if len(codes) < 6 or len(codes) > 60:
            return []
        n_chunks = min(6, len(codes) // 3)
        bounds = [round(i * len(codes) / n_chunks) for i in range(n_chunks + 1)]
        chunks = [codes[bounds[i] : bounds[i + 1]] for i in range(n_chunks)]
        need = max(1, n_chunks - max_edits(len(codes)))
        groups = [and_trigrams(c) for c in chunks]
        ors = [" AND ".join(f"({groups[i]})" for i in combo) for combo in combinations(range(n_chunks), need)]
        fts = " OR ".join(f"({o})" for o in ors[:20])
        probe = Pattern("fuzzy", pattern.regex, fts, None, 1.0)
        allowed = max_edits(len(codes))
        found: list[tuple[float, _Row, int, int, str]] = []
        for batch in self.candidates(_combined(probe, others), where, args, FUZZY_CAP):
            self.check()
            bodies = dict(
                self.conn.execute(
                    "SELECT id, body FROM search_text WHERE id IN (SELECT value FROM json_each(?))",
                    [json.dumps(batch)],
                ).fetchall()
            )
            if len(found) >= 2 * limit:
                break
            close: dict[int, tuple[int, int, int]] = {}
            for pid, full in bodies.items():
                body = full.split(SEPARATOR, 1)[0]
                al = fuzz.partial_ratio_alignment(codes, body, score_cutoff=60.0)
                if al is None:
                    continue
                s, e, dist = _refine(codes, body, al.dest_start, al.dest_end)
                if dist <= allowed and e > s:
                    close[pid] = (s, e, dist)
            for row in self.fetch([i for i in batch if i in close]):
                s, e, dist = close[row.pid]
                similarity = 1.0 - dist / len(codes)
                found.append((0.8 + 0.3 * similarity, row, s, e, ""))
        found.sort(key=lambda f: (-f[0], -f[1].pid))
        out: list[_Scored] = []
        for base, row, s, e, _ in found:
            offsets = code_offsets(row.text)
            if not offsets:
                continue
            span = (offsets[s], offsets[min(e, len(offsets)) - 1] + 1)
            if pattern.verbatim and not same_head(pattern.verbatim, row.text[span[0] : span[1]]):
                continue  # '세종테크노파크' is not '부산테크노파크
            spans = [span]
            for other in others:
                spans += _spans(other.regex, row.text)
            out.append(_Scored(row, base + self.bonus(row, None, span), sorted(set(spans))))
            if len(out) >= limit:
                break
        return out


def _shared(grams: list[list[str]]) -> list[str]:
    """The trigrams (of the first) that every reading of a clause holds."""
    return [g for g in grams[0] if all(g in other for other in grams[1:])]


#: Paragraph ids holding an FTS5 expression over the stored text, newest first.
_LITERAL_ROWIDS = "SELECT rowid AS id FROM paragraphs_fts WHERE paragraphs_fts MATCH ? ORDER BY rowid DESC LIMIT ?"


def _literal_fts(pattern: Pattern) -> str:
    return " OR ".join(quote(form) for form in pattern.literals)


def _prefix_upper(prefix: str) -> str | None:
    """The smallest text above every text that starts with `prefix` (binary
    order: its last character one higher); None when there is none."""
    if not prefix or ord(prefix[-1]) >= 0x10FFFF or 0xD7FF <= ord(prefix[-1]) < 0xE000:
        return None
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _spans(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    out = []
    for m in regex.finditer(text):
        if m.end() > m.start():
            out.append((m.start(), m.end()))
            if len(out) >= MAX_SPANS:
                break
    return out


def _same(matched: str, verbatim: str) -> bool:
    return matched.casefold() == verbatim


def _year(published: str | None) -> float | None:
    if not published or len(published) < 4 or not published[:4].isdigit():
        return None
    year = float(published[:4])
    if len(published) >= 7 and published[5:7].isdigit():
        year += (int(published[5:7]) - 1) / 12
    return year


def _refine(query: str, body: str, start: int, end: int) -> tuple[int, int, int]:
    """The window near an alignment with the fewest edits to `query` (an
    inserted 이 in 라스베이거스 makes the best window longer than the query)."""
    n = len(query)
    best = (Levenshtein.distance(query, body[start:end]), start, end)
    for s in range(max(0, start - 3), min(len(body), start + 3)):
        for e in range(max(s + 1, s + n - 3), min(len(body), s + n + 4) + 1):
            d = Levenshtein.distance(query, body[s:e], score_cutoff=best[0])
            if d < best[0] or (d == best[0] and abs(e - s - n) < abs(best[2] - best[1] - n)):
                best = (d, s, e)
    return best[1], best[2], best[0]


def max_edits(n_codes: int) -> int:
    """Jamo edits a fuzzy match may need: one for a 3-syllable query, about
    three in ten for longer ones (라스베가스 -> 라스베이거스 is three)."""
    if n_codes < 9:
        return 1
    if n_codes < 10:
        return 2
    return int(n_codes * 0.3)


def _to_hit(s: _Scored) -> SearchHit:
    r = s.row
    return SearchHit(
        article_id=r.article_id,
        title=r.title,
        paragraph_index=r.idx,
        text=r.text,
        spans=s.spans,
        score=s.score,
        kind=r.kind,
        outlet=r.outlet,
        published=r.published,
    )


@dataclass
class _State:
    """What a Searcher remembers of its last query, to narrow the next one."""

    query: str
    filters: dict[str, list[str]]
    phrases: list[str]
    keys: str
    failed: set[int]  # ids whose text did not match the text pattern
    hits: list[SearchHit]
    limit: int
    whole: list[int] | None = None  # every id the text pattern matched, when known (Engine.complete)


def _run(
    engine: Engine, raw: str, limit: int, prior: _State | None = None
) -> tuple[list[SearchHit], _State | None]:
    parsed: ParsedQuery = parse_query(raw)
    if parsed.empty or limit <= 0:
        return [], None
    text, excluded = search_terms.take_exclusions(parsed.text)
    words = search_terms.split_terms(text)
    if len(words) + len(parsed.phrases) > 1 or excluded:
        return _run_terms(engine, parsed, words, excluded, limit), None
    parsed.text = words[0] if words else ""  # the one word, once ('포항 포항' is 포항)
    hits, state = _run_one(engine, parsed, limit * 3, prior, raw=raw)
    clusters = dict(
        engine.conn.execute(
            "SELECT id, cluster_id FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(list({h.article_id for h in hits}))],
        ).fetchall()
    )
    folded = search_terms.fold_paragraph_hits(hits, clusters)[:limit]
    if state is not None:  # what the Searcher compares and returns for the same query
        state.limit, state.hits = limit, folded
    return folded, state


def _filter_tokens(parsed: ParsedQuery) -> str:
    return " ".join(f'{name}:"{value}"' for name, values in parsed.filters.items() for value in values)


def _lookup(engine: Engine, query: str, fuzzy: bool, slot: str, recent: bool = False) -> list[SearchHit]:
    """One piece of a keyword query looked up alone (a word, two words joined, the
    words as a phrase), kept for the next keystrokes: typing the third word does
    not change what the first two find. `slot` (which word, pair or the phrase):
    its last lookup narrows the next one as the one-word search does (paragraphs
    that failed the shorter text fail the longer one). `recent`: in the newest
    SCAN_ROWS paragraphs only."""
    cache = engine.keywords
    key = (query, fuzzy, recent)
    if key not in cache.lookups:
        engine.floor = max(0, engine.top() - SCAN_ROWS) if recent else None
        try:
            cache.lookups[key], state = _run_one(
                engine, parse_query(query), search_terms.PER_TERM, cache.states.get(slot), fuzzy=fuzzy
            )
        finally:
            engine.floor = None
        if state is not None:
            cache.states[slot] = state
    return cache.lookups[key]


def _run_terms(engine: Engine, parsed: ParsedQuery, words: list[str], excluded: list[str], limit: int) -> list[SearchHit]:
    """A keyword query: every term somewhere in the article (see search_terms)."""
    word_terms = [search_terms.make_term(w) for w in words]
    terms = [t for t in word_terms if t is not None]
    terms += [t for t in (search_terms.make_term(p, phrase=True) for p in parsed.phrases) if t is not None]
    if not terms:
        return []
    filters = _filter_tokens(parsed)
    cache = engine.keywords
    if cache.total is None:
        cache.total = engine.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    total = cache.total
    candidates: dict[str, int] = {}  # article -> how many lookups found it
    df: dict[str, int] = {}
    pair_bonus: dict[str, float] = {}
    # The last word's first character, still being typed (포항 스...): it names
    # too many articles to be looked up alone, nor has it a near spelling yet;
    # it narrows the other words' articles, and words side by side ending in
    # it are looked for among the newest paragraphs (as one syllable alone
    # is), to rank those articles, not to add more.
    begun = len(words) > 1 and len(words[-1]) == 1
    lookups = [(t.text, f'"{t.text}"' if t.phrase else t.text.split(" OR ")) for t in terms]
    common: list[str] = []  # found as typed in every paragraph a lookup reads
    for i, (name, queries) in enumerate(lookups):
        if begun and terms[i] is word_terms[-1]:
            df[name] = total  # weighs as the commonest word
            continue
        found = 0
        for j, q in enumerate([queries] if isinstance(queries, str) else queries):
            # near spellings only for a word found no other way (the article check tries them too)
            hits = _lookup(engine, f"{q} {filters}", False, f"term {i} {j}")
            if len(hits) >= search_terms.PER_TERM:
                common.append(name)
            hits = hits or _lookup(engine, f"{q} {filters}", True, f"term {i} {j}")
            found += len(hits)
            for h in dict.fromkeys(h.article_id for h in hits):  # in rank order, not hash order (ties stay put)
                candidates[h] = candidates.get(h, 0) + 1
        df[name] = found
    # the words as one phrase, spacing optional (영일만 밸리 ~ 영일만밸리): the strongest reading
    phrase_hits: dict[str, SearchHit] = {}
    if words and not excluded and " OR " not in " ".join(words):
        # near spellings of two words side by side (라스 베가스 ~ 라스베이거스)
        near = len(words) == 2 and not begun
        hits = _lookup(engine, " ".join(words) + " " + filters, near, "phrase", recent=begun)
        for h in hits:
            if begun and h.article_id not in candidates:
                continue  # (see begun) the other words' articles only
            phrase_hits.setdefault(h.article_id, h)
            candidates[h.article_id] = candidates.get(h.article_id, 0) + len(terms)
    # adjacent words joined: 테크노 밸리 ~ 테크노밸리, a name typed in two parts
    for i, (a, b) in enumerate(zip(words, words[1:]) if len(words) > 2 else ()):  # two words: the phrase above is the pair
        last = begun and i == len(words) - 2
        hits = _lookup(engine, f"{a} {b} {filters}", False, f"pair {i}", recent=last)
        for h in hits:
            if last and h.article_id not in candidates:
                continue
            candidates[h.article_id] = candidates.get(h.article_id, 0) + 2
            pair_bonus[h.article_id] = pair_bonus.get(h.article_id, 0.0) + 0.5
    engine.check()
    # the articles most lookups agree on first: found by every word, or the words side by side
    ids = sorted(candidates, key=lambda a: -candidates[a])[: search_terms.MAX_CANDIDATES]
    if len(cache.articles) > ARTICLE_CACHE or len(cache.matches) > MATCH_CACHE:
        cache.articles.clear()
        cache.matches.clear()
    missing = [a for a in ids if a not in cache.articles]
    for article in search_terms.load_articles(lambda sql, args: engine.conn.execute(sql, args).fetchall(), missing):
        cache.articles[article.id] = article
    articles = [cache.articles[a] for a in ids if a in cache.articles]
    joined = [
        (a, b, search_terms.make_term(f"{a.text}{b.text}"))
        for a, b in zip(word_terms, word_terms[1:])
        if a is not None and b is not None and " OR " not in a.text + b.text
    ]
    side_by_side = len(words) > 1 and not parsed.phrases
    ranked = search_terms.rank(
        terms,
        articles,
        df,
        total,
        excluded=[t for t in (search_terms.make_term(x) for x in excluded) if t is not None],
        pair_bonus=pair_bonus,
        phrase_hits=phrase_hits if side_by_side else {},
        joined=[(a, b, t) for a, b, t in joined if t is not None],
        memo=cache.matches,
        common=common,
        adjacent=text_pattern(" ".join(words)) if side_by_side and " OR " not in " ".join(words) else None,
    )
    return search_terms.to_hits(search_terms.fold_stories(ranked), len(terms), limit)


def _run_one(
    engine: Engine, parsed: ParsedQuery, limit: int, prior: _State | None = None, raw: str = "", fuzzy: bool = True
) -> tuple[list[SearchHit], _State | None]:
    """One piece of text (spaces optional), phrases and filters: paragraph hits
    (`fuzzy`: also jamo-level near spellings when the stronger kinds find few)."""
    where, args = engine.filter_sql(parsed.filters)
    phrases = [p for p in (phrase_pattern(x) for x in parsed.phrases) if p is not None]
    text = parsed.text
    main = text_pattern(text) if text.strip() else None
    want = limit + 10
    best: dict[int, _Scored] = {}

    def add(scored: list[_Scored]) -> None:
        for s in scored:
            old = best.get(s.row.pid)
            if old is None or s.score > old.score:
                best[s.row.pid] = s

    if main is None and not phrases:
        if text.strip():
            return [], None  # text too short to mean anything (one jamo or letter)
        rows = engine.filtered_rows(where, args, limit)
        hits = [SearchHit(r.article_id, r.title, r.idx, r.text, [], 1.0, r.kind, r.outlet, r.published) for r in rows]
        return hits, None
    if main is None:
        lead, rest = phrases[0], phrases[1:]
        add(engine.matches(lead, rest, where, args, want))
        failed: set[int] = set()
    else:
        # 1. The text as typed (spacing-insensitive, last syllable half-typed).
        # More keystrokes only narrow: what failed before fails again.
        extends = (
            prior is not None
            and prior.filters == parsed.filters
            and prior.phrases == parsed.phrases
            and main.keys.startswith(prior.keys)
        )
        failed = set(prior.failed) if extends and prior is not None else set()
        # ... and when the shorter text's every match is known, the longer
        # text's matches are among them: no index walk at all.
        within = prior.whole if extends and prior is not None else None
        add(engine.matches(main, phrases, where, args, want, skip=failed, failed=failed, within=within))
        whole = engine.complete
        # 2. Other readings of Latin letters (keyboard, romanisation).
        variants = variant_patterns(text)
        for variant in variants:
            add(engine.matches(variant, phrases, where, args, want))
        # 3. Without a trailing particle.
        if len(best) < limit:
            stem = strip_particle(text)
            if stem:
                p = text_pattern(stem, label="particle", base=1.6, prefix_last=False, verbatim="")
                if p is not None:
                    p.exact = 1.6
                    # The stem is an earlier keystroke's text or extends it
                    # (김종천라스베가 -> 김종천라스베): its matches are among
                    # that text's, when every one of those is known.
                    inside = within if within is not None and prior and p.keys.startswith(prior.keys) else None
                    add(engine.matches(p, phrases, where, args, want, within=inside))
        # 4. Fuzzy, for long enough Korean (also the keyboard reading).
        if fuzzy and len(best) < limit:
            for f in [main] + [v for v in variants if v.label == "keyboard"]:
                if f.extra.get("syllables", 0) >= 3 and not f.extra.get("initials"):
                    add(engine.fuzzy(f, where, args, phrases, limit))
    ranked = sorted(best.values(), key=lambda s: (-s.score, -s.row.pid))[:limit]
    hits = [_to_hit(s) for s in ranked]
    state = None
    if main is not None:
        if len(failed) > 200_000:
            failed = set()
        state = _State(raw, parsed.filters, parsed.phrases, main.keys, failed, hits, limit, whole)
    return hits, state


def _combined(main: Pattern, others: list[Pattern]) -> Pattern:
    """`main` with its FTS expression ANDed with the phrases' (fewer candidates)."""
    extra = [o.fts for o in others if o.fts]
    if not extra or main.fts is None:
        return main
    fts = " AND ".join(f"({e})" for e in [main.fts, *extra])
    clauses = main.clauses + tuple(c for o in others for c in o.clauses)
    if not main.clauses or any(o.fts and not o.clauses for o in others):
        clauses = ()  # a part whose candidates cannot be listed whole
    return Pattern(main.label, main.regex, fts, main.scan, main.base, main.verbatim, clauses=clauses)


def search(corpus: Corpus, query: str, limit: int = 50) -> list[SearchHit]:
    """Ranked paragraph hits for `query` (see the module docstring)."""
    hits, _ = _run(Engine(corpus.db.conn), query, limit)
    return hits


class Searcher:
    """Search as you type (see the module docstring for the contract)."""

    def __init__(self, db_path: str | Path, limit: int = 50) -> None:
        self.limit = limit
        self.conn = sqlite3.connect(str(db_path), check_same_thread=False, timeout=30)
        self._lock = threading.Lock()
        self._generation = 0
        self._state: _State | None = None
        self._rows: dict[int, _Row | None] = {}
        self._keywords = KeywordCache()
        search_terms.prepare()  # before the first keystroke, not in it

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def invalidate(self) -> None:
        """Forget cached results (call after the corpus changed).  How common
        each trigram is stays known: an estimate that only steers how the
        index is asked, and one ingest barely moves it."""
        with self._lock:
            self._state = None
            self._rows = {}
            density = self._keywords.density
            self._keywords = KeywordCache(density=density if len(density) < DENSITY_KEPT else {})

    def search(self, query: str, limit: int | None = None) -> list[SearchHit] | None:
        self._generation += 1
        mine = self._generation
        limit = limit or self.limit

        def check() -> None:
            if self._generation != mine:
                raise Superseded

        with self._lock:
            if self._generation != mine:
                return None
            state = self._state
            if state is not None and state.query == query and state.limit == limit:
                return list(state.hits)
            if state is not None and state.limit != limit:
                state = None
            try:
                hits, new_state = _run(Engine(self.conn, check, self._rows, self._keywords), query, limit, state)
            except Superseded:
                return None
            self._state = new_state
            return hits
