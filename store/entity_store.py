"""Tables and queries for extracted entities and their mentions.

Public, stable functions (the app, the CLI and `store.compare` read through
these; none of them loads the Korean analyser):

- `entities(db, type=, article_id=)` -> list[Entity]: every visible entity,
  most mentioned first; with `article_id`, only entities named in that article
  and only their mentions there.
- `entity(db, entity_id)` -> Entity | None, with all its mentions.
- `articles_naming(db, entity_id)` -> list[str]: article ids, oldest stored first.
- `article_mentions(db, article_id)` -> list[ArticleMention]: every span in
  the article with its entity, for highlighting (paragraph order).
- `figures(db, article_id=None)` -> list[Entity]: figure entities whose
  `data` holds {"value": float, "unit": str, "counts": str | None, "approx": bool}.
- `people(db, article_id=None)` -> list[Entity]: persons with `role` and
  `affiliation` as the text gives them.
- `pending_articles(db, version, everything=False)` -> list[str]: what
  analysis still has to read.
- `move_article(conn, old, new)`: hook for store.dedupe when a page replaces
  an excerpt.

Entity types: person, organization, place, event, initiative, figure, and
reporter (bylines: kept apart from the people in the story). An entity id is
stable: it is derived from its type and normalised name, so re-analysis keeps it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

import sqlite_utils

from .records import TITLE_INDEX, ArticleMention, Entity, Mention
from .schema import Migration, run_script

TYPES = ("person", "organization", "place", "event", "initiative", "figure", "reporter")


def _entities_v1(db: sqlite_utils.Database) -> None:
    run_script(db, 
        """
        CREATE TABLE IF NOT EXISTS entities (
            id TEXT PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT,
            affiliation TEXT,
            data TEXT,
            hidden INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS entities_type ON entities(type);
        CREATE TABLE IF NOT EXISTS entity_aliases (
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            type TEXT NOT NULL,
            alias TEXT NOT NULL,
            alias_key TEXT NOT NULL,
            PRIMARY KEY (entity_id, alias_key)
        );
        CREATE INDEX IF NOT EXISTS entity_aliases_key ON entity_aliases(type, alias_key);
        CREATE TABLE IF NOT EXISTS mentions (
            id INTEGER PRIMARY KEY,
            entity_id TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            paragraph_index INTEGER NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            role TEXT,
            affiliation TEXT
        );
        CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id, paragraph_index);
        CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity_id);
        CREATE TABLE IF NOT EXISTS entity_analysis (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            analysed_at TEXT NOT NULL,
            error TEXT
        );
        """
    )


def _entities_v2(db: sqlite_utils.Database) -> None:
    """Claims: which process is analysing which article right now, so two
    processes analysing one database (two ingests at once) share the work."""
    run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS analysis_claims (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            owner TEXT NOT NULL,
            claimed_at REAL NOT NULL
        );
        """
    )


MIGRATIONS: list[Migration] = [_entities_v1, _entities_v2]


def claim(
    conn: sqlite3.Connection, ids: list[str], owner: str, now: float, version: int | None, alive: Callable[[str], bool]
) -> list[str]:
    """Take the articles of `ids` no other live process holds and (with a
    `version`) none has analysed meanwhile; inside the caller's write
    transaction, so two processes never take the same one. Claims of owners
    that are gone (`alive` says no) or older than STALE_CLAIM seconds are void."""
    for (other,) in conn.execute("SELECT DISTINCT owner FROM analysis_claims WHERE owner != ?", [owner]).fetchall():
        if not alive(other):
            conn.execute("DELETE FROM analysis_claims WHERE owner = ?", [other])
    conn.execute("DELETE FROM analysis_claims WHERE claimed_at < ?", [now - STALE_CLAIM])
    taken = []
    for aid in ids:
        if conn.execute("SELECT 1 FROM analysis_claims WHERE article_id = ?", [aid]).fetchone():
            continue
        if version is not None and conn.execute(
            "SELECT 1 FROM entity_analysis WHERE article_id = ? AND version >= ?", [aid, version]
        ).fetchone():
            continue  # another process finished it after our list of pending articles was read
        conn.execute("INSERT INTO analysis_claims(article_id, owner, claimed_at) VALUES (?,?,?)", [aid, owner, now])
        taken.append(aid)
    return taken


def release(conn: sqlite3.Connection, owner: str, article_id: str | None = None) -> None:
    """Drop one claim (the article is saved) or all of an owner's (it stops)."""
    if article_id is None:
        conn.execute("DELETE FROM analysis_claims WHERE owner = ?", [owner])
    else:
        conn.execute("DELETE FROM analysis_claims WHERE article_id = ? AND owner = ?", [article_id, owner])


#: A claim older than this is void whoever holds it: a process on another
#: machine sharing the file cannot be asked whether it still lives.
STALE_CLAIM = 15 * 60


