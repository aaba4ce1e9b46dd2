"""Schema and migrations.

Each component (core, search, entities, ...) owns its tables and keeps an
ordered list of migrations; the version reached is stored per component in
`schema_versions`, so a database made by an older valley-tui is upgraded in
place on open, and components can grow independently.

Rowid rule: every table with an FTS index has an INTEGER PRIMARY KEY, so its
rowid is a real column that VACUUM cannot renumber under the index.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

import sqlite_utils

Migration = Callable[[sqlite_utils.Database], None]
#: (component name, its migrations) of every component but core; database.COMPONENTS.
Components = Sequence[tuple[str, Sequence[Migration]]]


def _core_v1(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS articles (
            num INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            subtitles TEXT NOT NULL DEFAULT '[]',
            published TEXT,
            published_precision TEXT,
            modified TEXT,
            outlet TEXT,
            wire_source TEXT,
            reporters TEXT NOT NULL DEFAULT '[]',
            dateline TEXT,
            cities TEXT NOT NULL DEFAULT '[]',
            url TEXT,
            is_excerpt INTEGER NOT NULL DEFAULT 0,
            hidden INTEGER NOT NULL DEFAULT 0,
            cluster_id TEXT,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
        CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
        CREATE TABLE IF NOT EXISTS paragraphs (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            idx INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            UNIQUE(article_id, idx)
        );
        CREATE TABLE IF NOT EXISTS sources (
            path TEXT PRIMARY KEY,
            raw_path TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            encoding TEXT,
            status TEXT NOT NULL,
            error TEXT,
            article_id TEXT REFERENCES articles(id) ON DELETE SET NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS sources_article ON sources(article_id);
        """
    )
    db["articles"].enable_fts(["title", "subtitles"], tokenize="trigram", create_triggers=True)
    # detail=full (the default) stays, though detail=none would write ingest's
    # paragraphs about 10% faster: Datasette and sqlite-utils quote each search
    # word, a quoted word of four or more characters is a phrase of trigrams,
    # and FTS5 refuses phrase queries unless detail=full.
    db["paragraphs"].enable_fts(["text"], tokenize="trigram", create_triggers=True)


def _core_v2(db: sqlite_utils.Database) -> None:
    """The FTS update triggers sqlite-utils makes fire on any column; they
    now fire only when an indexed column changes. Setting `cluster_id` on
    10,000 articles after an ingest re-indexed every title (1.5 s of the
    2.5 s that grouping took)."""
    for table, columns in (("articles", ("title", "subtitles")), ("paragraphs", ("text",))):
        fts = f"{table}_fts"
        listed = ", ".join(f'"{c}"' for c in columns)
        old_values = ", ".join(f'old."{c}"' for c in columns)
        new_values = ", ".join(f'new."{c}"' for c in columns)
        run_script(
            db,
            f"""
            DROP TRIGGER IF EXISTS "{table}_au";
            CREATE TRIGGER "{table}_au" AFTER UPDATE OF {listed} ON "{table}" BEGIN
              INSERT INTO "{fts}" ("{fts}", rowid, {listed}) VALUES('delete', old.rowid, {old_values});
              INSERT INTO "{fts}" (rowid, {listed}) VALUES (new.rowid, {new_values});
            END;
            """,
        )


#: FTS5's in-memory buffer of new index terms before it writes them out as
#: a segment (its default is 1 MiB). A batch of ingested articles overflowed
#: the default several times per commit, and each small segment was merged
#: again and again: 8 MiB cut writing a 3,000-page batch by a quarter.
FTS_HASHSIZE = 8 << 20


def fts_config(conn: sqlite3.Connection, table: str, **settings: int) -> None:
    """Set FTS5 configuration options (automerge, crisismerge, hashsize...)
    of `table`; they are stored with the table, for every connection."""
    for key, value in settings.items():
        conn.execute(f'INSERT INTO "{table}"("{table}", rank) VALUES (?, ?)', [key, value])


