"""Shared test fixtures."""


# -- explorer (tui) fixtures -------------------------------------------------
import pytest as _pytest


@_pytest.fixture(scope="session")
def seeds_db(tmp_path_factory):
    """The five bundled seeds ingested and analysed once per session, like a
    new user's first start. Tests only read it."""
    from store.corpus import Corpus
    from store.seeding import load_seeds

    path = tmp_path_factory.mktemp("seeds-db") / "valley.db"
    corpus = Corpus(path)
    try:
        load_seeds(corpus)
        corpus.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        corpus.close()
    return path


def grow_corpus(path, total: int) -> None:
    """Bulk-copy the first stored article into `total` rows with distinct ids,
    titles and dates: a large list for the virtual-scroll test and bench."""
    import sqlite3

    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO articles(id, title, subtitles, published, published_precision, modified, outlet,
                                 wire_source, reporters, dateline, cities, url, is_excerpt, hidden, ingested_at)
            SELECT a.id || '-' || i, a.title || ' #' || i, a.subtitles,
                   printf('2020-%02d-%02dT09:00:00+09:00', 1 + i % 12, 1 + i % 28), 'minute', NULL, a.outlet,
                   NULL, a.reporters, a.dateline, a.cities, NULL, 0, 0, a.ingested_at
            FROM n, (SELECT * FROM articles ORDER BY num LIMIT 1) AS a
            """,
            [total - conn.execute("SELECT count(*) FROM articles").fetchone()[0]],
        )
    conn.close()


@_pytest.fixture(scope="session")
def big_db(tmp_path_factory, seeds_db):
    """The seeds grown to 50,000 list rows (no analysis: only the list is read)."""
    import shutil

    path = tmp_path_factory.mktemp("big-db") / "valley.db"
    shutil.copy(seeds_db, path)
    grow_corpus(path, 50_000)
    return path


# -- seeds reading (cleaner) fixtures -----------------------------------------
@_pytest.fixture(scope="session")
def seeds_reading():
    """The hand-made reading of the five seeds (tests/data/seeds-reading.json)."""
    import json
    from pathlib import Path

    return json.loads((Path(__file__).parent / "data" / "seeds-reading.json").read_text(encoding="utf-8"))


@_pytest.fixture(scope="session")
def seed_paths():
    """file name -> path of each bundled seed page."""
    from store.ingest import iter_seed_files

    return {p.name: p for p in iter_seed_files()}
