"""Synthetic corpora shared by the tests and the benchmarks (no pytest needed)."""

from __future__ import annotations


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


def grow_stories(path, total: int) -> None:
    """Copy every stored article, paragraphs included, until there are `total`:
    numbered titles, dates spread over 2020, ids `<id>-<n>`. The copies are not
    analysed nor grouped, so the comparison reads their facts on opening (the
    worst case: a database made before facts were stored)."""
    import sqlite3

    conn = sqlite3.connect(str(path))
    with conn:
        have = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        rounds = max(0, (total - have) // max(have, 1))
        conn.execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO articles(id, title, subtitles, published, published_precision, modified, outlet,
                                 wire_source, reporters, dateline, cities, url, is_excerpt, hidden, ingested_at)
            SELECT a.id || '-' || i, a.title || ' #' || i, a.subtitles,
                   printf('2020-%02d-%02dT09:00:00+09:00', 1 + i % 12, 1 + i % 28), 'minute', NULL, a.outlet,
                   NULL, a.reporters, a.dateline, a.cities, NULL, 0, 0, a.ingested_at
            FROM n, (SELECT * FROM articles WHERE id NOT LIKE '%-%') AS a
            """,
            [rounds],
        )
        conn.execute(
            """
            INSERT INTO paragraphs(article_id, idx, kind, text)
            SELECT copy.id, p.idx, p.kind, p.text FROM articles AS copy
            JOIN paragraphs AS p ON p.article_id = substr(copy.id, 1, instr(copy.id, '-') - 1)
            WHERE copy.id LIKE '%-%'
            """
        )
    conn.close()
