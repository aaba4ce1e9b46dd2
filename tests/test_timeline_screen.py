"""The timeline screen: articles and trips per city by year and month, Esc closes.

Driven with Textual's pilot on the seeds database (the session fixture of
test_compare.py), checked against `store.timeline` on the same data, plus an
SVG snapshot at 120x40.
"""

from __future__ import annotations

import asyncio

from conftest import settle
from textual.app import App

from store.compare import DEFAULT_CITIES
from store.corpus import Corpus
from store.timeline import city_timeline
from tui.timeline_screen import TimelineScreen


class TimelineHost(App[None]):
    """A bare app that opens the timeline, as the explorer does on `t`."""

    def __init__(self, source) -> None:
        super().__init__()
        self.source = source
        self.closed: list[None] = []

    def on_mount(self) -> None:
        self.push_screen(TimelineScreen(self.source), self.closed.append)


def _text(widget) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, file=open("/dev/null", "w"))
    console.print(widget.content)
    return console.export_text()


def test_timeline_shows_each_city_by_year_and_month_and_escape_closes(seeds_db):
    corpus = Corpus(seeds_db)
    try:
        expected_years = city_timeline(corpus, list(DEFAULT_CITIES), by="year")
        expected_months = city_timeline(corpus, list(DEFAULT_CITIES), by="month")
    finally:
        corpus.close()
    assert sum(t.articles for t in expected_years) > 0

    async def run() -> None:
        app = TimelineHost(seeds_db)  # a path: the screen opens its own connection
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            screen = app.screen
            assert isinstance(screen, TimelineScreen)
            assert [t.to_json() for t in screen.years] == [t.to_json() for t in expected_years]
            assert [t.to_json() for t in screen.months] == [t.to_json() for t in expected_months]
            years = _text(screen.query_one("#years"))
            months = _text(screen.query_one("#months"))
            for city in DEFAULT_CITIES:
                assert city in years and city in months
            for t in expected_years:
                for p in t.periods:
                    assert p.period in years
            for t in expected_months:
                for p in t.periods:
                    assert p.period in months
                    if p.trips:
                        assert f"◆{p.trips}" in months
            status = _text(screen.query_one("#status"))
            for t in expected_years:
                assert f"{t.city} {t.articles} articles, {t.trips} trips" in status
            await pilot.press("escape")
            await pilot.pause()
            assert app.closed == [None]
            assert not isinstance(app.screen, TimelineScreen)

    asyncio.run(run())


def test_an_open_corpus_works_too_and_an_unknown_city_is_empty(tmp_path):
    corpus = Corpus(tmp_path / "empty.db")

    class Host(TimelineHost):
        def on_mount(self) -> None:
            self.push_screen(TimelineScreen(self.source, cities=["부산광역시"]), self.closed.append)

    async def run() -> None:
        app = Host(corpus)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, 0)
            assert "No articles" in _text(app.screen.query_one("#status"))
            await pilot.press("q")
            await pilot.pause()
            assert app.closed == [None]

    try:
        asyncio.run(run())
    finally:
        corpus.close()


def test_snapshot(snap_compare, seeds_db):
    assert snap_compare(TimelineHost(seeds_db), terminal_size=(120, 40), run_before=lambda pilot: settle(pilot, 0))
