"""Saved HTML pages -> ParsedArticle.

trafilatura finds the main text and the page's metadata (title, date, author,
site name, canonical URL); the text then goes through the same cleaner as a
plain-text dump, so furniture that survives extraction is removed by the same
rules and bylines, datelines and cities are read the same way. The page's own
metadata fills what the text does not say; a full publication time is read
from the usual meta tags and JSON-LD, since trafilatura keeps only the day.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from . import bylines as by
from .clean import parse_page
from .dates import parse_date
from .decode import decode_bytes
from .formats import InputError
from .outlets import canonical_outlet, outlet_for_domain
from .records import ParsedArticle, Reporter

_PUBLISHED_META = re.compile(
    r"""(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:regDate|pubdate|publishdate|"""
    r"""datePublished|dcterms\.created|date)["'][^>]*?content\s*=\s*["']([^"']+)["']"""
    r"""|content\s*=\s*["']([^"']+)["'][^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished)["']"""
    r"""|"datePublished"\s*:\s*"([^"]+)\"""",
    re.IGNORECASE,
)
_MODIFIED_META = re.compile(
    r"""(?:property|name|itemprop)\s*=\s*["'](?:article:modified_time|dateModified|og:updated_time)["'][^>]*?content\s*=\s*["']([^"']+)["']"""
    r"""|"dateModified"\s*:\s*"([^"]+)\"""",
    re.IGNORECASE,
)


def read_html(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    import trafilatura

    html, encoding = decode_bytes(data)
    doc = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text found in this HTML page")
    title = (doc.title or "").strip() or None
    article = parse_page(doc.text, title=title)
    _fill_from_page(article, html, doc)
    return [article], encoding


def _fill_from_page(article: ParsedArticle, html: str, doc: object) -> None:
    if article.published is None:
        found = _meta_date(_PUBLISHED_META, html) or parse_date(getattr(doc, "date", None) or "")
        if found:
            article.published, article.published_precision = found
    if article.modified is None:
        found = _meta_date(_MODIFIED_META, html)
        if found:
            article.modified = found[0]
    url = getattr(doc, "url", None)
    if url and not article.url:
        article.url = url
    if article.outlet is None:
        sitename = (getattr(doc, "sitename", None) or "").strip()
        domain = re.sub(r"^https?://", "", url or "").split("/", 1)[0]
        article.outlet = (outlet_for_domain(domain) if domain else None) or (
            canonical_outlet(sitename) if sitename else None
        )
    if not article.reporters:
        article.reporters = _page_reporters(getattr(doc, "author", None) or "", html)


_TAG = re.compile(r"<[^>]*>|&nbsp;|&#160;")


def _page_reporters(author: str, html: str) -> list[Reporter]:
    """Reporters from trafilatura's author, for a page whose byline sits
    outside the main text. trafilatura reads it from a byline block or a meta
    tag ('김철수 기자 Kimcs Com': the e-mail comes out mangled), so each name's
    e-mail is read from the page where the name is printed."""
    found = [(name, b.role) for b in by.find_bylines(author) for name in b.names]
    if not found:  # bare names: '김철수', '김철수, 이영희'
        parts = (part.strip() for part in re.split(r"[,;/|·]", author))
        found = [(part, "reporter") for part in parts if re.fullmatch(r"[가-힣]{2,4}", part) and by.is_name(part)]
    reporters: list[Reporter] = []
    for name, role in found:
        if all(r.name != name for r in reporters):
            reporters.append(Reporter(name=name, email=_email_after(name, html), role=role))
    return reporters


def _email_after(name: str, html: str) -> str | None:
    for match in itertools.islice(re.finditer(re.escape(name), html), 5):  # a meta tag, the byline, ...
        email = by.email_after_name(_TAG.sub(" ", html[match.end() : match.end() + 300]))
        if email:
            return email
    return None


def _meta_date(pattern: re.Pattern[str], html: str) -> tuple[str, str] | None:
    match = pattern.search(html[:200_000])
    if match is None:
        return None
    value = next(g for g in match.groups() if g)
    return parse_date(value)
