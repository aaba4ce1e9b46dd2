"""Page text -> ParsedArticle (placeholder: the cleaner owner fills this in)."""

from __future__ import annotations

from .records import Paragraph, ParsedArticle


def parse_page(text: str) -> ParsedArticle:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("no text")
    return ParsedArticle(
        title=lines[0], paragraphs=[Paragraph(kind="body", text=t) for t in lines[1:]]
    )
