"""Shared test fixtures."""


# -- explorer (tui) fixtures -------------------------------------------------
import pytest as _pytest

from synthetic import grow_corpus


@_pytest.fixture(scope="session")
def seeds_db(tmp_path_factory):
    """The five bundled seeds ingested and analysed once per session, like a
    new user's first start. Tests only read it."""
    from store.corpus import Corpus
    from store.seeding import load_seeds

    path = tmp_path_factory.mktemp("seeds-db") / "valley.db"
    corpus = Corpus(path)
    try:
        load_seeds(corpus)
        corpus.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        corpus.close()
    return path


@_pytest.fixture(scope="session")
def big_db(tmp_path_factory, seeds_db):
    """The seeds grown to 50,000 list rows (no analysis: only the list is read)."""
    import shutil

    path = tmp_path_factory.mktemp("big-db") / "valley.db"
    shutil.copy(seeds_db, path)
    grow_corpus(path, 50_000)
    return path


# -- seeds reading (cleaner) fixtures -----------------------------------------
@_pytest.fixture(scope="session")
def seeds_reading():
    """The hand-made reading of the five seeds (tests/data/seeds-reading.json)."""
    import json
    from pathlib import Path

    return json.loads((Path(__file__).parent / "data" / "seeds-reading.json").read_text(encoding="utf-8"))


@_pytest.fixture(scope="session")
def seed_paths():
    """file name -> path of each bundled seed page."""
    from store.ingest import iter_seed_files

    return {p.name: p for p in iter_seed_files()}
