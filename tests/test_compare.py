"""The city comparison on the five seeds, read against the hand-made reading.

The expectations come from the "comparison" section of tests/data/seeds-reading.json
(a careful human reading of the pages); matching is by name, not by exact wording.
Every fact must carry evidence that points at a stored paragraph which says it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store.analysis import analyze
from store.compare import DEFAULT_CITIES, ROWS, compare, to_markdown
from store.corpus import Corpus
from store.records import Paragraph, ParsedArticle

READING = json.loads((Path(__file__).parent / "data" / "seeds-reading.json").read_text(encoding="utf-8"))
EXPECTED = {k: v for k, v in READING["comparison"].items() if k in DEFAULT_CITIES}
LISTS = [r for r in ROWS if r != "coverage"]


@pytest.fixture(scope="session")
def result(seeds_db) -> dict:
    """Every entry of every cell (`compare --all`): the reading lists all the seeds'
    facts, while the screen shows each cell's top entries (tests/test_compare_ranking.py)."""
    corpus = Corpus(seeds_db)
    try:
        return corpus.compare(top=None)
    finally:
        corpus.close()


def norm(text: str) -> str:
    return re.sub(r"[\s·‘’“”'\"()]", "", text).lower()


def found_in(term: str, haystack: list[str]) -> bool:
    t = norm(term)
    return any(t and (t in norm(h) or (len(norm(h)) >= 2 and norm(h) in t)) for h in haystack)


def test_all_four_cities_and_every_row(result):
    assert list(result) == list(DEFAULT_CITIES)
    for city, rows in result.items():
        assert set(rows) == {*ROWS, "more"}, city
        assert set(rows["more"]) == set(LISTS), city


@pytest.mark.parametrize("city", list(EXPECTED))
def test_leaders(result, city):
    names = [f["name"] for f in result[city]["leaders"]]
    for expected in EXPECTED[city]["leaders"]:
        name = expected.split(" (")[0]
        assert name in names, (city, names)
        leader = next(f for f in result[city]["leaders"] if f["name"] == name)
        role = expected.split(" (")[1].rstrip(")")
        assert norm(role) in norm(leader["role"]), leader


def test_a_multi_city_article_keeps_each_mayor_to_their_city(result):
    """과천·성남 share one article: each mayor stays in their own city's column."""
    gwacheon = [f["name"] for f in result["과천시"]["leaders"]]
    seongnam = [f["name"] for f in result["성남시"]["leaders"]]
    assert not set(gwacheon) & set(seongnam)
    g_fig = [norm(f["value"]) for f in result["과천시"]["figures"]]
    s_fig = [norm(f["value"]) for f in result["성남시"]["figures"]]
    assert "18곳" not in g_fig and "155만㎡" not in s_fig


@pytest.mark.parametrize("city", list(EXPECTED))
def test_initiative(result, city):
    expected = EXPECTED[city]["initiative"].split(" (")[0]
    names = [f["name"] for f in result[city]["initiatives"]]
    assert found_in(expected, names), (city, names)
    first = result[city]["initiatives"][0]
    assert found_in(expected, [first["name"]]), "the flagship comes first"
    assert all(f["description"] for f in result[city]["initiatives"])


_TRIP_NOISE = {"사업설명회", "단장", "기술콘퍼런스", "일부터", "일간", "일자리경제국장"}


def _trip_names(expected: str) -> list[str]:
    text = re.sub(r"^\d{4}-\d{2}\s", "", expected)
    text = text.split(" — ")[0]
    parts = re.split(r"[,()·]|\s(?=[A-Z가-힣])", text)
    names = []
    for p in parts:
        p = p.strip()
        if re.fullmatch(r"\d.*", p) or len(p) < 2 or p in _TRIP_NOISE or p.endswith(("일부터", "일간")):
            continue
        names.append(p)
    return names


@pytest.mark.parametrize("city", list(EXPECTED))
def test_trips(result, city):
    trips = result[city]["trips"]
    assert trips
    where = [d for t in trips for d in t["destinations"]]
    for expected in EXPECTED[city]["trips"]:
        names = [n for n in _trip_names(expected) if not re.fullmatch(r"CES|\d{4}", n)]
        found = [n for n in names if found_in(n, where)]
        assert len(found) >= max(1, round(0.6 * len(names))), (expected, names, where)
        year = re.search(r"CES (\d{4})", expected)
        if year:
            assert f"CES {year.group(1)}" in where, (expected, where)
    dated = [t["date"] for t in trips if t["date"]]
    assert dated == sorted(dated), "trips come in date order"


