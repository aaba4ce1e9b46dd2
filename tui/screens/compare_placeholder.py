"""Shown for `c` until the comparison screen (tui/compare_screen.py) exists."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static


class ComparePlaceholder(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,c", "dismiss", "Close")]
    DEFAULT_CSS = """
    ComparePlaceholder { align: center middle; }
    ComparePlaceholder > Static { width: 60; height: auto; border: round $accent; padding: 1 2; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Text("City comparison\n\nThe comparison screen is not installed in this build.\nPress Esc to go back."), id="compare")
