"""Near-duplicates: wire copies and rewritten releases cluster, excerpts complete.

The texts are a made-up city's press release as three outlets ran it: the
original, a rewrite with a new lead and reordered, reworded paragraphs, and a
portal copy with the portal's own lines around it. The same city hall's next
release (same week, same vocabulary) and the five real seed pages must stay
apart from it and from each other.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from store import clusters, dedupe, excerpts
from store.corpus import Corpus
from store.ingest import ingest_paths
from store.records import Paragraph, ParsedArticle, SearchHit
from store.seeding import load_seeds

sys.path.insert(0, str(Path(__file__).parent))
import fixtures_bigkinds as fx  # noqa: E402

ORIGINAL = [
    "은하시는 4일 시청 대회의실에서 국내 이차전지 소재 기업 3곳과 총 2천400억원 규모의 투자협약을 체결했다고 밝혔다.",
    "협약에 따라 기업들은 은하 일반산업단지 12만㎡ 부지에 양극재와 전해액 생산 공장을 2026년까지 짓고, 신규 인력 450명을 지역에서 채용할 계획이다.",
    "시는 인허가 절차를 신속히 처리하고 기반시설 조성과 인력 양성 프로그램을 지원하기로 했다.",
    "윤가람 은하시장은 “이번 투자로 은하시가 이차전지 소재 산업의 거점 도시로 도약하는 계기가 될 것”이라며 “기업이 안정적으로 정착할 수 있도록 행정력을 집중하겠다”고 말했다.",
    "은하시는 지난해에도 배터리 재활용 기업 2곳을 유치하는 등 이차전지 산업 생태계 조성에 힘을 쏟고 있다.",
]
REWRITE = [
    "은하시가 이차전지 소재 기업 3곳으로부터 2천400억원 규모의 투자를 유치했다.",
    "은하시는 4일 시청 대회의실에서 이들 기업과 투자협약을 맺었다고 밝혔다.",
    "기업들은 2026년까지 은하 일반산업단지 12만㎡ 부지에 양극재와 전해액 생산 공장을 짓고, 신규 인력 450명을 지역에서 채용할 예정이다.",
    "윤가람 은하시장은 “이번 투자로 은하시가 이차전지 소재 산업의 거점 도시로 도약하는 계기가 될 것”이라며 “기업이 안정적으로 정착할 수 있도록 행정력을 집중하겠다”고 말했다.",
    "시는 인허가 절차를 신속히 처리하고 기반시설 조성과 인력 양성 프로그램을 지원한다.",
    "한편 은하시는 지난해에도 배터리 재활용 기업 2곳을 유치했다.",
]
PORTAL = [
    "[한빛일보 = 김서연 기자]",
    *(p.replace("“", '"').replace("”", '"') for p in ORIGINAL),
    "ⓒ 한빛일보, 무단전재 및 재배포 금지",
]
NEXT_RELEASE = [
    "은하시는 5일 시청 대회의실에서 국내 수소 연료전지 기업 2곳과 총 800억원 규모의 투자협약을 체결했다고 밝혔다.",
    "기업들은 은하 제2산업단지 5만㎡ 부지에 연료전지 부품 공장을 2025년까지 짓고, 신규 인력 120명을 채용할 계획이다.",
    "윤가람 은하시장은 “수소 산업은 은하시의 새로운 성장 동력이 될 것”이라며 “기업 지원을 아끼지 않겠다”고 말했다.",
    "시는 올해 수소 충전소 3곳을 추가로 설치하고 수소 버스 40대를 도입할 예정이다.",
]


def parsed(title: str, paragraphs: list[str], published: str | None, outlet: str, **kw) -> ParsedArticle:
    return ParsedArticle(
        title=title,
        paragraphs=[Paragraph("body", t, i) for i, t in enumerate(paragraphs)],
        published=published,
        published_precision="minute" if published and "T" in published else "day",
        outlet=outlet,
        cities=["은하시"],
        **kw,
    )


@pytest.fixture
def corpus(tmp_path):
    c = Corpus(tmp_path / "dedupe.db")
    yield c
    c.close()


def save_release_copies(corpus: Corpus) -> dict[str, str]:
    ids = {}
    ids["original"], _ = corpus.save_article(
        parsed("은하시, 이차전지 소재 기업 3곳과 2400억 투자협약", ORIGINAL, "2024-03-04T10:00:00+09:00", "한빛일보")
    )
    ids["rewrite"], _ = corpus.save_article(
        parsed("은하시 이차전지 기업 유치…2400억 규모", REWRITE, "2024-03-05T08:30:00+09:00", "새벽경제")
    )
    ids["portal"], _ = corpus.save_article(
        parsed("은하시, 이차전지 소재 기업 3곳과 2400억 투자협약", PORTAL, "2024-03-04T11:12:00+09:00", "누리포털")
    )
    ids["next"], _ = corpus.save_article(
        parsed("은하시, 수소 연료전지 기업 2곳과 800억 투자협약", NEXT_RELEASE, "2024-03-05T10:00:00+09:00", "한빛일보")
    )
    return ids


def test_rewritten_release_and_portal_copy_join_their_original(corpus):
    load_seeds(corpus, analyze=False)
    ids = save_release_copies(corpus)
    report = dedupe.group_copies(corpus.db)
    assert report.clusters == 1 and report.grouped == 3
    members = clusters.cluster_members(corpus.db, ids["portal"])
    assert members[0] == ids["original"]  # the earliest is canonical
    assert set(members) == {ids["original"], ids["rewrite"], ids["portal"]}
    # the next release of the same city hall, and every seed page, stay alone
    mapping = clusters.canonical_map(corpus.db)
    assert ids["next"] not in mapping
    assert set(mapping) == set(members)


def test_the_list_shows_one_row_per_cluster_with_its_copies(corpus):
    load_seeds(corpus, analyze=False)
    ids = save_release_copies(corpus)
    dedupe.group_copies(corpus.db)
    rows = corpus.articles()
    assert len(rows) == 5 + 2 == corpus.count()
    by_id = {r.id: r for r in rows}
    assert by_id[ids["original"]].copies == 3
    assert ids["rewrite"] not in by_id and ids["portal"] not in by_id
    assert by_id[ids["next"]].copies == 1
    assert len(corpus.articles(include_hidden=True)) == 5 + 4


def test_copies_far_apart_in_time_are_different_stories(corpus):
    a, _ = corpus.save_article(parsed("은하시 투자협약", ORIGINAL, "2024-03-04", "한빛일보"))
    b, _ = corpus.save_article(parsed("은하시 투자협약 1년", REWRITE, "2025-03-04", "새벽경제"))
    dedupe.group_copies(corpus.db)
    assert clusters.canonical_map(corpus.db) == {}
    assert {r.copies for r in corpus.articles()} == {1}


def test_regrouping_is_stable_and_follows_new_copies(corpus):
    ids = save_release_copies(corpus)
    first = dedupe.group_copies(corpus.db)
    again = dedupe.group_copies(corpus.db)
    assert again.changed == 0 and again.hashed == 0 and again.clusters == first.clusters
    # an earlier wire copy arrives later: it becomes the canonical
    wire, _ = corpus.save_article(
        parsed("[속보] 은하시 이차전지 투자협약", ORIGINAL, "2024-03-04T09:05:00+09:00", "동녘통신")
    )
    dedupe.group_copies(corpus.db)
    assert clusters.cluster_members(corpus.db, ids["rewrite"])[0] == wire


def test_search_hits_and_facts_fold_copies(corpus):
    ids = save_release_copies(corpus)
    dedupe.group_copies(corpus.db)
    hits = [
        SearchHit(ids["portal"], "t", 1, "x", [], 0.9),
        SearchHit(ids["portal"], "t", 2, "x", [], 0.8),
        SearchHit(ids["original"], "t", 0, "x", [], 0.7),
        SearchHit(ids["next"], "t", 0, "x", [], 0.6),
    ]
    stories = clusters.by_story(corpus.db, [ids["portal"], ids["next"], ids["rewrite"], ids["portal"]])
    assert stories == {ids["original"]: [ids["portal"], ids["rewrite"]], ids["next"]: [ids["next"]]}
    folded = clusters.fold_hits(corpus.db, hits)
    assert [(h.article_id, h.paragraph_index) for h in folded] == [
        (ids["portal"], 1), (ids["portal"], 2), (ids["next"], 0)
    ]


def excerpt_of(paragraphs: list[str], chars: int = 120) -> str:
    return " ".join(paragraphs)[:chars].rstrip() + "…"


def test_full_page_completes_a_bigkinds_excerpt(corpus, tmp_path):
    row = fx.row(**{
        "일자": "20240304",
        "언론사": "한빛일보",
        "제목": "은하시, 이차전지 소재 기업 3곳과 2400억 투자협약",
        "본문": excerpt_of(ORIGINAL),
        "URL": "https://hanbit.example/news/1",
        "인물": "윤가람",
    })
    book = fx.write_news_search(tmp_path / "NewsResult_20240301-20240331.xlsx", [row])
    report = ingest_paths(corpus, [book])
    assert report.added == 1
    (excerpt_id,) = report.article_ids
    assert corpus.article(excerpt_id).is_excerpt
    # the full page, as a cleaned text file, with no URL: matched on its text
    page = tmp_path / "page.txt"
    page.write_text("은하시, 이차전지 소재 기업 3곳과 2400억 투자협약\n\n" + "\n\n".join(ORIGINAL), encoding="utf-8")
    report = ingest_paths(corpus, [page])
    assert report.updated == 1 and report.added == 0
    assert corpus.article(excerpt_id) is None
    (page_id,) = report.article_ids
    article = corpus.article(page_id)
    assert not article.is_excerpt
    assert len(article.paragraphs) >= len(ORIGINAL)
    assert article.url == "https://hanbit.example/news/1"  # kept from the excerpt
    assert len(article.sources) == 2 and any(s.endswith(".xlsx") for s in article.sources)
    assert corpus.count(include_hidden=True) == 1
    from store.supplied_entities import supplied_entities

    people = supplied_entities(corpus.db, type="person", article_id=page_id)
    assert [(e.name, e.source) for e in people] == [("윤가람", "bigkinds")]  # followed the excerpt
    # ingesting the workbook's row again (a new export) adds no excerpt beside the page
    again = fx.write_news_search(tmp_path / "NewsResult_again.xlsx", [row, fx.row()])
    report = ingest_paths(corpus, [again])
    assert report.article_ids[0] == page_id
    assert corpus.count(include_hidden=True) == 2


def test_same_url_completes_the_excerpt_even_when_text_differs(corpus):
    excerpt = parsed("제목", ["포털이 다듬은 첫 문장입니다. 본문의 앞부분이 조금 다르게 옮겨졌다…"], "2024-03-04", "한빛일보",
                     url="https://hanbit.example/2", is_excerpt=True)
    eid, _ = corpus.save_article(excerpt)
    full = parsed("제목", ORIGINAL, "2024-03-04T10:00:00+09:00", None, url="https://hanbit.example/2")
    fid, outcome = corpus.save_article(full)
    assert outcome == "updated" and fid != eid
    assert corpus.article(eid) is None
    assert corpus.article(fid).outlet == "한빛일보"  # filled from the excerpt


def test_unrelated_excerpt_is_not_swallowed(corpus):
    fid, _ = corpus.save_article(parsed("원문", ORIGINAL, "2024-03-04", "한빛일보"))
    other = parsed("다른 기사", [excerpt_of(NEXT_RELEASE)], "2024-03-05", "한빛일보", is_excerpt=True)
    oid, outcome = corpus.save_article(other)
    assert outcome == "added" and oid != fid
    assert corpus.count(include_hidden=True) == 2


def test_is_excerpt_of_tolerates_trimming_but_not_other_text():
    page = dedupe.normalize(" ".join(ORIGINAL))
    assert excerpts.is_excerpt_of(dedupe.normalize(excerpt_of(ORIGINAL, 150)), page)
    retyped = excerpt_of(ORIGINAL, 150).replace("체결했다고", "체결했다며")
    assert excerpts.is_excerpt_of(dedupe.normalize(retyped), page)
    assert not excerpts.is_excerpt_of(dedupe.normalize(excerpt_of(NEXT_RELEASE, 150)), page)


def test_an_excerpt_finds_its_page_among_a_busy_week(corpus, tmp_path):
    """BigKinds rows imported after the full pages: each excerpt joins its own
    page (the page with a portal byline around it, the excerpt re-quoted and
    trimmed), not one of the many pages of the same days; an unrelated row
    stays its own article."""
    rng = __import__("random").Random(5)
    for n in range(40):  # the same week's other news
        sentences = [
            f"은하시는 {n}번째 사업으로 {rng.choice(['도로', '공원', '도서관', '체육관'])} 건립을 추진한다고 밝혔다.",
            f"사업비는 {rng.randint(10, 900)}억원이며 {rng.randint(2025, 2030)}년 준공을 목표로 한다.",
            "시는 주민 설명회를 거쳐 세부 계획을 확정할 예정이다.",
        ]
        corpus.save_article(parsed(f"은하시 {n}번째 사업", sentences, "2024-03-04T09:00:00+09:00", "동녘신문"))
    page_id, _ = corpus.save_article(
        parsed("은하시, 이차전지 소재 기업 3곳과 2400억 투자협약", PORTAL, "2024-03-04T11:12:00+09:00", "누리포털")
    )
    stored = corpus.count(include_hidden=True)
    rows = [
        fx.row(**{"일자": "20240304", "제목": "은하시, 이차전지 소재 기업 3곳과 2400억 투자협약",
                  "본문": excerpt_of(ORIGINAL), "URL": ""}),
        fx.row(**{"일자": "20240305", "제목": "은하시 수소 기업 유치", "본문": " ".join(NEXT_RELEASE)[:180], "URL": ""}),
    ]
    report = ingest_paths(corpus, [fx.write_news_search(tmp_path / "NewsResult_20240304.xlsx", rows)])
    assert (report.added, report.unchanged) == (1, 1)
    assert report.article_ids[0] == page_id
    assert any(s.endswith(".xlsx#1") for s in corpus.article(page_id).sources)
    assert corpus.count(include_hidden=True) == stored + 1


def test_components_know_their_roots_after_any_union_order():
    from store.dedupe import _Components, _Item

    items = [_Item(f"a{n}", n, None, 0, 0, None, None) for n in range(6)]
    parts = _Components(items)
    for a, b in [("a0", "a1"), ("a2", "a3"), ("a3", "a4"), ("a1", "a4"), ("a4", "a0")]:
        parts.union(a, b)
    assert len({parts.find(f"a{n}") for n in range(5)}) == 1
    assert parts.find("a5") == "a5"
    assert parts.joined([0, 2, 4]) and not parts.joined([1, 5])


def test_normalize_all_equals_normalize_on_every_kind_of_character():
    import random

    rng = random.Random(5)
    alphabet = list("가나 _a-Z9,.!漢ㄱ①²é\u0301ß\n\t") + [chr(0x1F600)]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 15))) for _ in range(5000)]
    bmp = [t.replace(chr(0x1F600), "") for t in texts]
    for batch in (texts, bmp, bmp[:1], [], ["", "", "가"]):  # astral characters take the regex path
        assert dedupe.normalize_all(batch) == [dedupe.normalize(t) for t in batch]
