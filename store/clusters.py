"""Reading the clusters of copies that dedupe.py makes: the article list shows
one row per story with its copy count (`FOLD_SQL`, `COPIES_SQL`), search folds
copies under their story (`fold_hits`), and the comparison counts a fact once
per story with all its sources (`by_story`, `canonical_map`, `cluster_members`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import TypeVar

import sqlite_utils

#: The article list keeps cluster canonicals and articles without copies.
FOLD_SQL = "(articles.cluster_id IS NULL OR articles.cluster_id = articles.id)"
#: How many articles a list row stands for (itself included).
COPIES_SQL = (
    "max(1, (SELECT count(*) FROM articles AS copy WHERE copy.cluster_id = articles.id))"
)


def canonical_map(db: sqlite_utils.Database | sqlite3.Connection) -> dict[str, str]:
    """article id -> its cluster's canonical id, for every article in a cluster."""
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    return dict(conn.execute("SELECT id, cluster_id FROM articles WHERE cluster_id IS NOT NULL"))


def canonical_of(db: sqlite_utils.Database | sqlite3.Connection, aid: str) -> str:
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    row = conn.execute("SELECT cluster_id FROM articles WHERE id = ?", [aid]).fetchone()
    return row[0] if row and row[0] else aid


def cluster_members(db: sqlite_utils.Database | sqlite3.Connection, aid: str) -> list[str]:
    """Every article of `aid`'s cluster, canonical first then by date; [aid] alone if none."""
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    canonical = canonical_of(conn, aid)
    rows = conn.execute(
        "SELECT id FROM articles WHERE cluster_id = ? OR id = ?"
        " ORDER BY id != ?, published IS NULL, published, num",
        [canonical, canonical, canonical],
    ).fetchall()
    return [r[0] for r in rows] or [aid]


T = TypeVar("T")


def fold_hits(db: sqlite_utils.Database | sqlite3.Connection, hits: Iterable[T]) -> list[T]:
    """Search results with copies folded: per cluster, only the hits of the first
    (best-ranked) member are kept. Hits need an ``article_id`` attribute."""
    hits = list(hits)
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    ids = list({getattr(h, "article_id") for h in hits})
    mapping: dict[str, str] = {}
    for start in range(0, len(ids), 500):  # only the hits' rows: this runs per keystroke
        chunk = ids[start : start + 500]
        mapping.update(
            conn.execute(
                f"SELECT id, cluster_id FROM articles WHERE cluster_id IS NOT NULL"
                f" AND id IN ({','.join('?' * len(chunk))})",
                chunk,
            ).fetchall()
        )
    chosen: dict[str, str] = {}
    kept: list[T] = []
    for hit in hits:
        aid = getattr(hit, "article_id")
        cluster = mapping.get(aid, aid)
        if chosen.setdefault(cluster, aid) == aid:
            kept.append(hit)
    return kept


def by_story(db: sqlite_utils.Database | sqlite3.Connection, article_ids: Iterable[str]) -> dict[str, list[str]]:
    """Article ids grouped by their cluster's canonical id, order kept: the
    comparison counts a fact once per story and lists every copy as a source."""
    mapping = canonical_map(db)
    groups: dict[str, list[str]] = {}
    for aid in article_ids:
        members = groups.setdefault(mapping.get(aid, aid), [])
        if aid not in members:
            members.append(aid)
    return groups
