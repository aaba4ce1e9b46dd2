"""Partners and agreements: who a city signed with or plans to.

A sentence about an agreement names one of MOU, MOA, 협약, 협정(서), 의향서,
양해각서, 자매도시/자매결연, 결연, 제휴, 파트너십, 정례포럼, 지사 설립. The
counterparty is, in order: the phrase before 와/과 that precedes the keyword
(산호세 KIC(…)와 글로벌 협력 MOU), a city whose head the delegation met
(부에나파크 시장을 만나; 밴쿠버에서는 … 시장과 만나), the place or body visited
in the same sentence, or — when the sentence says only "이 만남을 통해" — the
one visited or met in the sentence just before it.
"""

from __future__ import annotations

import re
from typing import Any

from .evidence import FactSet
from .phrases import norm_key, phrase_before, strip_particle
from .scope import Scope, Sentence, city_stem

_AGREEMENT = re.compile(
    r"MOU|MOA|LOI|업무\s?협약|협약|협정서|협정|의향서|양해각서|자매\s?도시|자매\s?결연|결연|제휴|"
    r"(?:전략적\s)?파트너십\s?(?:을\s)?체결|전략적\s파트너십|정례\s?포럼|[가-힣A-Za-z]*지사[’']?\s?설립"
)
_WITH = re.compile(r"(?:와|과)(?:의|도)?\s")
_MET_HEAD = re.compile(r"(?:을|를|과|와)\s?만나|(?:을|를)\s?만났")
_VISITED = re.compile(r"(?:을|를)\s(?:[가-힣]+\s)?(?:방문|찾아|찾은|찾았)")
_AT = re.compile(r"(?<!\S)([^\s]+)에서(?:는)?\s")
_TITLE_END = re.compile(r"\s?(?:시장|수장|군수|주지사|회장|대표|총장|관계자|의장|대사|장관)$")
#: A phrase reads as a name when it is quoted, has Latin letters, or ends like a body or a place.
_NAMED_END = re.compile(
    r"(?:[A-Za-z]|대학교|대학|대|연구소|연구원|협회|센터|재단|그룹|기업|공사|공단|부|청|원|회|위원회|"
    r"시|도시|주|군|카운티|국|사|은행|학회|포럼|클럽|컴퍼니)$"
)
_NOT_PARTY = re.compile(r"MOU|MOA|협약|협정|의향서|결연|제휴|파트너십|방문|만남|관련")
_LABEL_STOP = re.compile(r"[은는을를에의와과로며고서해나도]$|인$|한$|[,.]$")


def _agreement_label(text: str, m: re.Match[str]) -> str:
    words = []
    for w in reversed(text[max(0, m.start() - 80) : m.start()].split()[-3:]):
        if _LABEL_STOP.search(w) or "(" in w or w in ("또", "특히", "이번", "이어", "등", "및", "위한", "간"):
            break
        words.insert(0, w)
    tail = re.match(r"\s?\([A-Z]{2,4}\)", text[m.end() : m.end() + 8])
    label = " ".join(words + [m.group(0) + (tail.group(0).strip() if tail else "")])
    return re.sub(r"[‘’“”'\"]", "", label).strip()


def _distinct(labels) -> list[str]:
    """Labels without repeats or ones another label already contains (MOA in 협정서(MOA))."""
    labels = [x for x in dict.fromkeys(labels) if x]
    keys = [norm_key(x) for x in labels]
    return [x for x, k in zip(labels, keys) if not any(k != o and k in o for o in keys)]


def _named(phrase: str, quoted: bool) -> bool:
    return quoted or bool(_NAMED_END.search(phrase))


Candidate = tuple[str, "str | None", int, int]


def _candidates(s: Sentence, city: str) -> list[Candidate]:
    """Every name-like party in the sentence, with its span."""
    text = s.text
    stem = city_stem(city)
    found: list[Candidate] = []

    def place_before(pos: int) -> tuple[str, int, int] | None:
        best = None
        lo = max(0, pos - 60)
        for m in _AT.finditer(text, lo, pos):
            best = (strip_particle(m.group(1)), m.start(1), m.end(1))
        return best

    for regex in (_WITH, _VISITED, _MET_HEAD):
        for m in regex.finditer(text):
            p = phrase_before(text, m.start(), max_words=3)
            if not p:
                continue
            name, start, alias = p
            quoted = text[max(0, start - 1) : start] in "‘'“\""
            if _TITLE_END.search(name):
                # 스튜어트 시장과 만나 / 부에나파크 시장을 만나: the place, not the person.
                at = place_before(start)
                if at and at[2] >= start - 12:
                    name, start = at[0], at[1]
                else:
                    rest = _TITLE_END.sub("", name).split()
                    if not rest:
                        continue
                    name = rest[-1]
                quoted = True
            if stem in name or _NOT_PARTY.search(name) or not _named(name, quoted):
                continue
            found.append((name, alias, start, m.start()))
    return found


