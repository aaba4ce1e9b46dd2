"""SVG snapshots of the main screens at 120x40 and 80x24, on the seeds
database built once per session (analysis on, so entities are deterministic
for a given analyser). Update with `pytest --snapshot-update` after a
deliberate change to the screen or the stored seeds."""

from __future__ import annotations

import pytest
from conftest import ready, settle

from tui.app import ExplorerApp

SIZES = [(120, 40), (80, 24)]


async def steady(pilot) -> None:
    """No blinking cursor, timers fired, workers done."""
    app = pilot.app
    for widget in app.query("Input"):
        widget.cursor_blink = False
    await ready(pilot)
    await settle(pilot, 0.3)


async def searched(pilot, query: str = "실리콘밸리") -> None:
    await steady(pilot)
    await pilot.press("slash", *query)
    for _ in range(100):
        await steady(pilot)
        if pilot.app.last_query == query:
            break


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, seeds_db, size):
    assert snap_compare(ExplorerApp(seeds_db, system_clipboard=False), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_results(snap_compare, seeds_db, size):
    assert snap_compare(ExplorerApp(seeds_db, system_clipboard=False), terminal_size=size, run_before=searched)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_hit_opened_in_reader(snap_compare, seeds_db, size):
    async def run_before(pilot):
        await searched(pilot)
        await pilot.press("enter", "enter")
        await steady(pilot)

    assert snap_compare(ExplorerApp(seeds_db, system_clipboard=False), terminal_size=size, run_before=run_before)


def test_entities_at_80x24(snap_compare, seeds_db):
    async def run_before(pilot):
        await steady(pilot)
        await pilot.press("e")
        await steady(pilot)

    assert snap_compare(ExplorerApp(seeds_db, system_clipboard=False), terminal_size=(80, 24), run_before=run_before)


def test_help_screen(snap_compare, seeds_db):
    async def run_before(pilot):
        await steady(pilot)
        await pilot.press("question_mark")
        await steady(pilot)

    assert snap_compare(ExplorerApp(seeds_db, system_clipboard=False), terminal_size=(80, 24), run_before=run_before)


def test_light_theme(snap_compare, seeds_db):
    async def run_before(pilot):
        await steady(pilot)
        await pilot.press("T")
        await steady(pilot)

    assert snap_compare(ExplorerApp(seeds_db, system_clipboard=False), terminal_size=(120, 40), run_before=run_before)
