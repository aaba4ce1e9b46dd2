"""Database-level faults give one clear line and an exit code, never a traceback,
and leave the file as it was (real files, real SQLite; no mocks)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from tui.cli import main


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_file_is_named_and_left_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = tmp_path / "x.db"
    db.write_bytes(os.urandom(100_000))
    before = _digest(db)
    for command in (["articles"], ["search", "포항"], ["entities", "--json"]):
        assert main(["--db", str(db), *command]) == 2
        err = capsys.readouterr().err
        assert err == f"error: {db}: not a valley-tui database (file is damaged or another format)\n"
    assert _digest(db) == before


def test_a_database_from_a_newer_valley_tui_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    db = tmp_path / "n.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_versions VALUES ('core', 999)")
    conn.commit()
    conn.close()
    before = _digest(db)
    assert main(["--db", str(db), "ingest", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == f"error: {db}: made by a newer valley-tui (schema core 999); upgrade to write"
    assert _digest(db) == before


def test_debug_shows_the_traceback(tmp_path: Path):
    db = tmp_path / "x.db"
    db.write_bytes(os.urandom(10_000))
    with pytest.raises(sqlite3.DatabaseError):
        main(["--debug", "--db", str(db), "articles"])


def test_check_finds_damage_and_repair_rebuilds_without_touching_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    db = tmp_path / "c.db"
    page = tmp_path / "a.txt"
    page.write_text(
        "한빛시, 산업단지 100억 투입\n\n한빛시는 산업단지 조성을 위해 올해 100억원을 투입한다고 16일 밝혔다.\n\n"
        "시는 이를 통해 일자리 500개를 만들 계획이라고 설명했다.\n",
        encoding="utf-8",
    )
    assert main(["--db", str(db), "ingest", "--no-analyze", str(page)]) == 0
    assert main(["--db", str(db), "check"]) == 0
    conn = sqlite3.connect(db)
    articles = conn.execute("SELECT count(*), (SELECT count(*) FROM paragraphs) FROM articles").fetchone()
    conn.execute("DELETE FROM search_text WHERE id = (SELECT min(id) FROM search_text)")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["--db", str(db), "check"]) == 1
    assert "BAD search index covers every paragraph" in capsys.readouterr().out
    assert main(["--db", str(db), "check", "--repair"]) == 0
    assert main(["--db", str(db), "check"]) == 0
    assert main(["--db", str(db), "search", "산업단지", "--json"]) == 0
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), (SELECT count(*) FROM paragraphs) FROM articles").fetchone() == articles
    conn.close()


@pytest.mark.parametrize("kind", ["damaged", "newer"])
def test_the_app_shows_a_fault_screen_and_quits_on_q(tmp_path: Path, kind: str):
    import asyncio

    from conftest import settle
    from tui.app import ExplorerApp
    from tui.fault_screen import FaultScreen

    db = tmp_path / "x.db"
    if kind == "damaged":
        db.write_bytes(os.urandom(100_000))
    else:
        conn = sqlite3.connect(db)
        conn.execute("CREATE TABLE schema_versions (component TEXT PRIMARY KEY, version INTEGER NOT NULL)")
        conn.execute("INSERT INTO schema_versions VALUES ('core', 999)")
        conn.commit()
        conn.close()
    before = _digest(db)
    expected = {"damaged": "not a valley-tui database", "newer": "made by a newer valley-tui"}[kind]

    async def run() -> None:
        app = ExplorerApp(db, system_clipboard=False)
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(50):
                if isinstance(app.screen, FaultScreen):
                    break
                await settle(pilot, 0.1)
            assert isinstance(app.screen, FaultScreen)
            assert expected in app.screen.line and "Traceback" not in app.screen.line
            await pilot.press("q")
            await settle(pilot, 0.2)
        assert app.return_code in (0, None)

    asyncio.run(run())
    assert _digest(db) == before


def test_analysis_problems_are_told_not_swallowed(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch):
    """A broken corrections file is named on analysis (it used to pass in silence);
    the articles are analysed all the same."""
    data = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    from store.corrections import default_path

    default_path().parent.mkdir(parents=True, exist_ok=True)
    default_path().write_text("this is = = not toml\n", encoding="utf-8")
    page = tmp_path / "a.txt"
    page.write_text("한빛시 산업단지 착공\n\n한빛시는 산업단지를 착공했다고 밝혔다.\n", encoding="utf-8")
    db = tmp_path / "p.db"
    assert main(["--db", str(db), "ingest", str(page)]) == 0
    err = capsys.readouterr().err
    assert f"error: {default_path()}:" in err and "1 analysed" in err


def test_pending_says_how_to_retry():
    from tui.cli import _pending

    assert _pending(0) == ""
    assert _pending(2) == "; 2 not analysed (stored, left pending: valley-tui analyze tries them again)"


def test_a_zero_byte_file_is_a_new_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """`touch x.db` then a command: a new corpus (the samples, as on a first start), not an error."""
    db = tmp_path / "z.db"
    db.touch()
    assert main(["--db", str(db), "articles", "--json"]) == 0
    import json

    assert len(json.loads(capsys.readouterr().out)) == 5
    assert main(["--db", str(db), "check"]) == 0


@pytest.mark.parametrize(
    "module, reason",
    [
        ('raise ImportError("libkiwi.so: cannot open shared object file")\n',
         "ImportError: libkiwi.so: cannot open shared object file"),
        ('class Kiwi:\n    def __init__(self, **options):\n        raise OSError("model file not found")\n',
         "OSError: model file not found"),
    ],
    ids=["import", "model"],
)
def test_an_analyser_that_cannot_load_leaves_the_articles_pending(tmp_path: Path, module: str, reason: str):
    """A broken install (a real module on PYTHONPATH that fails on import, or
    whose model cannot load): one line, not one per article; the text is stored,
    exit 1, and `analyze` with a working install finishes the job."""
    import subprocess
    import sys

    broken = tmp_path / "broken" / "kiwipiepy"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text(module)
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(12):
        (pages / f"{n}.txt").write_text(f"한빛시 {n}번째 산업단지 착공\n\n한빛시는 {n}번째 산업단지를 착공했다고 밝혔다.\n", encoding="utf-8")
    db = tmp_path / "k.db"
    cli = [sys.executable, "-m", "tui.cli", "--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(broken.parent)}
    done = subprocess.run([*cli, "ingest", str(pages)], capture_output=True, text=True, env=env, timeout=120)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 1
    assert lines[-2] == f"error: the Korean analyser cannot load ({reason})"
    assert lines[-1] == (
        "12 added, 0 updated, 0 unchanged, 0 failed;"
        " 12 not analysed (stored, left pending: valley-tui analyze tries them again)"
    )
    done = subprocess.run([*cli, "analyze"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stderr.strip().splitlines()[-1] == "12 articles analysed"


def test_a_bug_in_the_app_is_one_line_and_a_report(tmp_path: Path, capfd: pytest.CaptureFixture[str]):
    """An unexpected exception inside the app: it exits with code 1, one line on
    the terminal naming the report, and the traceback in that report."""
    from conftest import ready

    from tui.app import ExplorerApp

    class WithABug(ExplorerApp):
        BINDINGS = [("f12", "bug", "")]

        def action_bug(self) -> None:
            raise RuntimeError("an invented bug")

    async def press_f12(pilot) -> None:
        await ready(pilot)
        await pilot.press("f12")

    app = WithABug(tmp_path / "b.db", system_clipboard=False)
    app.run(headless=True, auto_pilot=press_f12)
    assert app.return_code == 1
    err = [line for line in capfd.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and err[0].startswith("error: RuntimeError: an invented bug (full report: ")
    report = Path(err[0].split("full report: ")[1].split(";")[0])
    assert "Traceback" in report.read_text(encoding="utf-8") and "action_bug" in report.read_text(encoding="utf-8")