def _core_v3(db: sqlite_utils.Database) -> None:
    """Fewer, larger FTS merges for the stored text, as the search index has
    (FTS5's defaults merge every 4 segments: most of an ingest's indexing)."""
    fts_config(db.conn, "paragraphs_fts", automerge=16, crisismerge=64, hashsize=FTS_HASHSIZE)
    fts_config(db.conn, "articles_fts", automerge=16, crisismerge=64)


def _core_v4(db: sqlite_utils.Database) -> None:
    """Labels such as [단독] or 속보 are kept beside the title, not in it."""
    if "labels" not in db["articles"].columns_dict:
        db.execute("ALTER TABLE articles ADD COLUMN labels TEXT NOT NULL DEFAULT '[]'")


CORE: list[Migration] = [_core_v1, _core_v2, _core_v3, _core_v4]


def run_script(db: sqlite_utils.Database, script: str) -> None:
    """Run a migration's SQL statement by statement in its transaction.
    (sqlite3's executescript commits first and runs each statement on its
    own, so a migration killed half-way would stay half done.)"""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.conn.execute(pending)
            pending = ""
    if pending.strip():
        db.conn.execute(pending)


def migrate(db: sqlite_utils.Database, component: str, migrations: Sequence[Migration]) -> None:
    """Run the migrations of `component` that this database has not seen yet,
    each in one transaction: a step killed half-way is undone, and the next
    open runs it again from the start.  The version is read again under the
    write lock, so two processes opening an old database at once run each
    step once."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)"
    )
    while _version(db, component) < len(migrations):
        with db.conn:
            if not db.conn.in_transaction:
                db.conn.execute("BEGIN IMMEDIATE")
            current = _version(db, component)
            if current < len(migrations):
                migrations[current](db)
                db.execute(
                    "INSERT INTO schema_versions(component, version) VALUES (?, ?) "
                    "ON CONFLICT(component) DO UPDATE SET version = excluded.version",
                    [component, current + 1],
                )


def _version(db: sqlite_utils.Database, component: str) -> int:
    row = db.execute("SELECT version FROM schema_versions WHERE component = ?", [component]).fetchone()
    return row[0] if row else 0


def outdated(path: str | os.PathLike[str], components: Components) -> bool:
    """Whether opening the database at `path` will migrate it (an older
    valley-tui made it): the app says so first, as a big corpus takes a while."""
    if str(path) == ":memory:" or not os.path.exists(path):
        return False
    try:
        conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            have = dict(conn.execute("SELECT component, version FROM schema_versions").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:  # no schema_versions (not ours, or empty): nothing to say
        return False
    wanted = [("core", CORE), *components]
    return any(have.get(name, 0) < len(steps) for name, steps in wanted)


class NewerSchema(Exception):
    """The database was written by a newer valley-tui: this one must not write to it."""

    def __init__(self, component: str, version: int) -> None:
        self.component, self.version = component, version
        super().__init__(f"made by a newer valley-tui (schema {component} {version}); upgrade to write")


def newer_than_known(db: sqlite_utils.Database, components: Components) -> tuple[str, int] | None:
    """A component whose stored version is above what this valley-tui knows, if any."""
    if "schema_versions" not in db.table_names():
        return None
    have = dict(db.execute("SELECT component, version FROM schema_versions").fetchall())
    for name, steps in [("core", CORE), *components]:
        if have.get(name, 0) > len(steps):
            return name, have[name]
    return None


def ensure(db: sqlite_utils.Database, components: Components) -> None:
    """Bring every component's tables up to date, in dependency order. A
    database from a newer valley-tui is refused (NewerSchema) before anything
    is written: an older program could damage tables it does not understand."""
    newer = newer_than_known(db, components)
    if newer is not None:
        raise NewerSchema(*newer)
    migrate(db, "core", CORE)
    for component, migrations in components:
        migrate(db, component, migrations)
