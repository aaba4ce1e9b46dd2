"""Every excerpt copied this session, exportable as one Markdown file."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store.records import Excerpt
from tui.clipboard import clipboard_text, history_markdown, plain_citation
from tui.screens.quit import export_history


class CopyHistoryScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,q,h", "dismiss", "Close"),
        Binding("x", "export", "Export Markdown"),
        Binding("y", "recopy", "Copy again"),
        Binding("m", "copy_markdown", "Copy all as Markdown"),
    ]
    DEFAULT_CSS = """
    CopyHistoryScreen { align: center middle; }
    CopyHistoryScreen > Vertical { width: 90%; height: 90%; border: round $accent; background: $surface; }
    CopyHistoryScreen OptionList { height: 1fr; }
    """

    def __init__(self, excerpts: list[Excerpt], export_dir: Path) -> None:
        super().__init__()
        self.excerpts = excerpts
        self.export_dir = export_dir

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Copy history — {len(self.excerpts)} excerpts this session", style="bold"))
            options = OptionList(id="history")
            for n, e in enumerate(reversed(self.excerpts)):
                body = Text(e.text if len(e.text) < 200 else e.text[:200] + "…")
                options.add_option(Option(Group(body, Text(plain_citation(e), style="dim")), id=str(n)))
            if not self.excerpts:
                options.add_option(Option(Text("Nothing copied yet: press y in the reader.", style="italic"), disabled=True))
            yield options
            yield Footer()

    def _selected(self) -> Excerpt | None:
        options = self.query_one("#history", OptionList)
        if options.highlighted is None or not self.excerpts:
            return None
        return list(reversed(self.excerpts))[options.highlighted]

    def action_recopy(self) -> None:
        excerpt = self._selected()
        if excerpt is not None:
            self.app.copy_text(clipboard_text(excerpt), what="excerpt")  # type: ignore[attr-defined]

    def action_copy_markdown(self) -> None:
        self.app.copy_text(history_markdown(self.excerpts), what="copy history")  # type: ignore[attr-defined]

    def action_export(self) -> None:
        if not self.excerpts:
            self.notify("Nothing to export yet.", severity="warning", markup=False)
            return
        path = export_history(self.app.prefs, self.export_dir)  # type: ignore[attr-defined]
        if path is None:
            self.notify(f"error: {self.export_dir}: cannot write the export there", severity="error", markup=False)
            return
        self.notify(f"Exported {len(self.excerpts)} excerpts to {path}", markup=False)
