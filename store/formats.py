"""Which reader handles which file: one function per input format.

Each reader turns a file's bytes into ParsedArticles plus the encoding used;
`ingest` does not care which format it was. A reader may return its articles
lazily (a workbook does: its sheet is parsed whole, then its rows become
articles one by one while ingest stores the first ones; its problems surface
while iterating).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .decode import decode_bytes
from .records import ParsedArticle

Reader = Callable[[Path, bytes], tuple[Iterable[ParsedArticle], str | None]]


def read_text_page(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    from .clean import parse_page

    text, encoding = decode_bytes(data)
    return [parse_page(text)], encoding


def read_html_page(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    from .html_page import read_html

    return read_html(path, data)


def read_mhtml_page(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    from .html_page import read_mhtml

    return read_mhtml(path, data)


def read_jsonl_file(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    from .jsonl import read_jsonl

    return read_jsonl(path, data)


def read_json_file(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    from .jsonl import read_json

    return read_json(path, data)


def read_workbook_file(path: Path, data: bytes) -> tuple[Iterable[ParsedArticle], str | None]:
    from .bigkinds import iter_articles

    return iter_articles(data), None  # xlsx has no text encoding


READERS: dict[str, Reader] = {
    ".txt": read_text_page,
    ".text": read_text_page,
    ".html": read_html_page,
    ".htm": read_html_page,
    ".mhtml": read_mhtml_page,
    ".mht": read_mhtml_page,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".json": read_json_file,
    ".xlsx": read_workbook_file,
}

SUFFIXES = tuple(READERS)


def reader_for(path: Path) -> Reader:
    return READERS.get(path.suffix.lower(), read_text_page)
