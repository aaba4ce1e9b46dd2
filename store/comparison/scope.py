"""Which sentences speak about which city.

An article belongs to a city through its `cities` field (or, when the cleaner
left that empty, because the city's name is in its title or in several of its
paragraphs). In an article about one city every sentence is that city's. In an
article about several (과천·성남) a sentence belongs to the cities it names —
the city itself, its mayor's full name, or a surname-and-title reference like
"김 시장" resolved to the mayor named earlier — and a sentence naming none
carries on the attribution of the sentence before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .evidence import Evidence

#: Head titles by the suffix of the administrative unit they lead.
HEAD_TITLES = {"시": "시장", "군": "군수", "구": "구청장", "도": "도지사"}
_LONG_SUFFIXES = ("특별자치시", "특별자치도", "특별시", "광역시")
_SURNAME_TITLE = re.compile(r"(?<![가-힣])([가-힣])\s(시장|군수|구청장|도지사)(?=[은는이가을를의과와도에께]|\s|$|[,.])")
_KINDS_SKIPPED = {"byline"}


def city_stem(city: str) -> str:
    """포항시 -> 포항, 서울특별시 -> 서울; a bare name stays as it is."""
    for suffix in _LONG_SUFFIXES:
        if city.endswith(suffix) and len(city) > len(suffix) + 1:
            return city[: -len(suffix)]
    if city[-1:] in HEAD_TITLES and len(city) > 2:
        return city[:-1]
    return city


def head_title(city: str) -> str:
    for suffix in _LONG_SUFFIXES:
        if city.endswith(suffix):
            return "시장" if suffix.endswith("시") else "도지사"
    return HEAD_TITLES.get(city[-1:], "시장")


def head_pattern(city: str) -> re.Pattern[str]:
    """`NAME 포항시장` / `NAME 포항시 시장`: the name of the city's head."""
    stem, title = re.escape(city_stem(city)), head_title(city)
    unit = re.escape(city[len(city_stem(city)):]) or "시"
    return re.compile(
        rf"(?<![가-힣])([가-힣]{{2,4}}) ?(?:{stem} ?(?:{unit} )?{title})(?![가-힣]*(?:의회|의원))"
    )


@dataclass
class Sentence:
    article_id: str
    paragraph_index: int
    start: int
    end: int
    text: str
    kind: str
    cities: frozenset[str]
    date: tuple[int, int, int] | None  # the article's publication date

    def evidence(self, start: int | None = None, end: int | None = None) -> Evidence:
        s = self.start if start is None else self.start + start
        e = self.end if end is None else self.start + end
        return Evidence(self.article_id, self.paragraph_index, s, e)


@dataclass
class ArticleInfo:
    id: str
    title: str
    published: str | None
    outlet: str | None
    url: str | None
    cities: list[str]
    date: tuple[int, int, int] | None
    heads: dict[str, list[str]] = field(default_factory=dict)  # city -> mayors named


@dataclass
class Scope:
    """The corpus seen through the compared cities."""

    cities: list[str]
    articles: dict[str, ArticleInfo]
    sentences: list[Sentence]
    entities: list[Any] = field(default_factory=list)

    def of(self, city: str) -> list[Sentence]:
        """The city's sentences, in article order (computed once per city)."""
        memo = self.__dict__.setdefault("_of", {})
        if city not in memo:
            memo[city] = [s for s in self.sentences if city in s.cities]
        return memo[city]

    def articles_of(self, city: str) -> list[ArticleInfo]:
        return [a for a in self.articles.values() if city in a.cities]

    def mentions_in(self, sentence: Sentence, *types: str) -> list[tuple[Any, int, int]]:
        """Entities (of `types`) mentioned inside this sentence, with spans relative to it."""
        found = []
        for entity, mention in _mention_index(self).get((sentence.article_id, sentence.paragraph_index), []):
            if types and entity.type not in types:
                continue
            if mention.start >= sentence.start and mention.end <= sentence.end:
                found.append((entity, mention.start - sentence.start, mention.end - sentence.start))
        return sorted(found, key=lambda x: x[1])


def _mention_index(scope: Scope) -> dict[tuple[str, int], list[tuple[Any, Any]]]:
    """Entity mentions by paragraph, built once per scope (kept on it, so threads never share one)."""
    index = scope.__dict__.get("_mention_index")
    if index is None:
        index = {}
        for entity in scope.entities:
            for m in entity.mentions:
                index.setdefault((m.article_id, m.paragraph_index), []).append((entity, m))
        scope.__dict__["_mention_index"] = index
    return index


@lru_cache(maxsize=256)
def _quote_marks(text: str) -> tuple[list[int], list[int], list[int]]:
    return (
        [i for i, c in enumerate(text) if c == "“"],
        [i for i, c in enumerate(text) if c == "”"],
        [i for i, c in enumerate(text) if c == '"'],
    )


def inside_quote(text: str, pos: int) -> bool:
    """Whether `pos` lies inside a “…” or "…" quotation."""
    opens, closes, straight = _quote_marks(text)
    return bisect_left(opens, pos) > bisect_left(closes, pos) or bisect_left(straight, pos) % 2 == 1


def parse_date(value: str | None) -> tuple[int, int, int] | None:
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", value)
    if not m:
        return None
    return int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)


