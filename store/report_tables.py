"""The tables and views behind the reports, beside the articles' own tables:
the comparison's facts (component "comparison_facts"), its former cache
(component "comparisons", dropped) and read-only views for
Datasette and sqlite-utils users (component "reports").

They live here rather than beside compare.py and export.py so the storage
layer (database.py brings every component up to date) never reaches up into
the query layer.
"""

from __future__ import annotations

import sqlite_utils

from .schema import Migration, run_script


def _comparisons_v1(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS comparisons (
            cities TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,
            result TEXT NOT NULL
        );
        """
    )


def _comparisons_v2(db: sqlite_utils.Database) -> None:
    """The whole-result cache goes: the comparison is now read from `comparison_facts`."""
    run_script(db, "DROP TABLE IF EXISTS comparisons;")


#: Component "comparisons": whole results kept between sessions until the
#: comparison became an aggregation over its facts (v2 drops the table).
COMPARISONS: list[Migration] = [_comparisons_v1, _comparisons_v2]


def _comparison_facts_v1(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE IF NOT EXISTS comparison_facts (
            id INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            city TEXT NOT NULL,
            cell TEXT NOT NULL,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            paragraph_index INTEGER NOT NULL,
            start INTEGER NOT NULL DEFAULT 0,
            "end" INTEGER NOT NULL DEFAULT 0,
            weight REAL NOT NULL DEFAULT 0,
            score REAL NOT NULL DEFAULT 0
        );
        CREATE INDEX IF NOT EXISTS comparison_facts_cell ON comparison_facts(city, cell, key);
        CREATE INDEX IF NOT EXISTS comparison_facts_article ON comparison_facts(article_id);
        CREATE TABLE IF NOT EXISTS comparison_read (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS comparison_state (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )


def _comparison_facts_v2(db: sqlite_utils.Database) -> None:
    """Each row carries its article's story (the copy cluster), date and hidden
    flag, kept by a trigger, under one covering index: a cell's ranking is a
    walk of that index, with no join to the articles (10x faster at 35k
    articles, bench/compare.py)."""
    run_script(
        db,
        """
        ALTER TABLE comparison_facts ADD COLUMN story TEXT;
        ALTER TABLE comparison_facts ADD COLUMN published TEXT;
        ALTER TABLE comparison_facts ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
        UPDATE comparison_facts SET (story, published, hidden) =
            (SELECT coalesce(a.cluster_id, a.id), a.published, a.hidden FROM articles a WHERE a.id = comparison_facts.article_id);
        DROP INDEX IF EXISTS comparison_facts_cell;
        CREATE INDEX IF NOT EXISTS comparison_facts_rank
            ON comparison_facts(city, cell, hidden, key, published, story, weight);
        CREATE TRIGGER IF NOT EXISTS comparison_facts_follow
        AFTER UPDATE OF cluster_id, published, hidden ON articles
        WHEN OLD.cluster_id IS NOT NEW.cluster_id OR OLD.published IS NOT NEW.published OR OLD.hidden IS NOT NEW.hidden
        BEGIN
            UPDATE comparison_facts SET story = coalesce(NEW.cluster_id, NEW.id), published = NEW.published, hidden = NEW.hidden
            WHERE article_id = NEW.id;
        END;
        """
    )


#: Component "comparison_facts": each article's comparison facts, one row per
#: (city, cell, fact, source span), written when the article is analysed
#: (`store.comparison.facts`); `comparison_read` says which articles, by which
#: version of the reading, so an old database is filled on its next comparison;
#: `comparison_state` keeps what the facts were read under (the user's entity
#: corrections), so a change there has them read again. v2: each row carries
#: its article's story, date and hidden flag (see `_comparison_facts_v2`).
COMPARISON_FACTS: list[Migration] = [_comparison_facts_v1, _comparison_facts_v2]


def _views_v1(db: sqlite_utils.Database) -> None:
    run_script(
        db,
        """
        CREATE VIEW IF NOT EXISTS article_index AS
        SELECT articles.num, articles.id, articles.title, articles.published,
               substr(articles.published, 1, 4) AS year, substr(articles.published, 1, 7) AS month,
               articles.outlet, articles.cities, articles.url, articles.is_excerpt, articles.hidden,
               articles.cluster_id,
               (SELECT count(*) FROM articles AS copy WHERE copy.cluster_id = articles.id) AS copies
        FROM articles;
        CREATE VIEW IF NOT EXISTS paragraph_index AS
        SELECT paragraphs.id, paragraphs.article_id, paragraphs.idx, paragraphs.kind, paragraphs.text,
               articles.title, articles.outlet, articles.published,
               substr(articles.published, 1, 4) AS year, articles.cities, articles.url, articles.hidden
        FROM paragraphs JOIN articles ON articles.id = paragraphs.article_id;
        """
    )


#: Component "reports": read-only views for Datasette and
#: sqlite-utils users — a year column to facet on, paragraphs with their
#: article's outlet and cities. See datasette/metadata.json.
REPORTS: list[Migration] = [_views_v1]
