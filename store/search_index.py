"""Tables and maintenance of the Korean-aware search index (owned by search).

Why a second index beside `paragraphs_fts`: a trigram index over the stored
text needs three *characters*, so it cannot find 포항 or 항, nor 퐇 (half of
포항), nor 영일만밸리 in "영일만 밸리".  This index holds, per paragraph, one
string made of

    jamo stream | initial-consonant stream

of the paragraph's *normalised* text (letters and digits only: spaces and
punctuation dropped, Latin lower-cased, NFC kept).  Each jamo is written as
one ASCII code, with initial and final consonants as different codes so
포항 never matches across 포하+ㅇ.. by accident; Latin letters and digits
stand for themselves.  A syllable is 2-5 codes, so a trigram of codes is
already selective for one syllable, and the initial-consonant stream answers
ㅇㅇㅁ -> 영일만.

The FTS5 table is trigram, `detail=none` (rowids only: the smallest index;
matches are candidates that search.py verifies with a regex on the stored
text) over an external content table `search_text`, so a deleted paragraph
can be removed from the index by plain SQL triggers, from any connection.
"""

from __future__ import annotations

import sqlite3
import time
import unicodedata
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from . import hangul, parallel
from .schema import Migration

#: One ASCII code per keystroke jamo, by role.  Upper case letters and ASCII
#: punctuation are free because the normalised text keeps neither.
INITIAL_CODES = dict(zip(hangul.CHOSEONG, "ABCDEFGHIJKLMNOPQRS"))
VOWEL_CODES = dict(zip("ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅛㅜㅠㅡㅣ", "TUVWXYZ!#$%&'("))
FINAL_CODES = dict(zip("ㄱㄲㄴㄷㄹㅁㅂㅅㅆㅇㅈㅊㅋㅌㅍㅎ", ")*+,-./:;<=>?@[]"))
SEPARATOR = "|"
ROLE_OF = {
    **{c: "initial" for c in INITIAL_CODES.values()},
    **{c: "vowel" for c in VOWEL_CODES.values()},
    **{c: "final" for c in FINAL_CODES.values()},
}
#: A final's code -> the code of the same consonant as an initial.
FINAL_AS_INITIAL = {
    code: INITIAL_CODES[jamo] for jamo, code in FINAL_CODES.items() if jamo in INITIAL_CODES
}
_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}


def normal_char(ch: str) -> str:
    """The character as the index sees it: '' for spaces and punctuation,
    lower case for Latin (when that keeps one character), fullwidth ASCII
    folded.  Applied per character so positions stay one-to-one."""
    if 0xFF01 <= ord(ch) <= 0xFF5E:
        ch = chr(_FULLWIDTH[ord(ch)])
    if not ch.isalnum():
        return ""
    low = ch.lower()
    return low if len(low) == 1 else ch


def char_codes(ch: str) -> str:
    """Jamo codes of one normalised character ('' if the index drops it)."""
    n = normal_char(ch)
    if not n:
        return ""
    if hangul.is_syllable(n):
        cho, jung, jong = hangul.split_syllable(n)
        return (
            INITIAL_CODES[cho]
            + "".join(VOWEL_CODES[k] for k in hangul.VOWEL_KEYS.get(jung, jung))
            + "".join(FINAL_CODES[k] for k in hangul.FINAL_KEYS.get(jong, jong))
        )
    if n in INITIAL_CODES:
        return INITIAL_CODES[n]
    if n in hangul.FINAL_KEYS:  # a standalone compound consonant such as ㄳ
        return "".join(INITIAL_CODES[k] for k in hangul.FINAL_KEYS[n])
    if hangul.is_vowel(n):
        return "".join(VOWEL_CODES[k] for k in hangul.VOWEL_KEYS.get(n, n))
    return n


def char_initial(ch: str) -> str:
    """Initial-consonant stream code of one character."""
    n = normal_char(ch)
    if n and hangul.is_syllable(n):
        return INITIAL_CODES[hangul.initial(n)]
    return char_codes(ch)


class _Table(dict[int, str]):
    """A str.translate table filled on demand, so translation runs in C."""

    def __init__(self, fn) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.fn = fn

    def __missing__(self, key: int) -> str:
        value = self.fn(chr(key))
        self[key] = value
        return value


