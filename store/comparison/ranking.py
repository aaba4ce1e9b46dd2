"""The comparison as an aggregation over `comparison_facts`.

Each cell is one GROUP BY over its rows: a fact's rank counts independent
stories (an article and its copies — `articles.cluster_id` — are one story),
so a wire story run by forty outlets weighs as one, and every copy still lists
among its sources. Only the top of each cell is read back in full (its rows,
merged into one entry with all its paragraphs); the rest is a count, `more`.

Ranks: leaders by stories that name them with their role, then how recently;
initiatives, trips, partners and figures by stories; sectors by mentions;
quotes by stories, then how recently. Trips, figures and quotes are then shown
in date order, as a timeline reads.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from .evidence import Evidence, Fact
from .focus import SECTORS
from .leaders import when_seen
from .partners import _distinct, merge_spellings
from .phrases import norm_key
from .trips import _drop_contained

if TYPE_CHECKING:
    from ..corpus import Corpus

#: Candidates read for cells whose entries merge after grouping (spellings, names
#: inside longer names): enough that the top after merging is the true top.
_MERGE_POOL = 40

_ORDER = {
    "leaders": "stories DESC, last DESC, key",
    "initiatives": "stories DESC, weight DESC, key",
    "trips": "stories DESC, last DESC, key",
    "partners": "stories DESC, first, key",
    "focus": "weight DESC, key",
    "figures": "stories DESC, first, key",
    "quotes": "stories DESC, last DESC, key",
}
#: Source paragraphs read with each entry (its oldest); `sources` lists them all on demand.
SOURCES_SHOWN = 100
#: Rows read for a candidate past the top, read only to merge into a better one.
_POOL_ROWS = 10
#: An initiative needs this weight over all articles (a name used once is not a project).
_HAVING = {"initiatives": "HAVING sum(weight) >= 2"}
_SECTOR_ORDER = {name: n for n, (name, _) in enumerate(SECTORS)}
#: Cells shown as a timeline once their top is chosen.
_IN_DATE_ORDER = ("trips", "figures", "quotes")


def coverage(corpus: Corpus, city: str) -> dict[str, Any]:
    """`articles` counts stories (copies of one story once); `copies` counts the
    other outlets' copies, which still add to the outlets, dates and sources
    (`article_ids`: the oldest SOURCES_SHOWN)."""
    where = "WHERE f.city = ? AND f.cell = 'coverage' AND f.hidden = 0"
    rows, stories, first, last, undated = corpus.db.execute(
        "SELECT count(*), count(DISTINCT story), min(published), max(published),"
        f" count(DISTINCT CASE WHEN published IS NULL THEN story END) FROM comparison_facts f {where}",
        [city],
    ).fetchone()
    outlets = corpus.db.execute(
        f"SELECT a.outlet, count(*) AS n FROM comparison_facts f JOIN articles a ON a.id = f.article_id {where}"
        " AND a.outlet IS NOT NULL AND a.outlet != '' GROUP BY a.outlet ORDER BY n DESC, a.outlet",
        [city],
    ).fetchall()
    ids = [aid for (aid,) in corpus.db.execute(
        f"SELECT f.article_id FROM comparison_facts f {where} AND f.published IS NOT NULL"
        " ORDER BY f.published, f.id LIMIT ?",
        [city, SOURCES_SHOWN],
    )]
    if len(ids) < SOURCES_SHOWN:
        ids += [aid for (aid,) in corpus.db.execute(
            f"SELECT f.article_id FROM comparison_facts f {where} AND f.published IS NULL ORDER BY f.id LIMIT ?",
            [city, SOURCES_SHOWN - len(ids)],
        )]
    return {
        "articles": stories,
        "copies": rows - stories,
        "undated": undated,
        "outlets": [{"name": name, "articles": n} for name, n in outlets],
        "first": first[:10] if first else None,
        "last": last[:10] if last else None,
        "article_ids": ids,
        "evidence": [{"article_id": aid, "paragraph_index": 0} for aid in ids],
    }


def _candidates(corpus: Corpus, city: str, cell: str, limit: int | None) -> tuple[list[tuple[Any, ...]], int]:
    """(key, stories, first, last, weight) of the cell's best `limit` facts, and how
    many there are: a walk of the covering index, no join (the rows carry their story)."""
    sql = (
        "SELECT key, count(DISTINCT story) AS stories, min(coalesce(published, '9999')) AS first,"
        " max(coalesce(published, '')) AS last, sum(weight) AS weight, count(*) OVER () AS total"
        " FROM comparison_facts WHERE city = ? AND cell = ? AND hidden = 0"
        f" GROUP BY key {_HAVING.get(cell, '')} ORDER BY {_ORDER[cell]}"
    )
    args: list[Any] = [city, cell]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    rows = corpus.db.execute(sql, args).fetchall()
    return [r[:5] for r in rows], (rows[0][5] if rows else 0)


_ROWS_SQL = (
    'SELECT value, article_id, paragraph_index, start, "end", weight, score, published FROM comparison_facts'
    " WHERE city = ? AND cell = ? AND hidden = 0 AND key = ? AND published {} ORDER BY published, id LIMIT ?"
)


def _rows_of(corpus: Corpus, city: str, cell: str, key: str, limit: int) -> list[tuple[Any, ...]]:
    """The fact's first `limit` rows, oldest article first, undated ones last (two
    walks of the ranking index, which is in date order within a fact):
    (value, article, ¶, start, end, weight, score, published)."""
    rows = corpus.db.execute(_ROWS_SQL.format("IS NOT NULL"), [city, cell, key, limit]).fetchall()
    if len(rows) < limit:
        rows += corpus.db.execute(_ROWS_SQL.format("IS NULL"), [city, cell, key, limit - len(rows)]).fetchall()
    return rows


def sources(corpus: Corpus, city: str, cell: str, key: str) -> list[dict[str, Any]]:
    """Every paragraph an entry comes from, oldest first (an entry carries its first
    SOURCES_SHOWN), each with its article's `outlet`, `published` and `title`."""
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for aid, para, start, end, outlet, published, title in corpus.db.execute(
        'SELECT f.article_id, f.paragraph_index, f.start, f."end", a.outlet, a.published, a.title'
        " FROM comparison_facts f JOIN articles a ON a.id = f.article_id"
        " WHERE f.city = ? AND f.cell = ? AND f.hidden = 0 AND f.key = ?"
        " ORDER BY f.published IS NULL, f.published, f.id, f.paragraph_index, f.start",
        [city, cell, key],
    ):
        out.setdefault((aid, para), {**Evidence(aid, para, start, end).to_json(),
                                     "outlet": outlet, "published": published, "title": title})
    return list(out.values())


