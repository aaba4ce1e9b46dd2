"""How the Korean-aware search index writes text: one ASCII code per keystroke
jamo, so trigram FTS can find half-typed syllables, 초성 and text without
its spaces (see search_index.py for why, and for the tables).

Pure functions of text, with no database: ingest's reading processes compute
index bodies with them, and search encodes queries with the same codes.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

from . import hangul

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


#: Most codes one character becomes (a syllable: initial, 2 vowel keys, 2 final keys).
_WIDTH = 5


class _CodeTables:
    """For every BMP character: its codes (UTF-16 units, 0-padded), their
    count, and whether a code belongs to the initial-consonant stream.  Rows
    are filled for the characters met so far: a corpus uses a few thousand of
    the 65,536, and filling them all took 0.5 s in every reading process."""

    def __init__(self, np: Any) -> None:
        self.np = np
        self.codes = np.zeros((0x10000, _WIDTH), dtype=np.uint16)
        self.counts = np.zeros(0x10000, dtype=np.int64)
        self.known = np.zeros(0x10000, dtype=bool)
        self.initial = np.ones(0x10000, dtype=bool)
        for x in _NOT_INITIAL:
            self.initial[x] = False

    def cover(self, units: Any) -> None:
        """Fill the rows of the characters (UTF-16 units, no surrogates) of `units`."""
        for cp in self.np.unique(units[~self.known[units]]).tolist():
            c = _JAMO_TABLE[cp]
            if len(c) > _WIDTH or any(ord(x) > 0xFFFF or 0xD800 <= ord(x) <= 0xDFFF or x == "\0" for x in c):
                raise _NotVectorisable(cp)  # no such character today; the slow path stays right
            self.counts[cp] = len(c)
            self.codes[cp, : len(c)] = [ord(x) for x in c]
            self.known[cp] = True


@functools.lru_cache(maxsize=1)
def _np_tables() -> _CodeTables:
    import numpy as np  # here: searching alone never needs it

    return _CodeTables(np)


def _bodies_np(texts: list[str]) -> list[str]:
    tables = _np_tables()
    np = tables.np
    texts = [t if unicodedata.is_normalized("NFC", t) else unicodedata.normalize("NFC", t) for t in texts]
    big = "".join(texts)
    try:
        units = np.frombuffer(big.encode("utf-16-le"), dtype=np.uint16)
    except UnicodeEncodeError as e:  # a lone surrogate
        raise _NotVectorisable from e
    if len(units) != len(big) or (len(units) and ((units >= 0xD800) & (units <= 0xDFFF)).any()):
        raise _NotVectorisable  # characters beyond the BMP
    tables.cover(units)
    rows = tables.codes[units].ravel()
    flat = rows[rows != 0]
    # Where each text's codes start and end in `flat`.
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
    per_char = np.concatenate(([0], np.cumsum(tables.counts[units])))
    bounds = per_char[np.concatenate(([0], ends))]
    keep = tables.initial[flat]
    ini_bounds = np.concatenate(([0], np.cumsum(keep)))[bounds]
    jamo = flat.tobytes().decode("utf-16-le")
    ini = flat[keep].tobytes().decode("utf-16-le")
    b = bounds.tolist()
    ib = ini_bounds.tolist()
    return [jamo[b[i] : b[i + 1]] + SEPARATOR + ini[ib[i] : ib[i + 1]] for i in range(len(texts))]
