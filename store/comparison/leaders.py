"""Leaders: the city's head (시장, 군수, …) and the officials who led its delegations.

Sources, in order: the head pattern `NAME 포항시장` found by `scope`, person
entities whose role or affiliation ties them to the city with a leading title,
and `NAME TITLE을 단장으로` (the head of a delegation) in the city's sentences.
"""

from __future__ import annotations

import re
from typing import Any

from .evidence import FactSet
from .scope import Scope, city_stem, head_title

#: Titles of people who lead (not staff ranks like 주무관 or 팀원).
LEADING_TITLES = ("시장", "부시장", "군수", "부군수", "구청장", "도지사", "의장", "국장", "실장", "본부장", "단장", "청장")
_DELEGATION_HEAD = re.compile(r"(?<![가-힣])([가-힣]{2,4})\s([가-힣]{2,14}?)(?:을|를)\s단장으로")
_SURNAME = re.compile(r"(?<![가-힣])([가-힣])\s(시장|군수|구청장|도지사)(?=[은는이가을를의과와도에께]|\s|[,.]|$)")


def when_seen(dates: list[str]) -> str:
    """The first and last day a leader is named (over every article: `ranking`)."""
    dates = sorted(d for d in dates if d)
    if not dates:
        return ""
    return dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}"


def leaders(scope: Scope, city: str) -> list[dict[str, Any]]:
    stem, title = city_stem(city), head_title(city)
    facts = FactSet()

    def add(name: str, role: str, s, start: int, end: int, rank: int) -> None:
        facts.add(name, {"name": name, "role": role}, s.evidence(start, end), (rank,))

    # Officials tied to the city by person entities (role/affiliation as the text gives them).
    officials: dict[str, str] = {}
    for e in scope.entities:
        if e.type != "person":
            continue
        role = (e.role or "").strip()
        aff = e.affiliation or ""
        tied = stem in role or stem in aff
        if tied and any(role.replace(" ", "").endswith(t) for t in LEADING_TITLES):
            officials[e.name] = role if stem in role else f"{aff} {role}".strip()

    for s in scope.of(city):
        info = scope.articles[s.article_id]
        heads = info.heads.get(city, [])
        for name in heads:
            for m in re.finditer(re.escape(name), s.text):
                add(name, f"{stem}{title}", s, m.start(), m.end(), 0)
        for m in _SURNAME.finditer(s.text):
            for name in heads:
                if name.startswith(m.group(1)) and m.group(2) == title:
                    add(name, f"{stem}{title}", s, m.start(), m.end(), 0)
        for m in _DELEGATION_HEAD.finditer(s.text) if "단장으로" in s.text else ():
            role = m.group(2)
            if any(role.endswith(t) for t in LEADING_TITLES):
                add(m.group(1), f"{role}, 방문단 단장", s, m.start(), m.end(1), 1)
        for name, role in officials.items():
            if name in heads:
                continue
            for m in re.finditer(re.escape(name), s.text):
                add(name, role, s, m.start(), m.end(), 2)
    return [fact.to_json() for fact in sorted(facts, key=lambda f: (f.order, -len(f.evidence)))]
