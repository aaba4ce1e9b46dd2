"""Tables and maintenance of the Korean-aware search index (owned by search)."""

from __future__ import annotations

import sqlite3

from .schema import Migration

MIGRATIONS: list[Migration] = []


def index_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Called inside the article's write transaction, after its paragraphs are inserted."""
