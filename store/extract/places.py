"""Places: gazetteer stems (countries, world cities, US states, Korean
divisions, regions) plus shapes that name a place the lists do not know:
"X 카운티", "도시인 X", "<country> X에서", and venues after a place."""

from __future__ import annotations

import re

from ..hangul import all_syllables
from .found import Doc, Found
from .gazetteer import HOME_COUNTRY, Gazetteer, titles_in
from .morph import Word

_VENUE_SUFFIXES = ("컨벤션센터", "전시장", "국제공항", "공항", "경기장", "스타디움")
#: Heads of development areas, venues and landmarks named after a place: '판교 테크노밸리',
#: '구미 국가산업단지', '위례 신도시' are one place, not the bare place name.
AREA_HEADS = frozenset(
    "테크노밸리 산업단지 국가산업단지 일반산업단지 산단 국가산단 일반산단 혁신도시 신도시 기업도시 "
    "혁신클러스터 클러스터 특구 지구 택지지구 단지 벤처밸리 하이테크밸리 컨벤션센터 엑스포 전시장 호텔 대교 "
    "해수욕장 국제공항 공항 역 항 신항 공원 경기장 스타디움".split()
)
_LOCATIVE = ("에서", "에서는", "에", "을", "를", "로", "으로", "의", "에서의")


_SPELLED = re.compile(r"\(([A-Z]{2,5})\)")


def place_name(w: Word, g: Gazetteer) -> str | None:
    stem = w.stem
    spelled = _SPELLED.match(w.josa) if w.josa.startswith("(") else None
    if spelled and spelled.group(1) not in g.places:
        return None  # '아이티(IT)': the Hangul spells the acronym, it names no country
    if stem in g.places:
        if stem in g.korean_bare and not w.nnp:
            return None
        return g.places[stem]
    if len(stem) > 2 and stem.endswith("시") and stem[:-1] in g.places and stem[:-1] not in g.korean_bare:
        return g.places[stem[:-1]]  # 피츠버그시 is the place 피츠버그
    return None


def find(doc: Doc, g: Gazetteer) -> list[Found]:
    out: list[Found] = []
    for p in doc.paras:
        ws = p.words
        skip = -1
        for i, w in enumerate(ws):
            if i == skip:
                continue
            name = place_name(w, g)
            nxt = ws[i + 1] if i + 1 < len(ws) else None
            if (
                name
                and nxt is not None
                and not w.josa
                and nxt.stem in AREA_HEADS
                and p.text[w.end : nxt.start].isspace()
            ):
                out.append(Found("place", f"{w.stem} {nxt.stem}", p.index, w.stem_start, nxt.stem_end))
                if w.stem not in g.korean_bare:  # a city or country keeps its own mention too
                    out.append(Found("place", name, p.index, w.stem_start, w.stem_end))
                skip = i + 1
                continue
            if name and name not in HOME_COUNTRY:
                out.append(Found("place", name, p.index, w.stem_start, w.stem_end))
                continue
            if len(w.stem) >= 3 and w.stem[-1] in "동읍면" and w.stem[:-1] in g.korean_bare and w.nnp:
                out.append(Found("place", w.stem, p.index, w.stem_start, w.stem_end))
                continue  # "과천동": a neighbourhood named after its city
            prev = ws[i - 1] if i else None
            joined = prev is not None and not prev.josa and p.text[prev.end : w.start].isspace()
            if w.stem in g.subdivisions and _named_as_place(w, prev if joined else None, nxt, g):
                out.append(Found("place", w.stem, p.index, w.stem_start, w.stem_end))
                continue
            if _part_of_a_place(w.stem, g) or _landmark(w, g):
                out.append(Found("place", w.stem, p.index, w.stem_start, w.stem_end))
                continue
            if w.stem == "카운티" and joined and all_syllables(prev.stem):
                out.append(Found("place", f"{prev.stem} 카운티", p.index, prev.stem_start, w.stem_end))
            elif prev is not None and prev.text in ("도시인", "도시", "도시인데") and w.nnp and all_syllables(w.stem):
                out.append(Found("place", w.stem, p.index, w.stem_start, w.stem_end))
            elif (
                joined
                and prev.stem in g.countries
                and w.nnp
                and w.josa in _LOCATIVE
                and all_syllables(w.stem)
                and w.stem not in g.orgs
            ):
                out.append(Found("place", w.stem, p.index, w.stem_start, w.stem_end))
            elif joined and prev.stem in g.countries and (m := _FOREIGN_CITY.match(w.text)) and _unknown_city(
                m.group(1), w, g
            ):
                # Kiwi may not know the city ("과달라하라에서"): the country says it is one.
                out.append(Found("place", m.group(1), p.index, w.start, w.start + len(m.group(1))))
            elif joined and w.stem in _VENUE_SUFFIXES and place_name(prev, g):
                out.append(Found("place", f"{prev.stem} {w.stem}", p.index, prev.stem_start, w.stem_end))
    return out


