"""What is known about one entity: role, affiliation, aliases, and every
mention with the sentence around it."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store.records import Entity
from tui.widgets.entity_sidebar import type_label

CONTEXT = 40


@dataclass
class MentionContext:
    article_id: str
    title: str
    paragraph_index: int
    text: str  # the paragraph
    start: int
    end: int

    def window(self) -> Text:
        s = max(0, self.start - CONTEXT)
        e = min(len(self.text), self.end + CONTEXT)
        out = Text("…" if s else "")
        lead = out.cell_len and 1
        out.append(self.text[s:e])
        if e < len(self.text):
            out.append("…")
        out.stylize("bold reverse", self.start - s + lead, self.end - s + lead)
        return out


class EntityScreen(ModalScreen[None]):
    """Enter on a mention opens it in the reader."""

    BINDINGS = [Binding("escape,q", "dismiss", "Close"), Binding("j", "down", show=False), Binding("k", "up", show=False)]
    DEFAULT_CSS = """
    EntityScreen { align: center middle; }
    EntityScreen > Vertical { width: 90%; height: 90%; border: round $accent; background: $surface; }
    EntityScreen #facts { height: auto; padding: 0 1; }
    EntityScreen OptionList { height: 1fr; }
    """

    class MentionChosen(Message):
        def __init__(self, mention: MentionContext) -> None:
            self.mention = mention
            super().__init__()

    def __init__(self, entity: Entity, mentions: list[MentionContext]) -> None:
        super().__init__()
        self.entity = entity
        self.mentions = mentions

    def compose(self) -> ComposeResult:
        e = self.entity
        facts = Text()
        facts.append(e.name, style="bold")
        facts.append(f"  {type_label(e.type)}\n", style="dim")
        for label, value in (("역할 role", e.role), ("소속 affiliation", e.affiliation), ("별칭 aliases", ", ".join(e.aliases))):
            facts.append(f"{label}: ", style="dim")
            facts.append((value or "—") + "\n")
        articles = len({m.article_id for m in self.mentions})
        facts.append(f"{len(self.mentions)} mentions in {articles} articles", style="italic")
        with Vertical():
            yield Static(facts, id="facts")
            options = OptionList(id="mentions")
            for n, m in enumerate(self.mentions):
                options.add_option(Option(Group(Text(f"{m.title}  ¶{m.paragraph_index}", style="dim"), m.window()), id=str(n)))
            yield options
            yield Footer()

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            mention = self.mentions[int(event.option.id)]
            self.dismiss()
            self.app.post_message(self.MentionChosen(mention))
