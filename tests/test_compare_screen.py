"""The comparison screen: four columns of facts, each opening its paragraph.

Driven with Textual's pilot on the seeds database (built once per session by
`seeds_db` in test_compare.py), plus SVG snapshots at a wide and a narrow size.
"""

from __future__ import annotations

import asyncio

import pytest
from conftest import settle
from textual.app import App

from store.compare import DEFAULT_CITIES
from store.corpus import Corpus
from tui.compare_screen import CELL_LIMIT, MIN_COLUMN, CompareScreen, FactItem, FactTarget, MoreItem


class CompareHost(App[None]):
    """A bare app that opens the comparison, as the explorer does on `c`."""

    def __init__(self, db_path) -> None:
        super().__init__()
        self.corpus = Corpus(db_path)
        self.chosen: list[FactTarget | None] = []
        self.posted: list[FactTarget] = []

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.corpus), self.chosen.append)

    def on_compare_screen_fact_chosen(self, message: CompareScreen.FactChosen) -> None:
        self.posted.append(message.target)


def test_enter_on_a_fact_returns_its_paragraph(seeds_db):
    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            first = app.focused
            assert isinstance(first, FactItem) and first.column == 0 and first.row == "leaders"
            await pilot.press("right")
            assert app.focused.column == 1 and app.focused.row == "leaders"
            await pilot.press("down", "down")
            item = app.focused
            assert isinstance(item, FactItem) and item.column == 1
            expected = item.fact["evidence"][0]
            await pilot.press("enter")
            await pilot.pause()
            assert app.chosen == [
                FactTarget(expected["article_id"], expected["paragraph_index"], expected["start"], expected["end"])
            ]
            assert app.posted == app.chosen
            article = app.corpus.article(expected["article_id"])
            assert article is not None
            assert any(p.index == expected["paragraph_index"] for p in article.paragraphs)

    asyncio.run(run())


def test_every_column_holds_every_row_and_escape_closes(seeds_db):
    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            screen = app.screen
            assert len(screen.columns) == len(DEFAULT_CITIES)
            for col in screen.columns:
                rows = {item.row for item in col}
                assert {"leaders", "initiatives", "trips", "focus", "coverage"} <= rows
                assert all(item.target is not None for item in col if not isinstance(item, MoreItem))
            await pilot.press("escape")
            await pilot.pause()
            assert app.chosen == [None]

    asyncio.run(run())


def test_a_long_cell_shows_its_first_facts_and_enter_on_more_shows_the_rest(seeds_db):
    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            screen = app.screen
            more = next(item for col in screen.columns for item in col if isinstance(item, MoreItem))
            cell = [i for i in screen.columns[more.column] if i.row == more.row]
            assert len(cell) == CELL_LIMIT + 1 and cell[-1] is more
            hidden = len(more.hidden)
            more.focus()
            await pilot.press("enter")
            await settle(pilot, 0)
            cell = [i for i in screen.columns[more.column] if i.row == more.row]
            assert len(cell) == CELL_LIMIT + hidden and not any(isinstance(i, MoreItem) for i in cell)
            assert screen.focused is cell[CELL_LIMIT] and app.chosen == []

    asyncio.run(run())


def test_narrow_terminal_scrolls_to_the_focused_city(seeds_db):
    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, 0)
            screen = app.screen
            cells = list(screen.query(".cell"))
            assert cells and all(c.outer_size.width >= MIN_COLUMN for c in cells)
            for _ in range(len(DEFAULT_CITIES) - 1):
                await pilot.press("right")
            await pilot.pause()
            item = app.focused
            assert isinstance(item, FactItem) and item.column == len(DEFAULT_CITIES) - 1
            grid = screen.query_one("#grid")
            assert grid.scroll_x > 0, "the last city was scrolled into view"
            region = item.region
            assert region.x >= 0 and region.right <= 80 and region.width > 0

    asyncio.run(run())


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_snapshot(snap_compare, seeds_db, size):
    assert snap_compare(CompareHost(seeds_db), terminal_size=size, run_before=lambda pilot: settle(pilot, 0))


async def _on_first_more(pilot) -> None:
    await settle(pilot, 0)
    more = next(i for col in pilot.app.screen.columns for i in col if isinstance(i, MoreItem))
    more.focus()
    more.scroll_visible(animate=False, top=True)
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_snapshot_of_a_long_cell_with_more(snap_compare, seeds_db, size):
    assert snap_compare(CompareHost(seeds_db), terminal_size=size, run_before=_on_first_more)


def test_next_source_changes_the_paragraph_enter_opens(seeds_db):
    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            item = next(i for col in app.screen.columns for i in col if len(i.fact["evidence"]) > 1)
            item.focus()
            await pilot.pause()
            await pilot.press("right_square_bracket")
            second = item.fact["evidence"][1]
            await pilot.press("enter")
            await pilot.pause()
            assert app.chosen[0].article_id == second["article_id"]
            assert app.chosen[0].paragraph_index == second["paragraph_index"]

    asyncio.run(run())


def test_y_copies_the_selected_fact_with_its_source_and_citation(seeds_db):
    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            item = next(i for col in app.screen.columns for i in col if i.fact.get("evidence"))
            item.focus()
            await pilot.pause()
            await pilot.press("y")
            ev = item.fact["evidence"][0]
            with Corpus(seeds_db) as corpus:
                article = corpus.article(ev["article_id"])
            paragraph = next(p.text for p in article.paragraphs if p.index == ev["paragraph_index"])
            assert app.clipboard.startswith(f"{app.screen.cities[item.column]} · ")
            assert item.text in app.clipboard.splitlines()[0]
            assert f"“{paragraph}”" in app.clipboard and article.title in app.clipboard

    asyncio.run(run())
