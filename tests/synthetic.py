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
