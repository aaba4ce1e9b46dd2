"""Excerpt completion, inside `Database.save_article`'s transaction.

A BigKinds row is only the first lines of an article we may also hold in
full. A full page whose URL equals a stored excerpt's, or whose body contains
the excerpt's text (or nearly: rapidfuzz partial ratio), replaces the excerpt,
taking over its sources, entities and the metadata it lacks. An excerpt
arriving after its full page only adds its source to the page.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta

from .dedupe import MIN_CHARS, WINDOW_DAYS, body_text, day_of, normalize, parsed_body
from .records import ParsedArticle

#: rapidfuzz partial_ratio at or above which an excerpt is the start of a page.
EXCERPT_RATIO = 92.0
_ELLIPSIS = re.compile(r"(\.\.\.|…|⋯)+\s*$")


def before_save(
    conn: sqlite3.Connection, aid: str, parsed: ParsedArticle, lead: bytes | None = None
) -> tuple[str, str | None]:
    """Decide where `parsed` goes before it is written: (id to write, excerpt it replaces).

    * already stored under `aid`: write there (and un-hide it when this copy is
      not flagged as a duplicate);
    * an excerpt whose full page is stored: write to the page (adds a source);
    * a full page completing a stored excerpt: write `aid`, then
      ``absorb_excerpt(conn, replaced, aid)``.

    `lead`: the article's lead signature (see `signatures`), when known.
    """
    row = conn.execute("SELECT hidden FROM articles WHERE id = ?", [aid]).fetchone()
    if row is not None:
        if row[0] and "duplicate" not in parsed.flags:
            conn.execute("UPDATE articles SET hidden = 0 WHERE id = ?", [aid])
        return aid, None
    partner = excerpt_partner(conn, parsed, lead)
    if partner is None:
        return aid, None
    if parsed.is_excerpt:
        return partner, None
    return aid, partner


def excerpt_partner(conn: sqlite3.Connection, parsed: ParsedArticle, lead: bytes | None = None) -> str | None:
    """For an excerpt: the stored full page it comes from. For a full page: the
    stored excerpt it completes. Same URL, or the excerpt's text within the page.

    An excerpt is the start of its page, so their leads share most shingles:
    with `lead` (this article's lead signature) only the candidates whose
    stored leads are anywhere near are read and compared in full. Without it,
    an excerpt imported into a week of 200 stored pages read all 200 (150 ms
    a row)."""
    want_excerpt = not parsed.is_excerpt
    if parsed.url:
        row = conn.execute(
            "SELECT id FROM articles WHERE url = ? AND is_excerpt = ? ORDER BY num LIMIT 1",
            [parsed.url, int(want_excerpt)],
        ).fetchone()
        if row:
            return row[0]
    day = day_of(parsed.published)
    if day is not None:
        low = (day - timedelta(days=WINDOW_DAYS)).isoformat()
        high = (day + timedelta(days=WINDOW_DAYS + 1)).isoformat()
        rows = conn.execute(
            "SELECT id FROM articles WHERE published >= ? AND published < ? AND is_excerpt = ?"
            " ORDER BY num",
            [low, high, int(want_excerpt)],
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT id FROM articles WHERE title = ? AND is_excerpt = ? ORDER BY num",
            [parsed.title, int(want_excerpt)],
        ).fetchall()
    candidates = [r[0] for r in rows]
    if lead is not None and candidates:
        candidates = _near_leads(conn, candidates, lead)
    if not candidates:  # the usual case: no normalising
        return None
    mine = normalize(parsed_body(parsed))
    if len(mine) < MIN_CHARS:
        return None
    for candidate in candidates:
        theirs = normalize(body_text(conn, candidate))
        excerpt, page = (theirs, mine) if want_excerpt else (mine, theirs)
        if is_excerpt_of(excerpt, page):
            return candidate
    return None


#: Lead similarity below which an excerpt and a page are not worth comparing in full
#: (an excerpt and its page score 0.6-1.0; unrelated articles 0.0-0.1).
LEAD_PREFILTER = 0.25


def _near_leads(conn: sqlite3.Connection, candidates: list[str], lead: bytes) -> list[str]:
    """The candidates (in their order) whose stored lead signature is near
    `lead`, and those without a stored signature (they cannot be judged)."""
    import numpy as np

    from .minhash import similarity

    mine = np.frombuffer(lead, dtype=np.uint32)
    stored: dict[str, bytes | None] = {}
    for first in range(0, len(candidates), 500):
        part = candidates[first : first + 500]
        stored.update(
            conn.execute(
                f"SELECT article_id, lead FROM article_minhash WHERE article_id IN ({', '.join('?' * len(part))})",
                part,
            ).fetchall()
        )
    return [
        aid
        for aid in candidates
        if aid not in stored
        or (stored[aid] is not None and similarity(mine, np.frombuffer(stored[aid], dtype=np.uint32)) >= LEAD_PREFILTER)
    ]


def is_excerpt_of(excerpt: str, page: str) -> bool:
    """Both normalised. The excerpt's text is the page's, give or take an ellipsis
    and a few characters (BigKinds trims, portals re-punctuate)."""
    excerpt = _ELLIPSIS.sub("", excerpt)
    if len(excerpt) < MIN_CHARS or len(page) < len(excerpt) * 0.9:
        return False
    if excerpt in page:
        return True
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(excerpt, page) >= EXCERPT_RATIO


def absorb_excerpt(conn: sqlite3.Connection, excerpt_id: str, page_id: str) -> None:
    """The full page `page_id` (just written) takes the place of `excerpt_id`."""
    row = conn.execute(
        "SELECT published, published_precision, outlet, url, cluster_id FROM articles WHERE id = ?",
        [excerpt_id],
    ).fetchone()
    if row is None or excerpt_id == page_id:
        return
    published, precision, outlet, url, cluster = row
    conn.execute(
        "UPDATE articles SET"
        " published_precision = CASE WHEN published IS NULL THEN ? ELSE published_precision END,"
        " published = coalesce(published, ?), outlet = coalesce(outlet, ?), url = coalesce(url, ?)"
        " WHERE id = ?",
        [precision, published, outlet, url, page_id],
    )
    conn.execute("UPDATE sources SET article_id = ? WHERE article_id = ?", [page_id, excerpt_id])
    # The excerpt's cluster (if it led one) is now led by the page.
    conn.execute("UPDATE articles SET cluster_id = ? WHERE cluster_id = ?", [page_id, excerpt_id])
    if cluster and cluster != excerpt_id:
        conn.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", [cluster, page_id])
    _move_entities(conn, excerpt_id, page_id)
    conn.execute("DELETE FROM articles WHERE id = ?", [excerpt_id])


def _move_entities(conn: sqlite3.Connection, old: str, new: str) -> None:
    """Its entities (ours and BigKinds' 인물/위치/기관) follow the article to its full page."""
    from .entity_store import move_article
    from .supplied_entities import move_supplied

    move_supplied(conn, old, new)
    move_article(conn, old, new)
