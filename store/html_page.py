"""Saved HTML pages -> ParsedArticle.

trafilatura finds the main text and the page's metadata (title, date, author,
site name, canonical URL); the text then goes through the same cleaner as a
plain-text dump, so furniture that survives extraction is removed by the same
rules and bylines, datelines and cities are read the same way. Korean pages
are prepared for it first: paragraphs between <br><br> and photo captions
would otherwise be run together or lost.

What the text does not say is filled from the rest of the page: a full
publication time from the usual meta tags and JSON-LD (trafilatura keeps only
the day), then the visible lines around the text, where portals and local
papers print the byline, the '입력' stamp, the subtitle and the copyright.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from . import bylines as by
from .clean import (
    MAX_SUBTITLE,
    outlet_from_copyright,
    paragraph_key,
    parse_page,
    title_outlet,
)
from .dates import find_dates, parse_date
from .decode import decode_bytes
from .furniture import is_copyright_notice, is_furniture, is_list_heading, is_weather
from .outlets import canonical_outlet, outlet_for_domain
from .records import InputError, ParsedArticle, Reporter

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


#: Paragraphs written as text between '<br><br>' (Naver News and many Korean
#: sites): trafilatura runs them together into one unless a line break
#: follows a single <br>.
_BREAKS = re.compile(r"(?:<br\s*/?>\s*)+", re.IGNORECASE)


#: Photo captions: <figcaption>, and Naver News' <em class="img_desc">.
#: trafilatura leaves them out with their figures, so they are handed to it
#: as paragraphs in plain blocks and told apart again afterwards.
_CAPTION_TAG = re.compile(r"<(/?)(?:figcaption|em(?=\s[^>]*class=[\"'][^\"']*\bimg_desc\b))\b[^>]*>", re.IGNORECASE)
_FIGURE_TAG = re.compile(r"<(/?)figure\b[^>]*>", re.IGNORECASE)
_CAPTION_TEXT = re.compile(r"<(figcaption|em)\b([^>]*)>(.*?)</\1\s*>", re.IGNORECASE | re.DOTALL)


def _for_extraction(html: str) -> str:
    html = _BREAKS.sub("<br>\n", html)
    html = _FIGURE_TAG.sub(lambda m: f"<{m.group(1)}div>", html)
    return _CAPTION_TAG.sub(lambda m: f"<{m.group(1)}p>", html)


def _captions(html: str) -> set[str]:
    return {
        paragraph_key(unescape(_ANY_TAG.sub(" ", text)))
        for tag, attributes, text in _CAPTION_TEXT.findall(html)
        if tag.lower() == "figcaption" or "img_desc" in attributes
    }


def read_html(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    import trafilatura

    html, encoding = decode_bytes(data)
    captions = _captions(html)
    doc = trafilatura.bare_extraction(
        _for_extraction(html),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        config=_extraction_config(),
    )
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text found in this HTML page")
    title = (doc.title or "").strip() or None
    article = parse_page(doc.text, title=title)
    for paragraph in article.paragraphs:
        if paragraph.kind == "body" and paragraph_key(paragraph.text) in captions:
            paragraph.kind = "caption"
    _fill_from_page(article, html, doc)
    return [article], encoding


def read_mhtml(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    """A page saved as one file (a browser's 'Webpage, Single File'): the
    MIME part holding the page is read as a saved HTML page."""
    import email

    message = email.message_from_bytes(data)
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    html = page.get_payload(decode=True) if page is not None else None
    if not html:
        raise InputError("no HTML page inside this MHTML file")
    articles, encoding = read_html(path, html)
    url = message.get("Snapshot-Content-Location") or page.get("Content-Location")
    for article in articles:
        article.url = article.url or url
    return articles, encoding


@functools.cache
def _extraction_config() -> Any:
    """trafilatura's settings, with a lower floor for the main text: Korean
    says in 100 characters what its English-tuned 250 expect, and below that
    floor it falls back to a baseline that runs a short article's paragraphs
    into one."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "100")
    return config


def _fill_from_page(article: ParsedArticle, html: str, doc: object) -> None:
    """What the main text did not say, from the rest of the page: meta tags
    first, then the page's visible lines (a byline, an '입력 ...' stamp or a
    copyright footer often sits outside the text trafilatura keeps)."""
    lines = functools.cache(lambda: _page_lines(html))
    around = functools.cache(lambda: _around_text(lines(), article))
    stamps = functools.cache(lambda: around().head + around().tail)
    if article.published is None:
        found = (
            _meta_date(_PUBLISHED_META, html)
            or _labelled_date(stamps(), "published")
            or parse_date(getattr(doc, "date", None) or "")
        )
        if found:
            article.published, article.published_precision = found
    if article.modified is None:
        found = _meta_date(_MODIFIED_META, html) or _labelled_date(stamps(), "modified")
        if found:
            article.modified = found[0]
    url = getattr(doc, "url", None)
    if url and not article.url:
        article.url = url
    if not article.subtitles:
        article.subtitles = _subtitles(around(), article.title)
    if not article.reporters:
        article.reporters = _page_reporters(getattr(doc, "author", None) or "", html)
    if article.outlet is None:
        sitename = (getattr(doc, "sitename", None) or "").strip()
        domain = re.sub(r"^https?://", "", url or "").split("/", 1)[0]
        article.outlet = (
            (outlet_for_domain(domain) if domain else None)
            or (canonical_outlet(sitename) if sitename else None)
            or title_outlet(getattr(doc, "title", None) or "")
            or next(filter(None, (outlet_from_copyright(ln) for ln in lines() if is_copyright_notice(ln))), None)
            or next(filter(None, (outlet_for_domain(r.email) for r in article.reporters if r.email)), None)
        )


_INVISIBLE = re.compile(r"<(script|style|noscript|template|title)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_BLOCK = re.compile(
    r"<\s*(?:br|/?(?:p|div|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|nav|aside|main"
    r"|dl|dt|dd|blockquote|figure|figcaption|address|time))\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")
_HANGUL = re.compile(r"[가-힣]")


def _page_lines(html: str) -> list[str]:
    """The page's visible text, one line per block element."""
    text = _ANY_TAG.sub(" ", _BLOCK.sub("\n", _INVISIBLE.sub(" ", html)))
    return [line for line in (" ".join(raw.split()) for raw in unescape(text).splitlines()) if line]


#: How far from the text an article's own stamp is looked for, in lines.
_STAMP_REACH = 8


@dataclass
class _Around:
    """The page's lines around the article's text."""

    head: list[str]  # from the headline (or _STAMP_REACH lines up) to the text
    tail: list[str]  # up to _STAMP_REACH lines after it, to the next list of other articles
    under_headline: bool  # head starts just under the headline


def _around_text(lines: list[str], article: ParsedArticle) -> _Around:
    body = [p.text for p in article.paragraphs if p.kind == "body"]
    compact = [paragraph_key(line) for line in lines]

    def line_of(text: str, start: int = 0) -> int | None:
        key = paragraph_key(text)[:20]
        return next((i for i in range(start, len(compact)) if key and key in compact[i]), None)

    first = line_of(body[0]) if body else None
    if first is None:
        return _Around([], [], False)
    title = paragraph_key(article.title)
    headline = max((i for i in range(first) if title and title in compact[i]), default=None)
    top = headline + 1 if headline is not None else max(0, first - _STAMP_REACH)
    last = line_of(body[-1], first) or first
    after = lines[last + 1 : last + 1 + _STAMP_REACH]
    tail = list(itertools.takewhile(lambda line: not is_list_heading(line), after))
    return _Around(lines[top:first], tail, headline is not None)


def _subtitles(around: _Around, title: str) -> list[str]:
    """Subtitles printed between the headline and the text: short Hangul
    lines that are not the byline, a stamp, or the site's widgets."""
    if not around.under_headline:
        return []
    found: list[str] = []
    for line in around.head:
        if (
            4 <= len(line) <= MAX_SUBTITLE
            and _HANGUL.search(line)
            and line != title
            and not is_furniture(line)
            and not find_dates(line)
            and not by.find_bylines(line)
            and not by.emails(line)
        ):
            found.append(line)
    return found[:3]


def _labelled_date(lines: list[str], role: str) -> tuple[str, str] | None:
    """The first date `lines` label as `role` ('입력 2024.03.05 10:12')."""
    for line in lines:
        if is_weather(line):
            continue
        for mention in find_dates(line):
            if mention.role == role:
                return mention.iso, mention.precision
    return None


def _page_reporters(author: str, html: str) -> list[Reporter]:
    """Reporters from trafilatura's author, for a page whose byline sits
    outside the main text. trafilatura reads it from a byline block or a meta
    tag ('김철수 기자 Kimcs Com': the e-mail comes out mangled), so each name's
    e-mail is read from the page where the name is printed."""
    reporters = by.reporters_in_author(author)
    for reporter in reporters:
        reporter.email = _email_after(reporter.name, html) or reporter.email
    return reporters


def _email_after(name: str, html: str) -> str | None:
    for match in itertools.islice(re.finditer(re.escape(name), html), 5):  # a meta tag, the byline, ...
        email = by.email_after_name(unescape(_ANY_TAG.sub(" ", html[match.end() : match.end() + 300])))
        if email:
            return email
    return None


def _meta_date(pattern: re.Pattern[str], html: str) -> tuple[str, str] | None:
    match = pattern.search(html[:200_000])
    if match is None:
        return None
    value = next(g for g in match.groups() if g)
    return parse_date(value)
