"""BigKinds Excel exports -> ParsedArticles (owned by the BigKinds work)."""

from __future__ import annotations

from pathlib import Path

from .records import ParsedArticle


def read_workbook(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    raise ValueError("BigKinds workbooks are not supported yet")
