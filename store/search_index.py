"""Tables and maintenance of the Korean-aware search index (owned by search).

Why a second index beside `paragraphs_fts`: a trigram index over the stored
text needs three *characters*, so it cannot find 포항 or 항, nor 퐇 (half of
포항), nor 영일만밸리 in "영일만 밸리".  This index holds, per paragraph, one
string made of

    jamo stream | initial-consonant stream

of the paragraph's *normalised* text (letters and digits only: spaces and
punctuation dropped, Latin lower-cased, NFC kept).  Each jamo is written as
one ASCII code, with initial and final consonants as different codes so
포항 never matches across 포하+ㅇ.. by accident; Latin letters and digits
stand for themselves.  A syllable is 2-5 codes, so a trigram of codes is
already selective for one syllable, and the initial-consonant stream answers
ㅇㅇㅁ -> 영일만.

The FTS5 tables are trigram, `detail=none` (rowids only: the smallest index;
matches are candidates that search.py verifies with a regex on the stored
text) over an external content table `search_text`, so a deleted paragraph
can be removed from the index by plain SQL triggers, from any connection.
There are two of them, one per shard of search_text (see SHARD_TABLES): a
bulk build fills both at once on two cores.
"""

from __future__ import annotations

import glob
import os
import queue
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from . import parallel
from .jamo_codes import bodies_of, index_body
from .schema import FTS_HASHSIZE, Migration, fts_config, run_script

# -- schema ------------------------------------------------------------------


def _search_v1(db: sqlite_utils.Database) -> None:
    run_script(db, 
        """
        CREATE TABLE IF NOT EXISTS search_text (
            id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
            body TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
            body, content='search_text', content_rowid='id', detail=none, columnsize=0,
            tokenize='trigram case_sensitive 1'
        );
        -- Fewer, larger merges: the bulk build is dominated by segment merging.
        INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 16);
        INSERT INTO search_fts(search_fts, rank) VALUES ('crisismerge', 64);
        CREATE TRIGGER IF NOT EXISTS search_text_ai AFTER INSERT ON search_text BEGIN
            INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body);
        END;
        CREATE TRIGGER IF NOT EXISTS search_text_ad AFTER DELETE ON search_text BEGIN
            INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
        END;
        CREATE TRIGGER IF NOT EXISTS search_text_au AFTER UPDATE ON search_text BEGIN
            INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
            INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body);
        END;
        -- Works even on a connection without PRAGMA foreign_keys.
        CREATE TRIGGER IF NOT EXISTS search_paragraph_ad AFTER DELETE ON paragraphs BEGIN
            DELETE FROM search_text WHERE id = old.id;
        END;
        -- An edited paragraph leaves the index until reindex() sees it again.
        CREATE TRIGGER IF NOT EXISTS search_paragraph_au AFTER UPDATE OF text ON paragraphs BEGIN
            DELETE FROM search_text WHERE id = old.id;
        END;
        """
    )


#: The index's FTS5 tables, one per shard of search_text (its `shard`
#: column, read through the views search_text_0, search_text_1).  Everyday
#: writes go to shard 0.  FTS5 builds one table on one core only, so a bulk
#: `rebuild` on two cores puts every other paragraph in shard 1, built by a
#: second thread in a file of its own and copied in; search asks both.
SHARD_TABLES = ("search_fts", "search_fts_1")


