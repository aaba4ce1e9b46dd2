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

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static

from store.timeline import CityTimeline, render_timeline


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
        if cities is None:
            from store.compare import DEFAULT_CITIES

            cities = list(DEFAULT_CITIES)
        self.cities = list(cities)
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
        from store.corpus import Corpus

        path = self.corpus if isinstance(self.corpus, (str, Path)) else getattr(self.corpus, "path", None)
        if path is not None and str(path) != ":memory:":
            corpus = Corpus(Path(path), check_same_thread=False)
            try:
                years, months = _timelines(corpus, self.cities)
            finally:
                corpus.close()
        else:
            years, months = self.app.call_from_thread(_timelines, self.corpus, self.cities)
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


def _timelines(corpus: Any, cities: list[str]) -> tuple[list[CityTimeline], list[CityTimeline]]:
    """By year and by month from one comparison (its trips), computed once."""
    from store.timeline import city_timeline

    try:
        result = corpus.compare(cities)
    except Exception:  # a timeline of articles stands without the comparison
        result = {}
    years = city_timeline(corpus, cities, by="year", compare_result=result)
    months = city_timeline(corpus, cities, by="month", compare_result=result)
    return years, months
