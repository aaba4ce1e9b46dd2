"""Two processes analysing one database at once (two ingests side by side)
share the work: every article is analysed once, by one of them."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys

import pytest

from store import Corpus
from store.analysis import _alive

pytestmark = pytest.mark.slow

EXE = shutil.which("valley-tui")
CMD = [EXE] if EXE else [sys.executable, "-m", "tui.cli"]
SURNAMES = "김이박최정강조윤장임"
GIVEN = ["민준", "서연", "도윤", "하은", "지호", "수아", "예준", "지우"]


def _articles(folder, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        name = SURNAMES[i % 10] + GIVEN[i % 8]
        text = (
            f"한빛시 {i}번째 산업단지 착공\n\n"
            f"{name} 한빛시장은 {i + 1}일 누리테크 공장에서 산업단지 {i}단계 착공식을 열었다고 밝혔다.\n\n"
            f"시는 이 단지에 {100 + i}억원을 들여 기업 {i + 3}곳을 유치할 계획이다.\n\n"
            f"{name} 시장은 “일자리 {i + 50}개를 만들겠다”고 말했다.\n"
        )
        (folder / f"a{i:03}.txt").write_text(text, encoding="utf-8")


def test_two_analyses_at_once_analyse_each_article_once(tmp_path):
    db = tmp_path / "shared.db"
    _articles(tmp_path / "in", 60)
    done = subprocess.run([*CMD, "--db", str(db), "ingest", "--no-analyze", str(tmp_path / "in")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    runs = [subprocess.Popen([*CMD, "--db", str(db), "analyze"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    outputs = [r.communicate(timeout=240) for r in runs]
    counts = []
    for r, (_, err) in zip(runs, outputs):
        assert r.returncode == 0, err
        counts.append(int(re.search(r"(\d+) articles analysed", err).group(1)))
    assert sum(counts) == 60, counts  # without claims each process analysed all 60
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM entity_analysis WHERE version > 0").fetchone()[0] == 60
    assert conn.execute("SELECT count(*) FROM analysis_claims").fetchone()[0] == 0


def test_claims_of_a_process_that_is_gone_are_taken_over(tmp_path):
    corpus = Corpus(tmp_path / "c.db")
    _articles(tmp_path / "in", 3)
    from store.ingest import ingest_paths

    ingest_paths(corpus, sorted((tmp_path / "in").iterdir()))
    ids = [r[0] for r in corpus.db.execute("SELECT id FROM articles")]
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    gone = f"{os.uname().nodename}:{dead.stdout.strip()}"
    assert not _alive(gone)
    with corpus.transaction() as conn:
        conn.executemany("INSERT INTO analysis_claims VALUES (?, ?, ?)", [(a, gone, 9e18) for a in ids])
    assert corpus.analyze() == 3
    assert corpus.db.execute("SELECT count(*) FROM analysis_claims").fetchone()[0] == 0


def test_a_writer_that_waits_too_long_names_the_one_writing(tmp_path):
    db = tmp_path / "busy.db"
    _articles(tmp_path / "in", 2)
    assert subprocess.run([*CMD, "--db", str(db), "ingest", "--no-analyze", str(tmp_path / "in" / "a000.txt")],
                          capture_output=True).returncode == 0
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sqlite3, sys, time\n"
         "from pathlib import Path\n"
         "import store\n"
         f"db = Path({str(db)!r})\n"
         "with store.announce_writer(db, 'ingest'):\n"
         "    conn = sqlite3.connect(db, isolation_level=None)\n"
         "    conn.execute('BEGIN IMMEDIATE')\n"
         "    print('holding', flush=True)\n"
         "    time.sleep(30)\n"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        out = subprocess.run([*CMD, "--db", str(db), "ingest", "--no-analyze", str(tmp_path / "in" / "a001.txt")],
                             capture_output=True, text=True, env={**os.environ, "VALLEY_TUI_BUSY_SECONDS": "1"})
    finally:
        holder.kill()
        holder.wait()
    assert out.returncode == 1
    assert f"busy: another valley-tui (pid {holder.pid}, ingest) is writing" in out.stderr, out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_kill_during_analysis_leaves_no_claim_in_the_way_and_a_rerun_finishes(tmp_path):
    import signal
    import time

    db = tmp_path / "k.db"
    _articles(tmp_path / "in", 60)
    assert subprocess.run([*CMD, "--db", str(db), "ingest", "--no-analyze", str(tmp_path / "in")],
                          capture_output=True).returncode == 0
    proc = subprocess.Popen([*CMD, "--db", str(db), "analyze"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, analysed = time.time() + 120, 0
    while time.time() < deadline and proc.poll() is None and analysed < 10:
        time.sleep(0.1)
        try:
            with sqlite3.connect(db, timeout=1) as conn:
                analysed = conn.execute("SELECT count(*) FROM entity_analysis").fetchone()[0]
        except sqlite3.Error:
            continue
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        left = conn.execute("SELECT count(*) FROM entity_analysis").fetchone()[0]
    assert 0 < left <= 60
    out = subprocess.run([*CMD, "--db", str(db), "analyze"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert f"{60 - left} articles analysed" in out.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM entity_analysis WHERE version > 0").fetchone()[0] == 60
        assert conn.execute("SELECT count(*) FROM analysis_claims").fetchone()[0] == 0


def test_two_ingests_at_once_store_everything_and_analyse_each_article_once(tmp_path):
    db = tmp_path / "two.db"
    _articles(tmp_path / "in", 60)
    halves = [tmp_path / "a", tmp_path / "b"]
    pages = sorted((tmp_path / "in").iterdir())
    for n, half in enumerate(halves):
        half.mkdir()
        for page in pages[n * 30 : (n + 1) * 30]:
            page.rename(half / page.name)
    runs = [subprocess.Popen([*CMD, "--db", str(db), "ingest", str(half)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for half in halves]
    outputs = [r.communicate(timeout=240) for r in runs]
    analysed = 0
    for r, (_, err) in zip(runs, outputs):
        assert r.returncode == 0, err
        assert "30 added" in err, err
        found = re.search(r"(\d+) analysed", err)
        analysed += int(found.group(1)) if found else 0
    assert analysed == 60  # each article once, whichever process took it
    check = subprocess.run([*CMD, "--db", str(db), "check"], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 60
        assert conn.execute("SELECT count(*) FROM entity_analysis WHERE version > 0").fetchone()[0] == 60
