"""JSON Lines with title/body/date/outlet/url (and author, modified) -> ParsedArticles.

One article per line; a .json file holds the same records as one array, or
as an object with the array under one of LIST_KEYS ("articles", "items", ...).
The body goes through the same cleaner as a page dump (it may still hold
bylines, captions or copyright lines); the fields the record gives win over
what the cleaner reads. A bad record does not sink the file: the good ones
are returned inside `PartialRead`, which the ingest loop stores before
printing one error per bad record.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .bylines import reporters_in_author
from .clean import parse_page
from .dates import parse_date
from .decode import clean_text, decode_bytes
from .outlets import canonical_outlet
from .records import InputError, ParsedArticle

#: Field names seen in exports, in order of preference.
TITLE_KEYS = ("title", "headline", "제목")
BODY_KEYS = ("body", "text", "content", "본문")
DATE_KEYS = ("date", "published", "published_at", "datetime", "pubdate", "일자", "날짜")
MODIFIED_KEYS = ("modified", "updated", "modified_at", "updated_at", "dateModified", "수정일")
AUTHOR_KEYS = ("author", "authors", "reporter", "reporters", "byline", "writer", "기자")
OUTLET_KEYS = ("outlet", "press", "source", "publisher", "media", "언론사")
URL_KEYS = ("url", "link", "href", "URL")


class PartialRead(InputError):
    """Some lines became articles, some did not.

    `articles` and `encoding` are what could be read; `problems` holds one
    "line N: reason" per bad line.
    """

    def __init__(self, articles: list[ParsedArticle], encoding: str | None, problems: list[str]) -> None:
        super().__init__(f"{len(problems)} bad record(s)")
        self.articles = articles
        self.encoding = encoding
        self.problems = problems


def read_jsonl(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    text, encoding = decode_bytes(data)
    lines = ((f"line {n}", line) for n, line in enumerate(text.split("\n"), start=1) if line.strip())
    return _read_records(lines, encoding, parse=_parse)


#: Where a .json file that is an object keeps its list of articles.
LIST_KEYS = ("articles", "items", "data", "documents", "results")


def read_json(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    text, encoding = decode_bytes(data)
    document = _parse(text)
    if isinstance(document, dict):
        listed = next((document[k] for k in LIST_KEYS if isinstance(document.get(k), list)), None)
        document = listed if listed is not None else [document]
    if not isinstance(document, list):
        raise InputError("not a list of articles (a JSON array of objects with title and body)")
    return _read_records(((f"item {n}", record) for n, record in enumerate(document, start=1)), encoding)


def _read_records(
    records: Iterable[tuple[str, Any]], encoding: str | None, parse: Callable[[Any], object] = lambda r: r
) -> tuple[list[ParsedArticle], str | None]:
    """Articles of the (where, record) pairs, each parsed and read on its
    own: a bad one is named ('line 2: ...') and the others are kept."""
    articles: list[ParsedArticle] = []
    problems: list[str] = []
    for where, raw in records:
        try:
            articles.append(_article(parse(raw)))
        except InputError as exc:
            problems.append(f"{where}: {exc}")
    if problems and articles:
        raise PartialRead(articles, encoding, problems)
    if problems:
        raise InputError("; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else ""))
    return articles, encoding


def _parse(text: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if exc.lineno > 1 else f"column {exc.colno}"
        raise InputError(f"not valid JSON ({exc.msg} at {where})") from None


def _article(record: object) -> ParsedArticle:
    if not isinstance(record, dict):
        raise InputError("not a JSON object")
    title = _text(record, TITLE_KEYS)
    body = _text(record, BODY_KEYS)
    if not body:
        raise InputError("no body text")
    try:
        article = parse_page(body, title=title or None) if title else parse_page(body)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    date = _text(record, DATE_KEYS)
    if date:
        found = parse_date(date)
        if found is None:
            raise InputError(f"date {date!r} is not a date")
        article.published, article.published_precision = found
    modified = _text(record, MODIFIED_KEYS)
    if modified:
        found = parse_date(modified)
        if found is None:
            raise InputError(f"modified date {modified!r} is not a date")
        article.modified = found[0]
    author = _text(record, AUTHOR_KEYS)
    if author and not article.reporters:  # a byline in the body is more precise (e-mails, roles)
        article.reporters = reporters_in_author(author)
    outlet = _text(record, OUTLET_KEYS)
    if outlet:
        article.outlet = canonical_outlet(outlet)
    url = _text(record, URL_KEYS)
    if url:
        article.url = url
    return article


def _text(record: dict[str, object], keys: tuple[str, ...]) -> str:
    for key in keys:
        value = record.get(key)
        if isinstance(value, list):
            value = "\n\n".join(str(v) for v in value)
        if value is not None and str(value).strip():
            return clean_text(str(value)).strip()
    return ""
