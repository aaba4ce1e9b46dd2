"""What the rules find in one article, before it is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .morph import Word

TYPES = ("person", "organization", "place", "event", "initiative", "figure", "reporter")


@dataclass
class Para:
    index: int
    text: str
    words: list[Word]


@dataclass
class Doc:
    """One article as the rules see it."""

    article_id: str
    paras: list[Para]
    year: int | None = None
    reporters: list[str] = field(default_factory=list)
    city_orgs: list[str] = field(default_factory=list)  # "포항시" ...


@dataclass
class Found:
    """One mention a rule believes in."""

    type: str
    name: str
    para: int
    start: int
    end: int
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    data: dict[str, Any] | None = None
    quoted: bool = False  # the text put this name in quotes
    shape: bool = False  # told by the text's shape (shapes.py): wins a span over word-list readings


@dataclass
class ArticleEntity:
    """All mentions of one entity inside one article (what a worker sends back)."""

    type: str
    name: str
    key: str
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    data: dict[str, Any] | None = None
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (paragraph, start, end)


_SQUASH = re.compile(r"[\s·ㆍ\-_.'’‘\"“”]+")


def norm(name: str) -> str:
    """The comparison form of a name: no spaces or dots, Latin lower-cased."""
    return _SQUASH.sub("", name).lower()


def entity_key(type_: str, name: str) -> str:
    return f"{type_}:{norm(name)}"
