"""Every user action declared once.

The key bindings, the `?` help screen and the command palette are all built
from `ACTIONS`, so a key cannot be documented in one place and bound to
something else in another.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class AppAction:
    keys: str  # Textual key names, comma separated
    action: str  # method `action_<name>` on the app
    description: str  # short: footer and palette title
    help: str  # one line for the help screen and palette
    key_display: str | None = None
    show: bool = True  # in the footer
    priority: bool = False
    palette: bool = True


ACTIONS: tuple[AppAction, ...] = (
    AppAction("slash", "focus_search", "Search", "Type to search every paragraph (Korean-aware)", "/"),
    AppAction("escape", "back", "Back", "Close, clear the search or the filter, go back", "esc", show=False),
    AppAction("c", "compare", "Compare", "The four cities side by side"),
    AppAction("e", "toggle_entities", "Entities", "Show or hide the entity sidebar"),
    AppAction("y", "copy_excerpt", "Copy", "Copy the current paragraph or search hit with its citation"),
    AppAction("Y", "copy_article", "Copy all", "Copy the whole article with its citation", "Y", show=False),
    AppAction("h", "history", "History", "Every excerpt copied this session; export as Markdown"),
    AppAction("n", "next_match", "Next match", "Next highlighted match in the article", show=False),
    AppAction("N", "previous_match", "Prev match", "Previous highlighted match in the article", show=False),
    AppAction("s", "cycle_sort", "Sort", "Sort the list: newest, oldest, title, outlet", show=False),
    AppAction("f", "cycle_city", "City", "Filter the list by city (cycles)", show=False),
    AppAction("t", "timeline", "Timeline", "Articles and trips per city over time", show=False),
    AppAction("T", "toggle_theme", "Theme", "Switch between dark and light themes", "T", show=False),
    AppAction("r", "reload", "Reload", "Show articles another valley-tui (an ingest) added meanwhile", show=False),
    AppAction("question_mark", "help", "Help", "This help", "?"),
    AppAction("q", "quit", "Quit", "Leave valley-tui"),
)

# Keys handled by the widgets themselves; listed so the help screen is complete.
PANE_KEYS: tuple[tuple[str, str], ...] = (
    ("j / k, ↓ / ↑", "Move in the list, the results, the reader (by paragraph) or the entities"),
    ("PgUp / PgDn, Home / End", "Move by a page, to the start or the end"),
    ("Tab / Shift+Tab", "Next / previous pane"),
    ("Enter", "Open the article, the search hit, or filter by the entity"),
    ("ctrl+p", "Command palette: jump to an article or entity by name"),
)


def bindings() -> list[Binding]:
    return [
        Binding(
            a.keys,
            a.action,
            a.description,
            show=a.show,
            key_display=a.key_display,
            priority=a.priority,
        )
        for a in ACTIONS
    ]


def help_rows() -> list[tuple[str, str]]:
    rows = [(a.key_display or a.keys, a.help) for a in ACTIONS]
    return rows + list(PANE_KEYS)
