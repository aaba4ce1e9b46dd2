"""What the rules find in one article, before it is stored."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from .morph import Word

TYPES = ("person", "organization", "place", "event", "initiative", "figure", "reporter")


@dataclass
class Para:
    index: int
    text: str
    words: list[Word]

    @cached_property
    def word_at(self) -> dict[int, Word]:
        """Each word by where its stem starts: the analyser's reading of a span a regex
        found (built when a rule first asks, which most paragraphs never do)."""
        return {w.stem_start: w for w in self.words}


@dataclass
class Doc:
    """One article as the rules see it."""

    article_id: str
    paras: list[Para]
    year: int | None = None
    reporters: list[str] = field(default_factory=list)
    city_orgs: list[str] = field(default_factory=list)  # "포항시" ...



def words_before(p: Para, i: int, take: Callable[[Word, list[Word]], bool], limit: int = 3) -> list[Word]:
    """The words just before word `i` that belong to one name with it ("대덕 테크노밸리
    포럼"): each bare (no particle), one space from the next, in the same sentence,
    and accepted by `take(word, taken so far)`; at most `limit`, nearest last."""
    ws = p.words
    w = ws[i]
    left: list[Word] = []
    j = i
    while j > 0 and len(left) < limit:
        prev = ws[j - 1]
        if prev.josa or not p.text[prev.end : ws[j].start].isspace() or prev.sentence != w.sentence:
            break
        if not take(prev, left):
            break
        left.insert(0, prev)
        j -= 1
    return left


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


@lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """The comparison form of a name: no spaces or dots, Latin lower-cased (asked of the
    same names again and again while an article's mentions are grouped)."""
    return _SQUASH.sub("", name).lower()


def entity_key(type_: str, name: str) -> str:
    return f"{type_}:{norm(name)}"


def scan(pattern: re.Pattern[str], text: str, *needs: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, skipped where none of the literals its every match holds
    is in the text: a string search is far cheaper than a regex trying every position."""
    for need in needs:
        if need in text:
            return pattern.finditer(text)
    return iter(())
