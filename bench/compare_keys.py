"""How long each key takes on the comparison grid of a big corpus, beside a key
on a bare Textual screen of as many focusable lines, both in this run.

    python bench/compare.py --articles 60000 --keep /tmp/big.db   # ~100k articles
    python bench/compare_keys.py /tmp/big.db

The grid is opened as the explorer opens it on `c` (a headless app, 160x50 or --size);
then the keys a reader uses (↓ ↑ → ← n p s Esc, and Enter on '+N more') are
pressed one at a time, each timed as the CPU time the event loop's thread
spends from the key to the screen idle again (Textual's pilot; wall time there
is mostly the pilot's own idle waits). The baseline presses ↓ on a bare screen
of Static lines; an unbound key on the grid shows what the pilot's own waits
cost there (they grow with the screen's widgets), to read each key's figure against.
Target (issue 21): each key <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual.app import App, ComposeResult  # noqa: E402
from textual.containers import VerticalScroll  # noqa: E402
from textual.widgets import Static  # noqa: E402

from store.corpus import Corpus  # noqa: E402
from tui.compare_screen import CompareScreen, MoreItem  # noqa: E402

KEYS = ["down"] * 12 + ["right"] * 3 + ["up"] * 6 + ["left"] * 3 + ["n", "n", "p"]


class Host(App[None]):
    def __init__(self, db: Path) -> None:
        super().__init__()
        self.corpus = Corpus(db)

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.corpus))


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for n in range(120):
                yield Static(f"line {n}", classes="line")

    def on_mount(self) -> None:
        for line in self.query(".line"):
            line.can_focus = True
        self.query(".line").first().focus()

    BINDINGS = [("down", "app.focus_next"), ("up", "app.focus_previous")]


async def timed(pilot, key: str) -> float:
    """The event loop's own CPU time for one key, handled and drawn (the pilot's
    waits for idle add wall time that is not the app's, and a busy machine more)."""
    t = time.thread_time()
    await pilot.press(key)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return time.thread_time() - t


async def grid(db: Path, size: tuple[int, int]) -> tuple[float, dict[str, list[float]]]:
    app = Host(db)
    times: dict[str, list[float]] = {}
    async with app.run_test(size=size) as pilot:
        t = time.perf_counter()
        while not isinstance(app.screen, CompareScreen) or app.screen.result is None:
            await pilot.pause(0.02)
        await app.workers.wait_for_complete()
        await pilot.pause()
        opened = time.perf_counter() - t
        for key in KEYS:
            times.setdefault(key, []).append(await timed(pilot, key))
        times["(unbound key)"] = [await timed(pilot, "f19") for _ in range(5)]
        mores = [i for col in app.screen.columns for i in col if isinstance(i, MoreItem)]
        for more in mores[:4]:
            app.screen.select(more)
            await pilot.pause()
            times.setdefault("enter on +N more", []).append(await timed(pilot, "enter"))
        facts = [i for col in app.screen.columns for i in col if not isinstance(i, MoreItem)]
        fewest = min(facts, key=lambda i: len(i.fact.get("evidence") or []) + (1 << 20) * bool(i.fact.get("key")))
        # the most named leader of each city, by its whole count of sources
        tops = [col[0] for col in app.screen.columns if col and col[0].row == "leaders" and col[0].fact.get("key")]
        most = max(
            tops or facts,
            key=lambda i: len(app.corpus.comparison_sources(app.screen.cities[i.column], i.row, i.fact["key"]))
            if i.fact.get("key") else len(i.fact.get("evidence") or []),
        )
        for label, item in (("s, fewest sources", fewest), ("s, most sources", most)):
            app.screen.select(item)
            await pilot.pause()
            times[label] = [await timed(pilot, "s")]
            sources = len(getattr(app.screen, "sources", []))
            times[f"escape ({sources:,} listed)"] = [await timed(pilot, "escape")]
    return opened, times


async def bare(size: tuple[int, int]) -> list[float]:
    app = Bare()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        return [await timed(pilot, "down") for _ in range(12)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--size", default="160x50", help="terminal columns x rows (default 160x50)")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.split("x"))
    with Corpus(args.db) as corpus:
        n = corpus.count(include_hidden=True)
    base = statistics.median(asyncio.run(bare(size)))
    opened, times = asyncio.run(grid(args.db, size))
    print(f"{n:,} articles, {args.size}: the grid drawn in {opened * 1000:.0f} ms (computed in a worker, screen live meanwhile)")
    print(f"  baseline: ↓ on a bare screen of 120 lines {base * 1000:6.1f} ms")
    for key, ts in times.items():
        worst = max(ts)
        print(f"  {key:<18} median {statistics.median(ts) * 1000:6.1f} ms  worst {worst * 1000:6.1f} ms  (x{worst / base:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