_JAMO_TABLE = _Table(char_codes)
_INITIAL_TABLE = _Table(char_initial)


def jamo_codes(text: str) -> str:
    """The jamo stream of a text: '포항 CES' -> 'QaSTJ' + 'ces' (codes)."""
    return text.translate(_JAMO_TABLE)


def initial_codes(text: str) -> str:
    return text.translate(_INITIAL_TABLE)


_NOT_INITIAL = str.maketrans("", "", "".join(VOWEL_CODES.values()) + "".join(FINAL_CODES.values()))


def initials_from_codes(codes: str) -> str:
    """The initial-consonant stream read off a jamo stream (vowel and final
    codes dropped): an ASCII-to-ASCII translate, far cheaper than a second
    pass over the text."""
    return codes.translate(_NOT_INITIAL)


def index_body(text: str) -> str:
    """What the index stores for one paragraph."""
    if not unicodedata.is_normalized("NFC", text):  # stored text nearly always is
        text = unicodedata.normalize("NFC", text)
    codes = jamo_codes(text)
    return codes + SEPARATOR + initials_from_codes(codes)


def code_offsets(text: str) -> list[int]:
    """For each jamo code of `text`, the index of the character it came from
    (used to turn a fuzzy match in the codes back into a span of the text)."""
    out: list[int] = []
    for i, ch in enumerate(text):
        out.extend([i] * len(_JAMO_TABLE[ord(ch)]))
    return out


# -- schema ------------------------------------------------------------------


