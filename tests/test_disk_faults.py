"""Real disk faults on a small tmpfs (mounting needs root; elsewhere the tests
skip and say why): a full disk stops an ingest with one line, keeps everything
stored before it, and a re-run after freeing space completes."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tui.cli import main

pytestmark = pytest.mark.slow

BODY = "한빛시는 {n}번째 산업단지 조성을 위해 올해 {n}00억원을 투입한다고 밝혔다. 시는 일자리 {n}개를 만들 계획이다. " * 12


@pytest.fixture
def small_disk(tmp_path: Path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or 'not root'})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_stops_the_ingest_with_one_line_and_a_rerun_completes(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(300):
        (pages / f"{n:03d}.txt").write_text(f"한빛시 {n}번째 산업단지\n\n" + BODY.format(n=n), encoding="utf-8")
    db = small_disk / "valley.db"
    code = main(["ingest", str(pages), "--db", str(db), "--no-analyze"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert "Traceback" not in "\n".join(err)
    assert main(["check", "--db", str(db)]) == 0  # what was stored is whole
    capsys.readouterr()
    main(["sources", "--json", "--db", str(db)])
    stored = len(json.loads(capsys.readouterr().out))
    assert 0 < stored < 300
    assert err[-1] == (f"error: {db}: disk full after {stored} of 300 files;"
                       " everything before is stored, run again when there is space")
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    assert main(["ingest", str(pages), "--db", str(db), "--no-analyze"]) == 0
    capsys.readouterr()
    main(["sources", "--json", "--db", str(db)])
    assert len(json.loads(capsys.readouterr().out)) == 300  # every file, after freeing space


def test_a_read_only_disk_still_reads_and_refuses_writes_with_one_line(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    page = tmp_path / "a.txt"
    page.write_text("한빛시 산업단지\n\n" + BODY.format(n=1), encoding="utf-8")
    db = small_disk / "valley.db"
    assert main(["ingest", str(page), "--db", str(db), "--no-analyze"]) == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    capsys.readouterr()
    assert main(["articles", "--json", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out)[0]["title"] == "한빛시 산업단지"
    assert main(["search", "산업단지", "--json", "--db", str(db)]) == 0
    assert json.loads(capsys.readouterr().out)
    other = tmp_path / "b.txt"
    other.write_text("누리군 농공단지\n\n" + BODY.format(n=2), encoding="utf-8")
    assert main(["ingest", str(other), "--db", str(db), "--no-analyze"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"error: {db}: the database is read-only here (file or folder permissions)"]


def test_the_app_opens_a_read_only_database_and_says_so(small_disk: Path, tmp_path: Path):
    import asyncio

    from conftest import ready
    from tui.app import ExplorerApp

    page = tmp_path / "a.txt"
    page.write_text("한빛시 산업단지\n\n" + BODY.format(n=1), encoding="utf-8")
    db = small_disk / "valley.db"
    assert main(["ingest", str(page), "--db", str(db), "--no-analyze"]) == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)

    async def run() -> None:
        app = ExplorerApp(db, system_clipboard=False)
        async with app.run_test(size=(120, 40)) as pilot:
            await ready(pilot)
            assert app.reader.article.title == "한빛시 산업단지"
            assert any("read-only" in str(n.message) for n in app._notifications)

    asyncio.run(run())
