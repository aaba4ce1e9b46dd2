"""Coverage over time, per city (key `t`).

Articles (bars; copies of one story counted once) and trips (◆) by year, then
by month, one column per city — the same numbers `compare --markdown` prints
as a table (`store.timeline`). The counting runs off the UI thread on a
connection of its own, so opening the screen on a large corpus never freezes
the keyboard. Esc (or q) closes it.

    TimelineScreen(corpus)                     # the app's open corpus
    TimelineScreen(Path("valley.db"))          # or a database path
    TimelineScreen(corpus, cities=["포항시", "성남시"])
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

import store
from store.records import CityTimeline

#: Eighths of a block, for bars drawn to 1/8 of a character.
BLOCKS = " ▏▎▍▌▋▊▉█"


class TimelineScreen(Screen[None]):
    """Per city, articles and trips by year and by month, drawn as bars."""

    DEFAULT_CSS = """
    TimelineScreen { layout: vertical; }
    TimelineScreen #title { padding: 0 1; text-style: bold; }
    TimelineScreen #body { height: 1fr; padding: 0 1; }
    TimelineScreen .table { margin-bottom: 1; width: auto; }
    TimelineScreen #status { color: $text-muted; }
    """

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("down,j", "scroll(1)", "Down", show=False),
        Binding("up,k", "scroll(-1)", "Up", show=False),
        Binding("pagedown", "scroll(10)", "Page down", show=False),
        Binding("pageup", "scroll(-10)", "Page up", show=False),
    ]

    class Counted(Message):
        def __init__(self, years: list[CityTimeline], months: list[CityTimeline]) -> None:
            super().__init__()
            self.years = years
            self.months = months

    def __init__(self, corpus: Any, cities: list[str] | None = None) -> None:
        super().__init__()
        self.corpus = corpus
        self.cities = list(cities or store.DEFAULT_CITIES)
        self.years: list[CityTimeline] = []
        self.months: list[CityTimeline] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Coverage over time: " + " · ".join(self.cities)), id="title")
        with VerticalScroll(id="body"):
            yield Static("Counting articles and trips…", id="status")
            yield Static(id="years", classes="table")
            yield Static(id="months", classes="table")
        yield Footer()

    def on_mount(self) -> None:
        self._count()

    @work(thread=True, exclusive=True, group="timeline")
    def _count(self) -> None:
        """Off the UI thread, on a connection of its own (SQLite objects stay in their thread)."""
        path = self.corpus if isinstance(self.corpus, (str, Path)) else getattr(self.corpus, "path", None)
        if path is not None and str(path) != ":memory:":
            corpus = store.Corpus(Path(path), check_same_thread=False)
            try:
                years, months = corpus.timelines(self.cities)
            finally:
                corpus.close()
        else:
            years, months = self.app.call_from_thread(self.corpus.timelines, self.cities)
        self.post_message(self.Counted(years, months))

    def on_timeline_screen_counted(self, message: Counted) -> None:
        self.years, self.months = message.years, message.months
        total = sum(t.articles for t in self.years)
        trips = sum(t.trips for t in self.years)
        status = self.query_one("#status", Static)
        if not total and not trips:
            status.update("No articles about these cities yet.")
            return
        parts = [f"{t.city} {t.articles} articles, {t.trips} trips" for t in self.years]
        status.update(Text("; ".join(parts) + "  (copies of one story counted once)"))
        self.query_one("#years", Static).update(render_timeline(self.years))
        self.query_one("#months", Static).update(render_timeline(self.months))

    def action_scroll(self, lines: int) -> None:
        body = self.query_one("#body", VerticalScroll)
        body.scroll_to(y=body.scroll_y + lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)


def _bar(value: int, top: int, width: int) -> str:
    if value <= 0 or top <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (BLOCKS[rest] if rest else "")


def render_timeline(timelines: list[CityTimeline], *, bar_width: int = 10) -> Table:
    """A rich Table: one row per period, per city a bar of articles, the count,
    and ◆n for trips. Works in a plain terminal and inside a Textual Static."""
    by = timelines[0].by if timelines else "year"
    table = Table(title=f"Articles (bars) and trips (◆) by {by}", box=None, pad_edge=False, expand=False)
    table.add_column(by, style="bold", no_wrap=True)
    for t in timelines:
        table.add_column(Text(t.city), no_wrap=True, min_width=bar_width + 6)
    top = max((p.articles for t in timelines for p in t.periods), default=0)
    index = [{p.period: p for p in t.periods} for t in timelines]
    for period in sorted({p.period for t in timelines for p in t.periods}):
        cells: list[Any] = [period]
        for have in index:
            p = have.get(period)
            cell = Text()
            if p is not None and p.articles:
                cell.append(_bar(p.articles, top, bar_width), style="cyan")
                cell.append(f" {p.articles}")
            if p is not None and p.trips:
                cell.append(f" ◆{p.trips}", style="bold yellow")
            cells.append(cell)
        table.add_row(*cells)
    undated = [t for t in timelines if t.undated_articles or t.undated_trips]
    if undated:
        table.add_row(
            Text("undated", style="dim"),
            *[Text(f"{t.undated_articles}" + (f" ◆{t.undated_trips}" if t.undated_trips else ""), style="dim")
              for t in timelines],
        )  # fmt: skip
    return table
