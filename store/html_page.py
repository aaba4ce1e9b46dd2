"""Saved HTML pages -> ParsedArticle (owned by the cleaner)."""

from __future__ import annotations

from pathlib import Path

from .records import ParsedArticle


def read_html(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    raise ValueError("HTML input is not supported yet")
