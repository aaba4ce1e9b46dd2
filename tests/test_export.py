"""Reports out (csv, jsonl, Markdown) and the per-city timeline, on real SQLite
files holding the seed pages plus a generated BigKinds export."""

from __future__ import annotations

import csv
import io
import json
import re
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store import export, timeline
from store.corpus import Corpus
from store.ingest import ingest_paths
from store.records import Paragraph, ParsedArticle
from store.seeding import load_seeds

sys.path.insert(0, str(Path(__file__).parent))
import fixtures_bigkinds as fx  # noqa: E402


@pytest.fixture(scope="module")
def corpus_path(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    db = folder / "report.db"
    with Corpus(db) as corpus:
        load_seeds(corpus, analyze=False)
        ingest_paths(corpus, [fx.write_news_search(folder / "NewsResult.xlsx")])
    return db


@pytest.fixture
def corpus(corpus_path):
    c = Corpus(corpus_path)
    yield c
    c.close()


def run_export(corpus, what, fmt, query=None) -> str:
    out = io.StringIO()
    export.export(corpus, what, out, fmt=fmt, query=query)
    return out.getvalue()


def test_articles_csv_has_one_row_per_listed_article(corpus):
    rows = list(csv.DictReader(io.StringIO(run_export(corpus, "articles", "csv"))))
    assert len(rows) == corpus.count() == 10  # 5 seeds + 5 visible BigKinds rows
    row = next(r for r in rows if r["url"].endswith("idxno=1001"))
    assert row["outlet"] == "한빛일보" and row["published"] == "2024-01-16"
    assert row["is_excerpt"] == "1" and row["cities"] == "천안시"
    # BigKinds' own 중복 row has the same text: it is this story's hidden copy
    assert row["copies"] == "2" and len(row["copy_ids"].split("; ")) == 1
    assert row["lead"].startswith("천안시가 바이오 산업")


def test_articles_jsonl_round_trips(corpus):
    lines = run_export(corpus, "articles", "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == corpus.count()
    assert {r["id"] for r in records} == {s.id for s in corpus.articles()}
    assert all(r["paragraphs"] and "copies" in r for r in records)


def test_articles_markdown_quotes_each_excerpt_with_its_source(corpus):
    text = run_export(corpus, "articles", "md")
    assert text.startswith(f"# Articles ({corpus.count()})")
    assert "> 천안시가 바이오 산업 육성을 위해" in text
    assert re.search(
        r"> — 한빛일보(?: \S+ 기자)?, 2024-01-16, 「천안시, 바이오 산업 육성 위해 해외 연구소와 협약」,"
        r" <https://www\.hanbit-ilbo\.example/news/articleView\.html\?idxno=1001> \(BigKinds 발췌\)",
        text,
    )
    # every seed page is there with its title
    for summary in corpus.articles():
        assert export.md_escape(summary.title) in text


def test_excerpt_markdown_is_safe_to_paste():
    excerpt = export.Excerpt(
        text="# 제목처럼 보이는 줄\n> 인용 같은 줄 *강조* [링크]",
        title="제목 | 파이프",
        outlet="새벽경제",
        published="2023-01-18T19:06:00+09:00",
        url="https://saebyeok.example/a/1",
    )
    md = export.excerpt_markdown(excerpt)
    assert md.splitlines() == [
        "> \\# 제목처럼 보이는 줄",
        ">",
        "> \\> 인용 같은 줄 \\*강조\\* \\[링크\\]",
        ">",
        "> — 새벽경제, 2023-01-18, 「제목 \\| 파이프」, <https://saebyeok.example/a/1>",
    ]


def test_one_korean_citation_with_reporters_and_quotes_that_nest():
    assert export.citation(None, None, "제목", None) == "출처 미상, 날짜 미상, 「제목」"
    assert export.citation("한빛일보", "2024-01-16T09:00", "「누리」 밸리 착공", "https://x.example/1", ["홍길동", "구하람"]) == (
        "한빛일보 홍길동·구하람 기자, 2024-01-16, 「『누리』 밸리 착공」, https://x.example/1"
    )


def test_copy_history_exports_in_every_format(corpus):
    articles = list(corpus.all_articles())[:3]
    excerpts = [export.excerpt_from_article(a, a.paragraphs[-1].index) for a in articles]
    out = io.StringIO()
    export.write_excerpts(excerpts, out, fmt="md", heading="복사한 문단")
    assert out.getvalue().count("> — ") == 3 and out.getvalue().startswith("# 복사한 문단")
    out = io.StringIO()
    export.write_excerpts(excerpts, out, fmt="csv")
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["text"] for r in rows] == [a.paragraphs[-1].text for a in articles]
    out = io.StringIO()
    export.write_excerpts(excerpts, out, fmt="jsonl")
    assert [json.loads(x)["article_id"] for x in out.getvalue().splitlines()] == [a.id for a in articles]


def test_search_report_quotes_matching_paragraphs(corpus):
    hits = corpus.search("바이오", limit=export.SEARCH_LIMIT)
    assert hits and "바이오" in hits[0].text
    text = run_export(corpus, "search", "md", query="바이오")
    assert text.startswith(f"# Search: 바이오 ({len(hits)} matches)")
    assert text.count("> — ") == len(hits)
    for hit in hits:
        assert "> " + export.md_escape(hit.text.splitlines()[0].strip()) in text
    rows = list(csv.DictReader(io.StringIO(run_export(corpus, "search", "csv", query="바이오"))))
    assert [(r["article_id"], r["text"]) for r in rows] == [(h.article_id, h.text) for h in hits]
    assert all(r["title"] for r in rows)


def test_search_without_query_is_one_error_line(corpus):
    from store.records import RequestError

    with pytest.raises(RequestError, match="needs a QUERY"):
        run_export(corpus, "search", "md", query=" ")


def test_entities_export_lists_ours_and_bigkinds_beside_each_other(corpus):
    from store.supplied_entities import supplied_entities

    ours, theirs = corpus.entities(), supplied_entities(corpus.db)
    rows = list(csv.DictReader(io.StringIO(run_export(corpus, "entities", "csv"))))
    assert len(rows) == len(ours) + len(theirs)
    bigkinds_rows = [r for r in rows if r["source"] == "bigkinds"]
    assert len(bigkinds_rows) == len(theirs)
    # 박민준 is named by the visible row and by its hidden 중복 copy
    assert {"type": "person", "name": "박민준", "articles": "2"}.items() <= next(
        r for r in bigkinds_rows if r["name"] == "박민준"
    ).items()
    assert {(r["type"], r["name"]) for r in bigkinds_rows} >= {("place", "보스턴"), ("organization", "창업진흥원")}
    md = run_export(corpus, "entities", "md")
    assert md.startswith(f"# Entities ({len(rows)})") and "from bigkinds" in md
    assert len(run_export(corpus, "entities", "jsonl").splitlines()) == len(rows)


def test_compare_export_has_every_city_and_the_timeline(corpus):
    from store.compare import DEFAULT_CITIES

    md = run_export(corpus, "compare", "md")
    for city in DEFAULT_CITIES:
        assert city in md
    assert timeline.TIMELINE_HEADING in md
    result = corpus.compare(list(DEFAULT_CITIES), top=None)  # a data file holds every entry
    rows = list(csv.DictReader(io.StringIO(run_export(corpus, "compare", "csv"))))
    assert len(rows) == len(export.compare_rows(corpus, result))
    assert not any(r["row"] == "more" for r in rows)
    for line in run_export(corpus, "compare", "jsonl").splitlines():
        assert json.loads(line)["city"] in DEFAULT_CITIES


def test_cli_writes_an_excel_friendly_csv_file(corpus_path, tmp_path):
    exe = shutil.which("valley-tui")
    cmd = [exe] if exe else [sys.executable, "-m", "tui.cli"]
    target = tmp_path / "articles.csv"
    out = subprocess.run(
        [*cmd, "--db", str(corpus_path), "export", "articles", "--format", "csv", "-o", str(target)],
        capture_output=True, text=True, env={**os.environ},
    )
    assert out.returncode == 0, out.stderr
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "한빛일보".encode() in data
    piped = subprocess.run(
        [*cmd, "--db", str(corpus_path), "export", "articles", "--format", "md"],
        capture_output=True, text=True, env={**os.environ},
    )
    assert piped.returncode == 0 and piped.stdout.startswith("# Articles")


# -- timeline -------------------------------------------------------------------
def _article(title: str, body: str, published: str, city: str, **kw) -> ParsedArticle:
    return ParsedArticle(title=title, paragraphs=[Paragraph("body", body)], published=published,
                         published_precision="day", cities=[city], **kw)


@pytest.fixture
def timeline_corpus(tmp_path):
    c = Corpus(tmp_path / "timeline.db")
    body = "천안시가 바이오 산업 육성을 위해 미국 보스턴 연구소와 협약을 맺고 공동 연구를 시작한다고 밝혔다. " * 3
    c.save_article(_article("협약", body, "2023-05-02", "천안시"))
    c.save_article(_article("협약 (포털)", body + "무단전재 금지", "2023-05-02", "천안시"))  # a copy
    c.save_article(_article("숨김", "천안시 다른 기사 " * 10, "2023-06-01", "천안시", flags=["duplicate"]))
    c.save_article(_article("전시회", "천안시 전시관 운영 소식입니다 " * 10, "2024-01-09", "천안시"))
    later, _ = c.save_article(_article("순방", "춘천시 방문단 출국 소식입니다 " * 10, "2024-01-20", "춘천시"))
    c.save_article(_article("날짜 없음", "천안시 날짜 없는 기사입니다 " * 10, None, "천안시"))
    from store.dedupe import group_copies

    group_copies(c.db)
    c.trip_source = later
    yield c
    c.close()


def test_timeline_counts_stories_once_and_places_trips(timeline_corpus):
    c = timeline_corpus
    trips = {
        "천안시": {"trips": [{"where": "라스베이거스", "date": "2024-01", "evidence": []}]},
        "춘천시": {"trips": [{"where": "보스턴", "evidence": [{"article_id": c.trip_source, "paragraph_index": 0}]},
                            {"where": "어딘가", "evidence": []}]},
    }
    months = timeline.city_timeline(c, ["천안시", "춘천시"], by="month", compare_result=trips)
    cheonan, chuncheon = months
    assert [(p.period, p.articles, p.trips) for p in cheonan.periods] == [("2023-05", 1, 0), ("2024-01", 1, 1)]
    assert cheonan.undated_articles == 1
    assert [(p.period, p.articles, p.trips) for p in chuncheon.periods] == [("2024-01", 1, 1)]
    assert chuncheon.undated_trips == 1
    years = timeline.city_timeline(c, ["천안시", "춘천시"], by="year", compare_result=trips)
    assert [(p.period, p.articles) for p in years[1].periods] == [("2023", 0), ("2024", 1)]  # gap-filled

    md = timeline.timeline_markdown(years)
    assert md.splitlines()[2] == "| year | 천안시 articles | 천안시 trips | 춘천시 articles | 춘천시 trips |"
    assert "| 2023 | 1 | 0 | 0 | 0 |" in md and "| 2024 | 1 | 1 | 1 | 1 |" in md
    assert "| total | 3 | 1 | 1 | 2 |" in md

    from rich.console import Console

    console = Console(record=True, width=80, color_system=None)
    from tui.timeline_screen import render_timeline

    console.print(render_timeline(months))
    drawn = console.export_text()
    assert "천안시" in drawn and "2023-05" in drawn and "◆1" in drawn and "█" in drawn


def test_a_whole_article_copied_keeps_a_blank_line_between_paragraphs(corpus):
    from tui.clipboard import article_excerpt, clipboard_text

    article = next(a for a in map(corpus.article, (s.id for s in corpus.articles()))
                   if sum(p.kind != "byline" for p in a.paragraphs) >= 2)
    body = [p.text for p in article.paragraphs if p.kind != "byline"]
    text = clipboard_text(article_excerpt(article))
    assert f"{body[0]}\n\n{body[1]}" in text
    assert text.rstrip().splitlines()[-1].startswith("— " + (article.outlet or "출처 미상"))