@pytest.mark.parametrize("city", list(EXPECTED))
def test_trip_dates_follow_the_articles(result, city, seeds_db):
    """When the articles carry dates, a trip gets the month it happened (CES 2023 -> 2023-01);
    an undated article (Goyang's page gives no date) never gets an invented one."""
    corpus = Corpus(seeds_db)
    try:
        dated = all(corpus.article(a).published for a in result[city]["coverage"]["article_ids"])
    finally:
        corpus.close()
    months = [t["date"] for t in result[city]["trips"]]
    if not dated:
        assert months and all(m is None for m in months), months
        return
    for expected in EXPECTED[city]["trips"]:
        m = re.match(r"(\d{4}-\d{2})\s", expected)
        if m:
            assert m.group(1) in months, (expected, months)


@pytest.mark.parametrize("city", list(EXPECTED))
def test_partners(result, city):
    partners = result[city]["partners"]
    names = [f["name"] for f in partners] + [a for f in partners for a in f.get("aliases", [])]
    for expected in EXPECTED[city]["partners"]:
        for part in expected.split(" (")[0].split(" · "):
            words = part.split(" ")
            # "포스텍 박태준 미래전략연구소 정례포럼": the body is named, the forum is the agreement.
            tries = [part, " ".join(words[:-1]), words[-1]] if len(words) > 1 else [part]
            assert any(t and found_in(t, names) for t in tries), (part, names)
    assert len(partners) == len(EXPECTED[city]["partners"]) or len(partners) <= len(EXPECTED[city]["partners"]) + 1
    assert all(f["agreement"] for f in partners)


@pytest.mark.parametrize("city", list(EXPECTED))
def test_focus(result, city):
    focus = result[city]["focus"]
    words = [f["term"] for f in focus] + [s for f in focus for s in f["surfaces"]]
    for expected in EXPECTED[city]["focus"]:
        options = [expected] + re.findall(r"\(([^)]+)\)", expected) + [expected.split("(")[0]]
        assert any(found_in(o, words) for o in options), (expected, words)


_FIGURE = re.compile(r"\d[\d,]*(?:[조억천만]\d*)*[조억천만]?\s?(?:원|개사|개|곳|㎡|%)?")


@pytest.mark.parametrize("city", list(EXPECTED))
def test_figures(result, city):
    values = [norm(f["value"]) for f in result[city]["figures"]]
    for expected in EXPECTED[city]["figures"]:
        for value in _FIGURE.findall(expected):
            assert norm(value) in values, (value, values)
    assert all(f["measure"] or f["kind"] == "money" for f in result[city]["figures"][:3])


def test_every_fact_has_evidence_that_says_it(result, seeds_db):
    corpus = Corpus(seeds_db)
    texts: dict[tuple[str, int], str] = {}
    for a in corpus.all_articles():
        for p in a.paragraphs:
            texts[(a.id, p.index)] = p.text
    corpus.close()
    for city, rows in result.items():
        for row in LISTS:
            for fact in rows[row]:
                assert fact["evidence"], (city, row, fact)
                for ev in fact["evidence"]:
                    text = texts.get((ev["article_id"], ev["paragraph_index"]))
                    assert text is not None, (city, row, ev)
                    assert 0 <= ev["start"] <= ev["end"] <= len(text), (city, row, ev)
                first = fact["evidence"][0]
                text = texts[(first["article_id"], first["paragraph_index"])]
                if row == "leaders":
                    assert fact["name"] in text or re.search(rf"{fact['name'][0]}\s시장", text)
                if row == "figures":
                    assert fact["value"] in text
                if row == "quotes":
                    assert fact["text"].rstrip("…")[:20] in text
        assert rows["coverage"]["evidence"]


def test_quotes_have_speakers(result):
    pohang = result["포항시"]["quotes"]
    assert pohang and all(q["speaker"] for q in pohang)
    assert any(q["speaker"] == "이강덕" for q in pohang)
    assert all(len(q["text"]) <= 90 for q in pohang)


def test_coverage_counts_articles(result):
    assert result["포항시"]["coverage"]["articles"] == 3
    assert result["과천시"]["coverage"]["articles"] == 1
    assert result["과천시"]["coverage"]["article_ids"] == result["성남시"]["coverage"]["article_ids"]


