"""Quotes: short, by whom.

A quotation in “…” closed by a speech ending (…고, …라며) is attributed to the
subject of its sentence (이강덕 포항시장은 “…”), to the mayor a surname
reference points to (이 시장은, 최 시장은), or — for 그는 and a quote that
opens its sentence — to the previous speaker in the same article.
"""

from __future__ import annotations

import re
from typing import Any

from .evidence import FactSet
from .scope import Scope, Sentence, city_stem

_QUOTE = re.compile(r"[“\"]([^”\"]{12,})[”\"]\s?(?:라고|이라고|고|라며|이라며|며|면서|라면서|라는)")
_TITLE = (
    r"(?:시장|부시장|군수|구청장|도지사|국장|과장|팀장|주무관|관계자|장관|차관|회장|교수|의장|의원|"
    r"대표|소장|원장|청장|총장|이사장|위원장|단장|CEO|대통령)"
)
_SPEAKER = re.compile(
    rf"(?:(?<![가-힣])(?P<name>[가-힣]{{2,4}})\s)?(?P<title>(?:[가-힣]{{2,12}}\s)?[가-힣A-Za-z]{{0,12}}?{_TITLE})\s?(?:은|는|이|가|도)\s(?:[^“\"]*?)$"
)
_SURNAME = re.compile(r"(?<![가-힣])(?P<sur>[가-힣])\s(?P<title>시장|군수|구청장|도지사)(?:은|는|이|가|도)\s[^“\"]*$")
_PRONOUN = re.compile(r"(?<![가-힣])그(?:는|가|녀는)\s[^“\"]*$")
_MAX = 90


def _short(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= _MAX else text[: _MAX - 1].rstrip() + "…"


def _speaker(s: Sentence, prefix: str, scope: Scope, city: str, last: tuple[str, str] | None) -> tuple[str, str] | None:
    info = scope.articles[s.article_id]
    m = _SURNAME.search(prefix)
    if m:
        for c, names in info.heads.items():
            for n in names:
                if n.startswith(m.group("sur")):
                    return n, f"{city_stem(c)}{m.group('title')}"
    m = _SPEAKER.search(prefix)
    if m:
        name, title = m.group("name"), m.group("title")
        for c, names in info.heads.items():
            if name in names and title in ("시장", "군수", "구청장", "도지사"):
                title = f"{city_stem(c)}{title}"
        if name and title.endswith("관계자"):
            return f"{name} {title}", ""  # 과천시 관계자: a body, not a person
        if name is None:
            for c, names in info.heads.items():
                if title.startswith(city_stem(c)) and names:
                    return names[0], title
            return title, ""
        return name, title
    if _PRONOUN.search(prefix) and last:
        return last
    if not prefix.strip(" 이어또한그리고특히") and last:
        return last
    return None


def _attributed(scope: Scope) -> list[tuple[Sentence, re.Match[str], tuple[str, str]]]:
    """Every quotation with its speaker, once per scope: the speaker chain runs
    over the whole article whatever the city, so the cities share one pass."""
    memo = scope.__dict__.get("_quotes")
    if memo is None:
        memo = []
        last: dict[str, tuple[str, str]] = {}
        for s in scope.sentences:
            for m in _QUOTE.finditer(s.text):
                prefix = s.text[max(0, m.start() - 200) : m.start()]  # the subject is near the quote
                who = _speaker(s, prefix, scope, "", last.get(s.article_id))
                if who:
                    last[s.article_id] = who
                    memo.append((s, m, who))
        scope.__dict__["_quotes"] = memo
    return memo


def quotes(scope: Scope, city: str) -> list[dict[str, Any]]:
    facts = FactSet()
    for s, m, who in _attributed(scope):
        if city not in s.cities:
            continue
        text = _short(m.group(1))
        facts.add(
            f"{s.article_id}|{text}",
            {"text": text, "speaker": who[0], "role": who[1]},
            s.evidence(m.start(), m.start() + len(m.group(1)) + 2),
            (s.date or (9999, 0, 0), s.article_id, s.paragraph_index),
        )
    return [f.to_json() for f in sorted(facts, key=lambda f: f.order)]
