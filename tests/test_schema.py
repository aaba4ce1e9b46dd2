"""Migrations: each step is one transaction, so a step that fails (or is
killed) half-way leaves the database as it was, and the next open runs it
again from the start."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from old_schemas import as_search_v1

from store import schema, search_index
from store.corpus import Corpus
from store.ingest import ingest_paths
from store.paths import seeds_dir


def _create(db: sqlite_utils.Database) -> None:
    schema.run_script(
        db,
        """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
        -- a trigger holds semicolons of its own
        CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN
            UPDATE notes SET body = trim(new.body) WHERE id = new.id;
        END;
        """,
    )


def _widen(db: sqlite_utils.Database) -> None:
    schema.run_script(
        db,
        """
        ALTER TABLE notes ADD COLUMN lang TEXT;
        CREATE TABLE notes_v2 (id INTEGER PRIMARY KEY, body TEXT, lang TEXT);
        INSERT INTO notes_v2 SELECT id, body, lang FROM notes;
        DROP TABLE notes;
        """,
    )
    if FAIL[0]:
        raise RuntimeError("killed half-way")
    db.execute("ALTER TABLE notes_v2 RENAME TO notes")


FAIL = [False]


def test_a_step_that_fails_half_way_leaves_nothing_and_runs_again(tmp_path: Path) -> None:
    db = sqlite_utils.Database(sqlite3.connect(tmp_path / "m.db"))
    schema.migrate(db, "notes", [_create])
    db.execute("INSERT INTO notes(body) VALUES ('  kept  ')")
    db.conn.commit()
    assert db.execute("SELECT body FROM notes").fetchall() == [("kept",)]

    FAIL[0] = True
    with pytest.raises(RuntimeError, match="half-way"):
        schema.migrate(db, "notes", [_create, _widen])
    assert db.execute("SELECT version FROM schema_versions WHERE component = 'notes'").fetchone() == (1,)
    assert set(db.table_names()) == {"schema_versions", "notes"}
    assert [c.name for c in db["notes"].columns] == ["id", "body"]
    assert db.execute("SELECT body FROM notes").fetchall() == [("kept",)]

    FAIL[0] = False
    schema.migrate(db, "notes", [_create, _widen])
    assert [c.name for c in db["notes"].columns] == ["id", "body", "lang"]
    assert db.execute("SELECT body FROM notes").fetchall() == [("kept",)]


def test_the_search_shards_migration_failing_half_way_is_run_again_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v1.db"
    c = Corpus(path)
    ingest_paths(c, [seeds_dir()])
    c.close()
    as_search_v1(path)  # the index as search schema 1 made it

    def killed(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(search_index, "rebuild", killed)  # after the tables were changed
    with pytest.raises(KeyboardInterrupt):
        Corpus(path)
    raw = sqlite3.connect(path)
    assert "shard" not in {r[1] for r in raw.execute("PRAGMA table_info(search_text)")}
    assert raw.execute("SELECT version FROM schema_versions WHERE component = 'search'").fetchone() == (1,)
    raw.close()

    monkeypatch.undo()
    c = Corpus(path)
    version = c.db.execute("SELECT version FROM schema_versions WHERE component = 'search'").fetchone()[0]
    assert version == len(search_index.MIGRATIONS)
    assert [h.text for h in c.search("영일만밸리")]
    c.close()


def test_a_step_another_process_ran_meanwhile_is_not_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two processes open an old database at once: the second waits for the
    first's step, then finds it done (the version is read again under the lock)."""
    path = tmp_path / "two.db"
    first = sqlite_utils.Database(sqlite3.connect(path))
    schema.migrate(first, "notes", [_create])
    ran: list[str] = []

    def widen_once(db: sqlite_utils.Database) -> None:
        ran.append("widen")
        db.execute("ALTER TABLE notes ADD COLUMN lang TEXT")

    def other_process_first(db: sqlite_utils.Database) -> None:
        # While this process reads the old version, another one migrates.
        other = sqlite_utils.Database(sqlite3.connect(path))
        schema.migrate(other, "notes", [_create, widen_once])
        other.conn.close()

    second = sqlite_utils.Database(sqlite3.connect(path))
    real = schema._version
    calls = iter([other_process_first, None])

    def version_then_race(db: sqlite_utils.Database, component: str) -> int:
        v = real(db, component)
        hook = next(calls, None)
        if hook is not None:
            hook(db)
        return v

    monkeypatch.setattr(schema, "_version", version_then_race)
    schema.migrate(second, "notes", [_create, widen_once])
    assert ran == ["widen"]
    assert [c.name for c in second["notes"].columns] == ["id", "body", "lang"]


