"""Hangul arithmetic for search: syllables <-> jamo, initial consonants,
the 2-beolsik keyboard, and Revised Romanization.

Search works on *keystrokes*: a syllable is split into the jamo a user types on
a 2-beolsik keyboard, so compound vowels and compound finals become two keys
(ㅘ = ㅗ ㅏ, ㄺ = ㄹ ㄱ) while the shifted doubles (ㄲ ㄸ ㅃ ㅆ ㅉ) stay one.  With
that choice "what has been typed so far" is always a prefix of the keystrokes
of what the user means: 퐇 (ㅍㅗㅎ) and 포하 (ㅍㅗㅎㅏ) are both prefixes of 포항
(ㅍㅗㅎㅏㅇ), and English-mode text maps key for key (v h g k d -> ㅍㅗㅎㅏㅇ).

Everything here is pure arithmetic on Unicode code points (U+AC00 block and
the compatibility jamo U+3131..U+3163); nothing depends on a word list.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

SYLLABLE_BASE = 0xAC00
SYLLABLE_LAST = 0xD7A3
N_JUNG = 21
N_JONG = 28
PER_CHO = N_JUNG * N_JONG  # 588 syllables share one initial consonant

#: The 19 initial consonants, 21 vowels and 27 finals ("" = none), in Unicode order.
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
JUNGSEONG = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
JONGSEONG = ("",) + tuple("ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ")

#: Compound vowels and finals as the keys typed for them.
VOWEL_KEYS = {"ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ"}
FINAL_KEYS = {
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ",
    "ㄽ": "ㄹㅅ", "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ",
}
_VOWEL_JOIN = {v: k for k, v in VOWEL_KEYS.items()}
_FINAL_JOIN = {v: k for k, v in FINAL_KEYS.items()}

CONSONANTS = frozenset("ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
VOWELS = frozenset(JUNGSEONG)

#: 2-beolsik (KS X 5002) layout: the Latin key that types each jamo.
KEYBOARD = {
    "r": "ㄱ", "R": "ㄲ", "s": "ㄴ", "e": "ㄷ", "E": "ㄸ", "f": "ㄹ", "a": "ㅁ", "q": "ㅂ",
    "Q": "ㅃ", "t": "ㅅ", "T": "ㅆ", "d": "ㅇ", "w": "ㅈ", "W": "ㅉ", "c": "ㅊ", "z": "ㅋ",
    "x": "ㅌ", "v": "ㅍ", "g": "ㅎ", "k": "ㅏ", "o": "ㅐ", "i": "ㅑ", "O": "ㅒ", "j": "ㅓ",
    "p": "ㅔ", "u": "ㅕ", "P": "ㅖ", "h": "ㅗ", "y": "ㅛ", "n": "ㅜ", "b": "ㅠ", "m": "ㅡ",
    "l": "ㅣ",
}


def all_syllables(text: str) -> bool:
    """A non-empty text of complete Hangul syllables only (가-힣): the shape of a
    Korean name or title word, as opposed to Latin, digits or loose jamo."""
    return bool(text) and all("가" <= ch <= "힣" for ch in text)


def same_head(typed: str, found: str) -> bool:
    """Whether a near spelling `found` keeps the head of a long `typed` word:
    a typo or a loanword spelling changes a syllable or two, but a word whose
    first two syllables both differ is another word ('세종테크노파크' is not
    '부산테크노파크'). Words under four syllables always pass."""
    a = [ch for ch in typed if "가" <= ch <= "힣"]
    b = [ch for ch in found if "가" <= ch <= "힣"]
    if len(a) < 4 or len(b) < 2:
        return True
    return a[0] == b[0] or a[1] == b[1]


def is_syllable(ch: str) -> bool:
    return SYLLABLE_BASE <= ord(ch) <= SYLLABLE_LAST


def is_consonant(ch: str) -> bool:
    """A standalone (compatibility) consonant such as ㄱ, as in 초성 queries."""
    return ch in CONSONANTS


def is_vowel(ch: str) -> bool:
    return ch in VOWELS


def split_syllable(ch: str) -> tuple[str, str, str]:
    """'닭' -> ('ㄷ', 'ㅏ', 'ㄺ'); the final is '' when there is none."""
    n = ord(ch) - SYLLABLE_BASE
    return CHOSEONG[n // PER_CHO], JUNGSEONG[(n % PER_CHO) // N_JONG], JONGSEONG[n % N_JONG]


def join_syllable(cho: str, jung: str, jong: str = "") -> str:
    return chr(
        SYLLABLE_BASE
        + CHOSEONG.index(cho) * PER_CHO
        + JUNGSEONG.index(jung) * N_JONG
        + JONGSEONG.index(jong)
    )


def initial(ch: str) -> str:
    """The initial consonant of a syllable ('영' -> 'ㅇ'); other characters unchanged."""
    if is_syllable(ch):
        return CHOSEONG[(ord(ch) - SYLLABLE_BASE) // PER_CHO]
    return ch


def initials(text: str) -> str:
    """'영일만 밸리' -> 'ㅇㅇㅁ ㅂㄹ'."""
    return "".join(initial(ch) for ch in text)


@lru_cache(maxsize=16384)
def syllable_keys(ch: str) -> str:
    """Keystroke jamo of one character: '왕' -> 'ㅇㅗㅏㅇ', '닭' -> 'ㄷㅏㄹㄱ'."""
    if is_syllable(ch):
        cho, jung, jong = split_syllable(ch)
        return cho + VOWEL_KEYS.get(jung, jung) + FINAL_KEYS.get(jong, jong)
    if ch in VOWEL_KEYS:
        return VOWEL_KEYS[ch]
    if ch in FINAL_KEYS:
        return FINAL_KEYS[ch]
    return ch


def keystrokes(text: str) -> str:
    """Keystroke jamo of a text (other characters kept): '포항 CES' -> 'ㅍㅗㅎㅏㅇ CES'."""
    return "".join(syllable_keys(ch) for ch in text)


def initial_range(cho: str) -> tuple[str, str]:
    """First and last syllable that start with `cho` (for a regex class)."""
    start = SYLLABLE_BASE + CHOSEONG.index(cho) * PER_CHO
    return chr(start), chr(start + PER_CHO - 1)


@lru_cache(maxsize=4096)
def syllables_extending(ch: str) -> str:
    """Every syllable whose keystrokes start with those of `ch`, `ch` first.

    '호' -> 호 혹 ... 화 확 ... 회 ...; '달' -> 달 닭 닮 닯 닰 닱 닲 닳.  This is what a
    half-typed last syllable may still become.
    """
    cho, jung, jong = split_syllable(ch)
    keys = syllable_keys(ch)
    out = [ch]
    base = SYLLABLE_BASE + CHOSEONG.index(cho) * PER_CHO
    for n in range(base, base + PER_CHO):
        other = chr(n)
        if other != ch and syllable_keys(other).startswith(keys):
            out.append(other)
    return "".join(out)


def compose(jamo: str) -> str:
    """Compose keystroke jamo into text the way a 2-beolsik IME does.

    'ㅇㅕㅇㅣㄹㅁㅏㄴ' -> '영일만'; 'ㅍㅗㅎ' -> '퐇'; a consonant that finds no vowel
    stays a standalone jamo ('ㅇㅇㅁ' -> 'ㅇㅇㅁ'). Other characters pass through.
    """
    out: list[str] = []
    cho = jung = jong = ""

    def flush() -> None:
        nonlocal cho, jung, jong
        if cho and jung:
            out.append(join_syllable(cho, jung, jong))
        else:
            out.append(cho + jung)
        cho = jung = jong = ""

    for key in jamo:
        if key in VOWELS:
            if cho and jung and not jong and jung + key in _VOWEL_JOIN:
                jung = _VOWEL_JOIN[jung + key]
            elif cho and jung and jong:
                # The final moves on to start the next syllable: 일+ㅏ -> 이+라.
                parts = FINAL_KEYS.get(jong, jong)
                if len(parts) == 2:
                    jong = parts[0]
                    carry = parts[1]
                else:
                    jong = ""
                    carry = parts
                flush()
                cho, jung = carry, key
            elif cho and not jung:
                jung = key
            else:
                flush()
                out.append(key)
        elif key in CONSONANTS and key in CHOSEONG:
            if cho and jung and not jong and key in JONGSEONG:
                jong = key
            elif cho and jung and jong and jong + key in _FINAL_JOIN:
                jong = _FINAL_JOIN[jong + key]
            else:
                flush()
                cho = key
        else:
            flush()
            out.append(key)
    flush()
    return "".join(out)


def from_keyboard(text: str) -> str | None:
    """What Latin letters mean when typed with a Korean 2-beolsik layout switched
    off: 'dudlfaks' -> '영일만', 'vhgkd' -> '포항'.

    None when the letters do not read as Korean (a vowel with no consonant, or
    no whole syllable at all), so 'kic' or 'ces' stay English.
    """
    keys = []
    for ch in text:
        if ch.isspace():
            continue
        key = KEYBOARD.get(ch) or KEYBOARD.get(ch.lower())
        if key is None:
            return None
        keys.append(key)
    if not keys:
        return None
    composed = compose("".join(keys))
    if any(is_vowel(ch) for ch in composed) or not any(is_syllable(ch) for ch in composed):
        return None
    return composed


# -- Revised Romanization ------------------------------------------------------

_RR_INITIAL = {
    "ㄱ": "g", "ㄲ": "kk", "ㄴ": "n", "ㄷ": "d", "ㄸ": "tt", "ㄹ": "r", "ㅁ": "m", "ㅂ": "b",
    "ㅃ": "pp", "ㅅ": "s", "ㅆ": "ss", "ㅇ": "", "ㅈ": "j", "ㅉ": "jj", "ㅊ": "ch", "ㅋ": "k",
    "ㅌ": "t", "ㅍ": "p", "ㅎ": "h",
}
_RR_VOWEL = {
    "ㅏ": "a", "ㅐ": "ae", "ㅑ": "ya", "ㅒ": "yae", "ㅓ": "eo", "ㅔ": "e", "ㅕ": "yeo", "ㅖ": "ye",
    "ㅗ": "o", "ㅘ": "wa", "ㅙ": "wae", "ㅚ": "oe", "ㅛ": "yo", "ㅜ": "u", "ㅝ": "wo", "ㅞ": "we",
    "ㅟ": "wi", "ㅠ": "yu", "ㅡ": "eu", "ㅢ": "ui", "ㅣ": "i",
}
#: Final consonants by the sound RR writes for them at the end of a syllable.
_RR_FINAL = {
    "": "", "ㄱ": "k", "ㄲ": "k", "ㅋ": "k", "ㄳ": "k", "ㄺ": "k", "ㄴ": "n", "ㄵ": "n", "ㄶ": "n",
    "ㄷ": "t", "ㅅ": "t", "ㅆ": "t", "ㅈ": "t", "ㅊ": "t", "ㅌ": "t", "ㅎ": "t", "ㄹ": "l",
    "ㄼ": "l", "ㄽ": "l", "ㄾ": "l", "ㅀ": "l", "ㅁ": "m", "ㄻ": "m", "ㅂ": "p", "ㅍ": "p",
    "ㅄ": "p", "ㄿ": "p", "ㅇ": "ng",
}
_RR_READ_INITIAL: dict[str, list[str]] = {}
for _j, _r in _RR_INITIAL.items():
    _RR_READ_INITIAL.setdefault(_r, []).append(_j)
_RR_READ_INITIAL["l"] = ["ㄹ"]
_RR_READ_VOWEL = {r: j for j, r in _RR_VOWEL.items()}
_RR_READ_FINAL: dict[str, list[str]] = {}
for _j, _r in _RR_FINAL.items():
    if len(_j) <= 1 and _j not in FINAL_KEYS:
        _RR_READ_FINAL.setdefault(_r, []).append(_j)
# Before a vowel RR writes the voiced form (Hangugeo, Busan-si): accept those too.
for _voiced, _final in (("g", "ㄱ"), ("d", "ㄷ"), ("b", "ㅂ"), ("r", "ㄹ")):
    _RR_READ_FINAL.setdefault(_voiced, []).append(_final)


def romanize(text: str) -> str:
    """Revised Romanization, syllable by syllable (no sound-change rules):
    '포항' -> 'pohang', '과천' -> 'gwacheon'. Other characters pass through."""
    out = []
    for ch in text:
        if is_syllable(ch):
            cho, jung, jong = split_syllable(ch)
            out.append(_RR_INITIAL[cho] + _RR_VOWEL[jung] + _RR_FINAL[jong])
        else:
            out.append(ch)
    return "".join(out)


def read_romanized(text: str, *, limit: int = 8) -> list[list[str]]:
    """Ways to read Latin letters as romanised Korean, each a list of syllable
    alternatives: 'pohang' -> [['포', '항']]; 'hak' -> [['학', '핚', '핰']].

    Only whole readings count (every letter used, every syllable has a vowel);
    at most `limit` readings, shortest (fewest syllables) first.
    """
    s = "".join(ch for ch in text.lower() if ch.isalpha())
    if not s or not s.isascii() or len(s) > 40:  # names, not sentences
        return []

    @lru_cache(maxsize=None)
    def parse(pos: int) -> list[tuple[tuple[str, ...], ...]]:
        if pos == len(s):
            return [()]
        results: list[tuple[tuple[str, ...], ...]] = []
        for ilen in (2, 1, 0):
            ini = s[pos : pos + ilen]
            if len(ini) != ilen or ini not in _RR_READ_INITIAL:
                continue
            for vlen in (3, 2, 1):
                vp = pos + ilen
                vow = s[vp : vp + vlen]
                if len(vow) != vlen or vow not in _RR_READ_VOWEL:
                    continue
                for flen in (2, 1, 0):
                    fp = vp + vlen
                    fin = s[fp : fp + flen]
                    if len(fin) != flen or fin not in _RR_READ_FINAL:
                        continue
                    for rest in parse(fp + flen):
                        options = tuple(
                            join_syllable(c, _RR_READ_VOWEL[vow], f)
                            for c, f in product(_RR_READ_INITIAL[ini], _RR_READ_FINAL[fin])
                        )
                        results.append((options, *rest))
                        if len(results) >= limit * 4:
                            return results
        return results

    readings = sorted(set(parse(0)), key=len)
    return [list(r) for r in readings[:limit]]
