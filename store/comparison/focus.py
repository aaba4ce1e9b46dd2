"""Focus industries: a general vocabulary of sectors, matched in a city's text.

The vocabulary is general knowledge about industrial policy, not a list taken
from any article: each sector has a canonical name and the surface forms news
text uses for it (AI / 인공지능, 이차전지 / 2차전지 / 배터리, ...).
"""

from __future__ import annotations

import re
from typing import Any

from .evidence import FactSet
from .scope import Scope

_L = r"(?<![A-Za-z])"
_R = r"(?![A-Za-z])"

#: (canonical term, pattern). Order is display order for equal counts.
SECTORS: list[tuple[str, str]] = [
    ("바이오", r"바이오[가-힣]*|제약|헬스케어|디지털헬스|의료기기|{L}bio{R}"),
    ("이차전지/배터리", r"이차전지|2차\s?전지|배터리|{L}battery{R}"),
    ("수소", r"수소(?!폭탄)"),
    ("인공지능", r"인공지능|{L}A[Ii]{R}"),
    ("IoT", r"사물인터넷|{L}IoT{R}"),
    ("스마트시티", r"스마트\s?시티|{L}smart ?city{R}"),
    ("메타버스", r"메타버스|확장\s?현실|{L}XR{R}|가상\s?세계"),
    ("반도체", r"반도체|시스템\s?반도체|{L}semiconductor{R}"),
    ("ESG", r"{L}ESG{R}|탄소\s?중립|친환경"),
    ("디지털", r"디지털(?!헬스)|{L}digital{R}"),
    ("스타트업", r"스타트업|창업|벤처|액셀러레이터|{L}startup{R}"),
    ("4차 산업혁명", r"4차\s?산업(?:\s?혁명)?"),
    ("정보통신", r"정보통신|{L}ICT{R}|{L}IT{R}"),
    ("모빌리티", r"모빌리티|자율주행|전기차|미래형\s?교통|{L}UAM{R}"),
    ("로봇", r"로봇|{L}robot(?:ics)?{R}"),
    ("드론", r"드론|{L}drone{R}"),
    ("우주항공", r"우주|항공(?!사)"),
    ("빅데이터·클라우드", r"빅\s?데이터|클라우드|{L}big data{R}|{L}cloud{R}"),
    ("블록체인·핀테크", r"블록체인|핀테크|{L}blockchain{R}|{L}fintech{R}"),
    ("에너지", r"신재생\s?에너지|재생\s?에너지|태양광|풍력|원자력|원전"),
    ("소재·부품", r"신소재|소재·부품|철강"),
    ("첨단산업단지", r"첨단[가-힣]*\s?산업\s?(?:단지|센터|시설|클러스터)|테크노\s?밸리|혁신\s?파크"),
    ("MICE", r"{L}MICE{R}|마이스|컨벤션"),
    ("일자리", r"일자리"),
    ("과학기술", r"과학관|과학도시|연구\s?중심"),
]

_COMPILED = [
    re.compile(pat.replace("{L}", _L).replace("{R}", _R), re.IGNORECASE) for _, pat in SECTORS
]


def _top_level(pattern: str) -> list[str]:
    """Split a pattern on the `|` that are outside any group."""
    parts, depth, current, escaped = [], 0, "", False
    for ch in pattern:
        if escaped:
            current += ch
            escaped = False
            continue
        if ch == "\\":
            escaped = True
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(current)
            current = ""
            continue
        current += ch
    parts.append(current)
    return parts


def _triggers(pattern: str) -> list[str]:
    """The literal each alternative starts with: a cheap `in` test before the regex runs."""
    out = []
    for alt in _top_level(pattern):
        alt = alt.replace("{L}", "")
        lead = re.match(r"[^\[\](){}?*+\\.|^$]+", alt)
        text = lead.group(0) if lead else ""
        # A quantifier right after makes the last character optional.
        if len(alt) > len(text) and alt[len(text)] in "?*":
            text = text[:-1]
        out.append(text.lower())
    return out


#: Sectors whose triggers all miss a sentence are never run against it.
_TRIGGERS = [_triggers(pat) for _, pat in SECTORS]
#: (sector, trigger) pairs: one flat pass of C-level `in` tests per sentence.
_PAIRS = [(n, t) for n, triggers in enumerate(_TRIGGERS) for t in dict.fromkeys(triggers)]


def _triggered(lowered: str) -> list[int]:
    """Sectors with a trigger in the sentence, in order (an empty trigger always fires)."""
    return sorted({n for n, t in _PAIRS if t in lowered})


def focus(scope: Scope, city: str) -> list[dict[str, Any]]:
    facts = FactSet()
    counts: dict[str, int] = {}
    surfaces: dict[str, list[str]] = {}
    for s in scope.of(city):
        for n in _triggered(s.text.lower()):
            term = SECTORS[n][0]
            for m in _COMPILED[n].finditer(s.text):
                surface = m.group(0)
                counts[term] = counts.get(term, 0) + 1
                seen = surfaces.setdefault(term, [])
                if surface not in seen:
                    seen.append(surface)
                facts.add(term, {"term": term}, s.evidence(m.start(), m.end()), (n,))
    out = []
    for fact in facts:
        fact.fields["surfaces"] = surfaces[fact.key]
        fact.fields["count"] = counts[fact.key]
        out.append(fact)
    out.sort(key=lambda f: (-f.fields["count"], f.order))
    return [f.to_json() for f in out]
