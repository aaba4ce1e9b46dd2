"""How one piece of query text becomes match patterns.

A `Pattern` pairs two things that must agree:

- `fts`: an FTS5 expression over the index codes of `search_index` (built only
  from codes, every term quoted, so user text never reaches MATCH raw).  It
  finds *candidates*: the index has no positions, so it over-approximates.
- `regex`: run on the STORED paragraph text; it decides the match and gives
  the highlight spans.  Between query characters it allows any run of spaces
  and punctuation, which is what makes 영일만밸리 find "영일만 밸리" (and the
  other way round: the query's own spaces are dropped).

The last syllable of free text is read as still being typed: 포하 may become
포항, 퐇 is 포 + a syllable starting with ㅎ.  A standalone consonant means "a
syllable starting with it" (ㅇㅇㅁ, 영ㅇㅁ).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import hangul
from .jamo_codes import (
    FINAL_AS_INITIAL,
    INITIAL_CODES,
    ROLE_OF,
    char_codes,
    char_initial,
    initials_from_codes,
    normal_char,
)

#: Between two query characters the stored text may hold spaces/punctuation.
GAP = r"[\W_]*"
#: At most this many trigram terms per AND group (spread over the string).
MAX_TERMS = 6

#: Particles and endings that stick to a noun (grammar, not vocabulary).
PARTICLES = sorted(
    """이 가 은 는 을 를 의 에 에서 에게 께 께서 와 과 도 만 로 으로 부터 까지 처럼 보다
    한테 랑 이랑 하고 이나 나 이며 며 이고 고 이다 다 에는 에서는 으로는 로는 에도 에서도
    와의 과의 로서 로써 으로서 으로써 에게서 까지는 부터는 만큼 마다 조차 밖에 뿐 이라고 라고
    이란 란 이라는 라는 에선 으론 엔 의해 에의 와도 과도 했다 한다 하는 했던""".split(),
    key=len,
    reverse=True,
)


@dataclass
class Pattern:
    label: str  # text / phrase / initials / keyboard / romanized / particle
    regex: re.Pattern[str]
    fts: str | None  # None: shorter than a trigram
    scan: str | None  # a 2-code string for a bounded scan when fts is None
    base: float  # score of a match that is not verbatim
    verbatim: str | None = None  # matched text equal to this (casefolded) scores `exact`
    exact: float = 3.0
    keys: str = ""  # keystrokes, to tell whether a later query extends this one
    codes: str = ""  # jamo codes of the query (for fuzzy matching)
    extra: dict[str, object] = field(default_factory=dict)
    # Every paragraph the regex matches holds, in its index body, one source
    # of each clause (a clause lists alternative code strings) as one run of
    # codes: what the regex lets stand between query characters has no code.
    # `fts` asks for a sample of the sources' trigrams; search.Engine lists a
    # rare pattern's candidates whole with them.  () = unknown.
    clauses: tuple[tuple[str, ...], ...] = ()
    # Words side by side as the stored text holds them, a space or nothing
    # between each two (see `side_by_side`): the paragraph index (trigrams of
    # characters, with positions) lists the paragraphs holding one of them
    # exactly.  () = not words side by side, or not for that index.
    literals: tuple[str, ...] = ()


def quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def trigrams(codes: str) -> list[str]:
    """Every trigram of `codes`, in order, each once."""
    return list(dict.fromkeys(codes[i : i + 3] for i in range(len(codes) - 2)))


def _sampled_trigrams(codes: str) -> list[str]:
    """The trigrams `and_trigrams` asks for: all of them, or a spread subset
    of MAX_TERMS when there are more."""
    grams = [codes[i : i + 3] for i in range(len(codes) - 2)]
    if len(grams) > MAX_TERMS:
        step = (len(grams) - 1) / (MAX_TERMS - 1)
        grams = [grams[round(i * step)] for i in range(MAX_TERMS)]
    return list(dict.fromkeys(grams))


def and_trigrams(codes: str) -> str | None:
    """FTS5 expression requiring every trigram of `codes` (a spread subset
    when there are many); None when `codes` is shorter than 3."""
    grams = _sampled_trigrams(codes)
    if not grams:
        return None
    return " AND ".join(quote(g) for g in grams)


def and_trigrams_any(sources: list[str]) -> str | None:
    """`any_of` the `and_trigrams` of each source, with the trigrams they
    share asked once: (A AND B) OR (A AND C) is written A AND (B OR C).  The
    same rows, but FTS5 walks A's doclist once instead of once per
    alternative (a half-typed last syllable doubles the walk otherwise)."""
    lists = [_sampled_trigrams(s) for s in sources]
    if not lists or any(not grams for grams in lists):
        return None
    if len(lists) == 1:
        return " AND ".join(quote(g) for g in lists[0])
    common = [g for g in lists[0] if all(g in other for other in lists[1:])]
    rests = [[g for g in grams if g not in common] for grams in lists]
    if any(not rest for rest in rests):  # one alternative is `common` alone: the others imply it
        return " AND ".join(quote(g) for g in common)
    either = " OR ".join("(" + " AND ".join(quote(g) for g in rest) + ")" for rest in rests)
    if not common:
        return either
    return " AND ".join(quote(g) for g in common) + f" AND ({either})"


def any_of(exprs: list[str | None]) -> str | None:
    parts = [e for e in exprs if e]
    if not parts or len(parts) != len(exprs):
        return None
    if len(parts) == 1:
        return parts[0]
    return " OR ".join(f"({p})" for p in parts)


def _char_class(chars: str) -> str:
    return "[" + "".join(re.escape(c) for c in chars) + "]"


def _initial_class(cho: str) -> str:
    first, last = hangul.initial_range(cho)
    return f"[{re.escape(cho)}{first}-{last}]"


def normalised(text: str) -> str:
    return "".join(normal_char(ch) for ch in text)


def keys_of(norm: str) -> str:
    return hangul.keystrokes(norm)


def text_pattern(
    text: str, *, label: str = "text", base: float = 2.0, prefix_last: bool = True,
    verbatim: str | None = None,
) -> Pattern | None:
    """The pattern of free text (see the module docstring)."""
    norm = normalised(text)
    if not norm:
        return None
    uses_initials = any(hangul.is_consonant(ch) for ch in norm)
    pieces: list[str] = []
    codes = ""
    initials = ""
    alt_codes: str | None = None  # codes when the last final starts the next syllable
    for i, ch in enumerate(norm):
        last = i == len(norm) - 1
        if hangul.is_syllable(ch):
            if last and prefix_last:
                cls = _char_class(hangul.syllables_extending(ch))
                c = char_codes(ch)
                if ROLE_OF.get(c[-1]) == "final":
                    # 퐇 = 포 + ㅎ...: drop the last final key, start a syllable with it.
                    keys = hangul.syllable_keys(ch)
                    cho, jung, _ = hangul.split_syllable(ch)
                    rest = hangul.compose(keys[:-1])
                    nxt = keys[-1]
                    if len(rest) == 1 and hangul.is_syllable(rest) and nxt in INITIAL_CODES:
                        cls = f"(?:{cls}|{re.escape(rest)}{GAP}{_initial_class(nxt)})"
                        alt_codes = codes + c[:-1] + FINAL_AS_INITIAL[c[-1]]
                pieces.append(cls)
            else:
                pieces.append(re.escape(ch))
            codes += char_codes(ch)
            initials += char_initial(ch)
        elif hangul.is_consonant(ch) and ch in INITIAL_CODES:
            pieces.append(_initial_class(ch))
            codes += INITIAL_CODES[ch]
            initials += INITIAL_CODES[ch]
        else:
            pieces.append(re.escape(ch))
            codes += char_codes(ch)
            initials += char_codes(ch)
    regex = re.compile(GAP.join(pieces), re.IGNORECASE)
    initials = initials_from_codes(initials)
    if uses_initials:
        sources = [initials]
        scan = initials if len(initials) == 2 else None
    else:
        sources = [codes, alt_codes] if alt_codes else [codes]
        scan = codes if len(codes) == 2 else None
    fts = and_trigrams_any(sources)
    if fts is None and scan is None:
        return None
    return Pattern(
        label=label,
        regex=regex,
        fts=fts,
        scan=scan,
        base=base,
        verbatim=(verbatim if verbatim is not None else text.strip()).casefold(),
        keys=keys_of(norm),
        codes=codes,
        extra={"initials": uses_initials, "syllables": sum(hangul.is_syllable(c) for c in norm)},
        clauses=(tuple(sources),) if fts is not None else (),
        literals=side_by_side(text, prefix_last) if not uses_initials else (),
    )


def side_by_side(text: str, prefix_last: bool = True) -> tuple[str, ...]:
    """'포항 영일만' -> ('포항 영일', '포항영일'): the words with a space or
    nothing between each two, the last syllable left off when it may still be
    typed on (영일마 -> 영일만).  Why: whether two words stand side by side is
    what the jamo index cannot tell (its trigrams span one syllable: 천+김 in
    '과천 김종' is in most paragraphs naming both), and what the stored text's
    own trigram index (`paragraphs_fts`) answers in a millisecond.  Only for
    plain words of Hangul syllables, ASCII letters and digits (the stored text
    is not folded the way the jamo index is), and forms of 3+ characters (a
    trigram's)."""
    words = text.split()
    if len(words) < 2 or not all(ch.isascii() and ch.isalnum() or hangul.is_syllable(ch) for w in words for ch in w):
        return ()
    if prefix_last:
        words[-1] = words[-1][:-1]
        if not words[-1]:
            return ()
    forms = [words[0]]
    for word in words[1:]:
        forms = [form + gap + word for form in forms for gap in (" ", "")]
    return tuple(forms) if min(map(len, forms)) >= 3 else ()


def phrase_pattern(phrase: str) -> Pattern | None:
    """A quoted phrase: exactly these characters (any run of spaces stays a run
    of spaces), Latin case-insensitive."""
    words = phrase.split()
    if not words:
        return None
    regex = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    codes = "".join(char_codes(ch) for ch in phrase)
    fts = and_trigrams(codes)
    scan = codes if len(codes) == 2 else None
    if fts is None and scan is None:
        return None
    return Pattern(
        "phrase", regex, fts, scan, base=3.0, verbatim=None, codes=codes, clauses=((codes,),) if fts is not None else ()
    )


def strip_particle(text: str) -> str | None:
    """'포항시가' -> '포항시'; None when nothing sensible is left (a stem must keep
    two syllables, so '포항' is never cut to '포')."""
    word = text.rstrip()
    for particle in PARTICLES:
        if word.endswith(particle):
            stem = word[: -len(particle)]
            if sum(hangul.is_syllable(c) for c in normalised(stem)) >= 2:
                return stem
    return None


def variant_patterns(text: str) -> list[Pattern]:
    """Other readings of the same free text: English-mode keyboard and
    romanised Korean (only for plain Latin letters)."""
    out: list[Pattern] = []
    letters = "".join(text.split())
    if not letters.isascii() or not letters.isalpha() or len(letters) < 2:
        return out
    typed = hangul.from_keyboard(letters)
    if typed and len(letters) >= 3:  # one or two keys are too short to read as Korean
        p = text_pattern(typed, label="keyboard", base=2.0, verbatim=typed)
        if p is not None and p.fts is not None:
            p.extra["shown"] = typed
            out.append(p)
    if len(letters) >= 4:
        for reading in hangul.read_romanized(letters, limit=4):
            if len(reading) < 2:
                continue
            p = romanized_pattern(reading)
            if p is not None:
                out.append(p)
    return out


def romanized_pattern(reading: list[str], *, max_spellings: int = 12) -> Pattern | None:
    """A romanised reading: one class of syllables per position; the last
    may still be typed on ('poha' reaches 포항)."""
    if reading:
        last = "".join(dict.fromkeys("".join(hangul.syllables_extending(o) for o in reading[-1])))
        reading = [*reading[:-1], last]
    regex = re.compile(GAP.join(_char_class(opts) for opts in reading))
    spellings = [""]
    for opts in [*reading[:-1], reading[-1][:1]]:
        spellings = [s + o for s in spellings for o in opts]
        if len(spellings) > max_spellings:
            return None
    fts = any_of([and_trigrams("".join(char_codes(c) for c in s)) for s in spellings])
    if fts is None:
        return None
    return Pattern("romanized", regex, fts, None, base=1.9, verbatim=None)
