"""Initiatives: the named flagship projects and visions of a city, one article at a time.

Candidates are names the text marks as projects: quoted names (‘영일만 밸리’),
phrases right before 프로젝트 / 비전 / 사업설명회 / 개발사업 / 조성사업, and
stored initiative entities. A candidate's weight is how often the city's text
uses it as a project; uses that only compare (…를 능가하는, …처럼) or visit
(…를 방문해) do not count, and names that are stored as places are dropped.
Each comes with a one-line description from the sentence that defines it best
(its `score` says how well, so the best description over all articles wins).
"""

from __future__ import annotations

import re
from typing import Any

from .evidence import FactSet
from .phrases import ends_like_verb, norm_key, phrase_before
from .scope import Scope, Sentence, city_stem, inside_quote

_QUOTED = re.compile(r"[‘'“\"]([^‘'“\"’”]{2,25})[’'”\"]")
_PROJECT_WORD = re.compile(r"\s?(프로젝트|비전|사업설명회|개발\s?사업|개발\s?계획|조성\s?사업|건립\s?사업|추진\s?사업|사업)(?![가-힣]*자)")
_PROJECT_HEAD = re.compile(
    r"(밸리|valley|프로젝트|비전|클러스터|신도시|특구|파크|단지|센터|거점|허브|플랫폼|타운|도시|개발|사업|캠퍼스|벨트|지구)$",
    re.IGNORECASE,
)
_NOT_OWN = re.compile(
    r"^[’'”\")]*\s?(?:(?:와|과)\s[^,.]{0,25}?)?(?:을|를|와|과|의)?\s?(?:능가|뛰어넘|벤치마킹|방문|찾아|닮은|처럼|같은|모델로)"
)
_DEFINING = re.compile(r"조성|골자|위해|목표|추진|선포|만들|도약|구축|육성|프로젝트|비전")
_MAX_DESC = 100


def _describe(s: Sentence, start: int, end: int) -> str:
    text = re.sub(r"\s+", " ", s.text).strip()
    if len(text) <= _MAX_DESC:
        return text
    # A window around the name, cut at word boundaries.
    lo = max(0, start - 40)
    if lo:
        space = text.find(" ", lo)
        lo = space + 1 if 0 <= space < start else lo
    hi = min(len(text), lo + _MAX_DESC)
    if hi < len(text):
        space = text.rfind(" ", lo, hi)
        hi = space if space > end - (len(s.text) - len(text)) else hi
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def initiatives(scope: Scope, city: str) -> list[dict[str, Any]]:
    stem = city_stem(city)
    places = {norm_key(e.name) for e in scope.entities if e.type == "place"}
    weights: dict[str, float] = {}
    surfaces: dict[str, dict[str, int]] = {}
    facts = FactSet()
    best: dict[str, tuple[int, Sentence, int, int]] = {}
    scores: dict[int, int] = {}

    def note(name: str, s: Sentence, start: int, end: int, weight: float) -> None:
        name = re.sub(r"\((?:[A-Za-z ]+)\)$", "", name).strip()
        key = norm_key(name)
        if len(key) < 3 or key == norm_key(city) or key == norm_key(stem) or key in places:
            return
        surfaces.setdefault(key, {})
        surfaces[key][name] = surfaces[key].get(name, 0) + 1
        weights[key] = weights.get(key, 0) + weight
        facts.add(key, {"name": name}, s.evidence(start, end), (s.date or (9999, 0, 0),))
        score = scores.get(id(s))
        if score is None:
            # A run-on sentence or a heading describes less.
            score = scores[id(s)] = len(_DEFINING.findall(s.text)) - (2 if len(s.text) > 160 or len(s.text) < 40 else 0)
        if inside_quote(s.text, start):
            score -= 3  # inside a quotation: a claim, not a description
        if key not in best or score > best[key][0]:
            best[key] = (score, s, start, end)

    for s in scope.of(city):
        text = s.text
        for m in _QUOTED.finditer(text):
            inner = m.group(1).strip()
            after = text[m.end() : m.end() + 40]
            if _NOT_OWN.match(after) or len(inner.split()) > 5:
                continue
            proj = _PROJECT_WORD.match(after)
            if _PROJECT_HEAD.search(re.sub(r"\(.*?\)$", "", inner)) or proj:
                note(inner, s, m.start(1), m.end(1), 2 if proj else 1)
        for m in _PROJECT_WORD.finditer(text):
            if text[max(0, m.start() - 1) : m.start()] in ("’", "'", "”", '"'):
                continue
            p = phrase_before(text, m.start(), max_words=2)
            if not p:
                continue
            name = p[0]
            if ends_like_verb(name.split()[-1]):
                continue
            if "개발" in m.group(1) and not name.endswith("개발"):
                name += " 개발"
            if re.fullmatch(r"[가-힣]{1,2}", name) or name.endswith(("의", "은", "는")):
                continue
            note(name, s, p[1], m.start(), 1)
        for entity, start, end in scope.mentions_in(s, "initiative"):
            if not _NOT_OWN.match(text[end : end + 40]):
                note(entity.name, s, start, end, 1)
    # The threshold (weight 2), the merging of a name into a longer one and the
    # ranking happen over every article's candidates: `store.comparison.ranking`.
    out = []
    for key, weight in weights.items():
        fact = facts.get(key)
        if fact is None:
            continue
        fact.fields["name"] = max(surfaces[key].items(), key=lambda kv: kv[1])[0]
        fact.fields["description"] = _describe(*best[key][1:])
        fact.fields["score"] = best[key][0]
        fact.fields["weight"] = weight
        out.append(fact.to_json())
    return out
