"""Entities an import brings with its articles (BigKinds' 인물/위치/기관 columns),
stored beside our own extraction: they carry no spans, keep their source, and
survive re-analysis. The workbook reader (bigkinds.py) only reads them; this
module is their table.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from .records import ParsedArticle, SuppliedEntity
from .schema import Migration, run_script


def _supplied_v1(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS supplied_entities (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (article_id, type, name, source)
        );
        CREATE INDEX IF NOT EXISTS supplied_entities_name ON supplied_entities(type, name);
        """
    )


def _supplied_v2(db: sqlite_utils.Database) -> None:
    """WITHOUT ROWID: the primary key is the row, so each entity costs two
    B-tree inserts instead of three (a workbook row brings ten or more)."""
    run_script(
        db,
        """
        CREATE TABLE supplied_entities_v2 (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (article_id, type, name, source)
        ) WITHOUT ROWID;
        INSERT INTO supplied_entities_v2 SELECT article_id, type, name, source FROM supplied_entities;
        DROP TABLE supplied_entities;
        ALTER TABLE supplied_entities_v2 RENAME TO supplied_entities;
        CREATE INDEX supplied_entities_name ON supplied_entities(type, name);
        """
    )


#: Component "supplied_entities": entities a source ships with its
#: articles (BigKinds 인물/위치/기관), kept apart from ours because they carry no
#: spans and must survive re-analysis.
MIGRATIONS: list[Migration] = [_supplied_v1, _supplied_v2]


def save_supplied(conn: Any, article_id: str, parsed: ParsedArticle, source: str = "bigkinds") -> None:
    """Record `parsed.supplied_entities` for the stored article (inside its transaction)."""
    if not parsed.supplied_entities:
        return
    conn.executemany(
        "INSERT OR IGNORE INTO supplied_entities(article_id, type, name, source) VALUES (?,?,?,?)",
        [(article_id, t, n, source) for t, n in parsed.supplied_entities],
    )


def move_supplied(conn: Any, old: str, new: str) -> None:
    """An excerpt's entities follow it to the full page that replaces it."""
    conn.execute(
        "UPDATE OR IGNORE supplied_entities SET article_id = ? WHERE article_id = ?", [new, old]
    )


def supplied_entities(db: Any, *, type: str | None = None, article_id: str | None = None) -> list[SuppliedEntity]:
    """Supplied entities grouped by (type, name, source), most articles first."""
    conn = getattr(db, "conn", db)
    clauses, args = [], []
    if type:
        clauses.append("type = ?")
        args.append(type)
    if article_id:
        clauses.append("article_id = ?")
        args.append(article_id)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(
        f"SELECT type, name, source, group_concat(article_id, ' ') FROM supplied_entities {where}"
        " GROUP BY type, name, source ORDER BY count(*) DESC, type, name",
        args,
    ).fetchall()
    return [SuppliedEntity(t, n, s, ids.split()) for t, n, s, ids in rows]
