"""Which reader handles which file: one function per input format.

Each reader turns a file's bytes into ParsedArticles plus the encoding used;
`ingest` does not care which format it was.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from .decode import decode_bytes
from .records import ParsedArticle

Reader = Callable[[Path, bytes], tuple[list[ParsedArticle], str | None]]


class InputError(ValueError):
    """A file that cannot become an article; the message is the user-facing reason."""


def read_text_page(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    from .clean import parse_page

    text, encoding = decode_bytes(data)
    return [parse_page(text)], encoding


def read_html_page(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    from .html_page import read_html

    return read_html(path, data)


def read_jsonl_file(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    from .jsonl import read_jsonl

    return read_jsonl(path, data)


def read_workbook_file(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    from .bigkinds import read_workbook

    return read_workbook(path, data)


READERS: dict[str, Reader] = {
    ".txt": read_text_page,
    ".text": read_text_page,
    ".html": read_html_page,
    ".htm": read_html_page,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".xlsx": read_workbook_file,
}

SUFFIXES = tuple(READERS)


def reader_for(path: Path) -> Reader:
    return READERS.get(path.suffix.lower(), read_text_page)


def read_stream(path: Path, data: bytes) -> tuple[Iterator[ParsedArticle], str | None]:
    """Like the file's reader, but a workbook's rows are read lazily, so ingest
    stores the first while reading the rest; its problems surface while iterating."""
    if path.suffix.lower() == ".xlsx":
        from .bigkinds import iter_articles

        return iter_articles(data), None
    articles, encoding = reader_for(path)(path, data)
    return iter(articles), encoding