def test_a_later_article_adds_a_mayor_a_trip_and_a_partner(seeds_db, tmp_path):
    """A 2024 article on a city's CES pavilion under a new mayor updates that column."""
    path = tmp_path / "grown.db"
    shutil.copy(seeds_db, path)
    corpus = Corpus(path)
    before = corpus.compare(["성남시"])["성남시"]
    article = ParsedArticle(
        title="홍길동 성남시장, CES 2024 성남관 찾아 기업 격려",
        paragraphs=[
            Paragraph("body", "홍길동 성남시장은 9일(현지시간) 미국 라스베이거스에서 열린 ‘CES 2024’ 성남관을 찾아 참가 기업 25곳을 격려했다."),
            Paragraph("body", "홍 시장은 이어 캐나다 토론토를 방문해 토론토시와 스타트업 교류 협약(MOU)을 체결했다."),
            Paragraph("body", "홍 시장은 “성남의 반도체와 인공지능 기업이 세계로 나가도록 돕겠다”고 말했다."),
        ],
        published="2024-01-12T09:00:00+09:00",
        outlet="가상일보",
        cities=["성남시"],
    )
    corpus.save_article(article)
    analyze(corpus)
    after = corpus.compare(["성남시"])["성남시"]
    corpus.close()
    leaders = [f["name"] for f in after["leaders"]]
    assert "홍길동" in leaders and set(f["name"] for f in before["leaders"]) <= set(leaders)
    new = next(f for f in after["leaders"] if f["name"] == "홍길동")
    assert new["role"] == "성남시장" and "2024-01-12" in new["seen"]
    trip = next(t for t in after["trips"] if t["date"] == "2024-01")
    assert "CES 2024" in trip["destinations"] and found_in("토론토", trip["destinations"])
    assert "홍길동" in trip["led_by"]
    assert after["trips"][-1] is trip, "the later trip comes last"
    assert found_in("토론토시", [f["name"] for f in after["partners"]])
    assert any(f["term"] == "반도체" for f in after["focus"])
    assert "25곳" in [f["value"] for f in after["figures"]]
    assert any(q["speaker"] == "홍길동" for q in after["quotes"])
    assert after["coverage"]["articles"] == before["coverage"]["articles"] + 1
    assert after["coverage"]["last"] == "2024-01-12"


def test_other_cities_can_be_compared(seeds_db):
    corpus = Corpus(seeds_db)
    try:
        out = compare(corpus, ["포항시", "부산광역시"])
    finally:
        corpus.close()
    assert list(out) == ["포항시", "부산광역시"]
    assert out["부산광역시"]["coverage"]["articles"] == 0
    assert all(out["부산광역시"][row] == [] for row in LISTS)
    assert out["포항시"]["leaders"]


def test_markdown_is_a_report_with_its_sources(result, seeds_db):
    corpus = Corpus(seeds_db)
    try:
        md = to_markdown(result, corpus)
        titles = {a.id: a.title for a in corpus.all_articles()}
    finally:
        corpus.close()
    assert md.startswith("# ")
    assert "| | 포항시 | 고양시 | 과천시 | 성남시 |" in md
    for city in DEFAULT_CITIES:
        assert f"\n## {city}\n" in md
    assert "\n## Sources\n" in md
    cited = set(re.findall(r"\[\^(\d+)\](?!:)", md))
    defined = dict(re.findall(r"^\[\^(\d+)\]: (.+)$", md, re.MULTILINE))
    assert cited and cited == set(defined)
    assert len(defined) == len(titles), "every article is cited once as a source"
    for line in defined.values():
        assert any(t.replace("|", "\\|") in line for t in titles.values()), line
    for expected in EXPECTED.values():
        assert expected["leaders"][0].split(" (")[0] in md
    summary = md.split("\n## ", 1)[0]
    table = [line for line in summary.splitlines() if line.startswith("| ")]
    assert all(line.count(" | ") == len(DEFAULT_CITIES) for line in table[2:]), "no stray | in cells"


