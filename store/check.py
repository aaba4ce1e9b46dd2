"""`valley-tui check [--repair]`: is the database whole, and can what is
derived from the articles be rebuilt from them?

Checks, each a `Finding` (name, ok, detail):
- SQLite's own integrity_check;
- FTS5 integrity of every full-text index (titles, paragraphs, the search shards);
- orphans: paragraphs, mentions or sources pointing at articles that are gone;
- the search index against the paragraphs (one indexed body per paragraph);
- the comparison's facts: every article read by the current rules.

`repair` rebuilds only what is derived (the full-text and search indexes, the
orphan rows; `Corpus.repair` then reads the comparison facts); the articles and their paragraphs are never touched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from . import search_index

_FTS = ("articles_fts", "paragraphs_fts", *search_index.SHARD_TABLES)
_ORPHANS = {
    "paragraphs without their article": "FROM paragraphs WHERE article_id NOT IN (SELECT id FROM articles)",
    "mentions of missing articles": "FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)",
    "sources naming missing articles": (
        "FROM sources WHERE article_id IS NOT NULL AND article_id NOT IN (SELECT id FROM articles)"
    ),
}


@dataclass
class Finding:
    name: str
    ok: bool
    detail: str = ""

    def line(self) -> str:
        return f"{'ok ' if self.ok else 'BAD'} {self.name}" + (f": {self.detail}" if self.detail else "")


def check(conn: sqlite3.Connection) -> list[Finding]:
    found: list[Finding] = []
    result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
    found.append(Finding("sqlite integrity", result == ["ok"], "" if result == ["ok"] else "; ".join(result[:5])))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for fts in _FTS:
        if fts not in tables:
            continue
        try:
            with conn:  # the check is an INSERT: never leave its transaction open
                conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")
            found.append(Finding(f"full-text index {fts}", True))
        except sqlite3.DatabaseError as exc:
            found.append(Finding(f"full-text index {fts}", False, str(exc)))
    for name, rows in _ORPHANS.items():
        if rows.split()[1] not in tables:
            continue
        n = conn.execute(f"SELECT count(*) {rows}").fetchone()[0]
        found.append(Finding(name, n == 0, f"{n} rows" if n else ""))
    if "search_text" in tables:
        paragraphs = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
        indexed = conn.execute("SELECT count(*) FROM search_text").fetchone()[0]
        missing = conn.execute("SELECT count(*) FROM paragraphs WHERE id NOT IN (SELECT id FROM search_text)").fetchone()[0]
        ok = missing == 0 and indexed == paragraphs
        found.append(Finding("search index covers every paragraph", ok, "" if ok else f"{indexed} indexed of {paragraphs}"))
    if "comparison_read" in tables:
        from .comparison.facts import UNREAD_SQL, VERSION

        unread = conn.execute(f"SELECT count(*) {UNREAD_SQL}", [VERSION]).fetchone()[0]
        # Derived and read on demand: not a fault, but --repair reads them now.
        detail = f"{unread} article{'s' if unread != 1 else ''} not read yet (the next comparison or --repair reads them)" if unread else ""
        found.append(Finding("comparison facts", True, detail))
    return found


def repair(conn: sqlite3.Connection) -> list[str]:
    """Rebuild what is derived; return what was done, a line each."""
    done: list[str] = []
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    with conn:
        for name, rows in _ORPHANS.items():
            if rows.split()[1] in tables:
                n = conn.execute(f"DELETE {rows}").rowcount
                if n:
                    done.append(f"removed {n} {name}")
        for fts in ("articles_fts", "paragraphs_fts"):
            if fts in tables:
                conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
                done.append(f"rebuilt {fts}")
    if "search_text" in tables:
        with conn:
            stale = conn.execute("DELETE FROM search_text WHERE id NOT IN (SELECT id FROM paragraphs)").rowcount
            n = search_index.reindex(conn)
            for fts in search_index.SHARD_TABLES:
                if fts in tables:
                    conn.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        done.append(f"rebuilt the search index ({n} paragraphs added, {stale} stale rows removed)")
    return done
