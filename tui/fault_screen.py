"""A fault the app cannot work around (a damaged file, a database from a newer
valley-tui, a full disk, a busy database): one sentence that says what is
wrong and what to do, in place of the app, never a traceback. q quits."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static

#: What to do about each fault class, after the sentence saying what it is.
ADVICE = {
    "not a valley-tui database": "Open another file with --db, or move this one away to start afresh.",
    "newer valley-tui": "Upgrade valley-tui to open it (pip install --upgrade valley-tui).",
    "disk full": "Free some space and start again: nothing stored before is lost.",
    "read-only": "Copy the file somewhere writable, or open it as it is to read.",
    "busy": "Wait for the other program to finish, then start again.",
}


class FaultScreen(Screen[None]):
    DEFAULT_CSS = """
    FaultScreen { align: center middle; }
    FaultScreen #fault { width: 80%; max-width: 100; border: heavy $error; padding: 1 2; }
    """
    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, line: str) -> None:
        super().__init__()
        self.line = line

    def compose(self) -> ComposeResult:
        advice = next((text for key, text in ADVICE.items() if key in self.line), "")
        body = self.line + ("\n\n" + advice if advice else "") + "\n\nPress q to quit."
        with Middle(), Center():
            yield Static(body, id="fault", markup=False)
