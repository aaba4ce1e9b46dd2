"""The `?` help screen: `help.md` beside the app, plus a key table built
from the same registry as the bindings (so it cannot drift)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from tui.actions import help_rows

HELP_FILE = Path(__file__).resolve().parent.parent / "help.md"


def help_markdown() -> str:
    def cell(s: str) -> str:
        return s.replace("|", "\\|")

    rows = ["| Key | Does |", "|---|---|"]
    rows += [f"| `{cell(k)}` | {cell(v)} |" for k, v in help_rows()]
    return HELP_FILE.read_text(encoding="utf-8") + "\n" + "\n".join(rows) + "\n"


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close"),
        Binding("j,down", "scroll('down')", show=False),
        Binding("k,up", "scroll('up')", show=False),
        Binding("pagedown,space", "scroll('page_down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("home", "scroll('home')", show=False),
        Binding("end", "scroll('end')", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 90%; max-width: 100; height: 90%; border: round $accent; background: $surface; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Markdown(help_markdown())

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        moves = {"down": body.scroll_down, "up": body.scroll_up, "page_down": body.scroll_page_down,
                 "page_up": body.scroll_page_up, "home": body.scroll_home, "end": body.scroll_end}
        moves[direction](animate=False)
