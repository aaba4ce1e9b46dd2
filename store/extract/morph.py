"""Words with their particles peeled off, from kiwipiepy.

The rules work on eojeol (space-separated words): "포항시장은" is the word, its
stem "포항시장" is what a rule compares with titles and gazetteers, and the
Kiwi tags say whether the stem is a proper noun. Kiwi is created once per
process, on first use, because loading its model costs seconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..records import AnalyserUnavailable

_KIWI: Any = None

#: Tags that end a word's stem: particles, endings, copula, verb/adjective parts.
_STEM_END = ("J", "E", "VCP", "VCN", "XSV", "XSA", "VV", "VA", "VX")
_PUNCT = frozenset(("SF", "SP", "SS", "SSO", "SSC", "SE", "SO"))
_WORD = re.compile(r"[^\s·ㆍ∼~/]+")
#: Opening quotes and brackets, and list bullets ('△부산 7곳', '▲한빛협회'): never part of a name.
_OPEN = "‘'\"“(「『<《[【△▲▷▶□■○●◆◇-·•※`"
_CLOSE = "’'\"”)」』>》]】.,·!?…:;"


def kiwi() -> Any:
    """The process's Kiwi instance (created on first call)."""
    global _KIWI
    if _KIWI is None:
        import warnings

        try:
            from kiwipiepy import Kiwi

            with warnings.catch_warnings():  # 0 = one thread: processes give the parallelism
                warnings.simplefilter("ignore", DeprecationWarning)
                _KIWI = Kiwi(num_workers=0)
        except Exception as exc:  # a broken install, a missing model, no memory for it
            raise AnalyserUnavailable(f"{type(exc).__name__}: {exc}") from None
    return _KIWI


@dataclass(slots=True)
class Word:
    """One eojeol: `start`/`end` are offsets into the paragraph; the stem is the
    word without leading punctuation and trailing particles or punctuation."""

    text: str
    start: int
    end: int
    stem: str
    stem_start: int
    stem_end: int
    tags: tuple[str, ...]
    nnp: bool  # the stem holds a proper noun
    sentence: int
    josa: str  # what follows the stem inside the word ("은", "를", "에서", ")" ...)


def tokenize(texts: list[str]) -> list[list[Any]]:
    """Kiwi tokens for each text (one call, so Kiwi can batch)."""
    if not texts:
        return []
    k = kiwi()  # one thread per process: a list would need Kiwi's async mode
    return [k.tokenize(t) for t in texts]


class _TagRoles(dict[str, int]):
    """What each tag does to a stem: 0 part of it, 1 ends it (a particle or verb
    part), 2 ends it as punctuation; worked out once per tag."""

    def __missing__(self, tag: str) -> int:
        role = self[tag] = 1 if tag.startswith(_STEM_END) else 2 if tag in _PUNCT else 0
        return role


_ROLES = _TagRoles()


_OPEN_SET = frozenset(_OPEN)
_CLOSE_SET = frozenset(_CLOSE)


def words(text: str, tokens: list[Any]) -> list[Word]:
    """Split `text` into words and attach what Kiwi says about each (once per paragraph of
    every article analysed: written for speed, a table of tag roles instead of prefix tests)."""
    out: list[Word] = []
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    tags = [t.tag for t in tokens]
    roles = [_ROLES[tag] for tag in tags]
    sentences = [t.sent_position for t in tokens]
    n = len(tokens)
    ti = 0
    last_sentence = 0
    for m in _WORD.finditer(text):
        start, end = m.span()
        while ti < n and ends[ti] <= start:
            ti += 1
        j = ti
        while j < n and starts[j] < end:
            j += 1
        s = start
        while s < end and text[s] in _OPEN_SET:
            s += 1
        if (eq := text.rfind("=", s, end)) >= 0:  # '(사진=한빛공사)', '(서울=한빛뉴스)': the name after the label
            s = eq + 1
        e = s
        nnp = False
        verbal = False
        if j > ti:
            last_sentence = sentences[ti]
        for k in range(ti, j):
            if starts[k] < s:
                continue
            role = roles[k]
            if role:
                verbal = e == s and role == 1
                break
            te = ends[k]
            if te > e:
                e = te if te < end else end
            if tags[k] == "NNP":
                nnp = True
        if e == s and not verbal:
            e = end  # nothing Kiwi calls nominal: keep the bare text minus punctuation
            while e > s and text[e - 1] in _CLOSE_SET:
                e -= 1
        out.append(Word(text[start:end], start, end, text[s:e], s, e, tuple(tags[ti:j]), nnp, last_sentence, text[e:end]))
    return out
