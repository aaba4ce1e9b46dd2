"""Quitting with copied excerpts that were never exported: ask once."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.clipboard import history_markdown
from tui.preferences import Preferences


def export_history(prefs: Preferences, folder: Path) -> Path | None:
    """The whole copy history as one Markdown file in `folder`; None when it cannot be written."""
    path = folder / f"valley-excerpts-{datetime.now():%Y%m%d-%H%M%S}.md"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(history_markdown(prefs.excerpts), encoding="utf-8")
    except OSError:
        return None
    prefs.mark_exported()
    return path


class QuitScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    QuitScreen { align: center middle; }
    QuitScreen > Vertical { width: 64; height: auto; border: heavy $warning; padding: 1 2; background: $surface; }
    """
    BINDINGS = [
        Binding("x", "answer('export')", "Export, then quit"),
        Binding("q", "answer('quit')", "Quit anyway"),
        Binding("escape", "answer(None)", "Stay"),
    ]

    def __init__(self, unexported: int) -> None:
        super().__init__()
        self.unexported = unexported

    def compose(self) -> ComposeResult:
        noun = "excerpt was" if self.unexported == 1 else "excerpts were"
        with Vertical():
            yield Static(
                f"{self.unexported} copied {noun} never exported (they stay in the copy history, h).\n\n"
                "x  export the copy history as Markdown, then quit\n"
                "q  quit anyway\n"
                "Esc  stay",
                markup=False,
            )

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
