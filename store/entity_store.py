"""Tables and queries for extracted entities and their mentions (owned by entities)."""

from __future__ import annotations

from .schema import Migration

MIGRATIONS: list[Migration] = []
