"""Entities an import brings with its articles (BigKinds' 인물/위치/기관 columns),
stored beside our own extraction: they carry no spans, keep their source, and
survive re-analysis. The workbook reader (bigkinds.py) only reads them; this
module is their table.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from .records import Entity, ParsedArticle, SuppliedEntity
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


def _forms(name: str) -> set[str]:
    """The spellings one name goes by: spacing ignored, and a place or body with or
    without its 시·군·도 ('포항' = '포항시', BigKinds often drops the suffix)."""
    key = "".join(name.split())
    forms = {key}
    if len(key) >= 3 and key[-1] in "시군도":
        forms.add(key[:-1])
    return forms


def merge_supplied(ours: list[Entity], supplied: list[SuppliedEntity]) -> list[SuppliedEntity]:
    """Fold what an import supplied into our entities where both name the same
    thing in the same article: ours gains the import as a source, and only what
    matches none of ours is returned, to be listed on its own. Without this a
    BigKinds workbook lists every person twice."""
    by_form: dict[tuple[str, str], list[Entity]] = {}
    for entity in ours:
        for name in (entity.name, *entity.aliases):
            for form in _forms(name):
                by_form.setdefault((entity.type, form), []).append(entity)
    left: list[SuppliedEntity] = []
    for item in supplied:
        matches = {id(e): e for form in _forms(item.name) for e in by_form.get((item.type, form), [])}
        remaining = set(item.article_ids)
        for entity in matches.values():
            shared = remaining & {m.article_id for m in entity.mentions}
            if shared:
                remaining -= shared
                if item.source not in entity.sources:
                    entity.sources.append(item.source)
        if remaining:
            left.append(SuppliedEntity(item.type, item.name, item.source, [a for a in item.article_ids if a in remaining]))
    return left
