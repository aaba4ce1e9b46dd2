"""BigKinds workbooks in: both export layouts, odd rows, and every way a file can be wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store import bigkinds, supplied_entities
from store.corpus import Corpus
from store.ingest import ingest_paths

sys.path.insert(0, str(Path(__file__).parent))
import fixtures_bigkinds as fx  # noqa: E402


def read(path: Path):
    articles, encoding = bigkinds.read_workbook(path, path.read_bytes())
    assert encoding is None
    return articles


def test_news_search_export_reads_every_row(tmp_path):
    articles = read(fx.write_news_search(tmp_path / "NewsResult_20230101-20240229.xlsx"))
    assert len(articles) == 6  # the blank row is skipped
    first, second, undated, duplicate, flagged, untitled = articles
    assert first.title == "천안시, 바이오 산업 육성 위해 해외 연구소와 협약"
    assert first.published == "2024-01-16" and first.published_precision == "day"
    assert first.outlet == "한빛일보"
    assert [(r.name, r.role) for r in first.reporters] == [("김서연", "reporter")]
    assert first.url == "https://www.hanbit-ilbo.example/news/articleView.html?idxno=1001"
    assert first.is_excerpt and first.flags == []
    assert first.cities == ["천안시"]
    assert first.supplied_entities == [
        ("person", "박민준"), ("person", "김서연"),
        ("place", "천안시"), ("place", "미국"), ("place", "보스턴"),
        ("organization", "천안시청"), ("organization", "해양바이오연구원"),
    ]
    # a date typed as an int, an email in the byline, a two-line excerpt
    assert second.published == "2023-01-18"
    assert second.reporters[0].name == "이도윤" and second.reporters[0].email == "marisdy@saebyeok.example"
    assert len(second.paragraphs) == 2
    # no date at all; long text kept whole; 유효 URL 없음 is a flag, not a hidden row
    assert undated.published is None and undated.published_precision is None
    assert len(undated.paragraphs[0].text) > 2500
    assert undated.flags == ["no_valid_url"] and undated.url is None
    assert duplicate.flags == ["duplicate"]
    assert flagged.flags == ["exception"]
    assert [r.name for r in flagged.reporters] == ["최유나", "한지호"]
    # no title: the start of the excerpt stands in
    assert untitled.title.startswith("제목 없이 본문만")


def test_visualisation_export_reads_the_same_rows(tmp_path):
    path = fx.write_visualisation(tmp_path / "시각화분석결과_뉴스데이터_20240229.xlsx")
    articles = read(path)
    news = read(fx.write_news_search(tmp_path / "NewsResult.xlsx"))
    assert [a.title for a in articles] == [a.title for a in news]
    assert [a.published for a in articles] == [a.published for a in news]
    assert all(a.url is None and a.flags == [] and a.is_excerpt for a in articles)
    assert articles[0].supplied_entities == news[0].supplied_entities


def test_columns_are_found_by_name_not_position(tmp_path):
    shuffled = list(reversed(fx.NEWS_HEADERS))
    path = fx.write_news_search(
        tmp_path / "reordered.xlsx",
        headers=[h.replace(" ", "") if i % 2 else h for i, h in enumerate(shuffled)],
        preamble=[["빅카인즈 뉴스 검색 결과"], []],
        extra_sheets=["메모"],
    )
    articles = read(path)
    news = read(fx.write_news_search(tmp_path / "NewsResult.xlsx"))
    assert [(a.title, a.published, a.outlet, a.url, a.flags) for a in articles] == [
        (a.title, a.published, a.outlet, a.url, a.flags) for a in news
    ]


def test_ingest_stores_excerpts_and_hides_duplicates(tmp_path):
    path = fx.write_news_search(tmp_path / "NewsResult.xlsx")
    with Corpus(tmp_path / "bk.db") as corpus:
        report = ingest_paths(corpus, [path])
        assert report.added == 6 and report.failed == 0
        assert corpus.count() == 5 and corpus.count(include_hidden=True) == 6
        listed = {a.title for a in corpus.articles()}
        assert "천안시, 바이오 산업 육성 위해 해외 연구소와 협약 (종합)" not in listed
        stored = corpus.article(report.article_ids[0])
        assert stored.is_excerpt and stored.url and stored.sources[0].endswith("NewsResult.xlsx#1")
        # the same workbook again changes nothing
        again = ingest_paths(corpus, [path])
        assert again.unchanged == 1 and corpus.count(include_hidden=True) == 6


@pytest.mark.parametrize(
    "make, reason",
    [
        (lambda d: fx.write_news_search(d / "b.xlsx", headers=[h for h in fx.NEWS_HEADERS if h != "본문"]),
         "lacks BigKinds column(s): 본문"),
        (lambda d: fx.write_news_search(d / "b.xlsx", headers=["번호", "이름", "메모"], rows=[{"번호": 1}]),
         "no sheet with BigKinds columns"),
        (lambda d: fx.write_zip_bomb(d / "b.xlsx"), "zip bomb"),
        (lambda d: fx.write_lying_zip(d / "b.xlsx", fx.write_news_search(d / "ok.xlsx")), "zip bomb"),
        (lambda d: _write(d / "b.xlsx", b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024)), "file is 50 MB"),
        (lambda d: _write(d / "b.xlsx", "뉴스 식별자,일자\n1,2\n".encode()), "not an .xlsx workbook"),
        (lambda d: _write(d / "b.xlsx", bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 512), ".xls"),
        (lambda d: _damage(d, lambda name, data: data[: len(data) // 2] if "worksheets/" in name else data),
         "sheet 'sheet' is damaged"),
        (lambda d: _damage(d, lambda name, data: None if "worksheets/" in name else data),
         "sheet 'sheet' is damaged (its part is missing)"),
        (lambda d: _damage(d, lambda name, data: b"<<<" if name == "xl/workbook.xml" else data),
         "cannot open workbook: a damaged or missing part"),
    ],
    ids=["missing-column", "wrong-sheet", "zip-bomb", "lying-sizes", "50MB", "csv-renamed", "old-xls",
         "truncated-sheet", "missing-sheet-part", "damaged-workbook-part"],
)
def test_malformed_workbooks_fail_with_one_reason(tmp_path, make, reason):
    path = make(tmp_path)
    with pytest.raises(ValueError) as caught:
        bigkinds.read_workbook(path, path.read_bytes())
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _damage(folder: Path, change) -> Path:
    return fx.write_damaged(folder / "b.xlsx", fx.write_news_search(folder / "ok.xlsx"), change)


def test_cli_prints_one_error_line_stores_nothing_and_goes_on(tmp_path):
    good = fx.write_news_search(tmp_path / "good.xlsx")
    bad = fx.write_news_search(tmp_path / "bad.xlsx", headers=[h for h in fx.NEWS_HEADERS if h != "제목"])
    bomb = fx.write_zip_bomb(tmp_path / "bomb.xlsx")
    exe = shutil.which("valley-tui")
    cmd = [exe] if exe else [sys.executable, "-m", "tui.cli"]
    db = tmp_path / "cli.db"
    out = subprocess.run(
        [*cmd, "--db", str(db), "ingest", "--no-analyze", str(bad), str(bomb), str(good)],
        capture_output=True, text=True, env={**os.environ},
    )
    errors = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    assert out.returncode == 1
    assert len(errors) == 2, out.stderr
    assert errors[0].startswith(f"error: {bad}: ") and "제목" in errors[0]
    assert errors[1].startswith(f"error: {bomb}: ")
    assert "Traceback" not in out.stderr and "6 added" in out.stderr
    with Corpus(db) as corpus:
        stored = {s for a in corpus.all_articles() for s in a.sources}
        assert stored and all(s.startswith(str(good)) for s in stored)


def test_header_and_cell_helpers():
    assert bigkinds.parse_date(20240116) == "2024-01-16"
    assert bigkinds.parse_date("2024.1.6") == "2024-01-06"
    assert bigkinds.parse_date(20241350) is None and bigkinds.parse_date("미상") is None
    assert bigkinds.split_list("이강덕, 포항시,,이강덕") == ["이강덕", "포항시"]
    assert bigkinds.exclusion_flags("중복") == ["duplicate"]
    assert bigkinds.exclusion_flags("유효 URL 없음") == ["no_valid_url"]
    assert [r.role for r in bigkinds.parse_byline("김민수 특파원")] == ["correspondent"]


def test_cli_entities_lists_bigkinds_entities_beside_ours(tmp_path):
    import json

    exe = shutil.which("valley-tui")
    cmd = [exe] if exe else [sys.executable, "-m", "tui.cli"]
    db = tmp_path / "cli.db"
    book = fx.write_news_search(tmp_path / "NewsResult_20240101-20240131.xlsx")
    subprocess.run([*cmd, "--db", str(db), "ingest", "--no-analyze", str(book)], capture_output=True, check=True)
    out = subprocess.run([*cmd, "--db", str(db), "entities", "--json"], capture_output=True, text=True, check=True)
    listed = json.loads(out.stdout)
    supplied = [e for e in listed if e["source"] == "bigkinds"]
    assert {(e["type"], e["name"]) for e in supplied} >= {("person", "박민준"), ("place", "보스턴"), ("organization", "해양바이오연구원")}
    assert all(e["article_ids"] for e in supplied)
    table = subprocess.run([*cmd, "--db", str(db), "entities"], capture_output=True, text=True, check=True).stdout
    assert "해양바이오연구원" in table and "bigkinds" in table


def test_progress_counts_the_rows_of_one_big_workbook(tmp_path):
    """One file, hundreds of articles: progress hears them as they are stored,
    so the CLI's bar moves while a single workbook imports."""
    from tui.progress import MIN_ARTICLES_FOR_BAR

    rows = MIN_ARTICLES_FOR_BAR + 100
    book = fx.write_news_search(tmp_path / "NewsResult_big.xlsx", fx.generated_rows(rows))
    calls: list[tuple[int, int, int]] = []
    with Corpus(tmp_path / "p.db") as corpus:
        ingest_paths(corpus, [book], progress=lambda *a: calls.append(a))
    during = [c for c in calls if c[0] == 0]
    assert len(during) >= 3 and all(total == 1 for _, total, _ in calls)
    assert [c[2] for c in during] == sorted(c[2] for c in during) and during[-1][2] >= MIN_ARTICLES_FOR_BAR
    assert calls[-1] == (1, 1, rows)