_QUOTE_OR_END = re.compile(r"[“‘”’]|[.!?](?=\s|$)")
_BEFORE_STOP = re.compile(r"[가-힣)\]”’\"']")
_SENTENCE_END = re.compile(r"(?:(?<=[가-힣)\]\"'])\.|[!?])\s+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: a break after 다./요./!/? and a space, never inside quotes."""
    if not any(q in text for q in "“‘”’"):
        spans = []
        start = 0
        for m in _SENTENCE_END.finditer(text):
            spans.append((start, m.start() + 1))
            start = m.end()
        if start < len(text) and text[start:].strip():
            spans.append((start, len(text)))
        return spans or [(0, len(text))]
    # Only quote marks and sentence-final marks matter: visit those, not every character.
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    n = len(text)
    for m in _QUOTE_OR_END.finditer(text):
        i = m.start()
        ch = text[i]
        if ch in "“‘":
            depth += 1
        elif ch in "”’":
            depth = max(0, depth - 1)
        elif depth == 0 and i >= start and (ch != "." or _BEFORE_STOP.match(text[i - 1] if i else "")):
            spans.append((start, i + 1))
            start = i + 1
            while start < n and text[start].isspace():
                start += 1
    if start < n and text[start:].strip():
        spans.append((start, n))
    return spans or [(0, n)]


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans at ", " outside quotes (a sentence that names two cities' mayors)."""
    spans, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "“‘":
            depth += 1
        elif ch in "”’":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0 and text[i + 1 : i + 2] == " ":
            spans.append((start, i + 1))
            start = i + 2
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _article_cities(article: Any, wanted: list[str]) -> list[str]:
    if article.cities:
        return list(article.cities)
    # The cleaner left `cities` empty: a city counts when its name is in the
    # title or in at least two paragraphs.
    found = []
    for city in wanted:
        stem = city_stem(city)
        hits = sum(stem in p.text for p in article.paragraphs if p.kind not in _KINDS_SKIPPED)
        if stem in article.title or hits >= 2:
            found.append(city)
    return found


def _people_by_article(entities: list[Any]) -> dict[str, list[Any]]:
    """Person entities by the articles that mention them, built once per scope:
    looking them up per article would grow with articles x entities."""
    index: dict[str, list[Any]] = {}
    for e in entities:
        if e.type != "person":
            continue
        for aid in dict.fromkeys(m.article_id for m in e.mentions):
            index.setdefault(aid, []).append(e)
    return index


def _heads(article: Any, cities: Iterable[str], entities: list[Any]) -> dict[str, list[str]]:
    """The mayors an article names for each city; `entities` are the persons it mentions."""
    heads: dict[str, list[str]] = {}
    text = "\n".join([article.title] + [p.text for p in article.paragraphs])
    for city in cities:
        names: list[str] = []
        for m in head_pattern(city).finditer(text):
            if m.group(1) not in names:
                names.append(m.group(1))
        stem, title = city_stem(city), head_title(city)
        for e in entities:
            role = (e.role or "").replace(" ", "")
            aff = e.affiliation or ""
            if role in (f"{stem}{title}", f"{city}{title}") or (role == title and stem in aff):
                if e.name not in names:
                    names.append(e.name)
        heads[city] = names
    return heads


def _cues(text: str, info: ArticleInfo) -> set[str]:
    cues = set()
    for city in info.cities:
        if city_stem(city) in text:
            cues.add(city)
        for name in info.heads.get(city, []):
            if name in text:
                cues.add(city)
    for m in _SURNAME_TITLE.finditer(text):
        for city, names in info.heads.items():
            if any(n.startswith(m.group(1)) for n in names):
                cues.add(city)
    return cues


def _read_article(article: Any, own: list[str], people: list[Any], sentences: list[Sentence]) -> ArticleInfo:
    """The article's attribution: its info (mayors named) and its sentences, each
    with the cities it speaks about, appended to `sentences`."""
    info = ArticleInfo(
        id=article.id,
        title=article.title,
        published=article.published,
        outlet=article.outlet,
        url=article.url,
        cities=own,
        date=parse_date(article.published),
    )
    info.heads = _heads(article, own, people)
    current = frozenset(own)
    for p in article.paragraphs:
        if p.kind in _KINDS_SKIPPED:
            continue
        for start, end in split_sentences(p.text):
            text = p.text[start:end]
            if len(own) < 2:
                sentences.append(Sentence(article.id, p.index, start, end, text, p.kind, current, info.date))
                continue
            cues = _cues(text, info)
            if cues:
                current = frozenset(cues)
            if len(cues) < 2:
                sentences.append(Sentence(article.id, p.index, start, end, text, p.kind, current, info.date))
                continue
            # "김 시장은 …, 은 시장은 …": each clause goes to the city it names.
            clause_cities = current
            for c_start, c_end in _clauses(text):
                clause = text[c_start:c_end]
                cues = _cues(clause, info)
                if cues:
                    clause_cities = frozenset(cues)
                sentences.append(
                    Sentence(article.id, p.index, start + c_start, start + c_end, clause, p.kind, clause_cities, info.date)
                )
            current = clause_cities
    return info


def article_scope(article: Any, cities: list[str], entities: list[Any]) -> Scope | None:
    """One article seen through `cities` (its own cities, or those its text names
    when the cleaner found none): what `store.comparison.facts` reads when the
    article is analysed. `entities` are the ones it mentions."""
    own = _article_cities(article, cities)
    if not own:
        return None
    sentences: list[Sentence] = []
    people = _people_by_article(entities).get(article.id, [])
    info = _read_article(article, own, people, sentences)
    return Scope(own, {article.id: info}, sentences, entities)
