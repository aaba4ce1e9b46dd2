"""The records that flow file -> clean -> extract -> store -> query -> screen.

Plain dataclasses so every layer (ingest, CLI, app, benchmarks) speaks the same
shapes, and `asdict()` gives the JSON the CLI prints.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class InputError(ValueError):
    """A file that cannot become an article; the message is the user-facing reason."""


class RequestError(ValueError):
    """A request the store cannot meet as asked (an unknown report format); the
    message is the user-facing reason. The CLI prints it as one line."""


class AnalyserUnavailable(RuntimeError):
    """The Korean analyser cannot load (a broken install, no memory for its
    model): every article would fail alike, so analysis stops at the first.
    The text stays stored and the articles pending; `pending` counts them."""

    def __init__(self, reason: str, pending: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.pending = pending

    def __str__(self) -> str:
        return f"the Korean analyser cannot load ({self.reason})"


class BatchStopped(Exception):
    """A database-wide fault (disk full, locked, read-only) ended an ingest
    part-way: every later file would fail the same way. `files_done` of
    `files_total` are stored whole (the failing transaction's files are not);
    the cause is the SQLite error, so the screen and CLI name it as before."""

    def __init__(self, cause: Exception, files_done: int, files_total: int) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.files_done = files_done
        self.files_total = files_total


@dataclass
class Reporter:
    name: str
    email: str | None = None
    role: str = "reporter"  # reporter / photographer / correspondent


@dataclass
class Paragraph:
    kind: str
    text: str
    index: int = 0


@dataclass
class ParsedArticle:
    """What the cleaner makes of one page, before it has an id or a row."""

    title: str
    paragraphs: list[Paragraph]
    subtitles: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601, +09:00 when a time is known
    published_precision: str | None = None  # "minute" | "day" | None
    modified: str | None = None
    outlet: str | None = None
    wire_source: str | None = None
    reporters: list[Reporter] = field(default_factory=list)
    dateline: str | None = None
    cities: list[str] = field(default_factory=list)
    url: str | None = None
    is_excerpt: bool = False
    # Entities a source already supplies (BigKinds 인물/위치/기관): [(type, name)]
    supplied_entities: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # e.g. ["duplicate"] from BigKinds
    labels: list[str] = field(default_factory=list)  # [단독], [포토], 속보: kept apart from the title


@dataclass
class Source:
    path: str
    raw_path: str
    sha256: str
    encoding: str | None
    status: str  # ok / failed
    error: str | None = None
    article_id: str | None = None


@dataclass
class ArticleSummary:
    """A row of the article list: enough to draw it, nothing more."""

    id: str
    title: str
    published: str | None
    outlet: str | None
    cities: list[str]
    copies: int = 1
    untitled: bool = False  # the page had no headline: `title` holds its first words


@dataclass
class Article:
    id: str
    title: str
    subtitles: list[str]
    published: str | None
    published_precision: str | None
    modified: str | None
    outlet: str | None
    wire_source: str | None
    reporters: list[Reporter]
    dateline: str | None
    cities: list[str]
    url: str | None
    is_excerpt: bool
    ingested_at: str
    paragraphs: list[Paragraph]
    sources: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)

    @property
    def source(self) -> str | None:
        return self.sources[0] if self.sources else None

    @property
    def problems(self) -> list[str]:
        """What the reader could not find on the page: the article is stored
        all the same, and these say what to check by hand."""
        missing = [("title", self.title), ("date", self.published), ("outlet", self.outlet)]
        return [f"no {name} found" for name, value in missing if not value]

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["source"] = self.source
        data["problems"] = self.problems
        data["paragraphs"] = [{"kind": p.kind, "text": p.text} for p in self.paragraphs]
        return data


@dataclass
class SearchHit:
    article_id: str
    title: str
    paragraph_index: int
    text: str
    spans: list[tuple[int, int]]
    score: float
    kind: str = "body"
    outlet: str | None = None
    published: str | None = None
    #: Keyword queries (several terms): which terms this article holds, of how many.
    matched_terms: list[str] = field(default_factory=list)
    terms: int = 1
    #: Every paragraph of the article holding a match: {paragraph_index, text, spans}.
    snippets: list[dict[str, Any]] = field(default_factory=list)
    #: Ids of the copies of this story (same article from other outlets/files) folded under it.
    copies: list[str] = field(default_factory=list)
    #: How the score came about: per term, the field, paragraph and kind of its best match.
    why: list[dict[str, Any]] = field(default_factory=list)

    @property
    def partial(self) -> bool:
        """Holds only some of the query's terms (shown after a divider)."""
        return bool(self.matched_terms) and len(self.matched_terms) < self.terms

    def to_json(self) -> dict[str, Any]:
        snippets = self.snippets or [
            {"paragraph_index": self.paragraph_index, "text": self.text, "spans": [list(s) for s in self.spans]}
        ]
        return {
            "article_id": self.article_id,
            "title": self.title,
            "paragraph_index": self.paragraph_index,
            "text": self.text,
            "spans": [list(s) for s in self.spans],
            "score": round(self.score, 4),
            "snippets": snippets,
            "matched_terms": self.matched_terms,
            "terms": self.terms,
            "partial": self.partial,
            "copies": self.copies,
            "why": self.why,
        }


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    #: Files in the folders given that no reader takes, by suffix ('.pdf': 3).
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass
class Period:
    period: str  # "2024" or "2024-01"
    articles: int = 0
    trips: int = 0


@dataclass
class CityTimeline:
    city: str
    by: str  # "month" | "year"
    periods: list[Period] = field(default_factory=list)
    undated_articles: int = 0
    undated_trips: int = 0

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.periods) + self.undated_articles

    @property
    def trips(self) -> int:
        return sum(p.trips for p in self.periods) + self.undated_trips

    def to_json(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "by": self.by,
            "periods": [p.__dict__ for p in self.periods],
            "undated_articles": self.undated_articles,
            "undated_trips": self.undated_trips,
        }


@dataclass
class Mention:
    article_id: str
    paragraph_index: int  # TITLE_INDEX: in the title
    start: int
    end: int
    #: where it is: 'title', or the paragraph's kind ('body', 'subtitle', 'caption')
    field: str = "body"


#: The paragraph index of a mention in the article's title (analysed like a paragraph).
TITLE_INDEX = -1


#: The source name of what this program extracts, beside imported ones ('bigkinds').
OUR_SOURCE = "valley-tui"


@dataclass
class Entity:
    id: str
    name: str
    type: str
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    #: Structured fields: figures carry value, unit, counts, approx.
    data: dict[str, Any] | None = None
    #: Who names it: our extraction, and any import that supplied it too (BigKinds).
    sources: list[str] = field(default_factory=lambda: [OUR_SOURCE])

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "role": self.role,
            "affiliation": self.affiliation,
            "aliases": self.aliases,
            "mentions": [m.__dict__ for m in self.mentions],
            "sources": self.sources,
        }


@dataclass
class ArticleMention:
    """One highlighted span: which entity, where."""

    entity_id: str
    type: str
    name: str
    paragraph_index: int
    start: int
    end: int

@dataclass
class SuppliedEntity:
    type: str
    name: str
    source: str
    article_ids: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "name": self.name, "source": self.source, "article_ids": self.article_ids}

@dataclass
class Excerpt:
    """A quoted passage and its source: the unit of the copy history and of reports."""

    text: str
    title: str
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    article_id: str | None = None
    paragraph_index: int | None = None
    is_excerpt: bool = False  # the source itself is only an excerpt (BigKinds)
    reporters: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)