def test_supplied_entities_survive_the_without_rowid_migration(tmp_path):
    """A database made when supplied_entities was a rowid table keeps every
    row once opened by this version."""
    db = tmp_path / "old.db"
    with Corpus(db) as corpus:
        ingest_paths(corpus, [fx.write_news_search(tmp_path / "NewsResult.xlsx")])
        before = corpus.db.execute("SELECT * FROM supplied_entities ORDER BY 1, 2, 3").fetchall()
        assert len(before) > 10
        corpus.db.conn.executescript(
            "ALTER TABLE supplied_entities RENAME TO kept; DROP INDEX supplied_entities_name;"
        )
        supplied_entities.MIGRATIONS[0](corpus.db)  # the first, rowid table
        corpus.db.conn.executescript(
            "INSERT INTO supplied_entities SELECT * FROM kept; DROP TABLE kept;"
            " UPDATE schema_versions SET version = 1 WHERE component = 'supplied_entities';"
        )
        assert "WITHOUT ROWID" not in corpus.db.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'supplied_entities'"
        ).fetchone()[0]
    with Corpus(db) as corpus:
        sql = corpus.db.execute("SELECT sql FROM sqlite_master WHERE name = 'supplied_entities'").fetchone()[0]
        assert "WITHOUT ROWID" in sql
        assert corpus.db.execute("SELECT * FROM supplied_entities ORDER BY 1, 2, 3").fetchall() == before
        assert corpus.supplied_entities(type="person")


