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

    def __init__(self, db_path, top: int = CELL_LIMIT) -> None:
        super().__init__()
        self.top = top
        self.corpus = Corpus(db_path)
        self.chosen: list[FactTarget | None] = []
        self.posted: list[FactTarget] = []

    def on_mount(self) -> None:
        self.push_screen(CompareScreen(self.corpus, top=self.top), self.chosen.append)

    def on_compare_screen_fact_chosen(self, message: CompareScreen.FactChosen) -> None:
        self.posted.append(message.target)


def test_enter_on_a_fact_returns_its_paragraph(seeds_db):
    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            screen = app.screen
            assert isinstance(screen, CompareScreen)
            first = app.screen.current
            assert isinstance(first, FactItem) and first.column == 0 and first.row == "leaders"
            await pilot.press("right")
            assert app.screen.current.column == 1 and app.screen.current.row == "leaders"
            await pilot.press("down", "down")
            item = app.screen.current
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
            city = screen.cities[more.column]
            every = app.corpus.compare([city], top=None)[city][more.row]
            assert more.more == len(every) - CELL_LIMIT > 0
            app.screen.select(more)
            await pilot.press("enter")
            await settle(pilot, 0)
            cell = [i for i in screen.columns[more.column] if i.row == more.row]
            assert len(cell) == len(every) and not any(isinstance(i, MoreItem) for i in cell)
            assert [i.fact for i in cell] == every, "the whole cell, ranked as the comparison ranks it"
            assert screen.current is cell[CELL_LIMIT] and app.chosen == []

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
            item = app.screen.current
            assert isinstance(item, FactItem) and item.column == len(DEFAULT_CITIES) - 1
            grid = screen.query_one("#grid")
            assert grid.scroll_x > 0, "the last city was scrolled into view"
            region = screen.cells[item.row, item.column].region
            assert region.x >= 0 and region.right <= 80 and region.width > 0

    asyncio.run(run())


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_snapshot(snap_compare, seeds_db, size):
    assert snap_compare(CompareHost(seeds_db), terminal_size=size, run_before=lambda pilot: settle(pilot, 0))


async def _on_first_more(pilot) -> None:
    await settle(pilot, 0)
    more = next(i for col in pilot.app.screen.columns for i in col if isinstance(i, MoreItem))
    pilot.app.screen.select(more)
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
            app.screen.select(item)
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
            app.screen.select(item)
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


def test_s_lists_every_source_of_a_fact_and_opens_the_one_chosen(seeds_db):
    from tui.compare_screen import SourcesScreen

    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            item = max((i for col in app.screen.columns for i in col), key=lambda i: len(i.fact.get("evidence") or []))
            evidence = item.fact["evidence"]
            assert len(evidence) > 1
            app.screen.select(item)
            await pilot.press("s")
            await settle(pilot, 0.1)
            sources = app.screen
            assert isinstance(sources, SourcesScreen) and len(sources.sources) == len(evidence)
            article = app.corpus.article(evidence[-1]["article_id"])
            row = sources.sources[-1][0]
            # the paragraph first: a narrow terminal cuts the end of a row
            assert row.title == f"¶{evidence[-1]['paragraph_index'] + 1}  {article.title}"
            assert row.outlet == article.outlet and row.published == article.published
            await pilot.press("end", "enter")
            await pilot.pause()
            assert app.chosen[0].article_id == evidence[-1]["article_id"]
            assert app.chosen[0].paragraph_index == evidence[-1]["paragraph_index"]

    asyncio.run(run())


def test_a_second_c_while_computing_waits_for_the_first(seeds_db, monkeypatch):
    """Esc, then `c` again while the comparison is still computing: one computation."""
    calls: list[list[str]] = []
    real = Corpus.compare

    def slow(self, cities=None, *, top=5):
        calls.append(list(cities or []))
        import time

        time.sleep(1.0)
        return real(self, cities, top=top)

    monkeypatch.setattr(Corpus, "compare", slow)

    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.2)
            await pilot.press("escape")
            await pilot.pause()
            app.push_screen(CompareScreen(app.corpus), app.chosen.append)
            await settle(pilot, 0)
            assert isinstance(app.screen, CompareScreen) and app.screen.result is not None
            assert isinstance(app.screen.current, FactItem)
    asyncio.run(run())
    assert len(calls) == 1, calls


