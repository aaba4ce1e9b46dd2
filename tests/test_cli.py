"""The command line as a user runs it: the installed `valley-tui` in a subprocess."""

import json
import os
import shutil
import subprocess
import sys

EXE = shutil.which("valley-tui")


def run(*args, env=None, **kw):
    cmd = [EXE] if EXE else [sys.executable, "-m", "tui.cli"]
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, env={**os.environ, **(env or {})}, **kw
    )


def test_new_database_is_seeded_and_listed_as_json(tmp_path):
    db = tmp_path / "new.db"
    out = run("--db", str(db), "articles", "--json")
    assert out.returncode == 0, out.stderr
    articles = json.loads(out.stdout)
    assert len(articles) == 5
    keys = {"id", "title", "subtitles", "published", "modified", "outlet", "reporters", "dateline",
            "cities", "source", "sources", "paragraphs"}
    assert keys <= set(articles[0])
    assert all(a["paragraphs"] and a["source"] for a in articles)


def test_env_var_chooses_the_database(tmp_path):
    db = tmp_path / "env.db"
    out = run("articles", "--json", env={"VALLEY_TUI_DB": str(db)})
    assert out.returncode == 0, out.stderr
    assert db.exists()


def test_ingest_reports_bad_files_and_goes_on(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("제목 한 줄\n\n본문 첫 문단입니다. 포항시가 밝혔다.\n", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "noise.txt").write_bytes(bytes(range(256)) * 20)
    out = run("--db", str(tmp_path / "t.db"), "ingest", "--no-analyze", str(tmp_path / "in"),
              str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    errors = [line for line in out.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3, out.stderr
    assert any("empty.txt" in e for e in errors) and any("noise.txt" in e for e in errors)
    assert "Traceback" not in out.stderr
    assert "1 added" in out.stderr
    again = run("--db", str(tmp_path / "t.db"), "ingest", "--no-analyze", str(good))
    assert again.returncode == 0 and "1 unchanged" in again.stderr
