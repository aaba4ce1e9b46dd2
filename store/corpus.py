"""The query API: one `Corpus` object over one SQLite file.

The app, the CLI and the benchmarks all go through this class (and the
records it returns), so there is one place that knows the tables and the
pipelines. It never imports Textual. The writing half is `Database`
(database.py), which the ingest and analysis pipelines take: they are offered
here as methods, imported when called, so opening a corpus stays cheap.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from . import clusters, dedupe, entity_store, schema
from .cities import DEFAULT_CITIES
from .database import COMPONENTS, Database
from .records import (
    Article,
    ArticleSummary,
    CityTimeline,
    Entity,
    IngestReport,
    Paragraph,
    Reporter,
    SearchHit,
    SuppliedEntity,
)
from .supplied_entities import merge_supplied, supplied_entities

if TYPE_CHECKING:
    from .check import Finding
    from .search import Searcher

#: The title column of a list row: a page without a headline shows its first words.
UNTITLED_SQL = (
    "CASE WHEN title != '' THEN title ELSE coalesce((SELECT substr(text, 1, 60) FROM paragraphs"
    " WHERE article_id = articles.id AND kind = 'body' ORDER BY idx LIMIT 1), '') END"
)


class Corpus(Database):
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
        sql = f"{where} ORDER BY {column} IS NULL, {column} {direction}, num"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args = [*args, limit, offset]
        return self._summaries(sql, args)

    def summaries(self, ids: Sequence[str]) -> dict[str, ArticleSummary]:
        """The list rows of these articles, copies folded into a story too (a fact's sources)."""
        found: dict[str, ArticleSummary] = {}
        unique = list(dict.fromkeys(ids))
        for at in range(0, len(unique), 500):  # SQLite's bound-parameter limit
            part = unique[at : at + 500]
            found.update((s.id, s) for s in self._summaries(f"WHERE id IN ({','.join('?' * len(part))})", part))
        return found

    def _summaries(self, clauses: str, args: Sequence[Any]) -> list[ArticleSummary]:
        sql = f"SELECT id, {UNTITLED_SQL}, published, outlet, cities, {clusters.COPIES_SQL}, title = '' FROM articles {clauses}"
        return [
            ArticleSummary(
                id=r[0], title=r[1], published=r[2], outlet=r[3], cities=json.loads(r[4]), copies=r[5], untitled=bool(r[6])
            )
            for r in self.db.execute(sql, list(args))
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
            labels=json.loads(data["labels"]),
        )

    def copies(self, aid: str) -> list[dict[str, Any]]:
        """The copies folded under story `aid` (the same article from other files or
        outlets): each with its id, source file, outlet, date, title and reporters."""
        rows = self.db.execute(
            "SELECT a.id, (SELECT path FROM sources s WHERE s.article_id = a.id ORDER BY ingested_at, path LIMIT 1),"
            " a.outlet, a.published, a.title, a.reporters FROM articles a"
            " WHERE a.cluster_id = ? AND a.id != ? ORDER BY a.num",
            [aid, aid],
        ).fetchall()
        return [
            {"id": r[0], "source": r[1], "outlet": r[2], "published": r[3], "title": r[4],
             "reporters": [x["name"] for x in json.loads(r[5])]}
            for r in rows
        ]

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

        return clusters.fold_hits(self.db, search(self, query, limit=limit))

    def entities(
        self, *, type: str | None = None, article_id: str | None = None
    ) -> list[entity_store.Entity]:
        return entity_store.entities(self.db, type=type, article_id=article_id)

    def entity(self, entity_id: str) -> Entity | None:
        """One entity with every mention in the corpus (the sidebar's lists only the open article's)."""
        return entity_store.entity(self.db, entity_id)

    def supplied_entities(
        self, *, type: str | None = None, article_id: str | None = None
    ) -> list[SuppliedEntity]:
        """Entities an import brought with it (BigKinds' 인물/위치/기관), kept
        beside ours with their source; they have no positions in the text."""
        return supplied_entities(self.db, type=type, article_id=article_id)

    def entities_with_supplied(
        self, *, type: str | None = None, article_id: str | None = None
    ) -> tuple[list[Entity], list[SuppliedEntity]]:
        """Ours, each with every source that names it, and the supplied entities
        that match none of ours: one entity per thing, whoever found it."""
        ours = self.entities(type=type, article_id=article_id)
        return ours, merge_supplied(ours, self.supplied_entities(type=type, article_id=article_id))

    def compare(self, cities: Sequence[str] | None = None, *, top: int | None = 5) -> dict[str, Any]:
        """Each cell's `top` entries (None: all) and, under `more`, how many are left out."""
        from .compare import compare

        return compare(self, list(cities or DEFAULT_CITIES), top=top)

    def compare_row(self, city: str, row: str, top: int | None = None) -> tuple[list[dict[str, Any]], int]:
        """One cell of the comparison with `top` entries (None: all) and how many are left out."""
        from .compare import compare_row

        return compare_row(self, city, row, top)

    def comparison_sources(self, city: str, row: str, key: str) -> list[dict[str, Any]]:
        """Every source paragraph of one comparison entry (an entry carries its
        first `SOURCES_SHOWN`, and its `key` when it has more)."""
        from .comparison.ranking import sources

        return sources(self, city, row, key)

    def compare_markdown(self, result: dict[str, Any]) -> str:
        """The comparison as Markdown, every cell with its numbered source."""
        from .comparison.markdown import to_markdown

        return to_markdown(result, self)

    def timelines(self, cities: Sequence[str]) -> tuple[list[CityTimeline], list[CityTimeline]]:
        """Per city, articles and trips by year and by month, from one comparison."""
        from .timeline import city_timeline

        try:
            result = self.compare(cities, top=None)  # every trip counts in its month
        except Exception:  # a timeline of articles stands without the comparison
            result = {}
        years = city_timeline(self, cities, by="year", compare_result=result)
        return years, city_timeline(self, cities, by="month", compare_result=result)

    def export(self, what: str, out: IO[str], *, fmt: str, query: str | None = None) -> None:
        """Write one report (articles, search, entities, compare) as csv, json or md."""
        from .export import export

        export(self, what, out, fmt=fmt, query=query)

    # -- the pipelines and upkeep, for the app and the CLI -------------------
    @staticmethod
    def outdated(path: str | os.PathLike[str]) -> bool:
        """Whether opening `path` will migrate it (the app says so first)."""
        return schema.outdated(path, COMPONENTS)

    def data_version(self) -> int:
        """Changes when another connection (another valley-tui) commits."""
        return self.db.execute("PRAGMA data_version").fetchone()[0]

    @staticmethod
    def searcher(path: str | os.PathLike[str], *, limit: int = 50) -> Searcher:
        """A search-as-you-type session on a connection of its own (for a worker thread)."""
        from .search import Searcher

        return Searcher(path, limit=limit)

    def ingest(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        on_error: Callable[[str], None] | None = None,
        progress: Callable[..., None] | None = None,
    ) -> IngestReport:
        """Read and store files and folders (see store.ingest): one line per bad file, the rest goes on."""
        from .ingest import ingest_paths

        return ingest_paths(self, paths, on_error=on_error, progress=progress)

    def analyze(
        self,
        *,
        everything: bool = False,
        progress: Callable[..., None] | None = None,
        on_stage: Callable[[str], None] | None = None,
        on_error: Callable[[str], None] | None = None,
    ) -> int:
        """Extract entities of the articles not analysed yet (all with `everything`).
        `on_error` hears each article that failed (it stays pending) and each
        problem of the user's corrections file, one line each."""
        from .analysis import analyze

        return analyze(self, everything=everything, progress=progress, on_stage=on_stage, on_error=on_error)

    def remove(self, article_ids: Sequence[str] = (), *, source: str | None = None) -> list[str]:
        """Take articles out of the corpus (by id, or the one a file became): their
        paragraphs, index rows, mentions and files go with them; an article another
        file also holds stays. Copies of a removed story regroup. Returns the ids removed."""
        with self.transaction() as conn:
            ids = list(article_ids)
            if source is not None:
                held = [r[0] for r in conn.execute("SELECT article_id FROM sources WHERE path = ?", [source]) if r[0]]
                conn.execute("DELETE FROM sources WHERE path = ?", [source])
                ids += [a for a in held if not conn.execute("SELECT 1 FROM sources WHERE article_id = ?", [a]).fetchone()]
            else:
                conn.executemany("DELETE FROM sources WHERE article_id = ?", [[a] for a in ids])
            removed = [a for a in dict.fromkeys(ids) if conn.execute("DELETE FROM articles WHERE id = ?", [a]).rowcount]
            # copies folded under a removed story stand alone until they regroup
            conn.executemany("UPDATE articles SET cluster_id = NULL WHERE cluster_id = ?", [[a] for a in removed])
            entity_store.drop_unmentioned(conn)
        if removed:
            dedupe.group_copies(self.db)  # a removed story's copies become stories again
        return removed

    def sources(self, *, failed: bool = False) -> list[dict[str, Any]]:
        """Every file read into the corpus (or only those that failed): path,
        status, what went wrong or the problems it was stored with, its article."""
        where = "WHERE status = 'failed' OR error IS NOT NULL" if failed else ""
        rows = self.db.execute(
            f"SELECT path, status, error, article_id, ingested_at FROM sources {where} ORDER BY path"
        ).fetchall()
        return [
            {"path": r[0], "status": r[1], "problems": r[2].split("\n") if r[2] else [], "article_id": r[3],
             "ingested_at": r[4]}
            for r in rows
        ]

    def seed(self, *, analyze: bool = True, on_error: Callable[[str], None] | None = None) -> IngestReport:
        """Load the bundled sample articles (a new user's first start); `on_error`
        hears each page or article that failed, one line each."""
        from .seeding import load_seeds

        return load_seeds(self, analyze=analyze, on_error=on_error)

    def check(self) -> list[Finding]:
        """Integrity of the file and of the indexes against the articles."""
        from . import check

        return check.check(self.db.conn)

    def repair(self) -> list[str]:
        """Rebuild what `check` found broken (articles are kept); what was done."""
        from . import check
        from .comparison import facts

        done = check.repair(self.db.conn)
        n = facts.refill(self)
        if n:
            done.append(f"read the comparison facts of {n} article{'s' if n != 1 else ''}")
        return done


def _article_filter(city: str | None, include_hidden: bool) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    args: list[Any] = []
    if not include_hidden:
        clauses.append("hidden = 0")
        clauses.append(clusters.FOLD_SQL)  # one row per cluster of copies
    if city:
        clauses.append("EXISTS (SELECT 1 FROM json_each(articles.cities) WHERE value = ?)")
        args.append(city)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), args
