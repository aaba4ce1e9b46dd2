"""General-knowledge lists from `data/`, loaded once per process.

Every list is world knowledge (countries, Korean administrative divisions,
well-known companies and public bodies, titles, surnames), never names read
from the sample articles: the extractor must work on articles it has not seen.
A line is `canonical|alias|alias`; `#` starts a comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..hangul import all_syllables


def _lines(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _table(name: str) -> dict[str, str]:
    """alias (and canonical) -> canonical."""
    out: dict[str, str] = {}
    for line in _lines(name):
        parts = [p.strip() for p in line.split("|") if p.strip()]
        for p in parts:
            out.setdefault(p, parts[0])
    return out


@dataclass(eq=False)
class Gazetteer:
    #: stem -> canonical place name
    places: dict[str, str] = field(default_factory=dict)
    #: Korean division names (bare) that are ordinary words too: need an NNP tag
    korean_bare: set[str] = field(default_factory=set)
    #: stem -> canonical organisation (Korean city governments "포항시" included)
    orgs: dict[str, str] = field(default_factory=dict)
    korean_city_orgs: dict[str, str] = field(default_factory=dict)
    events: dict[str, str] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)  # longest first
    title_set: set[str] = field(default_factory=set)
    title_tail: re.Pattern[str] | None = None  # a compound ending in a title: "포항시장"
    surnames: set[str] = field(default_factory=set)
    press: dict[str, str] = field(default_factory=dict)
    countries: set[str] = field(default_factory=set)
    parties: set[str] = field(default_factory=set)  # never a person
    governments: set[str] = field(default_factory=set)  # 경상북도, 경북도: an organisation when acting
    government_names: re.Pattern[str] = re.compile(r"$^")  # any of them, longest first (no look-behind: see shapes)
    #: every current 읍·면·동·리 name (탑동, 진량읍): ordinary words too, so they need a sign of a place
    subdivisions: frozenset[str] = frozenset()
    #: their names without the unit ('탑', '진영', '대저2'): a word a place of that name is written with
    town_stems: frozenset[str] = frozenset()
    #: 도 and their short forms (경북, 충청남도): too wide to be part of an area's name
    provinces: set[str] = field(default_factory=set)
    #: the first two characters of every organisation's name: most words start like none
    org_heads: frozenset[str] = frozenset()


#: The home country: every article here is about somewhere in it, so naming it says nothing.
HOME_COUNTRY = frozenset(("대한민국", "한국"))


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    g = Gazetteer()
    countries = _table("countries.txt")  # the press's forms and abbreviations (美, 호주, 대만)
    for name in _iso_countries():
        if name not in countries:
            countries[name] = name
            if len(name) <= 2:
                g.korean_bare.add(name)  # '가나', '말리': a country only where the analyser reads a proper noun
    g.places.update(countries)
    g.countries = set(countries)
    g.places.update(_table("world_cities.txt"))
    g.places.update(_table("regions.txt"))
    for state in _lines("us_states.txt"):
        g.places.setdefault(state, state)
        g.places[state + "주"] = state
    kind = ""
    for line in _lines_with_sections("korea_divisions.txt"):
        if line.startswith("## "):
            kind = line[3:].strip()
            continue
        parts = [p.strip() for p in line.split("|") if p.strip()]
        bare = parts[0]
        if kind == "province":
            for p in parts:
                g.places[p] = bare
            if bare.endswith("도"):  # not the metropolitan cities: '대구 국가산업단지' is named after its city
                g.provinces.update(parts)
        elif kind in ("city", "county"):
            suffix = "시" if kind == "city" else "군"
            g.places[bare] = bare
            g.korean_bare.add(bare)
            g.korean_city_orgs[bare + suffix] = bare + suffix
            g.korean_city_orgs[bare + suffix + "청"] = bare + suffix
        else:
            for p in parts:
                g.places[p] = bare
    # Metropolitan cities: "서울시" is the city government, "서울" the place.
    for metro in ("서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종"):
        g.korean_city_orgs[metro + "시"] = metro + "시"
        g.korean_city_orgs[metro + "시청"] = metro + "시"
    for table in ("companies.txt", "institutions.txt", "public_institutions.txt", "parties.txt"):
        g.orgs.update(_table(table))
    # Universities keep the form the article writes (충남대 stays 충남대): known, not renamed.
    g.orgs.update({name: name for name in _table("universities.txt")})
    g.parties = set(_table("parties.txt"))
    g.governments = {name for name in _table("local_governments.txt") if len(name) >= 3}
    if g.governments:
        g.government_names = re.compile("|".join(map(re.escape, sorted(g.governments, key=lambda n: (-len(n), n)))))
    # '경기' is a province and, far more often, the economy or a game ('경기 회복'): a proper noun only.
    g.korean_bare.add("경기")
    # Better-known neighbourhoods and districts (판교, 송도): ordinary words too, so they need an NNP tag.
    for line in _lines_with_sections("korea_neighbourhoods.txt"):
        if line.startswith("## "):
            continue
        parts = [p.strip() for p in line.split("|") if p.strip()]
        for p in parts:
            g.places.setdefault(p, parts[0])
            g.korean_bare.add(p)
    g.subdivisions = frozenset(_lines("korea_subdivisions.txt"))
    g.town_stems = frozenset(name[:-1] for name in g.subdivisions if name[-1] in "동읍면리")
    g.events = _table("events.txt")
    g.titles = sorted(_lines("titles.txt"), key=len, reverse=True)
    g.title_set = set(g.titles)
    g.title_tail = re.compile("(?:" + "|".join(re.escape(t) for t in g.titles if len(t) >= 2) + ")$")
    g.surnames = {s for line in _lines("surnames.txt") for s in line.split()}
    g.press = _table("press.txt")
    g.press = {abbr: full for abbr, full in g.press.items() if abbr != full}
    g.org_heads = frozenset(name[:2] for name in g.orgs)
    return g


def _iso_countries() -> list[str]:
    """Every ISO 3166 country in Korean, from pycountry's maintained translations
    (names with a comma are lists of islands, not how the press names a place)."""
    import gettext

    import pycountry

    korean = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"], fallback=True)
    names = (korean.gettext(c.name) for c in pycountry.countries)
    return [n for n in names if "," not in n and re.search(r"[가-힣]", n) and n not in HOME_COUNTRY]


def _lines_with_sections(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [
        ln.strip()
        for ln in text.splitlines()
        if ln.strip() and (ln.startswith("## ") or not ln.lstrip().startswith("#"))
    ]


@lru_cache(maxsize=65536)
def titles_in(stem: str) -> str | None:
    """The title a word ends with, if the word is a title or a compound title (시장, 부시장, 경제부시장)."""
    g = load()
    if stem in g.title_set:
        return stem
    if len(stem) <= 12 and all_syllables(re.sub(r"\d", "", stem)):  # '행정1부지사': a numbered title
        m = g.title_tail.search(stem)
        if m and m.start() > 0:
            return m.group()
    return None