# -- reading -----------------------------------------------------------------


def entities(
    db: sqlite_utils.Database, *, type: str | None = None, article_id: str | None = None
) -> list[Entity]:
    clauses = ["e.hidden = 0"]
    args: list[Any] = []
    if type:
        clauses.append("e.type = ?")
        args.append(type)
    if article_id:
        clauses.append("m.article_id = ?")
        args.append(article_id)
    sql = (
        "SELECT e.id, e.name, e.type, e.role, e.affiliation, e.data, count(m.id) AS n"
        " FROM entities e JOIN mentions m ON m.entity_id = e.id"
        f" WHERE {' AND '.join(clauses)} GROUP BY e.id ORDER BY n DESC, e.type, e.name"
    )
    rows = db.execute(sql, args).fetchall()
    return _hydrate(db, rows, article_id)


def entity(db: sqlite_utils.Database, entity_id: str) -> Entity | None:
    rows = db.execute(
        "SELECT id, name, type, role, affiliation, data, 0 FROM entities WHERE id = ?", [entity_id]
    ).fetchall()
    found = _hydrate(db, rows, None)
    return found[0] if found else None


def people(db: sqlite_utils.Database, article_id: str | None = None) -> list[Entity]:
    return entities(db, type="person", article_id=article_id)


def figures(db: sqlite_utils.Database, article_id: str | None = None) -> list[Entity]:
    return entities(db, type="figure", article_id=article_id)


def articles_naming(db: sqlite_utils.Database, entity_id: str) -> list[str]:
    rows = db.execute(
        "SELECT m.article_id FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.entity_id = ? GROUP BY m.article_id ORDER BY min(a.num)",
        [entity_id],
    )
    return [r[0] for r in rows]


def article_mentions(db: sqlite_utils.Database, article_id: str) -> list[ArticleMention]:
    rows = db.execute(
        'SELECT e.id, e.type, e.name, m.paragraph_index, m.start, m."end" FROM mentions m'
        " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? AND e.hidden = 0"
        ' ORDER BY m.paragraph_index, m.start, m."end"',
        [article_id],
    )
    return [ArticleMention(*r) for r in rows]


def pending_articles(db: sqlite_utils.Database, version: int, everything: bool = False) -> list[str]:
    if everything:
        sql = "SELECT id FROM articles ORDER BY num"
        return [r[0] for r in db.execute(sql)]
    rows = db.execute(
        "SELECT a.id FROM articles a LEFT JOIN entity_analysis x ON x.article_id = a.id"
        " WHERE x.article_id IS NULL OR x.version < ? ORDER BY a.num",
        [version],
    )
    return [r[0] for r in rows]


def _hydrate(db: sqlite_utils.Database, rows: list[Any], article_id: str | None) -> list[Entity]:
    if not rows:
        return []
    ids = [r[0] for r in rows]
    aliases: dict[str, list[str]] = {i: [] for i in ids}
    mentions: dict[str, list[Mention]] = {i: [] for i in ids}
    for chunk in _chunks(ids, 500):
        marks = ",".join("?" * len(chunk))
        for eid, alias in db.execute(
            f"SELECT entity_id, alias FROM entity_aliases WHERE entity_id IN ({marks}) ORDER BY alias", chunk
        ):
            aliases[eid].append(alias)
        sql = (
            f'SELECT m.entity_id, m.article_id, m.paragraph_index, m.start, m."end",'
            f" CASE WHEN m.paragraph_index = {TITLE_INDEX} THEN 'title' ELSE coalesce(p.kind, 'body') END"
            f" FROM mentions m LEFT JOIN paragraphs p ON p.article_id = m.article_id AND p.idx = m.paragraph_index"
            f" WHERE m.entity_id IN ({marks})"
        )
        args = list(chunk)
        if article_id:
            sql += " AND m.article_id = ?"
            args.append(article_id)
        for eid, aid, para, start, end, where in db.execute(sql + " ORDER BY m.article_id, m.paragraph_index, m.start", args):
            mentions[eid].append(Mention(aid, para, start, end, where))
    out = []
    for eid, name, type_, role, affiliation, data, _n in rows:
        out.append(
            Entity(
                id=eid,
                name=name,
                type=type_,
                role=role,
                affiliation=affiliation,
                aliases=[a for a in aliases[eid] if a != name],
                mentions=mentions[eid],
                data=json.loads(data) if data else None,
            )
        )
    return out


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# -- writing (analysis only) --------------------------------------------------