def _search_v1(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE IF NOT EXISTS search_text (
            id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
            body TEXT NOT NULL
        );
        CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
            body, content='search_text', content_rowid='id', detail=none, columnsize=0,
            tokenize='trigram case_sensitive 1'
        );
        -- Fewer, larger merges: the bulk build is dominated by segment merging.
        INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 16);
        INSERT INTO search_fts(search_fts, rank) VALUES ('crisismerge', 64);
        CREATE TRIGGER IF NOT EXISTS search_text_ai AFTER INSERT ON search_text BEGIN
            INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body);
        END;
        CREATE TRIGGER IF NOT EXISTS search_text_ad AFTER DELETE ON search_text BEGIN
            INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
        END;
        CREATE TRIGGER IF NOT EXISTS search_text_au AFTER UPDATE ON search_text BEGIN
            INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body);
            INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body);
        END;
        -- Works even on a connection without PRAGMA foreign_keys.
        CREATE TRIGGER IF NOT EXISTS search_paragraph_ad AFTER DELETE ON paragraphs BEGIN
            DELETE FROM search_text WHERE id = old.id;
        END;
        -- An edited paragraph leaves the index until reindex() sees it again.
        CREATE TRIGGER IF NOT EXISTS search_paragraph_au AFTER UPDATE OF text ON paragraphs BEGIN
            DELETE FROM search_text WHERE id = old.id;
        END;
        """
    )
    # A database older than search may hold many paragraphs: build in bulk.
    rebuild(db.conn)


MIGRATIONS: list[Migration] = [_search_v1]


#: The AFTER INSERT trigger that feeds search_fts: a writer that suspends it
#: (corpus batches do, see corpus._Batch) indexes with `add_bodies`.
INSERT_TRIGGER = "search_text_ai"


def add_bodies(conn: sqlite3.Connection, rows: list[tuple[int, str]]) -> None:
    """Index new paragraphs from their (id, `index_body`) rows, feeding
    search_fts directly, one row per statement: for a writer that suspended
    INSERT_TRIGGER."""
    conn.executemany("INSERT INTO search_text(id, body) VALUES (?, ?)", rows)
    conn.executemany("INSERT INTO search_fts(rowid, body) VALUES (?, ?)", rows)


def reindex(conn: sqlite3.Connection, *, batch: int = 5000) -> int:
    """Index every paragraph the index lacks (new database, edited paragraphs,
    rows written by a tool that bypassed Corpus).  Returns how many."""
    done = 0
    while True:
        rows = conn.execute(
            "SELECT p.id, p.text FROM paragraphs p LEFT JOIN search_text s ON s.id = p.id"
            " WHERE s.id IS NULL LIMIT ?",
            [batch],
        ).fetchall()
        if not rows:
            return done
        conn.executemany(
            "INSERT INTO search_text(id, body) VALUES (?, ?)",
            [(pid, index_body(text)) for pid, text in rows],
        )
        done += len(rows)


_BULK_TRIGGERS = {
    "search_text_ai": "CREATE TRIGGER IF NOT EXISTS search_text_ai AFTER INSERT ON search_text BEGIN"
    " INSERT INTO search_fts(rowid, body) VALUES (new.id, new.body); END",
    "search_text_ad": "CREATE TRIGGER IF NOT EXISTS search_text_ad AFTER DELETE ON search_text BEGIN"
    " INSERT INTO search_fts(search_fts, rowid, body) VALUES ('delete', old.id, old.body); END",
}

#: FTS5 merge settings for everyday writes (ingest): fewer, larger merges.
AUTOMERGE = 16
CRISISMERGE = 64
#: ... and for a bulk build: no merging while rows go in (merging is most of
#: an incremental build's cost: the same doclists rewritten level after
#: level), then one 'optimize' that merges every segment once.
BULK_CRISISMERGE = 1000
#: Paragraphs per chunk handed to a worker process.
CHUNK = 1000
#: Below this many paragraphs the bodies are computed in this process
#: (starting workers would cost more than it saves).
PARALLEL_MIN = 20_000


def _set_merging(conn: sqlite3.Connection, automerge: int, crisismerge: int) -> None:
    conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', ?)", [automerge])
    conn.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('crisismerge', ?)", [crisismerge])


def bodies_of(texts: list[str]) -> list[str]:
    """`index_body` of each text (what a worker process runs on one chunk):
    the same strings, computed for the whole chunk at once with numpy when
    it is there (about twice as fast as one text at a time)."""
    if len(texts) < 8:  # one news page (~20 paragraphs) is already faster in numpy
        return [index_body(t) for t in texts]
    try:
        return _bodies_np(texts)
    except _NotVectorisable:
        return [index_body(t) for t in texts]


class _NotVectorisable(Exception):
    pass


_NP: tuple[Any, Any, Any, Any] | None = None
_NP_MISSING = False
#: Most codes one character becomes (a syllable: initial, 2 vowel keys, 2 final keys).
_WIDTH = 5


def _np_tables() -> tuple[Any, Any, Any, Any]:
    """numpy, and for every BMP character: its codes (UTF-16 units, 0-padded),
    their count, and whether a code belongs to the initial-consonant stream."""
    global _NP, _NP_MISSING
    if _NP_MISSING:
        raise _NotVectorisable
    if _NP is None:
        _NP_MISSING = True  # until the tables are complete
        try:
            import numpy as np
        except ImportError as e:
            raise _NotVectorisable from e
        codes = np.zeros((0x10000, _WIDTH), dtype=np.uint16)
        counts = np.zeros(0x10000, dtype=np.int64)
        for cp in range(0x10000):
            if 0xD800 <= cp <= 0xDFFF:
                continue
            c = _JAMO_TABLE[cp]
            if len(c) > _WIDTH or any(ord(x) > 0xFFFF or 0xD800 <= ord(x) <= 0xDFFF or x == "\0" for x in c):
                raise _NotVectorisable(cp)  # no such character today; the slow path stays right
            counts[cp] = len(c)
            for i, x in enumerate(c):
                codes[cp, i] = ord(x)
        initial = np.ones(0x10000, dtype=bool)
        for x in _NOT_INITIAL:
            initial[x] = False
        _NP = (np, codes, counts, initial)
        _NP_MISSING = False
    return _NP


def _bodies_np(texts: list[str]) -> list[str]:
    np, codes, counts, initial = _np_tables()
    texts = [t if unicodedata.is_normalized("NFC", t) else unicodedata.normalize("NFC", t) for t in texts]
    big = "".join(texts)
    try:
        units = np.frombuffer(big.encode("utf-16-le"), dtype=np.uint16)
    except UnicodeEncodeError as e:  # a lone surrogate
        raise _NotVectorisable from e
    if len(units) != len(big) or (len(units) and ((units >= 0xD800) & (units <= 0xDFFF)).any()):
        raise _NotVectorisable  # characters beyond the BMP
    rows = codes[units].ravel()
    flat = rows[rows != 0]
    # Where each text's codes start and end in `flat`.
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
    per_char = np.concatenate(([0], np.cumsum(counts[units])))
    bounds = per_char[np.concatenate(([0], ends))]
    keep = initial[flat]
    ini_bounds = np.concatenate(([0], np.cumsum(keep)))[bounds]
    jamo = flat.tobytes().decode("utf-16-le")
    ini = flat[keep].tobytes().decode("utf-16-le")
    b = bounds.tolist()
    ib = ini_bounds.tolist()
    return [jamo[b[i] : b[i + 1]] + SEPARATOR + ini[ib[i] : ib[i + 1]] for i in range(len(texts))]


def default_workers() -> int:
    return max(1, min(2, parallel.cores()))


def _chunks(cur: sqlite3.Cursor) -> Iterator[list[tuple[int, str]]]:
    while True:
        rows = cur.fetchmany(CHUNK)
        if not rows:
            return
        yield rows


def _indexed(rows: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(id, text) rows -> (id, body) rows: what a worker process computes."""
    return list(zip((pid for pid, _ in rows), bodies_of([text for _, text in rows])))


