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

import sqlite_utils

from . import hangul
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


def index_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Called inside the article's write transaction, after its paragraphs are inserted."""
    rows = conn.execute(
        "SELECT id, text FROM paragraphs WHERE article_id = ?", [article_id]
    ).fetchall()
    # Delete then insert (not INSERT OR REPLACE: REPLACE skips the delete
    # trigger that keeps the external-content FTS table in step).  One
    # statement, not one per paragraph: a new article has nothing to delete.
    conn.execute(
        "DELETE FROM search_text WHERE id IN (SELECT id FROM paragraphs WHERE article_id = ?)", [article_id]
    )
    conn.executemany(
        "INSERT INTO search_text(id, body) VALUES (?, ?)",
        [(pid, index_body(text)) for pid, text in rows],
    )


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


def rebuild(conn: sqlite3.Connection, *, timings: dict[str, float] | None = None) -> int:
    """Recompute the whole index in bulk: bodies first with the FTS triggers'
    work replaced by one FTS5 'delete-all' and one 'rebuild' (much faster
    than row by row: the per-row delete trigger alone costs as much as the
    build).  `timings`, when given, receives the seconds spent on bodies and
    on FTS.  Run it inside a transaction, so no reader sees the index empty."""
    t0 = time.perf_counter()
    for name in _BULK_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")
    try:
        conn.execute("DELETE FROM search_text")
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        cur = conn.execute("SELECT id, text FROM paragraphs")
        total = 0
        while True:
            rows = cur.fetchmany(20000)
            if not rows:
                break
            conn.executemany(
                "INSERT INTO search_text(id, body) VALUES (?, ?)",
                [(pid, index_body(text)) for pid, text in rows],
            )
            total += len(rows)
        t1 = time.perf_counter()
        conn.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        t2 = time.perf_counter()
    finally:
        for sql in _BULK_TRIGGERS.values():
            conn.execute(sql)
    if timings is not None:
        timings["bodies_s"] = t1 - t0
        timings["fts_s"] = t2 - t1
    return total
