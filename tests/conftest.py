"""Shared test fixtures."""

import pytest as _pytest


# -- explorer (tui) fixtures -------------------------------------------------
@_pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch):
    """Each test its own data directory (platformdirs reads XDG_DATA_HOME): the
    app's remembered theme and copy history never leak between tests, nor into
    the home of whoever runs them."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


from synthetic import grow_corpus, grow_mentions, many_hits_corpus


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


@_pytest.fixture(scope="session")
def mentions_db(tmp_path_factory, seeds_db):
    """The seeds grown to 4,000 articles, each naming its original's entities
    (228k mentions): the palette's names take most of a second to load."""
    import shutil

    path = tmp_path_factory.mktemp("mentions-db") / "valley.db"
    shutil.copy(seeds_db, path)
    grow_corpus(path, 4_000)
    grow_mentions(path)
    return path


@_pytest.fixture(scope="session")
def hits_db(tmp_path_factory):
    """130 invented articles that all name 누리테크, a quarter per city."""
    path = tmp_path_factory.mktemp("hits-db") / "valley.db"
    many_hits_corpus(path, 130)
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


#: Modules that drive the real app (Textual pilot, SVG snapshots, tmux) or spawn
#: processes: `python -m pytest -m "not slow"` leaves them out for a quick run.
_SLOW_MODULES = {"test_app", "test_snapshots", "test_e2e_tmux", "test_compare_screen", "test_timeline_screen",
                 "test_parallel", "test_cli", "test_datasette"}


def pytest_collection_modifyitems(config, items):  # noqa: ARG001 - pytest's hook signature
    for item in items:
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in _SLOW_MODULES:
            item.add_marker(_pytest.mark.slow)


# -- waiting for the app: the one helper every pilot test uses -----------------
async def settle(pilot, seconds: float = 0.35) -> None:
    """Let debounce timers fire and workers post their messages."""
    await pilot.pause(seconds)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def ready(pilot) -> None:
    """Wait (however busy the machine) until the explorer's database is open,
    the list filled and the first article shown with its entities."""
    app = pilot.app
    for _ in range(400):
        await settle(pilot, 0.05)
        if app.reader.article is not None and app.sidebar.article_id == app.reader.article.id:
            return
    raise AssertionError("the first article never opened")
