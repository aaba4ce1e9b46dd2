"""Tables and maintenance of the Korean-aware search index (owned by search)."""

from __future__ import annotations

from .schema import Migration

MIGRATIONS: list[Migration] = []
