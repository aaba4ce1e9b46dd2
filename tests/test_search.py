"""Search on a real SQLite corpus built from the seeds (plus a few articles of
our own written to hold the other spelling of each variant)."""

from __future__ import annotations

import json
import re
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from old_schemas import as_search_v1

from store import hangul, search_index, search_terms
from store.corpus import Corpus
from store.ingest import ingest_paths
from store.paths import seeds_dir
from store.query import parse_query
from store.records import Paragraph, ParsedArticle, SearchHit
from store.search import Searcher, search
from store.search_index import SHARD_TABLES, match_params, matching_rowids, reindex

OWN = [
    ParsedArticle(
        title="스탠퍼드 연구진, 라스베가스 전시회 뒤 벤쿠버행",
        paragraphs=[
            Paragraph("body", "스탠퍼드대학교 연구진은 라스베가스에서 열린 전시회를 둘러본 뒤 벤쿠버로 향했다."),
            Paragraph("body", "포항시는 영일만밸리 조성 계획과 함께 통일 한국 시대의 산업 지도를 그리고 있다."),
            Paragraph("body", "시민 포하이 씨는 행사장을 찾았다."),
        ],
        published="2021-05-03T09:00:00+09:00",
        outlet="테스트일보",
        cities=["포항시"],
    ),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    path = tmp_path_factory.mktemp("search") / "t.db"
    c = Corpus(path)
    report = ingest_paths(c, [seeds_dir()])
    assert report.failed == 0 and report.added == 5
    for article in OWN:
        c.save_article(article)
    return c


def texts(hits: list[SearchHit]) -> list[str]:
    return [h.text[s:e] for h in hits for s, e in h.spans]


def assert_spans_valid(corpus: Corpus, hits: list[SearchHit]) -> None:
    for h in hits:
        stored = corpus.db.execute(
            "SELECT text FROM paragraphs WHERE article_id = ? AND idx = ?", [h.article_id, h.paragraph_index]
        ).fetchone()[0]
        assert stored == h.text
        assert h.spans, h
        for s, e in h.spans:
            assert 0 <= s < e <= len(h.text)


def _save(c: Corpus, title: str, text: str, published: str) -> str:
    """An article of one body paragraph; its id."""
    aid, _ = c.save_article(
        ParsedArticle(title=title, paragraphs=[Paragraph("body", text)], published=published, outlet="테스트일보")
    )
    return aid


def _both(c: Corpus, query: str) -> list[list[SearchHit]]:
    """The hits of `query` typed into a Searcher and asked of the corpus at once."""
    return [Searcher(c.path).search(query) or [], c.search(query)]


# -- what it must find ------------------------------------------------------


@pytest.mark.parametrize("query", ["포항", "항", "영일만", "실리콘밸리", "김종천"])
def test_exact_substrings_any_length(corpus: Corpus, query: str) -> None:
    hits = corpus.search(query, limit=20)
    assert hits
    assert_spans_valid(corpus, hits)
    exact = [t == query for t in texts(hits)]
    assert exact[0] and exact == sorted(exact, reverse=True)  # one row per article: exact ones first
    assert hits[0].score >= 3.0


@pytest.mark.parametrize("query", ["퐇", "포하"])
def test_half_typed_syllable(corpus: Corpus, query: str) -> None:
    hits = corpus.search(query, limit=50)
    found = texts(hits)
    assert "포항" in found
    assert all(t.startswith("포") for t in found)
    assert_spans_valid(corpus, hits)


def test_complete_syllable_beats_half_typed_reading(corpus: Corpus) -> None:
    hits = corpus.search("포항", limit=200)
    # 포하이 matches only as "포하 + a syllable starting with ㅇ", below every 포항.
    kinds = [("포하이" in h.text and "포항" not in h.text, h.score) for h in hits]
    weak = [s for w, s in kinds if w]
    strong = [s for w, s in kinds if not w]
    assert strong and (not weak or min(strong) > max(weak))


@pytest.mark.parametrize(
    "query, must_see",
    [
        ("영일만밸리", {"영일만 밸리", "영일만밸리"}),
        ("영일만 밸리", {"영일만 밸리", "영일만밸리"}),
        ("통일 한국", {"통일한국", "통일 한국"}),
        ("통일한국", {"통일한국", "통일 한국"}),
    ],
)
def test_spacing_variants_both_ways(corpus: Corpus, query: str, must_see: set[str]) -> None:
    hits = corpus.search(query, limit=50)
    assert must_see <= set(texts(hits))
    assert_spans_valid(corpus, hits)
    # The spelling typed ranks first.
    assert texts(hits)[0] == query


@pytest.mark.parametrize("query, stem", [("포항시가", "포항시"), ("포항시는", "포항시"), ("성남시의", "성남시")])
def test_particles_stuck_on(corpus: Corpus, query: str, stem: str) -> None:
    hits = corpus.search(query, limit=50)
    found = texts(hits)
    assert any(t.startswith(stem) for t in found)
    verbatim = [h.score for h in hits if query in h.text]
    stem_only = [h.score for h in hits if query not in h.text]
    if verbatim and stem_only:
        assert min(verbatim) > max(stem_only)


@pytest.mark.parametrize(
    "query, meant",
    [
        ("스탠퍼드", "스탠포드"),  # loanword variants, both directions
        ("스탠포드", "스탠퍼드"),
        ("라스베가스", "라스베이거스"),
        ("라스베이거스", "라스베가스"),
        ("벤쿠버", "밴쿠버"),
        ("밴쿠버", "벤쿠버"),
        ("영일먼", "영일만"),  # wrong vowel
        ("영일맘", "영일만"),  # wrong final
        ("김종처", "김종천"),  # dropped jamo
        ("과천둥", "과천동"),
    ],
)
def test_jamo_typos_and_loanwords(corpus: Corpus, query: str, meant: str) -> None:
    hits = corpus.search(query, limit=50)
    assert any(meant in t for t in texts(hits)), texts(hits)
    assert_spans_valid(corpus, hits)


def test_exact_outranks_fuzzy(corpus: Corpus) -> None:
    hits = corpus.search("스탠포드", limit=50)
    exact = [h.score for h in hits if "스탠포드" in texts([h])]
    fuzzy = [h.score for h in hits if "스탠퍼드" in texts([h])]
    assert exact and fuzzy and min(exact) > max(fuzzy)


def test_short_queries_never_fuzzy(corpus: Corpus) -> None:
    assert not any("밴쿠" in t for t in texts(corpus.search("벤쿠", limit=50)))
    assert all(t == "벤쿠" for t in texts(corpus.search("벤쿠", limit=50)))


@pytest.mark.parametrize(
    "query, meant", [("ㅇㅇㅁ", "영일만"), ("ㄱㅈㅊ", "김종천"), ("영ㅇㅁ", "영일만"), ("ㅅㄹㅋㅂㄹ", "실리콘밸리")]
)
def test_initial_consonants(corpus: Corpus, query: str, meant: str) -> None:
    hits = corpus.search(query, limit=50)
    assert meant in texts(hits)
    for t in texts(hits):
        assert hangul.initials(re.sub(r"\W", "", t)) == hangul.initials(query)


@pytest.mark.parametrize("query, meant", [("dudlfaks", "영일만"), ("duddlfaks", "영일만"), ("vhgkd", "포항")])
def test_english_mode_keyboard(corpus: Corpus, query: str, meant: str) -> None:
    assert meant in texts(corpus.search(query, limit=50))


@pytest.mark.parametrize(
    "query, meant", [("pohang", "포항"), ("seongnam", "성남"), ("goyang", "고양"), ("gwacheon", "과천")]
)
def test_romanised_names(corpus: Corpus, query: str, meant: str) -> None:
    hits = corpus.search(query, limit=20)
    assert texts(hits) and all(t == meant for t in texts(hits))


@pytest.mark.parametrize("query, meant", [("ces2019", "CES 2019"), ("kic", "KIC"), ("Ces 2019", "CES 2019")])
def test_latin_case_and_spaces(corpus: Corpus, query: str, meant: str) -> None:
    hits = corpus.search(query, limit=20)
    assert meant in texts(hits)


def test_quoted_phrase_is_exact(corpus: Corpus) -> None:
    hits = corpus.search('"영일만 밸리"', limit=50)
    assert hits and all("영일만 밸리" in h.text for h in hits)
    assert not any("영일만밸리" in h.text and "영일만 밸리" not in h.text for h in hits)


def test_phrase_and_text_together(corpus: Corpus) -> None:
    hits = corpus.search('포항 "영일만 밸리"', limit=50)
    full = [h for h in hits if not h.partial]
    assert full and hits[: len(full)] == full  # articles with only some terms come after
    for h in full:  # both somewhere in the article, the phrase as typed
        article = corpus.article(h.article_id)
        whole = " ".join([article.title, *(p.text for p in article.paragraphs)])
        assert "영일만 밸리" in whole and "포항" in whole
        assert h.matched_terms == ["포항", "영일만 밸리"] and not h.partial


def _article(corpus: Corpus, aid: str) -> dict:
    row = corpus.db.execute("SELECT outlet, published, cities FROM articles WHERE id = ?", [aid]).fetchone()
    return {"outlet": row[0] or "", "published": row[1] or "", "cities": json.loads(row[2])}


def test_filters_hold_for_every_hit(corpus: Corpus) -> None:
    for query, check in [
        ("city:포항 시장", lambda a: any("포항" in c for c in a["cities"])),
        ("outlet:연합뉴스 시장", lambda a: "연합뉴스" in a["outlet"]),
        ("year:2023 포항", lambda a: a["published"].startswith("2023")),
    ]:
        hits = corpus.search(query, limit=100)
        assert all(check(_article(corpus, h.article_id)) for h in hits), query
        unfiltered = corpus.search(query.split(" ", 1)[1], limit=100)
        assert len(hits) < len(unfiltered)


def test_year_filter_is_a_prefix_of_published(corpus: Corpus) -> None:
    """year: adds a published range so the index can be used; the rows kept
    are exactly those whose published text starts with the value."""
    from store.search import Engine, _prefix_upper

    assert _prefix_upper("2019") == "201:" and _prefix_upper("") is None
    engine = Engine(corpus.db.conn)
    for value in ("2023", "202", "2", "1999", "2023-0"):
        where, args = engine.filter_sql({"year": [value]})
        kept = {r[0] for r in corpus.db.execute(f"SELECT a.id FROM articles a WHERE {where}", args)}
        expected = {
            r[0] for r in corpus.db.execute(
                "SELECT id FROM articles WHERE hidden = 0 AND substr(coalesce(published, ''), 1, ?) = ?",
                [len(value), value],
            )
        }
        assert kept == expected, value
        # the newest filtered articles, walked back from the year's newest num
        newest, newest_args = engine._newest_first(where, args)
        chosen = [r[0] for r in corpus.db.execute(newest, [*newest_args, 5])]
        naive = [
            r[0] for r in corpus.db.execute(f"SELECT a.id FROM articles a WHERE {where} ORDER BY a.num DESC LIMIT 5", args)
        ]
        assert chosen == naive, value


def test_filters_on_our_own_article(corpus: Corpus) -> None:
    hits = corpus.search("city:포항 outlet:테스트일보 year:2021 영일만", limit=50)
    assert hits and {h.outlet for h in hits} == {"테스트일보"}
    assert corpus.search("city:포항 outlet:테스트일보 year:2019 영일만", limit=50) == []
    assert corpus.search("city:고양 outlet:테스트일보", limit=50) == []
    only_filters = corpus.search("outlet:테스트일보", limit=50)
    assert len(only_filters) == 1 and only_filters[0].paragraph_index == 0


def test_person_filter_without_entity_analysis(corpus: Corpus) -> None:
    hits = corpus.search("person:김종천 시장", limit=50)
    assert hits
    ids = {h.article_id for h in hits}
    for aid in ids:
        assert corpus.db.execute(
            "SELECT 1 FROM paragraphs WHERE article_id = ? AND instr(text, '김종천')", [aid]
        ).fetchone()


HOSTILE = [
    "", " ", '"', '"포항', '포항"', '""', "AND", "OR NOT", "NEAR(포항 밸리)", "포항 AND 밸리", "*", "포항*",
    "-포항", "^포항", ":", "city:", "year:", "outlet:\"", "(포항)", "[포", "{}", "\\", "포항\\", "\x00", "포\x00항",
    "가" * 500, "포항 " * 200, "ㅇ" * 500, "a" * 600, "'; DROP TABLE articles; --", "%_", "\u200b", "포항",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_any_input_without_error(corpus: Corpus, query: str) -> None:
    hits = corpus.search(query, limit=10)
    assert isinstance(hits, list)
    assert_spans_valid(corpus, hits) if hits else None
    assert corpus.db.execute("SELECT count(*) FROM articles").fetchone()[0] == 6


def test_nfd_query_is_read_as_nfc(corpus: Corpus) -> None:
    nfd = unicodedata.normalize("NFD", "포항")
    assert nfd != "포항" and len(nfd) > 2
    assert texts(corpus.search(nfd, limit=5)) == texts(corpus.search(unicodedata.normalize("NFC", nfd), limit=5))
    assert texts(corpus.search(nfd, limit=5))


def test_parse_query() -> None:
    p = parse_query('포항 "영일만 밸리" city:포항 YEAR:2019 foo:bar "open')
    assert p.text == "포항 foo:bar"
    assert p.phrases == ["영일만 밸리", "open"]
    assert p.filters == {"city": ["포항"], "year": ["2019"]}


# -- search as you type -------------------------------------------------------


def _ids(hits: list[SearchHit] | None) -> list[tuple[str, int, tuple]]:
    assert hits is not None
    return [(h.article_id, h.paragraph_index, tuple(h.spans)) for h in hits]


@pytest.mark.parametrize("final", ["영일만 밸리", "포항시가", "ㄱㅈㅊ", "스탠퍼드", "통일한국", "포항 영일만 밸리 조성"])
def test_searcher_narrowing_equals_fresh_search(corpus: Corpus, final: str) -> None:
    searcher = Searcher(corpus.path, limit=30)
    steps = [final[: i + 1] for i in range(len(final))]
    keys = hangul.keystrokes(final)
    steps += [hangul.compose(keys[: i + 1]) for i in range(len(keys))]  # jamo by jamo
    for step in steps:
        assert _ids(searcher.search(step)) == _ids(search(corpus, step, limit=30)), step
    searcher.close()


def test_searcher_remembers_what_failed_and_what_it_read(corpus: Corpus) -> None:
    searcher = Searcher(corpus.path, limit=30)
    searcher.search("포항")
    assert searcher._state is not None
    failed_before = set(searcher._state.failed)
    assert failed_before and searcher._rows  # 포하.. candidates that were not 포항
    searcher.search("포항시")
    assert searcher._state.failed >= failed_before
    searcher.search("과천")  # not an extension: starts afresh
    assert not (searcher._state.failed & failed_before - searcher._state.failed)
    assert _ids(searcher.search("과천")) == _ids(search(corpus, "과천", limit=30))
    searcher.close()


@pytest.mark.parametrize(
    "text", ["영일만밸리", "영일만 밸", "포항시", "포항", "스탠퍼", "없는낱말", "ㅇㅇㅁ", "퐇", "라스베가스"]
)
def test_a_rare_patterns_whole_candidate_list_finds_what_the_walk_finds(
    corpus: Corpus, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import search as search_mod
    from store.search_plan import text_pattern

    pattern = text_pattern(text)
    assert pattern is not None and pattern.clauses
    whole = search_mod.Engine(corpus.db.conn).matches(pattern, [], "a.hidden = 0", [], 160)
    monkeypatch.setattr(search_mod.Engine, "complete_ids", lambda *a: None)
    walked = search_mod.Engine(corpus.db.conn).matches(pattern, [], "a.hidden = 0", [], 160)
    assert sorted((s.row.pid, s.score, s.spans) for s in whole) == sorted((s.row.pid, s.score, s.spans) for s in walked)


def test_what_the_regex_skips_between_characters_has_no_index_code() -> None:
    """Engine.complete_ids checks a pattern's code string whole in the index
    body: sound only while every character the regex's GAP lets stand
    between query characters leaves no code in the body."""
    from store.jamo_codes import SEPARATOR, index_body
    from store.search_plan import GAP

    gap = re.compile(GAP[:-1])  # one character of it
    skipped = [chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000 and gap.fullmatch(chr(c))]
    assert len(skipped) > 1000
    assert [c for c in skipped if index_body(c) != SEPARATOR] == []


def test_a_rare_pattern_is_found_beyond_the_candidate_cap(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk stops at CANDIDATE_CAP index candidates; a pattern listed whole does not."""
    from store import search as search_mod
    from store.search_plan import text_pattern

    pattern = text_pattern("영일만")
    assert pattern is not None
    def found() -> list[int]:  # a new Engine each time: a Searcher's engines remember walks
        return [s.row.pid for s in search_mod.Engine(corpus.db.conn).matches(pattern, [], "a.hidden = 0", [], 10_000)]

    every = set(found())
    assert len(every) > 2
    monkeypatch.setattr(search_mod, "CANDIDATE_CAP", 1)
    assert set(found()) == every
    monkeypatch.setattr(search_mod.Engine, "complete_ids", lambda *a: None)
    assert len(found()) < len(every)


# -- index maintenance ---------------------------------------------------------


def test_delete_article_removes_index_rows(tmp_path: Path) -> None:
    c = Corpus(tmp_path / "d.db")
    aid, _ = c.save_article(OWN[0])
    assert c.search("라스베가스")
    n_index = c.db.execute("SELECT count(*) FROM search_text").fetchone()[0]
    assert n_index == len(OWN[0].paragraphs)
    with c.transaction() as conn:
        conn.execute("DELETE FROM articles WHERE id = ?", [aid])
    assert c.db.execute("SELECT count(*) FROM search_text").fetchone()[0] == 0
    assert c.search("라스베가스") == []
    c.close()


def test_reindex_picks_up_rows_written_around_corpus(tmp_path: Path) -> None:
    c = Corpus(tmp_path / "r.db")
    aid, _ = c.save_article(OWN[0])
    with c.transaction() as conn:
        conn.execute(
            "INSERT INTO paragraphs(article_id, idx, kind, text) VALUES (?, 99, 'body', '고양시 킨텍스 전시장')",
            [aid],
        )
        conn.execute("UPDATE paragraphs SET text = '과천동 개발 계획' WHERE article_id = ? AND idx = 0", [aid])
    assert c.search("킨텍스") == [] and c.search("과천동") == []
    with c.transaction() as conn:
        assert reindex(conn) == 2
    assert texts(c.search("킨텍스")) == ["킨텍스"]
    assert texts(c.search("과천동")) == ["과천동"]
    assert c.search("스탠퍼드대학교") == []  # the edited paragraph's old text is gone
    c.close()


def test_index_built_for_a_database_older_than_search(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    c = Corpus(path)
    c.save_article(OWN[0])
    c.db.executescript(
        "DROP TRIGGER search_paragraph_ad; DROP TRIGGER search_paragraph_au; DROP TABLE search_fts;"
        " DROP TABLE search_fts_1; DROP VIEW search_text_0; DROP VIEW search_text_1;"
        " DROP TABLE search_text; DELETE FROM schema_versions WHERE component = 'search';"
    )
    c.close()
    c = Corpus(path)
    assert "영일만밸리" in texts(c.search("영일만 밸리"))
    c.close()
    raw = sqlite3.connect(path)
    assert raw.execute("SELECT count(*) FROM search_text").fetchone()[0] == 3
    raw.close()


def test_an_index_from_before_shards_is_made_again_in_shards(tmp_path: Path) -> None:
    """A database whose search index is one FTS table over search_text (search
    schema 1) gets the sharded index on open, with every paragraph in it."""
    path = tmp_path / "v1.db"
    c = Corpus(path)
    c.save_article(OWN[0])
    c.close()
    as_search_v1(path)
    c = Corpus(path)
    version = c.db.execute("SELECT version FROM schema_versions WHERE component = 'search'").fetchone()[0]
    assert version == len(search_index.MIGRATIONS)
    assert "라스베가스" in texts(c.search("라스베가스"))
    for table in SHARD_TABLES:
        c.db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    later = ParsedArticle(title="나중", paragraphs=[Paragraph("body", "과천동 개발 계획이 나왔다.")])
    c.save_article(later)  # the triggers written by the migration keep it in step
    assert texts(c.search("ㄱㅊㄷ")) == ["과천동"]
    c.close()


def test_searcher_call_overtaken_by_a_newer_one_returns_none(corpus: Corpus) -> None:
    import threading
    import time

    searcher = Searcher(corpus.path, limit=10)
    results: dict[str, object] = {}
    searcher._lock.acquire()  # a search "in progress"
    first = threading.Thread(target=lambda: results.update(first=searcher.search("포항")))
    first.start()
    while searcher._generation < 1:
        time.sleep(0.001)
    second = threading.Thread(target=lambda: results.update(second=searcher.search("과천")))
    second.start()
    while searcher._generation < 2:
        time.sleep(0.001)
    searcher._lock.release()
    first.join(10)
    second.join(10)
    assert results["first"] is None
    assert results["second"] and all("과천" in h.text for h in results["second"])  # type: ignore[union-attr]
    searcher.close()


def test_a_saved_then_deleted_article_keeps_the_fts_in_step(tmp_path: Path) -> None:
    c = Corpus(tmp_path / "twice.db")
    aid, _ = c.save_article(OWN[0])
    assert "라스베가스" in texts(c.search("라스베가스"))
    _check_integrity(c.db.conn)
    with c.transaction() as conn:
        conn.execute("DELETE FROM articles WHERE id = ?", [aid])
    _check_integrity(c.db.conn)
    assert c.search("라스베가스") == []
    c.close()


def test_bulk_rebuild_replaces_the_index_in_step(tmp_path: Path) -> None:
    from store.search_index import rebuild

    c = Corpus(tmp_path / "rebuild.db")
    c.save_article(OWN[0])
    before = texts(c.search("라스베가스")), texts(c.search("ㅇㅇㅁ")), texts(c.search("포하"))
    timings: dict[str, float] = {}
    with c.transaction() as conn:
        assert rebuild(conn, timings=timings) == len(OWN[0].paragraphs)
        assert rebuild(conn) == len(OWN[0].paragraphs)  # over a full index: no stale rows
    assert {"bodies_s", "text_s", "fts_s", "total_s"} <= set(timings)
    _check_integrity(c.db.conn)
    assert (texts(c.search("라스베가스")), texts(c.search("ㅇㅇㅁ")), texts(c.search("포하"))) == before
    assert before[0] and before[1] and before[2]
    triggers = {r[0] for r in c.db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert {"search_text_ai", "search_text_ad", "search_text_au"} <= triggers
    with c.transaction() as conn:  # the triggers work again after the bulk build
        conn.execute("DELETE FROM articles")
    _check_integrity(c.db.conn)
    assert c.search("라스베가스") == []
    c.close()


def _check_integrity(conn: sqlite3.Connection) -> None:
    """FTS5's own check of every shard (an INSERT: commit what it opens)."""
    with conn:
        for table in SHARD_TABLES:
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def _index_dump(conn: sqlite3.Connection) -> tuple[list[tuple[int, str]], dict[str, list[int]]]:
    """search_text rows, and what the index (all shards) finds for every trigram they hold."""
    rows = conn.execute("SELECT id, body FROM search_text ORDER BY id").fetchall()
    grams = sorted({body[i : i + 3] for _, body in rows for i in range(0, len(body) - 2, 7)})
    found = {
        g: sorted(r[0] for r in conn.execute(matching_rowids(), [*match_params('"' + g.replace('"', '""') + '"'), 10**9]))
        for g in grams
    }
    return rows, found


def test_parallel_rebuild_gives_the_serial_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c = Corpus(tmp_path / "par.db")
    ingest_paths(c, [seeds_dir()])
    for article in OWN:
        c.save_article(article)
    as_ingested = _index_dump(c.db.conn)
    assert len(as_ingested[0]) > 50 and all(as_ingested[1].values())
    monkeypatch.setattr(search_index, "CHUNK", 7)  # many chunks, more than the workers in flight
    stale = tmp_path / ".par.db.search-killed"  # what a killed build leaves beside the database
    stale.mkdir()
    (stale / "shard.db").write_bytes(b"x" * 1000)
    other = tmp_path / ".other.db.search-running"  # another database's: not ours to touch
    other.mkdir()
    results = {}
    for workers in (1, 2):
        timings: dict[str, float] = {}
        if workers == 2:  # the bodies must come from the workers, not from this process
            monkeypatch.setattr(search_index, "bodies_of", None)
            monkeypatch.setattr(search_index, "index_body", None)
        with c.transaction() as conn:
            assert search_index.rebuild(conn, workers=workers, timings=timings) == len(as_ingested[0])
        monkeypatch.undo()
        monkeypatch.setattr(search_index, "CHUNK", 7)
        _check_integrity(c.db.conn)
        in_second = c.db.execute("SELECT count(*) FROM search_text WHERE shard = 1").fetchone()[0]
        assert (0 < in_second < len(as_ingested[0])) if workers == 2 else in_second == 0  # two cores: two shards
        results[workers] = _index_dump(c.db.conn)
        assert timings["total_s"] >= timings["fts_s"]
    assert results[1] == results[2] == as_ingested
    assert not list(tmp_path.glob(".par.db.search-*"))  # shard 1's scratch file is gone, and the stale one
    assert other.exists()
    # The bulk build's merge settings do not outlive it.
    for table in SHARD_TABLES:
        config = dict(c.db.execute(f"SELECT k, v FROM {table}_config").fetchall())
        assert config.get("automerge") == search_index.AUTOMERGE
        assert config.get("crisismerge") == search_index.CRISISMERGE
    assert texts(c.search("영일만 밸리")) and texts(c.search("ㅇㅇㅁ")) and texts(c.search("퐇"))
    # Rows of both shards leave the index with their paragraphs.
    assert "라스베가스" in texts(c.search("라스베가스"))
    with c.transaction() as conn:
        conn.execute("DELETE FROM articles")
    _check_integrity(c.db.conn)
    assert c.search("라스베가스") == [] and c.search("영일만") == []
    c.close()


def test_rebuild_whose_second_shard_fails_indexes_it_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second shard's scratch file fails (a full disk): the build still
    ends with every paragraph indexed, that shard by this connection."""
    from store import search_index

    c = Corpus(tmp_path / "full.db")
    ingest_paths(c, [seeds_dir()])
    before = _index_dump(c.db.conn)

    def fail(builder: search_index._ShardBuilder) -> None:
        builder.error = sqlite3.OperationalError("database or disk is full")
        while builder.rows.get() is not None:
            pass

    monkeypatch.setattr(search_index._ShardBuilder, "_run", fail)
    with c.transaction() as conn:
        assert search_index.rebuild(conn, workers=2) == len(before[0])
    assert c.db.execute("SELECT count(*) FROM search_text WHERE shard = 1").fetchone()[0] > 0
    _check_integrity(c.db.conn)
    assert _index_dump(c.db.conn) == before
    assert not list(tmp_path.glob(".full.db.search-*"))  # the scratch file is gone
    c.close()


def test_rebuild_with_no_room_for_a_second_shard_uses_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from store import search_index

    c = Corpus(tmp_path / "noroom.db")
    ingest_paths(c, [seeds_dir()])
    before = _index_dump(c.db.conn)

    def no_room(*args: object, **kwargs: object) -> str:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(search_index.tempfile, "mkdtemp", no_room)
    with c.transaction() as conn:
        assert search_index.rebuild(conn, workers=2) == len(before[0])
    assert c.db.execute("SELECT count(*) FROM search_text WHERE shard = 1").fetchone()[0] == 0
    _check_integrity(c.db.conn)
    assert _index_dump(c.db.conn) == before
    c.close()


def test_a_rebuild_that_fails_half_way_leaves_the_index_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import search_index

    c = Corpus(tmp_path / "halfway.db")
    ingest_paths(c, [seeds_dir()])
    before = _index_dump(c.db.conn)
    real = search_index._indexed_chunks

    def two_then_fail(*args: object):  # type: ignore[no-untyped-def]
        chunks = real(*args)  # type: ignore[arg-type]
        yield next(chunks)
        yield next(chunks)
        raise RuntimeError("interrupted")

    monkeypatch.setattr(search_index, "CHUNK", 7)
    monkeypatch.setattr(search_index, "_indexed_chunks", two_then_fail)
    with pytest.raises(RuntimeError, match="interrupted"), c.transaction() as conn:
        search_index.rebuild(conn, workers=2)
    assert not list(tmp_path.glob(".halfway.db.search-*"))
    _check_integrity(c.db.conn)
    assert _index_dump(c.db.conn) == before
    assert "영일만 밸리" in texts(c.search("영일만밸리"))
    c.close()


def test_rebuild_without_worker_processes_computes_bodies_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from store import parallel, search_index

    c = Corpus(tmp_path / "noproc.db")
    c.save_article(OWN[0])
    c.save_article(ParsedArticle(title="둘째", paragraphs=[Paragraph("body", f"문단 {i} 포항") for i in range(30)]))
    before = _index_dump(c.db.conn)
    monkeypatch.setattr(search_index, "CHUNK", 4)

    monkeypatch.setattr(parallel.sys, "executable", str(tmp_path / "no-such-python"))
    with c.transaction() as conn:
        assert search_index.rebuild(conn, workers=2) == len(before[0])
    assert _index_dump(c.db.conn) == before
    c.close()


def test_a_word_repeated_or_a_pasted_paragraph_is_safe(corpus: Corpus) -> None:
    assert _ids(corpus.search("포항 " * 2000, limit=30)) == _ids(corpus.search("포항", limit=30))
    many = corpus.search("과천 김종천 CES 라스베이거스 은수미 밴쿠버 스탠퍼드 " * 50, limit=30)
    assert all(len(h.matched_terms) <= 5 for h in many)  # at most five words are looked up
    # a word of thousands of characters is read as its first hundred
    long_word = "포항시는영일만밸리를" * 300
    assert _ids(corpus.search(long_word, limit=30)) == _ids(corpus.search(long_word[:100], limit=30))
    assert search_terms.split_terms(f"{long_word} 포항") == [long_word[:100], "포항"]


def test_press_abbreviations_find_full_names_and_a_near_spelling_keeps_its_head(tmp_path: Path) -> None:
    from store import hangul

    lines = [
        {"title": "한빛테크노파크 특구 지정", "body": "중소벤처기업부는 한빛테크노파크를 지역 혁신기관으로 지정했다고 밝혔다.", "date": "2024-01-02"},
        {"title": "누리시, 블록체인 특구로 지정", "body": "중기부는 누리테크노파크가 있는 누리시를 특구로 지정했다고 밝혔다.", "date": "2024-01-03"},
    ]
    page = tmp_path / "two.jsonl"
    page.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    with Corpus(tmp_path / "a.db") as c:
        ingest_paths(c, [page])
        hits = c.search("한빛테크노파크 중기부 지정")
        assert hits and hits[0].title == "한빛테크노파크 특구 지정" and not hits[0].partial  # 중기부 = 중소벤처기업부
        assert not any(h.title.startswith("누리시") and not h.partial for h in hits)  # 누리테크노파크 is another body
    assert not hangul.same_head("세종테크노파크", "부산테크노파크")
    assert hangul.same_head("라스베가스", "라스베이거스") and hangul.same_head("셰종테크노파크", "세종테크노파크")


def test_a_half_typed_second_word_is_not_read_as_a_near_spelling(tmp_path: Path) -> None:
    """'포항 스' while typing 스마트: 포항시 is one jamo from 포항스, but the
    article holds no word starting with 스, so it has one word of two."""
    c = Corpus(tmp_path / "s.db")
    _save(c, "시청 앞 광장 새 단장", "포항시는 광장 바닥을 새로 깔았다고 밝혔다.", "2022-03-02T09:00:00+09:00")
    for hits in _both(c, "포항 스"):
        assert hits and hits[0].matched_terms == ["포항"] and hits[0].partial


def test_words_side_by_side_ending_in_a_first_syllable_rank_the_articles_found_however_old(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'포항 스' is a word still being typed: the index is asked for 포항 then 스
    side by side in the newest paragraphs only (a bounded cost), yet an
    article the other word found, holding them side by side, ranks first
    however old it is."""
    import store.search

    monkeypatch.setattr(store.search, "SCAN_ROWS", 2)
    c = Corpus(tmp_path / "r.db")
    old = _save(c, "도시 계획 발표", "포항 스마트도시 계획이 나왔다.", "2019-01-02T09:00:00+09:00")
    for n in range(2):
        _save(c, f"체육 소식 {n}", f"포항에서 열린 스포츠 대회가 {n + 2}회째를 맞았다.", f"2023-0{n + 1}-02T09:00:00+09:00")
    s = Searcher(c.path)
    assert s.search("포항 스")[0].article_id == old
    assert s.search("포항 스마")[0].article_id == old


def test_a_word_just_begun_narrows_the_other_words_and_finds_nothing_alone(tmp_path: Path) -> None:
    """At '은수미 밴' the 밴 of 밴쿠버 is one keystroke in: it picks out 은수미's
    articles that hold a word starting with it, but an article holding only
    밴드 is not offered (it is, one word short, once the word is typed)."""
    c = Corpus(tmp_path / "b.db")
    day = "2022-05-02T09:00:00+09:00"
    trip = _save(c, "시장 출장", "은수미 시장이 밴쿠버를 찾았다.", day)
    mayor = _save(c, "시장 발표", "은수미 시장은 예산안을 설명했다.", day)
    band = _save(c, "주말 공연", "시민 밴드가 광장에서 공연했다.", day)
    s = Searcher(c.path)  # typed on: the second query narrows the first
    for begun, typed in ((s.search("은수미 밴"), s.search("은수미 밴드")), (c.search("은수미 밴"), c.search("은수미 밴드"))):
        assert [h.article_id for h in begun] == [trip, mayor]
        assert band in [h.article_id for h in typed if h.partial]


@pytest.mark.parametrize(
    ("text", "prefix_last", "forms"),
    [
        ("포항 영일만", True, ("포항 영일", "포항영일")),  # the last syllable may still be typed on
        ("포항 영일만", False, ("포항 영일만", "포항영일만")),
        ("과천 김종천 CES", False, ("과천 김종천 CES", "과천 김종천CES", "과천김종천 CES", "과천김종천CES")),
        ("영일만밸리", True, ()),  # one word: spacing anywhere, the jamo index's job
        ("포항 스", True, ()),  # nothing left of the word begun
        ("포 항", False, ()),  # shorter than a trigram
        ("ㅇㅇ 포항", True, ()),  # initial consonants
        ("R&D 센터", True, ()),  # punctuation in a word
    ],
)
def test_words_side_by_side_as_the_stored_text_holds_them(text: str, prefix_last: bool, forms: tuple) -> None:
    from store.search_plan import side_by_side

    assert side_by_side(text, prefix_last) == forms


def test_words_side_by_side_are_found_beyond_each_words_own_lookup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each word alone finds its newest paragraphs only; the words side by side
    are looked for in every paragraph, also half-typed."""
    from store import search_terms

    monkeypatch.setattr(search_terms, "PER_TERM", 3)
    c = Corpus(tmp_path / "p.db")
    old = _save(c, "항만 개발 구상", "시는 포항 영일만 항만의 개발 구상을 내놓았다.", "2018-05-02T09:00:00+09:00")
    for n in range(6):
        _save(c, f"관광 소식 {n}", f"포항에 온 관광객 {n + 2}천 명이 영일만을 찾았다.", f"2023-0{n + 1}-02T09:00:00+09:00")
    for query in ("포항 영일만", "포항 영일마", "포항 영일만 항만"):
        hits = c.search(query)
        assert hits[0].article_id == old, query
        assert hits[0].text[slice(*hits[0].spans[0])].startswith("포항 영일")


def test_a_word_just_begun_ranks_the_other_words_articles_and_adds_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At '은수미 밴' the articles are 은수미's own (here: the newest one, each
    word's lookup kept to one hit); an older one holding '은수미 밴쿠버' side by
    side joins them once the word is typed further."""
    from store import search_terms

    monkeypatch.setattr(search_terms, "PER_TERM", 1)
    c = Corpus(tmp_path / "n.db")
    trip = _save(c, "시장 출장", "은수미 밴쿠버 방문 일정이 나왔다.", "2019-05-02T09:00:00+09:00")
    newest = _save(c, "시장 발표", "은수미 시장이 밴드 공연을 찾았다.", "2023-05-02T09:00:00+09:00")
    s = Searcher(c.path)
    assert [h.article_id for h in s.search("은수미 밴")] == [newest]
    assert trip in [h.article_id for h in s.search("은수미 밴쿠")]


def test_a_word_found_as_typed_everywhere_a_lookup_reads_is_not_looked_for_in_near_spellings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """과천동 as typed fills its lookup (here two paragraphs): the press spells
    it so, and an article with 과천둥 is one word short, not a full match; a
    word found fewer times is still looked for in near spellings."""
    from store import search_terms

    monkeypatch.setattr(search_terms, "PER_TERM", 2)
    c = Corpus(tmp_path / "f.db")
    _save(c, "동네 소식", "과천동 주민들이 개발 계획을 들었다.", "2022-05-01T09:00:00+09:00")
    _save(c, "동네 소식 둘", "과천동 일대 개발 설명회가 열렸다.", "2022-05-02T09:00:00+09:00")
    typo = _save(c, "동네 소식 셋", "과천둥 일대 개발 사업이 늦어진다.", "2022-05-03T09:00:00+09:00")
    hit = next(h for h in c.search("과천동 개발") if h.article_id == typo)
    assert hit.partial and hit.matched_terms == ["개발"]
    monkeypatch.setattr(search_terms, "PER_TERM", 5)
    hit = next(h for h in c.search("과천동 개발") if h.article_id == typo)
    assert not hit.partial


def test_words_side_by_side_across_punctuation_or_other_spacing_still_rank_first(tmp_path: Path) -> None:
    """The index finds words side by side with a space or nothing between
    them; an article found for its words holding them with dots between, or
    spaced otherwise (영일만밸리 typed, '영일만 밸리' printed), still ranks as
    holding them side by side."""
    c = Corpus(tmp_path / "a.db")
    texts = [
        "포항·영일만·구룡포 일대에 새 산업단지가 들어선다.",
        "포항에서 열린 회의는 영일만과 구룡포 일대를 다뤘다.",
        "영일만 밸리 포항 구룡포 구간 공사가 시작됐다.",
        "영일만에서 본 밸리 공사 현장, 포항과 구룡포 사이다.",
    ]
    dotted, _, spaced, _ = (_save(c, f"지역 소식 {n}", t, f"2022-05-0{n}T09:00:00+09:00") for n, t in enumerate(texts, 1))
    assert c.search("포항 영일만 구룡포")[0].article_id == dotted
    assert c.search("영일만밸리 포항 구룡포")[0].article_id == spaced
