"""The general-knowledge tables parse and agree with each other.

The outlet table (store/data/outlets.tsv) and the entity lists
(store/extract/data/*.txt) are edited by hand; a duplicate canonical name, an
alias claimed by two entries or a malformed line would silently make the
extractor pick one entry at random, so every file is checked as data here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from importlib import resources

import pytest

from store import outlets

ORG_TABLES = ("companies.txt", "institutions.txt", "public_institutions.txt", "universities.txt",
              "parties.txt", "local_governments.txt")
PLACE_TABLES = ("countries.txt", "world_cities.txt", "regions.txt", "us_states.txt",
                "korea_divisions.txt", "korea_neighbourhoods.txt")
#: The 17 시·도 as korea_divisions.txt names them (the outlet table's region column uses these).
PROVINCES = ("서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기도", "강원도", "충청북도",
             "충청남도", "전라북도", "전라남도", "경상북도", "경상남도", "제주도")


def _text(name: str) -> str:
    return resources.files("store.extract").joinpath("data", name).read_text(encoding="utf-8")


def _rows(name: str) -> list[tuple[str, str, list[str]]]:
    """(section, raw line, names) for every data line of a `canonical|alias` file."""
    section, out = "", []
    for line in _text(name).splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
            continue
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append((section, line, line.split("|")))
    return out


def _claims(tables: tuple[str, ...]) -> dict[str, set[str]]:
    """name -> the canonical names that claim it, over several files."""
    claims: dict[str, set[str]] = defaultdict(set)
    for table in tables:
        for _section, _line, names in _rows(table):
            for name in names:
                claims[name].add(names[0])
    return claims


# ---------------------------------------------------------------- outlets


def test_outlet_table_is_large_and_every_row_has_a_kind():
    rows = outlets.builtin_outlets()
    assert len(rows) >= 300
    assert all(o.kind in outlets.OUTLET_KINDS for o in rows)
    kinds = Counter(o.kind for o in rows)
    for kind in ("national", "wire", "broadcast", "economic", "it", "regional", "internet"):
        assert kinds[kind] >= 5 or kind == "wire" and kinds[kind] >= 3, kind


def test_outlet_names_aliases_and_domains_are_unique():
    rows = outlets.builtin_outlets()
    names = Counter(o.name for o in rows)
    assert [n for n, c in names.items() if c > 1] == []
    owner: dict[str, str] = {}
    for o in rows:
        for alias in o.aliases:
            assert alias not in names or alias == o.name, f"alias {alias!r} of {o.name} is another outlet"
            assert owner.setdefault(alias.casefold(), o.name) == o.name, f"alias {alias!r} claimed twice"
    domains: dict[str, str] = {}
    for o in rows:
        for domain in o.domains:
            assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+(/[a-z0-9]+)?", domain), domain
            assert domains.setdefault(domain, o.name) == o.name, f"domain {domain} claimed twice"


def test_every_province_has_outlets_and_regions_are_real_provinces():
    rows = outlets.builtin_outlets()
    regions = Counter(o.region for o in rows if o.region)
    assert set(regions) <= set(PROVINCES), set(regions) - set(PROVINCES)
    for province in PROVINCES:
        assert regions[province] >= 1, province
    # several each outside the smallest
    assert sum(1 for p in PROVINCES if regions[p] >= 3) >= 15
    assert all(o.region for o in rows if o.kind == "regional")


def test_outlet_lines_are_well_formed():
    with pytest.raises(ValueError, match="x.tsv:2"):
        outlets.parse_outlets("# comment\n새매체\tnewspaper\t\t\tnew.kr\n", "x.tsv")
    with pytest.raises(ValueError):
        outlets.parse_outlets("새매체\tnational\t\t\tnew.kr\textra\n")
    text = resources.files("store").joinpath("data", "outlets.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            assert line == line.strip(), line
            assert 2 <= len(line.split("\t")) <= 5, line


def test_site_names_and_copyright_lines_name_the_outlet():
    assert outlets.canonical_outlet("한경닷컴") == "한국경제"
    assert outlets.canonical_outlet("hankyung") == "한국경제"
    assert outlets.canonical_outlet("부산KBS") == "KBS부산"
    assert outlets.known_outlet_in("Copyright ⓒ 한국경제TV. All rights reserved") == "한국경제TV"
    assert outlets.known_outlet_in("매일경제 & mk.co.kr, 무단전재 및 재배포 금지") == "매일경제"
    assert outlets.known_outlet_in("Copyright © The Korea Herald. All Rights Reserved.") == "코리아헤럴드"
    assert outlets.known_outlet_in("ⓒ 포항MBC 무단복제 금지") == "포항MBC"
    # a Latin alias matches only as a whole word
    assert outlets.known_outlet_in("Presented by nobody") is None
    assert outlets.known_outlet_in("Find JOBS on our WEBSITE") is None  # not OBS, EBS
    assert outlets.known_outlet_in("Copyright ⓒ JTBC") == "JTBC"  # not TBC
    assert outlets.outlet_for_domain("reporter@sports.chosun.com") == "스포츠조선"
    assert outlets.outlet_for_domain("www.chosun.com") == "조선일보"
    assert outlets.outlet_for_domain("someone@idaegu.co.kr") == "대구신문"
    assert outlets.looks_like_outlet("KNN")


# ---------------------------------------------------------------- entity tables


@pytest.mark.parametrize("table", ORG_TABLES + PLACE_TABLES + ("events.txt", "press.txt"))
def test_every_line_is_well_formed_and_canonicals_are_unique(table):
    rows = _rows(table)
    assert rows, table
    canon = Counter()
    for _section, line, names in rows:
        assert all(n and n == n.strip() for n in names), f"{table}: empty or padded name in {line!r}"
        assert len(set(names)) == len(names), f"{table}: name repeated in {line!r}"
        assert "\t" not in line, line
        canon[names[0]] += 1
    assert [n for n, c in canon.items() if c > 1] == [], table


@pytest.mark.parametrize("tables", [ORG_TABLES, PLACE_TABLES], ids=["organisations", "places"])
def test_no_name_is_claimed_by_two_entries(tables):
    clashes = {name: owners for name, owners in _claims(tables).items() if len(owners) > 1}
    assert clashes == {}


def test_organisations_places_and_outlets_do_not_share_names():
    orgs = _claims(tuple(t for t in ORG_TABLES if t != "local_governments.txt"))
    places = _claims(PLACE_TABLES)
    assert sorted(set(orgs) & set(places)) == []
    outlet_names = {n for o in outlets.builtin_outlets() for n in (o.name, *o.aliases)}
    assert sorted(set(orgs) & outlet_names) == []
    # A provincial government is named like its province, on purpose.
    assert set(_claims(("local_governments.txt",))) & set(places) >= {"경기도", "경북도"}


def test_parties_are_not_people_or_places():
    parties = _claims(("parties.txt",))
    assert {"더불어민주당", "민주당", "국민의힘", "조국혁신당", "새누리당", "한나라당", "열린우리당"} <= set(parties)
    assert len(_rows("parties.txt")) >= 40
    assert not set(parties) & set(_claims(PLACE_TABLES))


def test_korean_divisions_cover_every_local_government():
    rows = _rows("korea_divisions.txt")
    by_section = defaultdict(set)
    for section, _line, names in rows:
        by_section[section].update(names)
    assert set(PROVINCES) <= by_section["province"]
    # 75 시 (경기 광주시 shares 광주's line) + 행정시 제주·서귀포; 82 군 (두 고성군 share one)
    assert len({n[0] for s, _l, n in rows if s == "city"}) >= 76
    assert len({n[0] for s, _l, n in rows if s == "county"}) >= 81
    districts = by_section["district"]
    for name in ("종로구", "중구", "영도구", "달서구", "미추홀구", "광산구", "대덕구", "유성구", "장안구",
                 "의창구", "덕진구", "흥덕구", "동탄구"):
        assert name in districts, name
    assert {"고성", "군위", "울주", "옹진"} <= by_section["county"]
    neighbourhoods = {n for _s, _l, names in _rows("korea_neighbourhoods.txt") for n in names}
    assert {"판교", "마곡", "송도국제도시", "광교", "동탄", "위례", "대덕특구", "나성동"} <= neighbourhoods


def test_table_sizes():
    sizes = {t: len(_rows(t)) for t in ("public_institutions.txt", "companies.txt", "universities.txt",
                                        "world_cities.txt", "institutions.txt")}
    assert sizes["public_institutions.txt"] >= 200
    assert sizes["companies.txt"] >= 300
    assert sizes["universities.txt"] >= 200
    assert sizes["world_cities.txt"] >= 250
    assert sizes["institutions.txt"] >= 150


def test_the_loaded_gazetteer_uses_the_tables():
    from store.extract import gazetteer

    g = gazetteer.load()
    assert g.orgs["중기부"] == "중소벤처기업부"
    assert g.orgs["경북교육청"] == "경상북도교육청"
    assert g.orgs["SK온"] == "SK온"
    assert g.places["보스톤"] == "보스턴"
    assert g.places["미추홀구"] == "미추홀구"