def _indexed_chunks(
    conn: sqlite3.Connection, workers: int, waited: list[float]
) -> Iterator[list[tuple[int, str]]]:
    """(id, body) of every paragraph in id order, chunk by chunk; with
    `workers` > 1 the bodies are computed by that many worker processes
    while the caller does its own work (the inserts) on the chunks before.
    `waited[0]` accumulates the seconds spent waiting for (or computing) bodies."""
    cur = conn.execute("SELECT id, text FROM paragraphs ORDER BY id")
    results = parallel.ordered_map(_indexed, _chunks(cur), workers=workers)
    while True:
        t = time.perf_counter()
        chunk = next(results, None)
        waited[0] += time.perf_counter() - t
        if chunk is None:
            return
        yield chunk


def rebuild(
    conn: sqlite3.Connection, *, timings: dict[str, float] | None = None, workers: int | None = None
) -> int:
    """Recompute the whole index in bulk: bodies into search_text with the
    FTS triggers' work replaced by one FTS5 'rebuild' (much faster than row
    by row: the per-row delete trigger alone costs as much as the build),
    run with merging held back, then one 'optimize'.

    Bodies are computed by `workers` processes (default: up to 2, one per
    core, when there are at least PARALLEL_MIN paragraphs) while this
    process inserts the ones before; the index is the same either way.
    `timings`, when given, receives seconds: bodies_s (waiting for bodies,
    or computing them when serial), text_s (search_text inserts), fts_s
    (FTS5 rebuild and merge), total_s.  Run it inside a transaction, so no
    reader sees the index empty."""
    t0 = time.perf_counter()
    if workers is None:
        workers = default_workers()
        if workers > 1:
            n = conn.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
            if n < PARALLEL_MIN:
                workers = 1
    for name in _BULK_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    waited = [0.0]
    text_s = 0.0
    total = 0
    try:
        conn.execute("DELETE FROM search_text")
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        _set_merging(conn, 0, BULK_CRISISMERGE)
        for rows in _indexed_chunks(conn, workers, waited):
            t = time.perf_counter()
            conn.executemany("INSERT INTO search_text(id, body) VALUES (?, ?)", rows)
            text_s += time.perf_counter() - t
            total += len(rows)
        t = time.perf_counter()
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
        fts_s = time.perf_counter() - t
    finally:
        _set_merging(conn, AUTOMERGE, CRISISMERGE)
        for sql in _BULK_TRIGGERS.values():
            conn.execute(sql)
    if timings is not None:
        timings["bodies_s"] = waited[0]
        timings["text_s"] = text_s
        timings["fts_s"] = fts_s
        timings["total_s"] = time.perf_counter() - t0
    return total