def test_an_entry_carries_its_first_sources_and_s_reads_them_all(seeds_db, monkeypatch):
    """An entry named in more paragraphs than it carries (SOURCES_SHOWN, 100; 2 here
    so the seeds show it) says so (`N+ sources`), and `s` reads every one of them."""
    from store.comparison import ranking
    from tui.compare_screen import SourcesScreen

    monkeypatch.setattr(ranking, "SOURCES_SHOWN", 2)

    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            items = [i for col in app.screen.columns for i in col if isinstance(i, FactItem) and i.fact.get("key")]
            assert items, "no entry with more sources than it carries"
            item = items[0]
            city = app.screen.cities[item.column]
            every = app.corpus.comparison_sources(city, item.row, item.fact["key"])
            assert len(item.fact["evidence"]) == 2 < len(every)
            assert len({(e["article_id"], e["paragraph_index"]) for e in every}) == len(every)
            app.screen.select(item)
            await pilot.pause()
            assert "2+ sources" in str(app.screen.query_one("#source").render())
            await pilot.press("s")
            await settle(pilot, 0.1)
            sources = app.screen
            assert isinstance(sources, SourcesScreen) and len(sources.sources) == len(every)
            first = app.corpus.article(every[0]["article_id"])
            assert first.title in sources.sources[0][0].title

    asyncio.run(run())


def test_more_adds_a_page_at_a_time_and_keeps_counting(seeds_db, monkeypatch):
    """A cell of a big corpus holds thousands of entries: Enter on `+N more` lists the
    next EXPAND_PAGE (50; 1 here so the seeds show it) and `+N-1 more` stays below."""
    import tui.compare_screen as compare_screen

    monkeypatch.setattr(compare_screen, "EXPAND_PAGE", 1)

    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            screen = app.screen
            more = max((i for col in screen.columns for i in col if isinstance(i, MoreItem)), key=lambda i: i.more)
            assert more.more >= 2
            row, column, left = more.row, more.column, more.more
            city = screen.cities[column]
            page, _ = app.corpus.compare_row(city, row, CELL_LIMIT + 1)
            app.screen.select(more)
            await pilot.press("enter")
            await settle(pilot, 0)
            cell = [i for i in screen.columns[column] if i.row == row]
            assert [i.fact for i in cell[:-1]] == page
            assert isinstance(cell[-1], MoreItem) and cell[-1].more == left - 1
            assert screen.current is cell[CELL_LIMIT]

    asyncio.run(run())


def _assert_cursor_in_view(screen: CompareScreen) -> None:
    """Every screen row the selected entry covers lies inside the grid."""
    cell, grid = screen.active, screen.query_one("#grid")
    assert cell is not None
    top, height = cell.span(cell.cursor)
    y = cell.region.y + cell.styles.gutter.top + top
    assert grid.region.y <= y and y + height <= grid.region.bottom, (cell.current.row, y, height, grid.region)


def test_the_selected_entry_stays_on_screen_when_its_cell_grows(seeds_db):
    """Enter on '+N more' low on a short terminal: the first new entry is drawn in view."""

    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, 0)
            screen = app.screen
            for more in [i for col in screen.columns for i in col if isinstance(i, MoreItem)]:
                if not isinstance(screen.cells[more.row, more.column].items[-1], MoreItem):
                    continue  # expanded already
                screen.select(more)
                await pilot.pause()
                await pilot.press("enter")
                await settle(pilot, 0)
                _assert_cursor_in_view(screen)
                for _ in range(8):  # and while moving through the longer cell
                    await pilot.press("down")
                    await pilot.pause()
                    _assert_cursor_in_view(screen)

    asyncio.run(run())


def test_a_click_selects_the_entry_under_the_pointer_and_a_double_click_opens_it(seeds_db):
    async def run() -> None:
        app = CompareHost(seeds_db)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot, 0)
            screen = app.screen
            cell = next(c for c in screen.cells.values() if len(c.items) >= 3 and c.region.height)
            assert not isinstance(cell.items[2], MoreItem)  # '+N more' follows CELL_LIMIT facts
            top, _ = cell.span(2)
            offset = (3, cell.styles.gutter.top + top)
            await pilot.click(cell, offset=offset)
            await pilot.pause()
            assert screen.current is cell.items[2]
            await pilot.click(cell, offset=offset, times=2)
            await pilot.pause()
            assert app.chosen == [cell.items[2].target]

    asyncio.run(run())