def test_bigkinds_entities_merge_with_ours_where_both_name_one_thing(tmp_path):
    """A person BigKinds lists and the analyser finds in the same article is one
    entity with both sources; what BigKinds alone names is still listed."""
    from store.records import Entity, Mention, SuppliedEntity
    from store.supplied_entities import merge_supplied

    ours = [
        Entity("e1", "박민준", "person", mentions=[Mention("a1", 0, 0, 3)]),
        Entity("e2", "포항시", "place", aliases=["포항"], mentions=[Mention("a1", 1, 0, 2), Mention("a2", 0, 0, 2)]),
    ]
    supplied = [
        SuppliedEntity("person", "박민준", "bigkinds", ["a1", "a3"]),  # a3: not one we analysed
        SuppliedEntity("place", "포항", "bigkinds", ["a2"]),
        SuppliedEntity("organization", "해양바이오연구원", "bigkinds", ["a1"]),
        SuppliedEntity("person", "박민준", "bigkinds", []),
    ]
    left = merge_supplied(ours, supplied)
    assert ours[0].sources == ["valley-tui", "bigkinds"] and ours[1].sources == ["valley-tui", "bigkinds"]
    assert [(s.name, s.article_ids) for s in left] == [("박민준", ["a3"]), ("해양바이오연구원", ["a1"])]


def test_cli_entities_lists_a_person_both_sources_name_once(tmp_path):
    import json

    exe = shutil.which("valley-tui")
    cmd = [exe] if exe else [sys.executable, "-m", "tui.cli"]
    db = tmp_path / "cli.db"
    book = fx.write_news_search(tmp_path / "NewsResult_20240101-20240131.xlsx")
    subprocess.run([*cmd, "--db", str(db), "ingest", str(book)], capture_output=True, check=True)
    listed = json.loads(subprocess.run([*cmd, "--db", str(db), "entities", "--json"], capture_output=True, text=True, check=True).stdout)
    ours = [e for e in listed if "bigkinds" in e.get("sources", [])]
    assert ours, "no entity found by both the analyser and BigKinds"
    for entity in ours:
        alone = [e for e in listed if e.get("source") == "bigkinds" and e["type"] == entity["type"] and e["name"] == entity["name"]]
        mentioned = {m["article_id"] for m in entity["mentions"]}
        assert all(not set(e["article_ids"]) & mentioned for e in alone), entity["name"]
