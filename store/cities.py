"""Which Korean cities and counties an article is about.

A gazetteer of the country's 시 and 군 (plus the special and metropolitan
cities, named the way the press names them: 서울시, 부산시), and the districts
whose names are unique, counted for their city (분당구 -> 성남시). An article is about
a place when its title or dateline names it, or when the text keeps coming
back to it; a single passing mention (a mayor of Seoul at a ceremony) is not
enough.

Short forms (포항, 과천) count only at a word boundary, and not at all for
names that are also common words (고양이, 공주, 화성, 경주, 용인하다...): those
must be written in full (고양시).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

#: The four cities the comparison screen opens on (포항 영일만 밸리, 고양 통일한국 실리콘밸리,
#: 과천 과천동 개발, 성남 아시아 실리콘밸리).
DEFAULT_CITIES = ("포항시", "고양시", "과천시", "성남시")

#: 특별시·광역시·특별자치시 as the press usually names them.
METROPOLITAN = ("서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종")

CITIES_BY_PROVINCE: dict[str, tuple[str, ...]] = {
    "경기": ("수원", "성남", "고양", "용인", "부천", "안산", "안양", "남양주", "화성", "평택", "의정부",
            "시흥", "파주", "광명", "김포", "군포", "광주", "이천", "양주", "오산", "구리", "안성", "포천",
            "의왕", "하남", "여주", "동두천", "과천"),
    "강원": ("춘천", "원주", "강릉", "동해", "태백", "속초", "삼척"),
    "충북": ("청주", "충주", "제천"),
    "충남": ("천안", "공주", "보령", "아산", "서산", "논산", "계룡", "당진"),
    "전북": ("전주", "군산", "익산", "정읍", "남원", "김제"),
    "전남": ("목포", "여수", "순천", "나주", "광양"),
    "경북": ("포항", "경주", "김천", "안동", "구미", "영주", "영천", "상주", "문경", "경산"),
    "경남": ("창원", "진주", "통영", "사천", "김해", "밀양", "거제", "양산"),
    "제주": ("제주", "서귀포"),
}

COUNTIES: tuple[str, ...] = (
    "가평", "양평", "연천",
    "홍천", "횡성", "영월", "평창", "정선", "철원", "화천", "양구", "인제", "고성", "양양",
    "보은", "옥천", "영동", "증평", "진천", "괴산", "음성", "단양",
    "금산", "부여", "서천", "청양", "홍성", "예산", "태안",
    "완주", "진안", "무주", "장수", "임실", "순창", "고창", "부안",
    "담양", "곡성", "구례", "고흥", "보성", "화순", "장흥", "강진", "해남", "영암", "무안", "함평",
    "영광", "장성", "완도", "진도", "신안",
    "의성", "청송", "영양", "영덕", "청도", "고령", "성주", "칠곡", "예천", "봉화", "울진", "울릉", "군위",
    "의령", "함안", "창녕", "남해", "하동", "산청", "함양", "거창", "합천",
    "강화", "옹진", "기장", "달성", "울주",
)

#: 자치구 and 일반구 with names found in one city only, counted for that city
#: (an article about 분당구 is about 성남시). 중구, 동구, 서구... are everywhere
#: and so are left out.
DISTRICTS: dict[str, tuple[str, ...]] = {
    "서울시": ("종로구", "용산구", "성동구", "광진구", "동대문구", "중랑구", "성북구", "강북구", "도봉구", "노원구",
             "은평구", "서대문구", "마포구", "양천구", "구로구", "금천구", "영등포구", "동작구", "관악구", "서초구",
             "강남구", "송파구", "강동구"),
    "부산시": ("해운대구", "수영구", "사하구", "금정구", "연제구", "사상구", "부산진구", "동래구", "영도구"),
    "대구시": ("수성구", "달서구"),
    "인천시": ("미추홀구", "연수구", "남동구", "부평구", "계양구"),
    "광주시": ("광산구",),
    "대전시": ("유성구", "대덕구"),
    "성남시": ("분당구", "수정구", "중원구"),
    "고양시": ("일산동구", "일산서구", "덕양구"),
    "수원시": ("장안구", "권선구", "팔달구", "영통구"),
    "용인시": ("처인구", "기흥구", "수지구"),
    "안양시": ("만안구", "동안구"),
    "안산시": ("상록구", "단원구"),
    "전주시": ("완산구", "덕진구"),
    "청주시": ("상당구", "서원구", "흥덕구", "청원구"),
    "천안시": ("동남구", "서북구"),
    "창원시": ("의창구", "성산구", "마산합포구", "마산회원구", "진해구"),
}

#: City names that are also everyday words or other places; only the full form counts.
AMBIGUOUS_SHORT = frozenset(
    {"고양", "공주", "진주", "화성", "영주", "상주", "동해", "구리", "광주", "양주", "양산", "사천",
     "전주", "용인", "원주", "경주", "구미", "세종", "대구", "대전", "광명", "오산", "제주"}
)

#: What may follow a short form for it to be the place: particles and place nouns.
_AFTER_SHORT = (
    "에서는|에서도|에서|에는|에도|으로|이나|까지|부터|과의|와의|지역|시장|시민|시청|시의회|시의원|시정|시내|"
    "시가|시는|시와|시의|시에|시를|시도|은|는|이|가|을|를|의|에|과|와|도|로|만|형|권|발|행|"
)

_MIN_MENTIONS = 2
_SHARE_OF_TOP = 0.34


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Every written form -> canonical name (포항 / 포항시 -> 포항시, 서울특별시 -> 서울시)."""
    forms: dict[str, str] = {}
    for short in METROPOLITAN:
        canonical = f"{short}시"
        for suffix in ("시", "특별시", "광역시", "특별자치시"):
            forms[short + suffix] = canonical
        if short not in AMBIGUOUS_SHORT:
            forms[short] = canonical
    for cities in CITIES_BY_PROVINCE.values():
        for short in cities:
            forms[f"{short}시"] = f"{short}시"
            if short not in AMBIGUOUS_SHORT:
                forms.setdefault(short, f"{short}시")
    for short in COUNTIES:
        forms.setdefault(f"{short}군", f"{short}군")
    for city, districts in DISTRICTS.items():
        for district in districts:
            forms[district] = city
    forms["제주특별자치도"] = "제주시"
    return forms


