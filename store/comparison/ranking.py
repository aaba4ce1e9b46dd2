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

_STORY = "coalesce(a.cluster_id, a.id)"
_ORDER = {
    "leaders": "stories DESC, last DESC, f.key",
    "initiatives": "stories DESC, weight DESC, f.key",
    "trips": "stories DESC, last DESC, f.key",
    "partners": "stories DESC, first, f.key",
    "focus": "weight DESC, f.key",
    "figures": "stories DESC, first, f.key",
    "quotes": "stories DESC, last DESC, f.key",
}
#: An initiative needs this weight over all articles (a name used once is not a project).
_HAVING = {"initiatives": "HAVING sum(f.weight) >= 2"}
_SECTOR_ORDER = {name: n for n, (name, _) in enumerate(SECTORS)}
#: Cells shown as a timeline once their top is chosen.
_IN_DATE_ORDER = ("trips", "figures", "quotes")


def coverage(corpus: Corpus, city: str) -> dict[str, Any]:
    """`articles` counts stories (copies of one story once); `copies` counts the
    other outlets' copies, which still add to the outlets, dates and sources."""
    rows = corpus.db.execute(
        f"SELECT a.id, a.published, a.outlet, {_STORY} FROM comparison_facts f"
        " JOIN articles a ON a.id = f.article_id"
        " WHERE f.city = ? AND f.cell = 'coverage' AND a.hidden = 0"
        " ORDER BY a.published IS NULL, a.published, a.num",
        [city],
    ).fetchall()
    stories = {story for *_, story in rows}
    dates = [published[:10] for _, published, _, _ in rows if published]
    undated = {story for _, published, _, story in rows if not published}
    outlets = Counter(outlet for _, _, outlet, _ in rows if outlet)
    return {
        "articles": len(stories),
        "copies": len(rows) - len(stories),
        "undated": len(undated),
        "outlets": [{"name": k, "articles": v} for k, v in sorted(outlets.items(), key=lambda x: (-x[1], x[0]))],
        "first": min(dates) if dates else None,
        "last": max(dates) if dates else None,
        "article_ids": [aid for aid, *_ in rows],
        "evidence": [{"article_id": aid, "paragraph_index": 0} for aid, *_ in rows],
    }


def _candidates(corpus: Corpus, city: str, cell: str, limit: int | None) -> tuple[list[tuple[Any, ...]], int]:
    """(key, stories, first, last, weight) of the cell's best `limit` facts, and how many there are."""
    sql = (
        f"SELECT f.key, count(DISTINCT {_STORY}) AS stories, min(coalesce(a.published, '9999')) AS first,"
        " max(coalesce(a.published, '')) AS last, sum(f.weight) AS weight, count(*) OVER () AS total"
        " FROM comparison_facts f JOIN articles a ON a.id = f.article_id"
        " WHERE f.city = ? AND f.cell = ? AND a.hidden = 0"
        f" GROUP BY f.key {_HAVING.get(cell, '')} ORDER BY {_ORDER[cell]}"
    )
    args: list[Any] = [city, cell]
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    rows = corpus.db.execute(sql, args).fetchall()
    return [r[:5] for r in rows], (rows[0][5] if rows else 0)


def _rows_of(corpus: Corpus, city: str, cell: str, keys: list[str]) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of those facts, oldest article first: (value, article, ¶, start, end, weight, score, published)."""
    out: dict[str, list[tuple[Any, ...]]] = {k: [] for k in keys}
    for start in range(0, len(keys), 400):
        chunk = keys[start : start + 400]
        marks = ",".join("?" * len(chunk))
        for key, *row in corpus.db.execute(
            f'SELECT f.key, f.value, f.article_id, f.paragraph_index, f.start, f."end", f.weight, f.score, a.published'
            f" FROM comparison_facts f JOIN articles a ON a.id = f.article_id"
            f" WHERE f.city = ? AND f.cell = ? AND a.hidden = 0 AND f.key IN ({marks})"
            f" ORDER BY a.published IS NULL, a.published, a.num, f.paragraph_index, f.start",
            [city, cell, *chunk],
        ):
            out[key].append(tuple(row))
    return out


def _merge(cell: str, key: str, rows: list[tuple[Any, ...]], stories: int) -> Fact:
    """One entry from all its rows: every source span, the fields most articles give."""
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
        fields["seen"] = when_seen([(r[7] or "")[:10] for r in rows])
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
        fields["count"] = int(sum(r[5] for r in rows))
    fields["stories"] = stories
    fact.order = ((rows[0][7] or "9999"), rows[0][1], rows[0][2], rows[0][3])
    return fact


def cell(corpus: Corpus, city: str, cell: str, top: int | None) -> tuple[list[dict[str, Any]], int]:
    """The cell's best `top` entries (every one with `None`) and how many more there are."""
    merging = cell in ("initiatives", "partners")
    limit = None if top is None else (max(top * 4, _MERGE_POOL) if merging else top)
    found, total = _candidates(corpus, city, cell, limit)
    rows = _rows_of(corpus, city, cell, [k for k, *_ in found])
    facts = [_merge(cell, key, rows[key], stories) for key, stories, *_ in found if rows[key]]
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
