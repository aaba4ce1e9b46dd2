"""Search results: each hit's paragraph with its matches highlighted.

A hit is shown as a window of its paragraph around the first match, so long
paragraphs do not push the other results off screen. A page of hits is listed
at a time (an OptionList is fast enough for that); the rest of the counted hits
wait in `pending` and come in a page at a time when the cursor reaches the end.
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

    class MoreShown(Message):
        """Another page of the pending hits is listed."""

    PAGE = 50

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[SearchHit] = []
        self.pending: list[SearchHit] = []  # counted, not listed yet
        self.query = ""

    def show_hits(self, query: str, hits: list[SearchHit]) -> None:
        self.query = query
        self.hits = []
        self.pending = []
        self.clear_options()
        if not hits:
            self.add_option(Option(Text(f"No matches for “{query}”", style="italic"), disabled=True))
            return
        self._add(hits)
        self.highlighted = next(i for i in range(self.option_count) if not self.get_option_at_index(i).disabled)

    def add_pending(self, hits: list[SearchHit]) -> None:
        """Every hit of the query, counted: those not listed yet wait for the cursor."""
        listed = {(h.article_id, h.paragraph_index) for h in self.hits}
        self.pending = [h for h in hits if (h.article_id, h.paragraph_index) not in listed]

    @property
    def total(self) -> int:
        return len(self.hits) + len(self.pending)

    def _add(self, hits: list[SearchHit]) -> None:
        options: list[Option | None] = []
        shown = len(self.hits[-1].matched_terms) if self.hits and self.hits[-1].partial else None
        for hit in hits:
            n = len(self.hits)
            if n:
                options.append(None)  # a rule between hits
            if hit.partial and len(hit.matched_terms) != shown:
                shown = len(hit.matched_terms)
                options.append(Option(divider(hit), disabled=True))
            options.append(Option(Group(heading(hit), snippet(hit)), id=str(n)))
            self.hits.append(hit)
        self.add_options(options)

    def show_more(self) -> bool:
        """The next page of pending hits, listed below; False when none wait."""
        if not self.pending:
            return False
        page, self.pending = self.pending[: self.PAGE], self.pending[self.PAGE :]
        self._add(page)
        self.post_message(self.MoreShown())
        return True

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """At the last hit (↓, End, PgDn, a click): the next page comes in."""
        if event.option_index >= self.option_count - 1:
            self.show_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        """Scrolled to the bottom (the mouse wheel, the scroll bar): the next page comes in."""
        super().watch_scroll_y(old, new)
        if self.pending and new > old:
            self.call_after_refresh(self._more_at_bottom)

    def _more_at_bottom(self) -> None:
        # after the refresh: a page the cursor just brought in has grown the list by then
        if self.pending and self.max_scroll_y > 0 and self.scroll_y >= self.max_scroll_y:
            self.show_more()

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
