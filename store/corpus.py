"""The query API: one `Corpus` object over one SQLite file.

The app, the CLI and the benchmarks all go through this class, so there is one
place that knows the tables. It never imports Textual.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import sqlite_utils

from . import bigkinds, dedupe, entity_store, schema, search_index
from .records import Article, ArticleSummary, Paragraph, ParsedArticle, Reporter, SearchHit, Source

_SPACE = re.compile(r"\s+")


def article_id(parsed: ParsedArticle) -> str:
    """A stable id from the normalised content, so the same article read from
    another file, encoding or Unicode normalisation lands on the same row."""
    parts = [parsed.title] + [p.text for p in parsed.paragraphs if p.kind != "byline"]
    text = unicodedata.normalize("NFC", "\n".join(parts))
    text = _SPACE.sub("", text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def now_iso() -> str:
    return datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")


class Corpus:
    def __init__(self, path: str | os.PathLike[str], *, check_same_thread: bool = True) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=check_same_thread, timeout=30)
        self._batch: _Batch | None = None
        self.db = sqlite_utils.Database(conn)
        self.db.execute("PRAGMA foreign_keys = ON")
        if str(path) != ":memory:":
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        schema.ensure(self.db)

    # -- lifecycle -------------------------------------------------------
    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One article, one transaction: a crash leaves it whole or absent.

        Inside ``batch()`` the article gets a savepoint instead, and the batch's
        transaction commits whole articles together: a failing article rolls
        back alone and the others of its batch stay."""
        conn = self.db.conn
        batch = self._batch
        if batch is not None and batch.open:
            conn.execute("SAVEPOINT article")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:  # some errors make SQLite roll back everything
                    conn.execute("ROLLBACK TO article")
                    conn.execute("RELEASE article")
                else:
                    batch.open = False
                raise
            else:
                conn.execute("RELEASE article")
                batch.article_done()
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")
            if batch is not None:  # the batch's transaction was lost: start the next one
                batch.begin()

    @contextmanager
    def batch(self, *, max_articles: int = 256, max_seconds: float = 0.5) -> Iterator[None]:
        """Store many articles per transaction (a big ingest).

        Per-transaction costs (the FTS segment flush, WAL frames of shared
        pages, the commit itself) dominated one-article transactions. Commits
        still come often: after 16 articles, then twice as many each time up to
        `max_articles`, and at least every `max_seconds`, so a kill loses at
        most that much work and readers see the corpus grow. Every commit holds
        whole articles only. Nested calls join the outer batch.
        """
        if self._batch is not None:
            yield
            return
        conn = self.db.conn
        batch = _Batch(conn, max_articles, max_seconds)
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB: FTS and index pages stay hot
        conn.execute("PRAGMA temp_store = MEMORY")
        self._batch = batch
        batch.begin()
        try:
            yield
        finally:
            self._batch = None
            if conn.in_transaction:  # only whole articles are in it
                conn.execute("COMMIT")
            conn.execute(f"PRAGMA cache_size = {int(cache)}")

    # -- writing ---------------------------------------------------------
    def save_article(self, parsed: ParsedArticle, source: Source | None = None) -> tuple[str, str]:
        """Store one parsed article (and the file it came from) atomically.

        Returns (article id, outcome) with outcome added / updated / unchanged.
        """
        aid = article_id(parsed)
        with self.transaction() as conn:
            aid, replaces = dedupe.before_save(conn, aid, parsed)  # excerpt <-> full page
            outcome = self._write_article(conn, aid, parsed, source)
            bigkinds.save_supplied(conn, aid, parsed)  # BigKinds 인물/위치/기관, beside ours
            if replaces is not None:  # this full page completes a stored excerpt
                dedupe.absorb_excerpt(conn, replaces, aid)
                outcome = "updated"
        return aid, outcome

    def _write_article(
        self, conn: sqlite3.Connection, aid: str, parsed: ParsedArticle, source: Source | None
    ) -> str:
        previous = None
        if source is not None:
            row = conn.execute(
                "SELECT article_id, sha256 FROM sources WHERE path = ?", [source.path]
            ).fetchone()
            previous = row[0] if row else None
        exists = conn.execute("SELECT 1 FROM articles WHERE id = ?", [aid]).fetchone() is not None
        if not exists:
            self._insert_article(conn, aid, parsed)
            outcome = "updated" if previous and previous != aid else "added"
        else:
            self._complete_article(conn, aid, parsed)
            outcome = "unchanged"
        if source is not None:
            conn.execute(
                "INSERT INTO sources(path, raw_path, sha256, encoding, status, error, article_id, ingested_at)"
                " VALUES (?, ?, ?, ?, 'ok', NULL, ?, ?)"
                " ON CONFLICT(path) DO UPDATE SET raw_path=excluded.raw_path, sha256=excluded.sha256,"
                " encoding=excluded.encoding, status='ok', error=NULL, article_id=excluded.article_id,"
                " ingested_at=excluded.ingested_at",
                [source.path, source.raw_path, source.sha256, source.encoding, aid, now_iso()],
            )
            if previous and previous != aid:
                self._drop_if_orphan(conn, previous)
        return outcome

    def _insert_article(self, conn: sqlite3.Connection, aid: str, parsed: ParsedArticle) -> None:
        conn.execute(
            "INSERT INTO articles(id, title, subtitles, published, published_precision, modified,"
            " outlet, wire_source, reporters, dateline, cities, url, is_excerpt, hidden, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                aid,
                parsed.title,
                _dump(parsed.subtitles),
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
            ],
        )
        conn.executemany(
            "INSERT INTO paragraphs(article_id, idx, kind, text) VALUES (?,?,?,?)",
            [(aid, i, p.kind, p.text) for i, p in enumerate(parsed.paragraphs)],
        )
        search_index.index_article(conn, aid)

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
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO sources(path, raw_path, sha256, encoding, status, error, article_id, ingested_at)"
                " VALUES (?, ?, ?, ?, 'failed', ?, NULL, ?)"
                " ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, status='failed',"
                " error=excluded.error, ingested_at=excluded.ingested_at",
                [source.path, source.raw_path, source.sha256, source.encoding, source.error, now_iso()],
            )

    def source_sha(self, path: str) -> str | None:
        row = self.db.execute(
            "SELECT sha256 FROM sources WHERE path = ? AND status = 'ok'", [path]
        ).fetchone()
        return row[0] if row else None

    # -- reading ---------------------------------------------------------
    def count(self, *, city: str | None = None, include_hidden: bool = False) -> int:
        where, args = _article_filter(city, include_hidden)
        return self.db.execute(f"SELECT count(*) FROM articles {where}", args).fetchone()[0]

    def articles(
        self,
        *,
        city: str | None = None,
        order: str = "published",
        descending: bool = True,
        limit: int | None = None,
        offset: int = 0,
        include_hidden: bool = False,
    ) -> list[ArticleSummary]:
        columns = {"published": "published", "title": "title", "outlet": "outlet"}
        column = columns.get(order, "published")
        direction = "DESC" if descending else "ASC"
        where, args = _article_filter(city, include_hidden)
        sql = (
            f"SELECT id, title, published, outlet, cities, {dedupe.COPIES_SQL} FROM articles {where}"
            f" ORDER BY {column} IS NULL, {column} {direction}, num"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args = [*args, limit, offset]
        return [
            ArticleSummary(id=r[0], title=r[1], published=r[2], outlet=r[3], cities=json.loads(r[4]), copies=r[5])
            for r in self.db.execute(sql, args)
        ]

    def article(self, aid: str) -> Article | None:
        row = self.db.execute("SELECT * FROM articles WHERE id = ?", [aid]).fetchone()
        if row is None:
            return None
        cols = [d[0] for d in self.db.execute("SELECT * FROM articles LIMIT 0").description]
        data: dict[str, Any] = dict(zip(cols, row))
        paragraphs = [
            Paragraph(kind=k, text=t, index=i)
            for i, k, t in self.db.execute(
                "SELECT idx, kind, text FROM paragraphs WHERE article_id = ? ORDER BY idx", [aid]
            )
        ]
        sources = [
            r[0]
            for r in self.db.execute(
                "SELECT path FROM sources WHERE article_id = ? ORDER BY ingested_at, path", [aid]
            )
        ]
        return Article(
            id=data["id"],
            title=data["title"],
            subtitles=json.loads(data["subtitles"]),
            published=data["published"],
            published_precision=data["published_precision"],
            modified=data["modified"],
            outlet=data["outlet"],
            wire_source=data["wire_source"],
            reporters=[Reporter(**r) for r in json.loads(data["reporters"])],
            dateline=data["dateline"],
            cities=json.loads(data["cities"]),
            url=data["url"],
            is_excerpt=bool(data["is_excerpt"]),
            ingested_at=data["ingested_at"],
            paragraphs=paragraphs,
            sources=sources,
        )

    def all_articles(self) -> Iterator[Article]:
        for (aid,) in self.db.execute("SELECT id FROM articles ORDER BY num").fetchall():
            article = self.article(aid)
            if article is not None:
                yield article

    def cities(self) -> list[tuple[str, int]]:
        """Every city named by some article, with how many articles name it."""
        rows = self.db.execute(
            "SELECT value, count(*) FROM articles, json_each(articles.cities)"
            " GROUP BY value ORDER BY count(*) DESC, value"
        )
        return [(r[0], r[1]) for r in rows]

    # -- later layers ----------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        from .search import search

        return dedupe.fold_hits(self.db, search(self, query, limit=limit))

    def entities(
        self, *, type: str | None = None, article_id: str | None = None
    ) -> list[entity_store.Entity]:
        return entity_store.entities(self.db, type=type, article_id=article_id)

    def compare(self, cities: list[str] | None = None) -> dict[str, Any]:
        from .compare import DEFAULT_CITIES, compare

        return compare(self, cities or list(DEFAULT_CITIES))


class _Batch:
    """The open transaction of ``Corpus.batch`` and when to commit it."""

    def __init__(self, conn: sqlite3.Connection, max_articles: int, max_seconds: float) -> None:
        self.conn = conn
        self.max_articles = max_articles
        self.max_seconds = max_seconds
        self.limit = min(16, max_articles)
        self.open = False
        self.count = 0
        self.started = 0.0

    def begin(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self.open = True
        self.count = 0
        self.started = time.monotonic()

    def article_done(self) -> None:
        self.count += 1
        if self.count >= self.limit or time.monotonic() - self.started >= self.max_seconds:
            self.conn.execute("COMMIT")
            self.open = False
            self.limit = min(self.limit * 2, self.max_articles)
            self.begin()


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _article_filter(city: str | None, include_hidden: bool) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if not include_hidden:
        clauses.append("hidden = 0")
        clauses.append(dedupe.FOLD_SQL)  # one row per cluster of copies
    if city:
        clauses.append("EXISTS (SELECT 1 FROM json_each(articles.cities) WHERE value = ?)")
        args.append(city)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), args
