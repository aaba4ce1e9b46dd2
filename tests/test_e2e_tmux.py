"""End to end: the INSTALLED `valley-tui` in a real terminal (tmux), on a new
temporary database, as a user would drive it: wait for the seeds to load,
type a Korean query, open a hit, press `y`, then read the screen and tmux's
paste buffer (filled by the app's OSC 52 because set-clipboard is on)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import uuid

import pytest

TMUX = shutil.which("tmux")
EXE = shutil.which("valley-tui")

pytestmark = [
    pytest.mark.skipif(TMUX is None, reason="tmux is not installed: the end-to-end test needs a real terminal"),
    pytest.mark.skipif(EXE is None, reason="valley-tui is not installed (pip install .)"),
]

QUERY = "영일만"


class Tmux:
    def __init__(self, tmp_path, width: int = 120, height: int = 40) -> None:
        self.socket = f"valley-e2e-{uuid.uuid4().hex[:8]}"
        conf = tmp_path / "tmux.conf"
        conf.write_text("set -g set-clipboard on\nset -g escape-time 0\n", encoding="utf-8")
        self.env = {**os.environ, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color"}
        self.env.pop("TMUX", None)
        self.base = [TMUX, "-L", self.socket, "-f", str(conf)]
        self.width, self.height = width, height

    def run(self, *args: str, check: bool = True) -> str:
        out = subprocess.run([*self.base, *args], capture_output=True, env=self.env, timeout=20)
        if check and out.returncode != 0:
            raise AssertionError(f"tmux {args[0]}: {out.stderr.decode('utf-8', 'replace')}")
        return out.stdout.decode("utf-8", "replace")

    def start(self, command: str) -> None:
        self.run("new-session", "-d", "-s", "e2e", "-x", str(self.width), "-y", str(self.height), command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "e2e")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "e2e", *(["-l"] if literal else []), *keys)

    def wait_for(self, predicate, what: str, timeout: float = 90.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.25)
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{screen}")

    def buffer(self) -> str:
        return self.run("show-buffer", check=False)

    def kill(self) -> None:
        self.run("kill-server", check=False)


@pytest.fixture
def tmux(tmp_path):
    session = Tmux(tmp_path)
    yield session
    session.kill()


def test_installed_app_search_open_copy(tmux, tmp_path):
    db = tmp_path / "e2e.db"
    tmux.start(f"{EXE} --db {db}")
    tmux.wait_for(lambda s: "Articles 5" in s, "the seeds to load on first start")
    assert tmux.buffer() == ""

    tmux.keys("/")
    tmux.wait_for(lambda s: "/ Search  c Compare" not in s, "the search bar to take focus")
    tmux.keys(QUERY, literal=True)
    screen = tmux.wait_for(lambda s: "hits" in s and f"“{QUERY}”" in s, "search results")
    assert QUERY in screen.split("hits", 1)[1], "hits show the matched paragraph"

    tmux.keys("Enter")  # into the results
    time.sleep(0.5)
    tmux.keys("Enter")  # open the first hit
    screen = tmux.wait_for(lambda s: "hits ─" not in s, "the hit to open in the reader")
    assert QUERY in screen

    tmux.keys("y")
    screen = tmux.wait_for(lambda s: "Copied excerpt" in s, "the copy notification")
    deadline = time.monotonic() + 10
    copied = ""
    while time.monotonic() < deadline and not copied:
        copied = tmux.buffer()
        time.sleep(0.2)
    assert copied.startswith("“"), copied
    quoted, citation = copied.rstrip("\n").rsplit("\n", 1)
    assert QUERY in quoted.replace(" ", "") or QUERY in quoted
    assert citation.startswith("— ") and "「" in citation and "」" in citation

    tmux.keys("q")  # the copied excerpt was never exported: the app asks once
    tmux.wait_for(lambda s: "never exported" in s, "the question about the unexported excerpt")
    tmux.keys("q")  # quit anyway (it stays in the copy history)
    tmux.wait_for(lambda s: "Articles" not in s, "the app to quit", timeout=15)


def test_compare_on_2000_articles_opens_and_y_copies_the_fact(tmux, tmp_path, seeds_db):
    """The seeds copied to 2,000 articles never read for the comparison (as a
    database from before facts were stored): `c` opens within the timeout and
    `y` puts the selected fact, its source paragraph and citation in the buffer."""
    from synthetic import grow_stories

    db = tmp_path / "big.db"
    shutil.copy(seeds_db, db)
    grow_stories(db, 2000)
    tmux.start(f"{EXE} --db {db}")
    tmux.wait_for(lambda s: "Articles" in s and ("2,000" in s or "2000" in s), "the 2,000 articles to list")
    tmux.keys("c")
    screen = tmux.wait_for(
        lambda s: "리더 (Leaders)" in s and "sources, s: list" in s, "the comparison, a fact selected", timeout=120
    )
    assert "포항시" in screen and "계산하는 중" not in screen
    tmux.keys("y")  # on the first fact, focused when the grid is drawn
    deadline = time.monotonic() + 10
    copied = ""
    while time.monotonic() < deadline and not copied:
        copied = tmux.buffer()
        time.sleep(0.2)
    first, rest = copied.split("\n", 1)
    assert first.startswith("포항시 · 리더 (Leaders): "), copied
    leader = first.split(": ", 1)[1].split(" (")[0]
    quoted = rest.split("\n")[0]
    assert quoted.startswith("“") and (leader in quoted or f"{leader[0]} 시장" in quoted), copied
    tmux.keys("Escape")
    tmux.wait_for(lambda s: "리더 (Leaders)" not in s, "the comparison to close", timeout=15)
    tmux.keys("q")