def entity_id_for(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def save_article(
    conn: sqlite3.Connection,
    article_id: str,
    found: list[Any],
    version: int,
    analysed_at: str,
    error: str | None = None,
) -> None:
    """Replace one article's mentions with `found` (a list of
    `store.extract.found.ArticleEntity`), inside the caller's transaction.

    An entity seen before (by key, or by an alias another article tied to it)
    gets the new mentions; a new one is created with a stable id.
    """
    from .extract.found import norm  # no analyser import: plain text helpers

    conn.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
    for ent in found:
        eid = _resolve_id(conn, ent, norm)
        row = conn.execute("SELECT role, affiliation FROM entities WHERE id = ?", [eid]).fetchone()
        data = json.dumps(ent.data, ensure_ascii=False) if ent.data else None
        if row is None:
            conn.execute(
                "INSERT INTO entities(id, key, type, name, role, affiliation, data) VALUES (?,?,?,?,?,?,?)",
                [eid, ent.key, ent.type, ent.name, ent.role, ent.affiliation, data],
            )
        else:
            role, affiliation = row
            if ent.role and (not role or len(ent.role) > len(role)):
                conn.execute("UPDATE entities SET role = ? WHERE id = ?", [ent.role, eid])
            if ent.affiliation and not affiliation:
                conn.execute("UPDATE entities SET affiliation = ? WHERE id = ?", [ent.affiliation, eid])
        for alias in dict.fromkeys((ent.name, *ent.aliases)):  # one per key ('실리콘 밸리' = 실리콘밸리): the name's form first
            conn.execute(
                "INSERT OR IGNORE INTO entity_aliases(entity_id, type, alias, alias_key) VALUES (?,?,?,?)",
                [eid, ent.type, alias, norm(alias)],
            )
        conn.executemany(
            'INSERT INTO mentions(entity_id, article_id, paragraph_index, start, "end", role, affiliation)'
            " VALUES (?,?,?,?,?,?,?)",
            [(eid, article_id, p, s, e, ent.role, ent.affiliation) for p, s, e in ent.mentions],
        )
    conn.execute(
        "INSERT INTO entity_analysis(article_id, version, analysed_at, error) VALUES (?,?,?,?)"
        " ON CONFLICT(article_id) DO UPDATE SET version = excluded.version,"
        " analysed_at = excluded.analysed_at, error = excluded.error",
        [article_id, version, analysed_at, error],
    )


def _resolve_id(conn: sqlite3.Connection, ent: Any, norm: Any) -> str:
    row = conn.execute("SELECT id FROM entities WHERE key = ?", [ent.key]).fetchone()
    if row:
        return row[0]
    if ent.type not in ("figure", "person", "reporter"):
        names = {ent.name, *ent.aliases}
        year = ent.name[-4:] if ent.type == "event" and ent.name[-4:].isdigit() else None
        if year:  # "CES" alone or "국제전자제품박람회" must not join CES 2019 to CES 2023
            names = {a for a in names if year in a}
        keys = [norm(a) for a in names if len(norm(a)) >= 2]
        for k in keys:
            row = conn.execute(
                "SELECT entity_id FROM entity_aliases WHERE type = ? AND alias_key = ? LIMIT 1", [ent.type, k]
            ).fetchone()
            if row:
                return row[0]
    eid = entity_id_for(ent.key)
    while conn.execute("SELECT 1 FROM entities WHERE id = ? AND key != ?", [eid, ent.key]).fetchone():
        eid = entity_id_for(eid + ent.key)
    return eid


def move_article(conn: sqlite3.Connection, old: str, new: str) -> None:
    """An excerpt replaced by its full page (store.dedupe): the old spans point
    into other paragraphs, so they go, and the page is analysed afresh on the
    next run (its stored version is forgotten)."""
    conn.execute("DELETE FROM mentions WHERE article_id = ?", [old])
    conn.execute("DELETE FROM entity_analysis WHERE article_id IN (?, ?)", [old, new])


def settle_roles(conn: sqlite3.Connection, article_ids: Sequence[str]) -> None:
    """A person's role is the one their newest article gives ('국무총리' after
    '전남도지사'); each mention keeps the role its own article printed. Only the
    people the given (just analysed) articles name can change."""
    newest = (
        "SELECT {column} FROM mentions m JOIN articles a ON a.id = m.article_id"
        " WHERE m.entity_id = entities.id AND coalesce(m.role, '') != ''"
        " ORDER BY a.published IS NULL, a.published DESC, length(m.role) DESC LIMIT 1"
    )
    conn.execute(
        f"UPDATE entities SET role = ({newest.format(column='m.role')}),"
        f" affiliation = coalesce(({newest.format(column='m.affiliation')}), affiliation)"
        f" WHERE type = 'person' AND EXISTS ({newest.format(column='1')})"
        " AND id IN (SELECT entity_id FROM mentions WHERE article_id IN (SELECT value FROM json_each(?)))",
        [json.dumps(list(article_ids))],
    )


def drop_unmentioned(conn: sqlite3.Connection) -> int:
    """Entities no article names any more (articles re-analysed or deleted)."""
    cur = conn.execute("DELETE FROM entities WHERE id NOT IN (SELECT DISTINCT entity_id FROM mentions)")
    return cur.rowcount
