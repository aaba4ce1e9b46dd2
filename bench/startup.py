"""Time to first paint: valley-tui on the seeds database against a bare
Textual app that shows one line, both measured in this run.

Each app is spawned as a subprocess in a pseudo-terminal (120x40, like a user
starting it); the clock runs from spawn until the terminal output contains
what the first useful frame shows (the bare app's line; valley-tui's article
list with its count). Runs alternate between the two and the median is
reported, so a busy machine hurts both alike.

    python bench/startup.py [--runs 7] [--rows 100000]

--rows also times valley-tui on a corpus grown to that many list rows.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from synthetic import grow_corpus  # noqa: E402  (shared with the tests)

ANSI = re.compile(r"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("bare textual app ready")

Bare().run()
"""

APP = "import sys; from tui.cli import main; sys.exit(main(['--db', sys.argv[1]]))"
# The app without the CLI module (which imports `store` eagerly today).
DIRECT = "import sys; from pathlib import Path; from tui.app import run_app; sys.exit(run_app(Path(sys.argv[1])))"


def first_paint(argv: list[str], marker: re.Pattern[str], timeout: float = 60.0) -> float:
    """Seconds from spawn until `marker` appears on the pty (ANSI stripped)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "LANG": "C.UTF-8", "COLUMNS": "120", "LINES": "40"}
    env.pop("TEXTUAL", None)
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True)
    os.close(slave)
    raw = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            raw += chunk
            if marker.search(ANSI.sub("", raw.decode("utf-8", "replace"))):
                return time.perf_counter() - start
        raise RuntimeError(f"no first paint within {timeout}s: {argv}")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(master)


def build_seeds_db(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from store.corpus import Corpus
    from store.seeding import load_seeds

    path = folder / "seeds.db"
    with Corpus(path) as corpus:
        load_seeds(corpus)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=0, help="also time a corpus of this many rows")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seeds = build_seeds_db(folder)
        count = sqlite3.connect(str(seeds)).execute("SELECT count(*) FROM articles WHERE hidden = 0").fetchone()[0]
        bare_cmd = [sys.executable, "-c", BARE]
        bare_marker = re.compile("bare textual app ready")
        cli_cmd = [sys.executable, "-c", APP, str(seeds)]
        direct_cmd = [sys.executable, "-c", DIRECT, str(seeds)]
        frame = re.compile(r"Articles")  # the list frame: the first frame is on screen
        listed = re.compile(rf"Articles {count} ")  # the article list is filled
        # one warm-up each: the first spawn pays for a cold disk cache
        first_paint(bare_cmd, bare_marker)
        first_paint(cli_cmd, listed)
        runs: dict[str, list[float]] = {k: [] for k in ("bare", "cli frame", "cli list", "app frame", "app list")}
        for _ in range(args.runs):
            runs["bare"].append(first_paint(bare_cmd, bare_marker))
            runs["cli frame"].append(first_paint(cli_cmd, frame))
            runs["cli list"].append(first_paint(cli_cmd, listed))
            runs["app frame"].append(first_paint(direct_cmd, frame))
            runs["app list"].append(first_paint(direct_cmd, listed))
        med = {k: statistics.median(v) for k, v in runs.items()}
        b = med["bare"]
        print(f"median of {args.runs} runs, {count} seed articles, 120x40 pty")
        print(f"bare Textual app, one line          : {b * 1000:7.1f} ms")
        for key, label in (
            ("cli frame", "valley-tui (CLI) first paint      "),
            ("cli list", "valley-tui (CLI) list filled      "),
            ("app frame", "tui.app.run_app first paint       "),
            ("app list", "tui.app.run_app list filled       "),
        ):
            print(f"{label}: {med[key] * 1000:7.1f} ms  ratio {med[key] / b:5.2f}x")
        print(f"target: first paint <= 1.50x  ->  {'met' if med['cli frame'] / b <= 1.5 else 'NOT met'} by the CLI")
        if args.rows:
            big = folder / "big.db"
            shutil.copy(seeds, big)
            grow_corpus(big, args.rows)
            big_marker = re.compile(rf"Articles {args.rows} ")
            times = [first_paint([sys.executable, "-c", APP, str(big)], big_marker) for _ in range(3)]
            b = med["bare"]
            m = statistics.median(times)
            print(f"valley-tui, {args.rows} rows   : {m * 1000:7.1f} ms  ratio {m / b:.2f}x to bare")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
