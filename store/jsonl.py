"""JSON Lines with title/body/date/outlet/url -> ParsedArticles (owned by the cleaner)."""

from __future__ import annotations

from pathlib import Path

from .records import ParsedArticle


def read_jsonl(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    raise ValueError("JSON Lines input is not supported yet")
