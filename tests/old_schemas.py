"""Databases as older valley-tuis left them, for the migration tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: The search index of search schema 1: one FTS table straight over search_text.
_SEARCH_V1 = """
DROP TRIGGER search_text_ai; DROP TRIGGER search_text_ad; DROP TRIGGER search_text_au;
DROP TABLE search_fts; DROP TABLE search_fts_1; DROP VIEW search_text_0; DROP VIEW search_text_1;
ALTER TABLE search_text DROP COLUMN shard;
CREATE VIRTUAL TABLE search_fts USING fts5(body, content='search_text', content_rowid='id',
    detail=none, columnsize=0, tokenize='trigram case_sensitive 1');
INSERT INTO search_fts(search_fts) VALUES ('rebuild');
CREATE TRIGGER search_text_ai AFTER INSERT ON search_text BEGIN
    INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END;
CREATE TRIGGER search_text_ad AFTER DELETE ON search_text BEGIN
    INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END;
CREATE TRIGGER search_text_au AFTER UPDATE ON search_text BEGIN
    INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END;
UPDATE schema_versions SET version = 1 WHERE component = 'search';
"""


def as_search_v1(path: Path) -> None:
    """Turn the closed database at `path` back into what search schema 1 made."""
    raw = sqlite3.connect(path)
    try:
        raw.executescript(_SEARCH_V1)
    finally:
        raw.close()
