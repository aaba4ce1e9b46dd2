"""Search results: each hit's paragraph with its matches highlighted.

A hit is shown as a window of its paragraph around the first match, so long
paragraphs do not push the other results off screen. At most a few dozen hits
are listed, so an OptionList is fast enough.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:  # store pulls in sqlite_utils: kept off the start-up path
    from store.records import SearchHit

BEFORE = 40
LENGTH = 180


def snippet(hit: SearchHit) -> Text:
    """The paragraph around its first match, the matches styled; never markup."""
    text = hit.text
    first = min((s for s, _ in hit.spans), default=0)
    start = max(0, first - BEFORE)
    end = min(len(text), start + LENGTH)
    body = Text()
    if start > 0:
        body.append("…")
    offset = body.cell_len and 1  # characters added before the paragraph text
    body.append(text[start:end])
    if end < len(text):
        body.append("…")
    for s, e in hit.spans:
        s2, e2 = max(s, start), min(e, end)
        if s2 < e2:
            body.stylize("bold reverse", s2 - start + offset, e2 - start + offset)
    return body


def heading(hit: SearchHit) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    if hit.published:
        line.append(hit.published[:10] + " ", style="dim")
    if hit.outlet:
        line.append(hit.outlet + " ", style="italic")
    line.append(hit.title or "(untitled)", style="bold")
    line.append(f"  ¶{hit.paragraph_index}", style="dim")
    if len(hit.snippets) > 1:
        line.append(f"  {len(hit.snippets)} paragraphs match", style="dim")
    if hit.copies:
        line.append(f"  +{len(hit.copies)} cop{'y' if len(hit.copies) == 1 else 'ies'}", style="dim")
    return line


def divider(hit: SearchHit) -> Text:
    """Where the articles with every word end: the rest hold only some of them."""
    return Text(f"── {len(hit.matched_terms)} of {hit.terms} words ──", style="italic dim")


class Results(OptionList):
    """Enter opens the hit in the reader."""

    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
    ]

    class HitChosen(Message):
        def __init__(self, hit: SearchHit) -> None:
            self.hit = hit
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[SearchHit] = []
        self.query = ""

    def show_hits(self, query: str, hits: list[SearchHit]) -> None:
        self.query = query
        self.hits = hits
        self.clear_options()
        if not hits:
            self.add_option(Option(Text(f"No matches for “{query}”", style="italic"), disabled=True))
            return
        options: list[Option | None] = []
        shown = None
        for n, hit in enumerate(hits):
            if n:
                options.append(None)  # a rule between hits
            if hit.partial and len(hit.matched_terms) != shown:
                shown = len(hit.matched_terms)
                options.append(Option(divider(hit), disabled=True))
            options.append(Option(Group(heading(hit), snippet(hit)), id=str(n)))
        self.add_options(options)
        self.highlighted = next(i for i, o in enumerate(o for o in options if o is not None) if not o.disabled)

    @property
    def current(self) -> SearchHit | None:
        if self.highlighted is None or not self.hits:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.hits[int(option.id)] if option.id is not None and option.id.isdigit() else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.HitChosen(self.hits[int(event.option.id)]))
