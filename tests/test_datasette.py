"""The database works with the tools people already have: Datasette (with the
shipped metadata: full-text search, facets on outlet, city and year) and the
sqlite-utils command line."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store.corpus import Corpus
from store.ingest import ingest_paths
from store.seeding import load_seeds

sys.path.insert(0, str(Path(__file__).parent))
import fixtures_bigkinds as fx  # noqa: E402

METADATA = Path(__file__).resolve().parent.parent / "datasette" / "metadata.json"


@pytest.fixture(scope="module")
def db_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("datasette")
    path = folder / "valley.db"  # the name the metadata is keyed by
    with Corpus(path) as corpus:
        load_seeds(corpus, analyze=False)
        ingest_paths(corpus, [fx.write_news_search(folder / "NewsResult.xlsx")])
        corpus.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def test_metadata_names_tables_and_fts_that_exist(db_path):
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    tables = metadata["databases"][db_path.stem]["tables"]
    with Corpus(db_path) as corpus:
        names = set(corpus.db.table_names()) | set(corpus.db.view_names())
        for name, config in tables.items():
            assert name in names, name
            if "fts_table" in config:
                assert config["fts_table"] in names
                # the FTS index is in step with its table
                fts_rows = corpus.db.execute(f"SELECT count(*) FROM [{config['fts_table']}]").fetchone()[0]
                base = config["fts_table"].removesuffix("_fts")
                assert fts_rows == corpus.db[base].count > 0
    facets = tables["paragraph_index"]["facets"]
    assert "outlet" in facets and "year" in facets and {"array": "cities"} in facets


def _get(db_path: Path, url: str) -> dict:
    import datasette.app as datasette  # a test dependency (pyproject [test])
    metadata = json.loads(METADATA.read_text(encoding="utf-8"))
    ds = datasette.Datasette([str(db_path)], metadata=metadata)

    async def fetch():
        response = await ds.client.get(url)
        assert response.status_code == 200, response.text[:500]
        return response.json()

    return asyncio.run(fetch())


def test_datasette_searches_paragraphs_and_facets_the_hits(db_path):
    data = _get(db_path, "/valley/paragraph_index.json?_search=실리콘밸리&_shape=objects&_size=100")
    rows = data["rows"]
    assert rows and all("실리콘밸리" in r["text"] for r in rows)
    facets = data["facet_results"]
    assert {"outlet", "year", "cities"} <= set(facets)
    counted = {f["value"]: f["count"] for f in facets["cities"]["results"]}
    assert sum(counted.values()) >= len(rows)
    with Corpus(db_path) as corpus:
        expected = corpus.db.execute(
            "SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH '\"실리콘밸리\"'"
        ).fetchone()[0]
    assert data["filtered_table_rows_count"] == expected


def test_datasette_facets_articles_by_outlet_city_and_year(db_path):
    data = _get(db_path, "/valley/article_index.json?_shape=objects&hidden=0")
    facets = data["facet_results"]
    years = {f["value"]: f["count"] for f in facets["year"]["results"]}
    assert years.get("2024", 0) >= 4  # the BigKinds rows dated 2024
    outlets = {f["value"] for f in facets["outlet"]["results"]}
    assert {"한빛일보", "중앙마루"} <= outlets
    cities = {f["value"] for f in facets["cities"]["results"]}
    assert "천안시" in cities
    searched = _get(db_path, "/valley/articles.json?_search=천안시&_shape=objects")
    assert searched["rows"] and all("천안시" in r["title"] for r in searched["rows"])


def _sqlite_utils() -> list[str]:
    exe = shutil.which("sqlite-utils") or str(Path(sys.executable).parent / "sqlite-utils")
    assert Path(exe).exists(), "sqlite-utils installs its CLI beside the package"
    return [exe]


def test_sqlite_utils_cli_queries_and_searches(db_path):
    cli = _sqlite_utils()
    out = subprocess.run(
        [*cli, "query", str(db_path),
         "select year, count(*) as n from article_index where year is not null group by year order by year"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    years = {r["year"]: r["n"] for r in json.loads(out.stdout)}
    with Corpus(db_path) as corpus:
        dated = corpus.db.execute("SELECT count(*) FROM articles WHERE published IS NOT NULL").fetchone()[0]
    assert sum(years.values()) == dated
    found = subprocess.run(
        [*cli, "search", str(db_path), "paragraphs", "실리콘밸리", "--limit", "5"],
        capture_output=True, text=True,
    )
    assert found.returncode == 0, found.stderr
    rows = json.loads(found.stdout)
    assert rows and all("실리콘밸리" in r["text"] for r in rows)