_PART_ENDS = ("북부", "남부", "동부", "서부", "권", "청사")
_PART = re.compile(rf"^(?:[동서남북](?P<side>[가-힣]{{2,3}})|(?P<base>[가-힣]{{2,4}}?)(?P<part>{'|'.join(_PART_ENDS)}))$")


def _part_of_a_place(stem: str, g: Gazetteer) -> bool:
    """A side, part or government building of a known Korean place: '서부산', '북수원',
    '경기북부', '강남권', '조치원청사' (a place itself, though no list names it)."""
    if not (stem[:1] in "동서남북" or stem.endswith(_PART_ENDS)):
        return False  # most words: no regex
    m = _PART.match(stem)
    if not m or stem in g.places or stem in g.orgs:
        return False
    city = lambda name: name in g.korean_bare or name in g.provinces or name + "시" in g.korean_city_orgs  # noqa: E731
    if m.group("side"):
        return city(m.group("side"))
    base, part = m.group("base"), m.group("part")
    if part == "청사":  # '조치원청사', '서울청사': named after the town it stands in
        return city(base) or base in g.town_stems
    if part == "권":  # '강남권', '영남권'
        return base in g.places and base not in g.countries
    return city(base)


_LANDMARK_HEADS = ("역", "강", "항", "IC", "JC", "나들목")
_LANDMARK = re.compile(rf"^(?P<base>[가-힣]{{2,5}})(?P<head>{'|'.join(_LANDMARK_HEADS)})$")


def _known_base(base: str, g: Gazetteer) -> bool:
    """A known Korean place or town the landmark is named after: '덕정' (덕정동), '영일만'."""
    return (
        (base in g.places and base not in g.countries)
        or base in g.town_stems
        or _part_of_a_place(base, g)
    )


def _landmark(w: Word, g: Gazetteer) -> bool:
    """A station, river, port or interchange named after a known place or town:
    '덕정역', '태화강', '영일만항', '서인천IC' ('지역', '보강', '사항' have no such name)."""
    if not w.stem.endswith(_LANDMARK_HEADS):
        return False  # most words: no regex
    m = _LANDMARK.match(w.stem)
    if not m or w.stem in g.orgs:
        return False
    base, head = m.group("base"), m.group("head")
    if head == "강":
        return w.nnp  # rivers: a proper noun is enough
    return _known_base(base, g)


#: Words after a neighbourhood that say it is land: '탑동 일대', '연제리 일원'.
_AROUND = ("일대", "일원", "주민", "주민들", "인근", "부근", "주변", "지역", "소재")


def _named_as_place(w: Word, before: Word | None, after: Word | None, g: Gazetteer) -> bool:
    """A 읍·면·동·리 name (most are ordinary words too: 이동, 합동) is a place when the
    analyser reads a proper noun, when it has three syllables or more and ends in
    읍 or 면, or when an address or 'around' word surrounds it ('수원시 탑동', '탑동 일대')."""
    stem = w.stem
    if stem in g.orgs or titles_in(stem):
        return False
    if len(stem) >= 3 and (w.nnp or stem[-1] in "읍면" or any(c.isdigit() for c in stem)):
        return True
    if before is not None and (
        place_name(before, g)
        or before.stem in g.korean_city_orgs
        or before.stem in g.subdivisions
        or (before.nnp and before.stem.endswith(("시", "군", "구")))
    ):
        return True
    return after is not None and not w.josa and after.stem in _AROUND


_FOREIGN_CITY = re.compile(r"^([가-힣]{3,8}?)(에서는|에서|에는|에|을|를|으로|로)[,.]?$")


def _unknown_city(base: str, w: Word, g: Gazetteer) -> bool:
    from . import organizations

    if any(t.startswith(("V", "E", "X")) and t != "XSN" for t in w.tags[:1]):
        return False
    nominal = [t for t in w.tags if not t.startswith(("J", "S"))]
    if len(nominal) > 1:
        return False  # Kiwi split it into known words ("방문길" = 방문 + 길): not an unknown name
    if base in g.orgs or titles_in(base) or organizations.suffix_of(base):
        return False
    return not base.endswith(("들", "계", "측", "인", "국민", "정부", "기업", "시장", "업체", "제품"))