def _nearest(found: list[Candidate], before: int) -> list[Candidate]:
    """The party closest before the agreement word, plus its pair (A와 B 간)."""
    prior = [c for c in found if c[3] <= before]
    if not prior:
        return []
    best = max(prior, key=lambda c: c[3])
    return [best]


def _pair(s: Sentence, party: Candidate) -> list[Candidate]:
    m = re.match(r"(?:와|과)\s([^,]{2,40}?)\s간\s", s.text[party[3] : party[3] + 60])
    if m and not re.search(r"만나|체결|하고|하며|했", m.group(1)):
        return [(m.group(1), None, party[3] + m.start(1), party[3] + m.end(1))]
    return []


def partners(scope: Scope, city: str) -> list[dict[str, Any]]:
    facts = FactSet()
    sentences = scope.of(city)
    for i, s in enumerate(sentences):
        agreements = list(_AGREEMENT.finditer(s.text))
        if not agreements:
            continue
        first = agreements[0]
        found = _nearest(_candidates(s, city), first.start())
        via = [s]
        if found:
            found += _pair(s, found[0])
        else:
            # "이 만남을 통해 …": the counterpart is in the sentence before.
            for back in (sentences[i - 1] if i else None, sentences[i - 2] if i > 1 else None):
                if back is None or back.article_id != s.article_id:
                    break
                cands = [c for c in _candidates(back, city) if not back.text[c[3]:].startswith(("와", "과"))]
                if cands:
                    found = [min(cands, key=lambda c: c[2])]
                    via = [back, s]
                    break
        if not found:
            continue
        names = []
        for name, alias, start, end in found:
            name = name.strip(" ‘’“”'\"")
            if len(norm_key(name)) >= 2 and norm_key(name) not in [norm_key(n) for n in names]:
                names.append(name)
        labels = [_agreement_label(s.text, a) for a in agreements]
        for n in names:
            labels = [re.sub(rf"^{re.escape(n)}\s*", "", x) for x in labels]
        label = "; ".join(_distinct(labels))
        aliases = [a for _, a, _, _ in found if a]
        name = " · ".join(names)
        fact = facts.add(
            norm_key(names[0]),
            {"name": name, "aliases": aliases, "agreement": label},
            via[0].evidence(found[0][2], found[0][3]),
            (s.date or (9999, 0, 0), s.article_id, s.paragraph_index),
        )
        for other in via[1:]:
            fact.add(other.evidence(first.start(), first.end()) if other is s else other.evidence())
        fact.fields["agreement"] = "; ".join(_distinct(fact.fields["agreement"].split("; ") + label.split("; ")))
    return merge_spellings(list(facts))


def merge_spellings(facts: list[Any]) -> list[dict[str, Any]]:
    """Merge a longer spelling into a shorter one (미국 산호세 KIC -> 산호세 KIC),
    within an article and again over every article's partners (`ranking`).
    `facts` are `evidence.Fact`s, in the order a host is preferred."""
    merged: list[Any] = []
    for fact in sorted(facts, key=lambda f: len(f.key)):
        aliases = {norm_key(a) for a in fact.fields.get("aliases", [])}
        host = next(
            (m for m in merged
             if m.key in fact.key or fact.key in m.key or m.key in aliases
             or fact.key in {norm_key(a) for a in m.fields.get("aliases", [])}),
            None,
        )
        if host is None:
            merged.append(fact)
        else:
            for ev in fact.evidence:
                host.add(ev)
            for a in fact.fields.get("aliases", []):
                if a not in host.fields["aliases"]:
                    host.fields["aliases"].append(a)
            host.fields["agreement"] = "; ".join(
                _distinct(host.fields["agreement"].split("; ") + fact.fields["agreement"].split("; "))
            )
            if len(fact.fields["name"]) > len(host.fields["name"]) and host.key in aliases:
                host.fields["name"] = fact.fields["name"]
    merged.sort(key=lambda f: f.order)
    return [f.to_json() for f in merged]