def _fts_ddl(shard: int) -> str:
    return (
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {SHARD_TABLES[shard]} USING fts5(body,"
        f" content='search_text_{shard}', content_rowid='id', detail=none, columnsize=0,"
        " tokenize='trigram case_sensitive 1')"
    )


def _each_shard(statement: str) -> str:
    """`statement` once per shard ({t}: its FTS table, {n}: its number)."""
    return " ".join(statement.format(t=t, n=n) for n, t in enumerate(SHARD_TABLES))


_INSERT = "INSERT INTO {t}(rowid, body) SELECT new.id, new.body WHERE new.shard = {n};"
_DELETE = "INSERT INTO {t}({t}, rowid, body) SELECT 'delete', old.id, old.body WHERE old.shard = {n};"
#: The triggers that keep the shards in step with search_text; the insert and
#: delete ones are dropped for a bulk `rebuild`.
_BULK_TRIGGERS = {
    "search_text_ai": "CREATE TRIGGER IF NOT EXISTS search_text_ai AFTER INSERT ON search_text BEGIN "
    + _each_shard(_INSERT) + " END",
    "search_text_ad": "CREATE TRIGGER IF NOT EXISTS search_text_ad AFTER DELETE ON search_text BEGIN "
    + _each_shard(_DELETE) + " END",
}
_UPDATE_TRIGGER = (
    "CREATE TRIGGER IF NOT EXISTS search_text_au AFTER UPDATE ON search_text BEGIN "
    + _each_shard(_DELETE) + " " + _each_shard(_INSERT) + " END"
)


def _search_v2(db: sqlite_utils.Database) -> None:
    """Shards: search_text gains its `shard` column and search_fts is made
    again over the view of shard 0, beside search_fts_1; then a bulk build."""
    conn = db.conn
    for name in (*_BULK_TRIGGERS, "search_text_au"):
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    conn.execute("DROP TABLE IF EXISTS search_fts")
    conn.execute("ALTER TABLE search_text ADD COLUMN shard INTEGER NOT NULL DEFAULT 0")
    for n, table in enumerate(SHARD_TABLES):
        conn.execute(f"CREATE VIEW IF NOT EXISTS search_text_{n} AS SELECT id, body FROM search_text WHERE shard = {n}")
        conn.execute(_fts_ddl(n))
        fts_config(conn, table, automerge=AUTOMERGE, crisismerge=CRISISMERGE)
    for sql in (*_BULK_TRIGGERS.values(), _UPDATE_TRIGGER):
        conn.execute(sql)
    # A database older than search (or than shards) may hold many paragraphs.
    rebuild(conn)


def _search_v3(db: sqlite_utils.Database) -> None:
    """A larger buffer of pending terms (see schema.FTS_HASHSIZE)."""
    for table in SHARD_TABLES:
        fts_config(db.conn, table, hashsize=FTS_HASHSIZE)


MIGRATIONS: list[Migration] = [_search_v1, _search_v2, _search_v3]


def matching_rowids(*, between: bool = False) -> str:
    """SQL for the ids (column `id`) of the paragraphs every shard matches,
    newest first; parameters from `match_params`, then the LIMIT."""
    cond = " AND rowid BETWEEN ? AND ?" if between else ""
    arms = [f"SELECT rowid AS id FROM {t} WHERE {t} MATCH ?{cond}" for t in SHARD_TABLES]
    return " UNION ALL ".join(arms) + " ORDER BY 1 DESC LIMIT ?"


def match_params(fts: str, *between: int) -> list[Any]:
    return [fts, *between] * len(SHARD_TABLES)


#: The AFTER INSERT trigger that feeds search_fts: a writer that suspends it
#: (corpus batches do, see corpus._Batch) indexes with `add_bodies`.
INSERT_TRIGGER = "search_text_ai"


def add_bodies(conn: sqlite3.Connection, rows: list[tuple[int, str]]) -> None:
    """Index new paragraphs from their (id, `index_body`) rows, feeding
    search_fts directly, one row per statement: for a writer that suspended
    INSERT_TRIGGER."""
    conn.executemany("INSERT INTO search_text(id, body) VALUES (?, ?)", rows)
    conn.executemany("INSERT INTO search_fts(rowid, body) VALUES (?, ?)", rows)


def reindex(conn: sqlite3.Connection, *, batch: int = 5000) -> int:
    """Index every paragraph the index lacks (new database, edited paragraphs,
    rows written by a tool that bypassed Corpus).  Returns how many."""
    done = 0
    while True:
        rows = conn.execute(
            "SELECT p.id, p.text FROM paragraphs p LEFT JOIN search_text s ON s.id = p.id"
            " WHERE s.id IS NULL LIMIT ?",
            [batch],
        ).fetchall()
        if not rows:
            return done
        conn.executemany(
            "INSERT INTO search_text(id, body) VALUES (?, ?)",
            [(pid, index_body(text)) for pid, text in rows],
        )
        done += len(rows)


#: FTS5 merge settings for everyday writes (ingest): fewer, larger merges.
AUTOMERGE = 16
CRISISMERGE = 64
#: ... and for a bulk build: no merging while rows go in (merging is most of
#: an incremental build's cost: the same doclists rewritten level after
#: level), then one 'optimize' that merges every segment once.
BULK_CRISISMERGE = 1000
#: Paragraphs per chunk handed to a worker process.
CHUNK = 1000
#: Below this many paragraphs the bodies are computed in this process
#: (starting workers would cost more than it saves).
PARALLEL_MIN = 20_000


def default_workers() -> int:
    return max(1, min(2, parallel.cores()))


def _chunks(cur: sqlite3.Cursor) -> Iterator[list[tuple[int, str]]]:
    while True:
        rows = cur.fetchmany(CHUNK)
        if not rows:
            return
        yield rows


def _indexed(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(id, text) rows -> (id, body) rows: what a worker process computes."""
    return list(zip((pid for pid, _ in rows), bodies_of([text for _, text in rows])))


def _indexed_chunks(
    conn: sqlite3.Connection, workers: int, waited: list[float]
) -> Iterator[list[tuple[int, str]]]:
    """(id, body) of every paragraph in id order, chunk by chunk; with
    `workers` > 1 the bodies are computed by that many worker processes
    while the caller does its own work (the inserts) on the chunks before.
    `waited[0]` accumulates the seconds spent waiting for (or computing) bodies."""
    cur = conn.execute("SELECT id, text FROM paragraphs ORDER BY id")
    results = parallel.ordered_map(_indexed, _chunks(cur), workers=workers)
    while True:
        t = time.perf_counter()
        chunk = next(results, None)
        waited[0] += time.perf_counter() - t
        if chunk is None:
            return
        yield chunk


def rebuild(
    conn: sqlite3.Connection, *, timings: dict[str, float] | None = None, workers: int | None = None
) -> int:
    """Recompute the whole index in bulk: bodies into search_text and FTS5 fed
    directly, with the triggers' work left out (the per-row delete trigger
    alone costs as much as the build) and merging held back, then one
    'optimize' per shard.

    Bodies are computed by `workers` processes (default: up to 2, one per
    core, when there are at least PARALLEL_MIN paragraphs) while this process
    indexes the ones before.  With more than one worker, every other
    paragraph goes to shard 1, which a second thread indexes at the same time
    (see `_ShardBuilder`).  `timings`, when given, receives seconds: bodies_s
    (waiting for bodies, or computing them when serial), text_s (search_text
    inserts), fts_s (FTS5 inserts and merges, shard 1's copy included),
    total_s.  Run it inside a transaction, so no reader sees the index empty."""
    t0 = time.perf_counter()
    if workers is None:
        workers = default_workers()
        if workers > 1:
            n = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
            if n < PARALLEL_MIN:
                workers = 1
    for name in _BULK_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    waited = [0.0]
    text_s = fts_s = 0.0
    total = 0
    second = _ShardBuilder.start(conn) if workers > 1 else None
    try:
        conn.execute("DELETE FROM search_text")
        for table in SHARD_TABLES[: 1 if second else None]:  # a second builder replaces shard 1 whole
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
            fts_config(conn, table, automerge=0, crisismerge=BULK_CRISISMERGE)
        split = 2 if second else 1  # row k of a chunk goes to shard k % split
        for rows in _indexed_chunks(conn, workers, waited):
            t = time.perf_counter()
            conn.executemany(
                "INSERT INTO search_text(id, body, shard) VALUES (?, ?, ?)",
                [(i, body, k % split) for k, (i, body) in enumerate(rows)],
            )
            text_s += time.perf_counter() - t
            t = time.perf_counter()
            if second:
                second.add(rows[1::2])
            conn.executemany("INSERT INTO search_fts(rowid, body) VALUES (?, ?)", rows[0::split])
            fts_s += time.perf_counter() - t
            total += len(rows)
        t = time.perf_counter()
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        if second:
            try:
                second.copy_into(conn)
            except (sqlite3.Error, OSError):  # its scratch file failed (a full disk): index shard 1 here
                _fill_shard(conn, 1)
        fts_s += time.perf_counter() - t
    finally:
        if second:
            second.close()
        for table in SHARD_TABLES:
            fts_config(conn, table, automerge=AUTOMERGE, crisismerge=CRISISMERGE)
        for sql in _BULK_TRIGGERS.values():
            conn.execute(sql)
    if timings is not None:
        timings["bodies_s"] = waited[0]
        timings["text_s"] = text_s
        timings["fts_s"] = fts_s
        timings["total_s"] = time.perf_counter() - t0
    return total


def _fill_shard(conn: sqlite3.Connection, shard: int) -> None:
    """Index a shard's search_text rows through this connection (slow path)."""
    table = SHARD_TABLES[shard]
    conn.execute(f"INSERT INTO {table}({table}) VALUES ('delete-all')")
    conn.execute(
        f"INSERT INTO {table}(rowid, body) SELECT id, body FROM search_text WHERE shard = ? ORDER BY id", [shard]
    )
    conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


class _ShardBuilder:
    """Indexes shard 1 of a bulk build on a thread of its own, in a scratch
    database file (one SQLite file has one writer; SQLite lets go of the GIL
    while it works, so the two shards are built on two cores), then copies the
    finished FTS5 table's storage into the corpus: the same table, same
    tokenizer, so its segments are valid there as they are."""

    TABLE = SHARD_TABLES[1]

    @classmethod
    def start(cls, conn: sqlite3.Connection) -> _ShardBuilder | None:
        """A builder with its scratch file beside the database (a disk with
        room for it); None when that cannot be made (one core will do).
        The caller holds the database's write lock, so a scratch directory of
        the same database found there was left by a build that was killed."""
        path = conn.execute("PRAGMA database_list").fetchone()[2]
        scratch, prefix = (os.path.dirname(path), f".{os.path.basename(path)}.search-") if path else (None, ".search-")
        if scratch is not None:
            for stale in glob.glob(os.path.join(glob.escape(scratch), glob.escape(prefix) + "*")):
                shutil.rmtree(stale, ignore_errors=True)
        try:
            return cls(scratch, prefix)
        except (OSError, sqlite3.Error):
            return None

    def __init__(self, scratch: str | None, prefix: str) -> None:
        self.dir = tempfile.mkdtemp(prefix=prefix, dir=scratch)
        try:
            self.conn = sqlite3.connect(
                os.path.join(self.dir, "shard.db"), check_same_thread=False, isolation_level=None
            )
            self.conn.execute("PRAGMA journal_mode = OFF")
            self.conn.execute("PRAGMA synchronous = OFF")
            self.conn.execute(_fts_ddl(1))
            fts_config(self.conn, self.TABLE, automerge=0, crisismerge=BULK_CRISISMERGE, hashsize=FTS_HASHSIZE)
        except BaseException:
            shutil.rmtree(self.dir, ignore_errors=True)
            raise
        self.rows: queue.Queue[list[tuple[int, str]] | None] = queue.Queue(maxsize=8)
        self.error: BaseException | None = None
        self.cancelled = False  # the build failed: drain the queue, index nothing more
        self.thread = threading.Thread(target=self._run, name="search-shard", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            self.conn.execute("BEGIN")
            while (rows := self.rows.get()) is not None:
                if not self.cancelled:
                    self.conn.executemany(f"INSERT INTO {self.TABLE}(rowid, body) VALUES (?, ?)", rows)
            if not self.cancelled:
                self.conn.execute(f"INSERT INTO {self.TABLE}({self.TABLE}) VALUES ('optimize')")
                self.conn.execute("COMMIT")
        except Exception as e:  # noqa: BLE001  reported by copy_into; keep taking rows so add() never blocks
            self.error = e
            while self.rows.get() is not None:
                pass

    def add(self, rows: list[tuple[int, str]]) -> None:
        self.rows.put(rows)

    def copy_into(self, conn: sqlite3.Connection) -> None:
        self.rows.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        t = self.TABLE
        # Made again rather than emptied: FTS5 keeps a table's segment list
        # cached per connection, and would not see rows written under it.
        conn.execute(f"DROP TABLE {t}")
        conn.execute(_fts_ddl(1))
        conn.execute(f"DELETE FROM {t}_data")
        conn.execute(f"DELETE FROM {t}_idx")
        conn.executemany(f"INSERT INTO {t}_data(id, block) VALUES (?, ?)", self.conn.execute(f"SELECT id, block FROM {t}_data"))
        conn.executemany(
            f"INSERT INTO {t}_idx(segid, term, pgno) VALUES (?, ?, ?)",
            self.conn.execute(f"SELECT segid, term, pgno FROM {t}_idx"),
        )

    def close(self) -> None:
        if self.thread.is_alive():  # rebuild failed before copy_into
            self.cancelled = True
            self.rows.put(None)
            self.thread.join()
        self.conn.close()
        shutil.rmtree(self.dir, ignore_errors=True)