def _merge(cell: str, key: str, rows: list[tuple[Any, ...]], found: tuple[Any, ...], limit: int) -> Fact:
    """One entry from its rows (the oldest `limit`) and its totals over all of them
    (`found`: key, stories, first, last, weight): the fields most articles give."""
    _, stories, first_date, last_date, total_weight = found
    decoded: dict[str, dict[str, Any]] = {}  # a fact's rows repeat a few values thousands of times
    values = [decoded[r[0]] if r[0] in decoded else decoded.setdefault(r[0], json.loads(r[0])) for r in rows]
    first = values[0]
    fact = Fact(key, dict(first), [], ())
    for _, aid, para, start, end, *_ in rows:
        fact.add(Evidence(aid, para, start, end))
    fields = fact.fields
    if cell == "leaders":
        by_article = {(r[1], v["role"]) for r, v in zip(rows, values)}
        fields["role"] = Counter(role for _, role in by_article).most_common(1)[0][0]
        fields["seen"] = when_seen([d[:10] for d in (first_date, last_date) if d and d != "9999"])
    elif cell == "initiatives":
        weights: Counter[str] = Counter()
        for r, v in zip(rows, values):
            weights[v["name"]] += r[5]
        fields["name"] = weights.most_common(1)[0][0]
        fields["description"] = max(zip(rows, values), key=lambda rv: rv[0][6])[1]["description"]
    elif cell == "trips":
        fields["when"] = next((v["when"] for v in values if "(" in v["when"]), first["when"])
        destinations = list(dict.fromkeys(d for v in values for d in v["destinations"]))
        merged = _drop_contained(destinations)
        merged.sort(key=lambda d: not re.search(r"[A-Za-z] (?:19|20)\d\d$", d))
        fields["destinations"] = merged
        fields["led_by"] = list(dict.fromkeys(p for v in values for p in v["led_by"]))
    elif cell == "partners":
        fields["aliases"] = list(dict.fromkeys(a for v in values for a in v.get("aliases", [])))
        fields["agreement"] = "; ".join(_distinct([x for v in values for x in v["agreement"].split("; ")]))
    elif cell == "focus":
        fields["surfaces"] = list(dict.fromkeys(s for v in values for s in v["surfaces"]))
        fields["count"] = int(total_weight)
    fields["stories"] = stories
    if len(rows) >= limit:
        fields["key"] = key  # more sources than shown: `sources(city, cell, key)` lists them all
    fact.order = ((rows[0][7] or "9999"), rows[0][1], rows[0][2], rows[0][3])
    return fact


def cell(corpus: Corpus, city: str, cell: str, top: int | None) -> tuple[list[dict[str, Any]], int]:
    """The cell's best `top` entries (every one with `None`) and how many more there are."""
    merging = cell in ("initiatives", "partners")
    limit = None if top is None else (max(top * 4, _MERGE_POOL) if merging else top)
    if cell == "focus":
        limit = None  # a score or so of sectors, ordered below by count then the sectors' own order
    found, total = _candidates(corpus, city, cell, limit)
    # Past the top, a candidate only merges into another (a spelling, a longer name): a few rows do.
    limits = [SOURCES_SHOWN if top is None or n < top else _POOL_ROWS for n in range(len(found))]
    facts = [
        _merge(cell, row[0], rows, row, shown)
        for row, shown in zip(found, limits)
        if (rows := _rows_of(corpus, city, cell, row[0], shown))
    ]
    if cell == "initiatives":
        # A name wholly inside a kept longer one (실리콘밸리 in 통일한국 실리콘밸리) is that one.
        keys = [norm_key(f.fields["name"]) for f in facts]
        facts = [f for f, k in zip(facts, keys) if not any(k != o and k in o for o in keys)]
    if cell == "focus":
        facts.sort(key=lambda f: (-f.fields["count"], _SECTOR_ORDER.get(f.key, 99)))
    if cell == "partners":
        for n, fact in enumerate(facts):
            fact.order = (n,)  # merging two spellings keeps the better rank
        entries = merge_spellings(facts)
    else:
        chosen = facts if top is None else facts[:top]
        if cell in _IN_DATE_ORDER:
            chosen = sorted(chosen, key=lambda f: f.order)
        entries = [f.to_json() for f in chosen]
    kept = len(facts) if cell != "partners" else len(entries)
    shown = entries if top is None else entries[:top]
    # Left out: the candidates never read, and those read but past the top.
    return shown, (total - len(found)) + (kept - len(shown))