@lru_cache(maxsize=1)
def _after_short() -> frozenset[str]:
    return frozenset(_AFTER_SHORT.split("|"))


@lru_cache(maxsize=1)
def _heads() -> frozenset[str]:
    return frozenset(name[:2] for name in gazetteer())


@lru_cache(maxsize=1)
def _candidate_runs() -> re.Pattern[str]:
    """Whole Hangul runs whose first syllable starts a gazetteer name: 40% of
    a page's runs, so the Python loop in `mentions` sees that few."""
    firsts = "".join(sorted({head[0] for head in _heads()}))
    return re.compile(f"(?<![가-힣])[{firsts}][가-힣]+")


@lru_cache(maxsize=1)
def _lengths() -> tuple[int, ...]:
    return tuple(sorted({len(n) for n in gazetteer()}, reverse=True))


def mentions(text: str) -> Counter[str]:
    """How often each city is named in the text (canonical names).

    Each run of Hangul is looked up by its longest gazetteer prefix: a full
    form (포항시, 울릉군) may be followed by anything (포항시청, 고양시민); a short
    form (포항) only by a particle or place noun (포항에서, 포항지역).
    """
    table = gazetteer()
    after_short = _after_short()
    counts: Counter[str] = Counter()
    heads = _heads()
    for run in _candidate_runs().findall(text):
        if run[:2] not in heads:
            continue
        for size in _lengths():
            if size > len(run):
                continue
            name = run[:size]
            canonical = table.get(name)
            if canonical is None:
                continue
            full = name[-1] in "시군구" and name != canonical.rstrip("시군") and size > 2
            if full or run[size:] in after_short:
                counts[canonical] += 1
            break
    return counts


def places_in_dateline(dateline: str | None) -> list[str]:
    """'과천·성남' -> ['과천시', '성남시']; any written form is trusted in a dateline."""
    if not dateline:
        return []
    table = gazetteer()
    found = []
    for part in re.split(r"[·ㆍ,/\s]+", dateline):
        canonical = table.get(part) or table.get(part + "시") or table.get(part + "군")
        if canonical and canonical not in found:
            found.append(canonical)
    return found


def cities_about(title: str, body: str, dateline: str | None = None) -> list[str]:
    """The cities an article is about, most-mentioned first."""
    in_title = mentions(title)
    counts = in_title + mentions(body)
    chosen: list[str] = []
    for city in places_in_dateline(dateline) + list(in_title):
        if city not in chosen:
            chosen.append(city)
    if counts:
        top = counts.most_common(1)[0][1]
        floor = max(_MIN_MENTIONS, top * _SHARE_OF_TOP)
        for city, n in counts.most_common():
            if n >= floor and city not in chosen:
                chosen.append(city)
    return sorted(chosen, key=lambda c: -counts.get(c, 0))
