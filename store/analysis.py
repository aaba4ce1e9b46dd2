"""Entity analysis as its own resumable step.

`analyze` reads the articles no analysis of the current `VERSION` has seen,
runs the extractor in worker processes (each loads its own Kiwi: the model is
not shared between processes and loading it costs seconds, so small batches
stay in this process), and writes each article's entities from this process
in its own transaction, so an interrupted run keeps what it finished and the
next run goes on from there. Text search never waits for this step.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import time
from collections.abc import Callable, Iterator
from typing import Any

from . import corrections as user_corrections
from . import entity_store, parallel
from .database import Database, now_iso
from .records import TITLE_INDEX, AnalyserUnavailable

#: Bump when the extractor changes enough that stored results should be redone.
VERSION = 2  # 2: the title is read too (mentions there have field "title")
#: Below this many articles, starting worker processes costs more than it saves:
#: each worker loads its own Kiwi model (several seconds before its first
#: article), while one article takes about a tenth of a second.
POOL_THRESHOLD = 150

Progress = Callable[[int, int], None]
ErrorSink = Callable[[str], None]


def analyze(
    corpus: Database,
    *,
    everything: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
    on_error: ErrorSink | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> int:
    """Analyse pending articles (all of them with `everything`); returns how many.
    `on_stage` hears what happens before the first article is done (the
    analyser takes seconds to load, and a bar at 0 would look stuck)."""
    fixes = user_corrections.load()
    for line in fixes.problems:
        if on_error:
            on_error(line)
    ids = entity_store.pending_articles(corpus.db, VERSION, everything)
    total = len(ids)
    done = 0
    taken_by_others = 0
    analysed: list[str] = []  # by this process (another may take some of `ids`)
    owner = f"{socket.gethostname()}:{os.getpid()}"
    if progress:
        progress(0, total)

    def claimed() -> Iterator[str]:
        """The pending articles, claimed a few at a time as the workers need them:
        another process analysing the same database takes the others."""
        nonlocal taken_by_others
        for start in range(0, len(ids), CLAIM_BATCH):
            chunk = ids[start : start + CLAIM_BATCH]
            with corpus.transaction() as conn:
                mine = entity_store.claim(conn, chunk, owner, time.time(), None if everything else VERSION, _alive)
            taken_by_others += len(chunk) - len(mine)
            yield from mine

    try:
        if ids:
            if on_stage:
                on_stage(f"loading the Korean analyser for {total:,} article{'s' if total != 1 else ''}…")
            extra = fixes.alias_map()
            payloads = (_payload(corpus, aid, extra) for aid in claimed())
            n_workers = workers if workers is not None else min(2, parallel.cores())
            for aid, found, error in _run(payloads, total, n_workers):
                with corpus.transaction() as conn:
                    if conn.execute("SELECT 1 FROM articles WHERE id = ?", [aid]).fetchone():
                        # A failed article keeps version 0, so the next run tries it again.
                        entity_store.save_article(conn, aid, found, 0 if error else VERSION, now_iso(), error)
                    entity_store.release(conn, owner, aid)
                if error and on_error:
                    on_error(f"error: {aid}: {error}")
                analysed.append(aid)
                done += 1
                if progress:
                    progress(done, total - taken_by_others)
    except AnalyserUnavailable as exc:
        exc.pending = total - done - taken_by_others
        raise
    finally:
        if ids and not corpus.read_only:
            try:
                with corpus.transaction() as conn:
                    entity_store.release(conn, owner)  # an interrupted run leaves nothing claimed
            except sqlite3.Error:
                pass  # the first error is the one to report; a dead owner's claims are void anyway
    with corpus.transaction() as conn:
        if done:
            entity_store.settle_roles(conn, ids)
        user_corrections.apply(conn, fixes)
        entity_store.drop_unmentioned(conn)
        from .comparison import facts as comparison_facts

        comparison_facts.corrections_changed(conn, fixes)
    if analysed:
        # The comparison's facts read the entities just stored: read once, here.
        comparison_facts.refill(corpus, analysed)  # type: ignore[arg-type]  (a Corpus: it reads articles)
    return done


#: Articles claimed per write transaction: small enough that a second process
#: finds work left, large enough that claiming costs nothing beside analysing.
CLAIM_BATCH = 16


def _alive(owner: str) -> bool:
    """Whether the process named by a claim's owner ('host:pid') still runs;
    one on another machine is taken to (its claims expire with time)."""
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, owned by someone else
    return True


def _payload(corpus: Database, aid: str, extra: dict[str, str]) -> dict[str, Any]:
    row = corpus.db.execute(
        "SELECT published, reporters, cities, title FROM articles WHERE id = ?", [aid]
    ).fetchone()
    import json

    published, reporters, cities, title = row if row else (None, "[]", "[]", None)
    paragraphs = corpus.db.execute(
        "SELECT idx, kind, text FROM paragraphs WHERE article_id = ? ORDER BY idx", [aid]
    ).fetchall()
    return {
        "id": aid,
        "published": published,
        "reporters": [r.get("name") for r in json.loads(reporters or "[]")],
        "cities": json.loads(cities or "[]"),
        # the title as paragraph TITLE_INDEX: people and places named only there count too
        "paragraphs": ([(TITLE_INDEX, "title", title)] if title else []) + [tuple(p) for p in paragraphs],
        "extra_aliases": extra,
    }


def _run(payloads: Iterator[dict[str, Any]], total: int, n_workers: int) -> Iterator[tuple[str, list, str | None]]:
    # Payloads are read lazily, here, in the thread that owns the SQLite connection.
    return parallel.ordered_map(analyse_one, payloads, workers=n_workers if total >= POOL_THRESHOLD else 1)


def analyse_one(payload: dict[str, Any]) -> tuple[str, list, str | None]:
    """Worker entry: one article dict in, (id, entities, error) out. Raises
    only when the analyser itself cannot load (AnalyserUnavailable)."""
    try:
        from .extract.article import doc_from_article, extract_article

        doc = doc_from_article(payload)
        return payload["id"], extract_article(doc, payload.get("extra_aliases")), None
    except AnalyserUnavailable:
        raise  # the install, not the article: every article would fail alike
    except ImportError as exc:
        raise AnalyserUnavailable(f"{type(exc).__name__}: {exc}") from None
    except Exception as exc:  # one bad article must not end the batch
        return payload["id"], [], f"{type(exc).__name__}: {exc}"
