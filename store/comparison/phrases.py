"""Noun phrases around Korean particles, without loading the analyser.

The comparison reads facts like "샌디에이고를 방문해" or "산호세 KIC(...)와 MOU를
체결": the thing is the phrase just before a particle. These helpers take that
phrase back word by word and stop at the first word that is plainly not part
of a name (a verb form, a particle-marked word, a connective adverb).
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Connectives and time words that open a clause but never belong to a name.
_STOP_WORDS = {
    "이어", "이어서", "또", "또한", "특히", "마지막으로", "이날", "현지", "지난", "앞서", "한편",
    "먼저", "다시", "함께", "직접", "바로", "이번", "향후", "최근", "당시", "연이어", "모두",
    "주요", "등", "및", "그리고", "이후", "오는", "이에", "따라", "결국", "아울러", "나아가",
    "왜", "어떻게", "인근", "부근", "근처", "오로지", "다만", "이미", "반드시", "모든", "이", "그", "각", "총", "약",
}
#: A word ending like this is a particle-marked word or a verb form.
_NOT_NAME_END = re.compile(
    r"(?:[은는을를에의와과로며고서해여히면던게까요죠]|에서|에게|으로|한|인|된|될|할|있는|하는|"
    r"이며|이고|처럼|부터|까지|만큼|했고|했으며|하고|하며|했다|한다|였다|고자|려고|도록|위해|시켜|나|워|어서|아서|\d+일)$"
)
_QUOTED_TAIL = re.compile(r"[‘'“\"]([^‘'“\"’”]{1,40})[’'”\"]$")
_PAREN_TAIL = re.compile(r"\s?\(([^()]{1,40})\)$")
_ENUMERATION = re.compile(r"[·,]")
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile(r"[\d.,·\-]+|\d{1,2}일")
_KEY_NOISE = re.compile(r"[\s‘’“”'\"·()\[\]]")
_POSSESSIVE = re.compile(r"(?<=[가-힣])의(?=[가-힣]{2})")


def phrase_before(text: str, end: int, max_words: int = 3) -> tuple[str, int, str | None] | None:
    """The name-like phrase ending at `end`: (phrase, start offset, parenthetical alias)."""
    # A name is a few words: look back a bounded window, so a huge run-on text stays linear.
    offset = max(0, end - 160)
    head = text[offset:end].rstrip()
    alias = None
    m = _PAREN_TAIL.search(head)
    if m:
        alias = m.group(1).strip()
        head = head[: m.start()].rstrip()
    q = _QUOTED_TAIL.search(head)
    if q:
        name = q.group(1).strip()
        if name:
            return name, offset + q.start() + 1, alias
    words = head.split(" ")
    if not words or not words[-1]:
        return None
    picked: list[str] = []
    for i, word in enumerate(reversed(words)):
        word = word.strip("‘’“”'\"[]<>「」")
        if not word:
            break
        if i and (")" in word and "(" not in word):
            break
        if i and (word in _STOP_WORDS or _NOT_NAME_END.search(word) or word[-1] in ",.;:"):
            break
        if i == 0:
            # The head word is kept as written, but an enumeration stays out.
            parts = _ENUMERATION.split(word)
            word = parts[-1]
            if not word:
                return None
            if len(parts) > 1:
                picked.append(word)
                break
        picked.append(word)
        if len(picked) >= max_words:
            break
        if i and _DIGIT.search(word):
            break
    picked.reverse()
    while picked and (picked[0] in _STOP_WORDS or _NUMBER_WORD.fullmatch(picked[0])):
        picked.pop(0)
    if not picked:
        return None
    name = " ".join(picked)
    if len(name) < 2 or name in _STOP_WORDS:
        return None
    return name, offset + max(0, head.rfind(picked[0])), alias


def ends_like_verb(word: str) -> bool:
    """A word that is a particle-marked word or a verb form, never a name's last word."""
    return bool(_NOT_NAME_END.search(word))


@lru_cache(maxsize=16384)
def norm_key(name: str) -> str:
    """Compare names ignoring spaces, quotes and a possessive 의 (아시아의 실리콘밸리)."""
    key = _KEY_NOISE.sub("", name)
    key = _POSSESSIVE.sub("", key)
    return key.lower()


def strip_particle(word: str) -> str:
    return re.sub(r"(?:에서|으로|에게|과의|와의|[은는이가을를에의와과로도])$", "", word)