def test_markdown_has_the_timeline_table(result, seeds_db):
    """Articles and trips per city by year, between the cities and the sources,
    and its totals agree with the comparison's own coverage and trips."""
    from store.timeline import TIMELINE_HEADING

    corpus = Corpus(seeds_db)
    try:
        md = to_markdown(result, corpus)
    finally:
        corpus.close()
    assert md.index(f"## {TIMELINE_HEADING}") < md.index("## Sources")
    section = md.split(f"## {TIMELINE_HEADING}", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    header = [c.strip() for c in rows[0].strip("|").split("|")]
    assert header[1:] == [f"{c} {k}" for c in DEFAULT_CITIES for k in ("articles", "trips")]
    years = [line.split(" | ")[0].lstrip("| ") for line in rows[1:-1]]
    assert years and all(re.fullmatch(r"\d{4}|undated", y) for y in years)
    total = [int(c) for c in rows[-1].strip("| ").split(" | ")[1:]]
    for i, city in enumerate(DEFAULT_CITIES):
        assert total[2 * i] == result[city]["coverage"]["articles"], city
        assert total[2 * i + 1] == len(result[city]["trips"]), city


def test_cli_prints_json_and_markdown(seeds_db, tmp_path):
    path = tmp_path / "cli.db"
    shutil.copy(seeds_db, path)
    cmd = [sys.executable, "-m", "tui.cli", "--db", str(path), "compare"]
    out = subprocess.run([*cmd, "--json", "--city", "고양시"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data) == ["고양시"] and data["고양시"]["leaders"][0]["evidence"]
    md = subprocess.run([*cmd, "--markdown"], capture_output=True, text=True)
    assert md.returncode == 0 and "## Sources" in md.stdout


class _WithEntities(Corpus):
    """A corpus whose entity layer returns the given records: the contract the
    comparison reads (`store.entity_store.Entity` with mentions)."""

    extra: list = []

    def entities(self, *, type=None, article_id=None):
        return [e for e in self.extra if type is None or e.type == type]


def test_entities_feed_leaders_initiatives_and_trips(tmp_path):
    """Stored entities add what the text patterns alone would miss: a mayor named
    only as "NAME 시장", an unquoted project, a place in a visit sentence."""
    from store.entity_store import Entity, Mention

    corpus = _WithEntities(tmp_path / "e.db")
    text = [
        "김철수 시장은 10일 독일 뮌헨을 찾아 현지 기업 관계자들을 만났다.",
        "김 시장은 바다숲 수소도시 구상을 설명하며 투자를 요청했다.",
        "시는 바다숲 수소도시 구상으로 수소 산업을 키운다.",
    ]
    aid, _ = corpus.save_article(
        ParsedArticle(
            title="울산, 수소도시 투자 유치 나서",
            paragraphs=[Paragraph("body", t) for t in text],
            published="2024-05-11T09:00:00+09:00",
            outlet="가상일보",
            cities=["울산광역시"],
        )
    )

    def span(i, s):
        return Mention(aid, i, text[i].index(s), text[i].index(s) + len(s))

    corpus.extra = [
        Entity("p1", "김철수", "person", role="시장", affiliation="울산시", mentions=[span(0, "김철수"), span(1, "김 시장")]),
        Entity("i1", "바다숲 수소도시", "initiative", mentions=[span(1, "바다숲 수소도시"), span(2, "바다숲 수소도시")]),
        Entity("g1", "뮌헨", "place", mentions=[span(0, "뮌헨")]),
    ]
    out = compare(corpus, ["울산광역시"])["울산광역시"]
    corpus.close()
    assert [(f["name"], f["role"]) for f in out["leaders"]] == [("김철수", "울산시장")]
    assert [f["name"] for f in out["initiatives"]] == ["바다숲 수소도시"]
    trip = out["trips"][0]
    assert trip["date"] == "2024-05" and "뮌헨" in trip["destinations"] and trip["led_by"] == ["김철수"]


def test_a_changed_article_is_never_served_from_the_cache(seeds_db, tmp_path):
    path = tmp_path / "cache.db"
    shutil.copy(seeds_db, path)
    corpus = Corpus(path)
    first = corpus.compare(["과천시"])["과천시"]["coverage"]
    aid = first["article_ids"][0]
    with corpus.transaction() as conn:
        conn.execute("UPDATE articles SET outlet = ? WHERE id = ?", ["다른매체", aid])
    again = corpus.compare(["과천시"])["과천시"]["coverage"]
    corpus.close()
    assert [o["name"] for o in again["outlets"]] == ["다른매체"] != [o["name"] for o in first["outlets"]]


# -- copies of one story -------------------------------------------------------------
# A made-up city's press release as two outlets ran it: the original and a rewrite
# (new lead, reordered and reworded paragraphs, the mayor's quote kept).
RELEASE = [
    "달빛시는 12일 시청 대회의실에서 국내 수소 연료전지 기업 4곳과 총 3천200억원 규모의 투자협약을 체결했다고 밝혔다.",
    "협약에 따라 기업들은 달빛 국가산업단지 15만㎡ 부지에 연료전지 스택과 수전해 설비 공장을 2027년까지 짓고, 신규 인력 520명을 지역에서 채용할 계획이다.",
    "시는 인허가 절차를 신속히 처리하고 전용 용수 공급과 인력 양성 과정을 지원하기로 했다.",
    "한지율 달빛시장은 “이번 협약으로 달빛시가 수소 산업의 거점 도시로 자리잡는 계기가 될 것”이라며 “기업이 안정적으로 뿌리내리도록 행정력을 모으겠다”고 말했다.",
    "달빛시는 지난해에도 수소 충전 설비 기업 2곳을 유치하는 등 수소 산업 생태계 조성에 힘을 쏟고 있다.",
]
REWRITTEN = [
    "달빛시가 수소 연료전지 기업 4곳으로부터 3천200억원 규모의 투자를 유치했다.",
    "달빛시는 12일 시청 대회의실에서 이들 기업과 투자협약을 맺었다고 밝혔다.",
    "기업들은 2027년까지 달빛 국가산업단지 15만㎡ 부지에 연료전지 스택과 수전해 설비 공장을 짓고, 신규 인력 520명을 지역에서 채용할 예정이다.",
    "한지율 달빛시장은 “이번 협약으로 달빛시가 수소 산업의 거점 도시로 자리잡는 계기가 될 것”이라며 “기업이 안정적으로 뿌리내리도록 행정력을 모으겠다”고 말했다.",
    "시는 인허가 절차를 신속히 처리하고 전용 용수 공급과 인력 양성 과정을 지원한다.",
    "한편 달빛시는 지난해에도 수소 충전 설비 기업 2곳을 유치했다.",
]


def _release(title: str, paragraphs: list[str], published: str, outlet: str) -> ParsedArticle:
    return ParsedArticle(
        title=title,
        paragraphs=[Paragraph("body", t, i) for i, t in enumerate(paragraphs)],
        published=published,
        outlet=outlet,
        cities=["달빛시"],
    )


def test_a_rewritten_copy_counts_each_fact_once_with_both_sources(tmp_path):
    from store import clusters, dedupe

    corpus = Corpus(tmp_path / "copies.db")
    try:
        first, _ = corpus.save_article(_release("달빛시, 수소 기업 4곳과 3200억 투자협약", RELEASE, "2024-03-12", "한빛일보"))
        second, _ = corpus.save_article(_release("달빛시 수소 기업 유치…3200억 규모", REWRITTEN, "2024-03-13", "새벽경제"))
        apart = compare(corpus, ["달빛시"])["달빛시"]
        assert apart["coverage"]["articles"] == 2  # not grouped yet: two stories
        dedupe.group_copies(corpus.db)
        assert clusters.by_story(corpus.db, [first, second]) == {first: [first, second]}
        table = compare(corpus, ["달빛시"])["달빛시"]  # the regrouping is part of the cache key
    finally:
        corpus.close()
    assert table["coverage"]["articles"] == 1 and table["coverage"]["copies"] == 1
    assert {o["name"] for o in table["coverage"]["outlets"]} == {"한빛일보", "새벽경제"}

    def sources(fact: dict) -> list[str]:
        return [e["article_id"] for e in fact["evidence"]]

    leaders = [f for f in table["leaders"] if f["name"] == "한지율"]
    assert len(leaders) == 1 and sorted(sources(leaders[0])) == sorted([first, second])
    money = [f for f in table["figures"] if "3천200억" in json.dumps(f, ensure_ascii=False)]
    assert len(money) == 1, table["figures"]
    assert sorted(sources(money[0])) == sorted([first, second])
    paragraphs = {first: RELEASE, second: REWRITTEN}
    for row in LISTS:
        for fact in table[row]:
            places = [(e["article_id"], e["paragraph_index"]) for e in fact["evidence"]]
            assert len(set(places)) == len(places), fact
            for e in fact["evidence"]:
                assert e["paragraph_index"] < len(paragraphs[e["article_id"]])
                if e["article_id"] == second and e.get("end"):
                    assert e["end"] <= len(REWRITTEN[e["paragraph_index"]])


def test_markdown_lists_a_long_row_ranked_and_cut_with_how_many_more(result, seeds_db):
    import copy

    from store.comparison.markdown import SECTION_LIMIT

    grown = copy.deepcopy(result)
    city = next(iter(grown))
    grown[city]["figures"] = (grown[city]["figures"] * 40)[: SECTION_LIMIT + 7]
    with Corpus(seeds_db) as corpus:
        text = to_markdown(grown, corpus)
    section = text.split(f"## {city}")[1].split("### ")[6]
    assert section.count("\n- ") == SECTION_LIMIT + 1
    assert "… and 7 more" in section
