"""Tables and queries for extracted entities and their mentions (owned by entities)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlite_utils

from .schema import Migration

MIGRATIONS: list[Migration] = []


@dataclass
class Mention:
    article_id: str
    paragraph_index: int
    start: int
    end: int


@dataclass
class Entity:
    id: str
    name: str
    type: str
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "role": self.role,
            "affiliation": self.affiliation,
            "aliases": self.aliases,
            "mentions": [m.__dict__ for m in self.mentions],
        }


def entities(
    db: sqlite_utils.Database, *, type: str | None = None, article_id: str | None = None
) -> list[Entity]:
    return []
