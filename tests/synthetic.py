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


def grow_mentions(path) -> None:
    """Every grown copy (see grow_corpus) names the people and places its
    original names: an analysed-looking corpus whose entities weigh what a
    few thousand real articles' do."""
    import sqlite3

    conn = sqlite3.connect(str(path))
    with conn:
        conn.execute(
            """
            INSERT INTO mentions(entity_id, article_id, paragraph_index, start, "end", role, affiliation)
            SELECT m.entity_id, a.id, m.paragraph_index, m.start, m."end", m.role, m.affiliation
            FROM mentions m JOIN articles a ON a.id LIKE m.article_id || '-%'
            """
        )
    conn.close()


_FIELDS = ["반도체", "바이오", "수소", "배터리", "로봇", "인공지능", "드론", "우주", "해양", "철강", "관광", "농업", "교육", "의료", "금융", "물류"]


def many_hits_corpus(path, total: int = 130) -> None:
    """`total` distinct invented articles, every one naming 누리테크, spread
    over the four cities: more hits than one page of search results."""
    from store.corpus import Corpus
    from store.records import Paragraph, ParsedArticle

    corpus = Corpus(path)
    try:
        for i in range(total):
            city = ["포항", "고양", "과천", "성남"][i % 4]
            a, b, c = _FIELDS[i % 16], _FIELDS[(i * 7 + 3) % 16], _FIELDS[(i * 5 + 1) % 16]
            body = (
                f"{city}시는 누리테크와 {a} 분야 협약을 맺고 {i + 3}개 기업을 유치한다고 밝혔다. "
                f"구하람 시장은 {b} 산업과 {c} 인재 양성에 {i * 13 + 7}억원을 들인다고 설명했다. 계획 번호 {i * 7919}."
            )
            corpus.save_article(
                ParsedArticle(
                    title=f"{city}시 {a}·{b} 협약 {i}호", paragraphs=[Paragraph("body", body)],
                    published=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}T09:00:00+09:00", published_precision="day",
                    cities=[city], outlet=["한빛일보", "누리신문"][i % 2],
                )
            )  # fmt: skip
    finally:
        corpus.close()