def test_outdated_tells_whether_opening_will_migrate(tmp_path: Path) -> None:
    path = tmp_path / "o.db"
    assert not Corpus.outdated(path)  # no database yet: a new one is made, nothing to update
    Corpus(path).close()
    assert not Corpus.outdated(path)
    raw = sqlite3.connect(path)
    with raw:
        raw.execute("UPDATE schema_versions SET version = version - 1 WHERE component = 'search'")
    raw.close()
    assert Corpus.outdated(path)
    (tmp_path / "other.db").write_bytes(b"")  # an empty file: not ours to judge
    assert not Corpus.outdated(tmp_path / "other.db")


def _indexed_titles(db: sqlite_utils.Database, query: str) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT a.title FROM articles_fts f JOIN articles a ON a.num = f.rowid WHERE articles_fts MATCH ?",
            [query],
        )
    ]


def test_core_v2_reindexes_on_title_changes_only_and_upgrades_a_v1_database(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    with Corpus(path) as corpus:
        ingest_paths(corpus, [seeds_dir()])
    raw = sqlite3.connect(path)  # back to core 1: sqlite-utils' trigger fires on any column
    with raw:
        raw.executescript(
            """
            DROP TRIGGER articles_au;
            CREATE TRIGGER articles_au AFTER UPDATE ON articles BEGIN
              INSERT INTO articles_fts (articles_fts, rowid, title, subtitles)
                VALUES('delete', old.rowid, old.title, old.subtitles);
              INSERT INTO articles_fts (rowid, title, subtitles) VALUES (new.rowid, new.title, new.subtitles);
            END;
            UPDATE schema_versions SET version = 1 WHERE component = 'core';
            """
        )
    raw.close()
    assert Corpus.outdated(path)

    with Corpus(path) as corpus:
        db = corpus.db
        triggers = {name: sql for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'")}
        assert 'AFTER UPDATE OF "title", "subtitles" ON "articles"' in triggers["articles_au"]
        assert 'AFTER UPDATE OF "text" ON "paragraphs"' in triggers["paragraphs_au"]
        num, title = db.execute("SELECT num, title FROM articles ORDER BY num LIMIT 1").fetchone()
        with db.conn:
            db.execute("UPDATE articles SET cluster_id = 'c1'")  # not indexed: the index is left alone
            db.execute("UPDATE articles SET title = '과천동 재개발 새 제목' WHERE num = ?", [num])
            db.execute("UPDATE paragraphs SET text = '새로 고친 문단입니다' WHERE id = (SELECT min(id) FROM paragraphs)")
        for fts in ("articles_fts", "paragraphs_fts"):
            db.execute(f"INSERT INTO {fts}({fts}) VALUES ('integrity-check')")  # raises when out of step
        assert _indexed_titles(db, '"새 제목"') == ["과천동 재개발 새 제목"]
        assert title not in _indexed_titles(db, f'"{title[:6]}"')  # the old title left the index
        assert db.execute("SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH '\"고친 문단\"'").fetchone() == (1,)


def test_a_new_corpus_has_big_pages_and_an_old_file_keeps_its_own(tmp_path: Path) -> None:
    from store.database import PAGE_SIZE

    with Corpus(tmp_path / "new.db") as corpus:
        assert corpus.db.execute("PRAGMA page_size").fetchone()[0] == PAGE_SIZE
    old = tmp_path / "old.db"
    raw = sqlite3.connect(old)
    raw.execute("PRAGMA page_size = 4096")
    raw.execute("CREATE TABLE notes (body TEXT)")  # a file made before: its page size is fixed
    raw.close()
    with Corpus(old) as corpus:
        ingest_paths(corpus, [seeds_dir()])
        assert corpus.db.execute("PRAGMA page_size").fetchone()[0] == 4096
        assert corpus.count() == 5
