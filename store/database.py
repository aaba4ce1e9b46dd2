"""The storage core: one SQLite file, its tables brought up to date, and the
article writer that ingest feeds (batches, all-or-nothing files).

`Corpus` (corpus.py) builds the query API on this class; the ingest and
analysis pipelines take a `Database`, so they need nothing from the query side
and the query side can offer them as methods without an import cycle.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Self, TypeVar

import sqlite_utils

from . import (
    dedupe,
    entity_store,
    excerpts,
    jamo_codes,
    report_tables,
    schema,
    search_index,
    supplied_entities,
)
from .records import ParsedArticle, Source
from .writers import busy_seconds

T = TypeVar("T")

#: Every component's tables, in the order they are brought up to date (each
#: keeps its DDL beside its code; "core" comes first, from schema.py).
COMPONENTS: list[tuple[str, Sequence[schema.Migration]]] = [
    ("search", search_index.MIGRATIONS),
    ("entities", entity_store.MIGRATIONS),
    ("clusters", dedupe.MIGRATIONS),
    ("supplied_entities", supplied_entities.MIGRATIONS),
    ("reports", report_tables.REPORTS),
    ("comparisons", report_tables.COMPARISONS),
    ("comparison_facts", report_tables.COMPARISON_FACTS),
]

def article_id(parsed: ParsedArticle) -> str:
    """A stable id from the normalised content, so the same article read from
    another file, encoding or Unicode normalisation lands on the same row."""
    parts = [parsed.title] + [p.text for p in parsed.paragraphs if p.kind != "byline"]
    text = unicodedata.normalize("NFC", "\n".join(parts))
    text = "".join(text.split())  # every whitespace character, as r"\s+" (3x faster)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Derived:
    """What storing an article computes from its text alone: its id, the
    search index body of each paragraph, its near-duplicate signatures.
    Pure functions of the ParsedArticle, so ingest computes them in its
    reading process, beside the cleaning, and the writer only writes."""

    article_id: str
    index_bodies: list[str]
    signatures: tuple[bytes | None, bytes | None]


def derive(articles: Sequence[ParsedArticle]) -> list[Derived]:
    """Derived values of many articles (signatures and index bodies are
    cheaper by the chunk)."""
    signatures = dedupe.signatures([dedupe.parsed_body(p) for p in articles])
    texts = [p.text for parsed in articles for p in parsed.paragraphs]
    bodies = iter(jamo_codes.bodies_of(texts))
    return [
        Derived(article_id(parsed), [next(bodies) for _ in parsed.paragraphs], sigs)
        for parsed, sigs in zip(articles, signatures)
    ]


@dataclass(frozen=True)
class StoredSource:
    """What a re-run needs to know of a stored file: its bytes' hash, and the
    problems it was stored with."""

    sha256: str
    problems: list[str]


def stored_source(conn: sqlite3.Connection, path: str) -> StoredSource | None:
    """The stored file at `path` (a source key), if it was read successfully."""
    row = conn.execute("SELECT sha256, error FROM sources WHERE path = ? AND status = 'ok'", [path]).fetchone()
    return StoredSource(row[0], row[1].split("\n") if row[1] else []) if row else None


def now_iso() -> str:
    return _local_iso(int(time.time()))


@functools.lru_cache(maxsize=1)
def _local_iso(second: int) -> str:
    """Local time of one second, formatted once: a batch stamps thousands of
    rows within the same second, and the local-zone lookup is not free."""
    return datetime.fromtimestamp(second, timezone.utc).astimezone().isoformat(timespec="seconds")


#: Bytes per database page for a new corpus (SQLite's default: 4096). The
#: FTS indexes are most of an ingest's writing, and with pages twice as big
#: it made half the reads and writes and took ~8% less time.
PAGE_SIZE = 8192
#: WAL pages between automatic checkpoints inside a batch (SQLite's default: 1,000).
BATCH_CHECKPOINT_PAGES = 8192


class Database:
    def __init__(self, path: str | os.PathLike[str], *, check_same_thread: bool = True) -> None:
        self.path = Path(path)
        self._batch: _Batch | None = None
        #: True when the file could only be opened for reading (a read-only disk or
        #: folder): reading works, the first write fails with SQLite's read-only error
        self.read_only = False
        try:
            self._open(path, check_same_thread)
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if str(path) == ":memory:" or not self.path.is_file() or not ("unable to open" in text or "readonly" in text):
                raise
            conn = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True,
                                   check_same_thread=check_same_thread)
            self.db = sqlite_utils.Database(conn)
            self.read_only = True
            newer = schema.newer_than_known(self.db, COMPONENTS)
            if newer is not None:
                conn.close()
                raise schema.NewerSchema(*newer) from None

    def _open(self, path: str | os.PathLike[str], check_same_thread: bool) -> None:
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=check_same_thread, timeout=busy_seconds())
        self.db = sqlite_utils.Database(conn)
        self.db.execute("PRAGMA foreign_keys = ON")
        newer = schema.newer_than_known(self.db, COMPONENTS)  # before anything is written (WAL switch included)
        if newer is not None:
            conn.close()
            raise schema.NewerSchema(*newer)
        self.db.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # a new file only: a made one keeps its own
        if str(path) != ":memory:":
            self._wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
        schema.ensure(self.db, COMPONENTS)

    def _wal(self) -> None:
        """Switch a new file to WAL. The switch needs the file to itself and SQLite
        answers 'locked' at once, without its busy wait, while a second process
        opens the same new file (two ingests started together): wait here instead."""
        deadline = time.monotonic() + busy_seconds()
        while True:
            try:
                if self.db.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    self.db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _writable(self) -> None:
        """A database opened read-only refuses writes before any starts (SQLite's own error text)."""
        if self.read_only:
            raise sqlite3.OperationalError("attempt to write a readonly database")

    # -- lifecycle -------------------------------------------------------
    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction for work beside the article path (entities,
        corrections). An open batch commits first, so the two never mix."""
        if self._batch is not None:
            self._batch.commit()
        self._writable()
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    @contextmanager
    def batch(self, *, max_articles: int = 256, max_seconds: float = 0.5) -> Iterator[None]:
        """Store many articles per transaction (a big ingest).

        Per-transaction costs (the FTS segment flush, WAL frames of shared
        pages, the commit itself) dominated one-article transactions. Commits
        still come often: after 16 articles, then twice as many each time up to
        `max_articles`, and at least every `max_seconds`, so a kill loses at
        most that much work and readers see the corpus grow. Every commit holds
        whole articles only: see `_Batch` for how a failing article is undone
        alone. Nested calls join the outer batch.
        """
        if self._batch is not None:
            yield
            return
        self._writable()
        conn = self.db.conn
        batch = _Batch(conn, max_articles, max_seconds)
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        checkpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: FTS and index pages stay hot
        conn.execute("PRAGMA temp_store = MEMORY")
        # WAL checkpoints every BATCH_CHECKPOINT_PAGES, not 1,000: each ends in an fsync
        # (~4 ms here), 116 of them in an ingest of 10,000 pages; fewer, and a
        # page rewritten between two of them is copied to the file once.
        if 0 < int(checkpoint) < BATCH_CHECKPOINT_PAGES:  # 0: checkpoints are off, and stay off
            conn.execute(f"PRAGMA wal_autocheckpoint = {BATCH_CHECKPOINT_PAGES}")
        self._batch = batch
        try:
            yield
        finally:
            self._batch = None
            batch.commit()  # only whole articles are in it
            conn.execute(f"PRAGMA cache_size = {int(cache)}")
            conn.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")

    @contextmanager
    def all_or_nothing(self) -> Iterator[None]:
        """The writes inside are committed together or not at all: one file's
        articles, so a workbook that fails half-way leaves nothing behind and a
        re-run reads it again. An exception undoes them and goes on up."""
        if self._batch is None:
            with self.batch(), self.all_or_nothing():
                yield
            return
        batch = self._batch
        mark = batch.hold()
        try:
            yield
        except BaseException:
            batch.undo_to(mark)
            raise
        finally:
            batch.release()

    # -- writing ---------------------------------------------------------
    def save_article(
        self, parsed: ParsedArticle, source: Source | None = None, derived: Derived | None = None
    ) -> tuple[str, str]:
        """Store one parsed article (and the file it came from) atomically.

        Returns (article id, outcome) with outcome added / updated / unchanged.
        """
        known = derived or derive([parsed])[0]

        def save(conn: sqlite3.Connection) -> tuple[str, str]:
            aid, replaces = excerpts.before_save(conn, known.article_id, parsed, known.signatures[1])  # excerpt <-> page
            outcome = self._write_article(conn, aid, parsed, source, known)
            supplied_entities.save_supplied(conn, aid, parsed)  # BigKinds 인물/위치/기관, beside ours
            if replaces is not None:  # this full page completes a stored excerpt
                excerpts.absorb_excerpt(conn, replaces, aid)
                outcome = "updated"
            return aid, outcome

        return self._write(save)

    def _write(self, write: Callable[[sqlite3.Connection], T]) -> T:
        """Run one write in the open batch, or in a batch of its own."""
        if self._batch is None:
            with self.batch():
                return self._write(write)
        return self._batch.run(write)

    def _write_article(
        self, conn: sqlite3.Connection, aid: str, parsed: ParsedArticle, source: Source | None, known: Derived
    ) -> str:
        previous = None
        if source is not None:
            row = conn.execute(
                "SELECT article_id, sha256 FROM sources WHERE path = ?", [source.path]
            ).fetchone()
            previous = row[0] if row else None
        exists = conn.execute("SELECT 1 FROM articles WHERE id = ?", [aid]).fetchone() is not None
        if not exists:
            self._insert_article(conn, aid, parsed, known)
            outcome = "updated" if previous and previous != aid else "added"
        else:
            self._complete_article(conn, aid, parsed)
            outcome = "unchanged"
        if source is not None:
            _put_source(
                conn,
                source.path,
                exists=row is not None,
                raw_path=source.raw_path,
                sha256=source.sha256,
                encoding=source.encoding,
                status="ok",
                error=None,
                article_id=aid,
            )
            if previous and previous != aid:
                self._drop_if_orphan(conn, previous)
        return outcome

    def _insert_article(self, conn: sqlite3.Connection, aid: str, parsed: ParsedArticle, known: Derived) -> None:
        """Write the article, its paragraphs and their index entries. The FTS
        indexes are fed here, not by their insert triggers: see `_Batch`."""
        subtitles = _dump(parsed.subtitles)
        num = conn.execute(
            "INSERT INTO articles(id, title, subtitles, published, published_precision, modified,"
            " outlet, wire_source, reporters, dateline, cities, url, is_excerpt, hidden, ingested_at, labels)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                aid,
                parsed.title,
                subtitles,
                parsed.published,
                parsed.published_precision,
                parsed.modified,
                parsed.outlet,
                parsed.wire_source,
                _dump([r.__dict__ for r in parsed.reporters]),
                parsed.dateline,
                _dump(parsed.cities),
                parsed.url,
                int(parsed.is_excerpt),
                int("duplicate" in parsed.flags),
                now_iso(),
                _dump(parsed.labels),
            ],
        ).lastrowid
        conn.execute(
            "INSERT INTO articles_fts(rowid, title, subtitles) VALUES (?, ?, ?)", [num, parsed.title, subtitles]
        )
        # The ids SQLite would give (max + 1 on), so one statement inserts them all.
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM paragraphs").fetchone()[0]
        conn.executemany(
            "INSERT INTO paragraphs(id, article_id, idx, kind, text) VALUES (?,?,?,?,?)",
            [(first + i, aid, i, p.kind, p.text) for i, p in enumerate(parsed.paragraphs)],
        )
        rows = [(first + i, p.text) for i, p in enumerate(parsed.paragraphs)]
        conn.executemany("INSERT INTO paragraphs_fts(rowid, text) VALUES (?, ?)", rows)
        search_index.add_bodies(conn, [(pid, body) for (pid, _), body in zip(rows, known.index_bodies)])
        dedupe.save_signatures(conn, aid, known.signatures)

    def _complete_article(self, conn: sqlite3.Connection, aid: str, parsed: ParsedArticle) -> None:
        """Fill metadata the stored copy lacks (a later page may know the URL or date)."""
        row = conn.execute(
            "SELECT published, outlet, url, modified FROM articles WHERE id = ?", [aid]
        ).fetchone()
        fills = {
            "published": parsed.published,
            "outlet": parsed.outlet,
            "url": parsed.url,
            "modified": parsed.modified,
        }
        for (column, value), current in zip(fills.items(), row):
            if current is None and value is not None:
                conn.execute(f"UPDATE articles SET {column} = ? WHERE id = ?", [value, aid])

    def _drop_if_orphan(self, conn: sqlite3.Connection, aid: str) -> None:
        still = conn.execute("SELECT 1 FROM sources WHERE article_id = ? LIMIT 1", [aid]).fetchone()
        if still is None:
            conn.execute("DELETE FROM articles WHERE id = ?", [aid])

    def record_failure(self, source: Source) -> None:
        """Remember a file that could not be read, without touching what it once stored."""

        def record(conn: sqlite3.Connection) -> None:
            exists = conn.execute("SELECT 1 FROM sources WHERE path = ?", [source.path]).fetchone()
            if exists:  # the article it once stored stays, with its old source fields
                _put_source(conn, source.path, exists=True, sha256=source.sha256, status="failed", error=source.error)
            else:
                _put_source(
                    conn,
                    source.path,
                    exists=False,
                    raw_path=source.raw_path,
                    sha256=source.sha256,
                    encoding=source.encoding,
                    status="failed",
                    error=source.error,
                    article_id=None,
                )

        self._write(record)

    def stored_source(self, path: str) -> StoredSource | None:
        return stored_source(self.db.conn, path)

    def note_problems(self, path: str, problems: list[str]) -> None:
        """Keep a stored file's problems (bad JSON Lines) with its first source,
        so a re-run that finds the file unchanged still names them."""

        def note(conn: sqlite3.Connection) -> None:
            conn.execute("UPDATE sources SET error = ? WHERE path = ?", ["\n".join(problems), path])

        self._write(note)

#: The AFTER INSERT triggers that feed the FTS indexes; `_Batch` suspends them.
_FTS_INSERT_TRIGGERS = ("articles_ai", "paragraphs_ai", search_index.INSERT_TRIGGER)


class _Batch:
    """The open transaction of ``Database.batch``: which writes it holds and when
    to commit them.

    FTS5 flushes its pending terms to a new segment at every savepoint, and
    SQLite opens one per article savepoint and per statement that fires a
    trigger or may abort half-way (an upsert, a multi-row DELETE). Trigger-fed
    inserts thus wrote one tiny segment per row and spent their time merging
    them: 4x slower than the same rows inserted directly. So a batch keeps
    savepoints out of the article path:

    * no savepoint per article: a write that fails rolls the whole transaction
      back, and the writes before it in the same transaction are run again, so
      the failing article is undone alone;
    * the FTS insert triggers are dropped inside the transaction (the article
      writer feeds those indexes itself, one row per statement) and put back
      before the commit: other connections never see them missing, and a kill
      rolls the drop back with the rest.
    """

    def __init__(self, conn: sqlite3.Connection, max_articles: int, max_seconds: float) -> None:
        self.conn = conn
        self.max_articles = max_articles
        self.max_seconds = max_seconds
        self.limit = min(16, max_articles)
        self.open = False
        self.started = 0.0
        self.pending: list[Callable[[sqlite3.Connection], Any]] = []
        self.suspended: dict[str, str] = {}  # trigger name -> its CREATE statement
        self.holds = 0  # open `Database.all_or_nothing` blocks: no commit meanwhile

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self.open = True
        self.started = time.monotonic()
        names = _FTS_INSERT_TRIGGERS
        self.suspended = dict(
            self.conn.execute(
                f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
                f" AND name IN ({', '.join('?' * len(names))})",
                names,
            ).fetchall()
        )
        for name in self.suspended:
            self.conn.execute(f'DROP TRIGGER "{name}"')

    def run(self, write: Callable[[sqlite3.Connection], T]) -> T:
        """Run one article's writes in the batch's transaction."""
        if not self.open:
            self.begin()
        try:
            result = write(self.conn)
        except Exception:  # undo the failed write alone
            self.undo_to(len(self.pending))
            raise
        except BaseException:  # interrupted: nothing of this transaction is kept
            self._rollback()
            raise
        self.pending.append(write)
        self._commit_when_due()
        return result

    def hold(self) -> int:
        """Keep the writes from here on uncommitted until `release`; returns a mark for `undo_to`."""
        self.holds += 1
        return len(self.pending)

    def release(self) -> None:
        self.holds -= 1
        self._commit_when_due()

    def _commit_when_due(self) -> None:
        if self.holds or not self.open:
            return
        if len(self.pending) >= self.limit or time.monotonic() - self.started >= self.max_seconds:
            self.commit()
            self.limit = min(self.limit * 2, self.max_articles)

    def commit(self) -> None:
        if not self.open:
            return
        try:
            for sql in self.suspended.values():
                self.conn.execute(sql)
            self.conn.execute("COMMIT")
        except BaseException:
            # a full disk fails the COMMIT: roll back once (the trigger drops go
            # with it) so the batch's closing commit finds nothing left to do
            self._rollback()
            raise
        self.open = False
        self.pending = []
        self.suspended = {}

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.open = False
        self.pending = []
        self.suspended = {}

    def undo_to(self, mark: int) -> None:
        """Undo every write after the first `mark` of this transaction: roll
        back, and run those first writes again (they succeed again: same
        writes, same starting state)."""
        keep = self.pending[:mark]
        self._rollback()
        if not keep:
            return
        self.begin()
        try:
            for write in keep:
                write(self.conn)
        except BaseException:
            self._rollback()
            raise
        self.pending = keep


def _put_source(conn: sqlite3.Connection, path: str, *, exists: bool, **values: Any) -> None:
    """Insert or update one `sources` row. Not an upsert: SQLite runs an
    upsert in a statement savepoint, which makes FTS5 flush a batch's pending
    index terms (see `_Batch`)."""
    values["ingested_at"] = now_iso()
    if exists:
        sets = ", ".join(f"{column} = ?" for column in values)
        conn.execute(f"UPDATE sources SET {sets} WHERE path = ?", [*values.values(), path])
    else:
        columns = ", ".join(["path", *values])
        marks = ", ".join("?" * (len(values) + 1))
        conn.execute(f"INSERT INTO sources({columns}) VALUES ({marks})", [path, *values.values()])


#: One encoder for every row: json.dumps with an option builds a new one per call.
_JSON = json.JSONEncoder(ensure_ascii=False)


def _dump(value: Any) -> str:
    return _JSON.encode(value)
