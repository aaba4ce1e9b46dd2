"""The reader: one article, a paragraph cursor, and highlighted matches.

Each paragraph is its own Static so the reader can scroll a paragraph into
view, mark the current one (what `y` copies) and restyle only the paragraphs
whose highlights change. Article text is always a rich `Text`, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Static

if TYPE_CHECKING:  # store pulls in sqlite_utils: kept off the start-up path
    from store.records import Article, Paragraph

MATCH = "reverse"
CURRENT_MATCH = "bold reverse underline"


@dataclass(frozen=True)
class Mark:
    """A span to highlight: paragraph index and character offsets in it."""

    paragraph: int
    start: int
    end: int


def meta_line(article: Article) -> Text:
    parts: list[Text] = []
    if article.published:
        when = article.published[:16].replace("T", " ") if article.published_precision == "minute" else article.published[:10]
        parts.append(Text(when))
    if article.outlet:
        parts.append(Text(article.outlet, style="bold"))
    if article.reporters:
        parts.append(Text(", ".join(f"{r.name} {_role(r.role)}".strip() for r in article.reporters)))
    if article.cities:
        parts.append(Text(" ".join(article.cities), style="italic"))
    return Text(" · ").join(parts)


def _role(role: str) -> str:
    return {"reporter": "기자", "photographer": "사진기자", "correspondent": "특파원"}.get(role, role)


class ParagraphView(Static):
    """One paragraph; its `kind` decides how it is set apart (captions, quotes)."""

    def __init__(self, paragraph: Paragraph) -> None:
        super().__init__(Text(paragraph.text), classes=f"paragraph -{paragraph.kind}")
        self.paragraph = paragraph

    def show(self, marks: list[Mark], current: Mark | None) -> None:
        text = Text(self.paragraph.text)
        for mark in marks:
            text.stylize(CURRENT_MATCH if mark == current else MATCH, mark.start, mark.end)
        self.update(text)


class Reader(VerticalScroll, can_focus=True):
    """Scrolls an article; j/k move the paragraph cursor."""

    BINDINGS = [
        Binding("down,j", "next_paragraph", "Next paragraph", show=False),
        Binding("up,k", "previous_paragraph", "Previous paragraph", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
    ]

    class ParagraphChanged(Message):
        def __init__(self, index: int | None) -> None:
            self.index = index
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.current: int | None = None  # paragraph index under the cursor
        self.marks: list[Mark] = []
        self.mark_cursor: int | None = None
        self._views: dict[int, ParagraphView] = {}

    def compose(self):
        yield Static(Text("Select an article on the left, or press / to search.", style="italic"), classes="empty")

    # -- content ---------------------------------------------------------
    async def show_article(self, article: Article, *, paragraph: int | None = None, marks: list[Mark] | None = None) -> None:
        self.article = article
        self.marks = sorted(marks or [], key=lambda m: (m.paragraph, m.start))
        self.mark_cursor = None
        await self.remove_children()
        heading = Text(article.title) if article.title else Text("(untitled: the page has no headline)", style="dim italic")
        if article.labels:
            heading = Text.assemble(*((f"[{label}] ", "bold") for label in article.labels), heading)
        widgets: list[Static] = [Static(heading, classes="title")]
        for subtitle in article.subtitles:
            widgets.append(Static(Text(subtitle), classes="subtitle"))
        widgets.append(Static(meta_line(article), classes="meta"))
        if article.url:
            widgets.append(Static(Text(article.url), classes="url"))
        self._views = {}
        for p in article.paragraphs:
            view = ParagraphView(p)
            self._views[p.index] = view
            widgets.append(view)
        await self.mount_all(widgets)
        self._paint_marks()
        first = paragraph if paragraph is not None else (article.paragraphs[0].index if article.paragraphs else None)
        if paragraph is not None and self.marks:
            self.mark_cursor = next((n for n, m in enumerate(self.marks) if m.paragraph == paragraph), 0)
            self._paint_marks()
        self.set_current(first, scroll=paragraph is not None, top=True)
        if paragraph is None:
            self.scroll_home(animate=False)

    def set_marks(self, marks: list[Mark], *, jump: bool = True) -> None:
        """Highlight spans (search matches, an entity's mentions)."""
        self.marks = sorted(marks, key=lambda m: (m.paragraph, m.start))
        self.mark_cursor = None
        self._paint_marks()
        if jump and self.marks:
            self.step_match(1)

    def _paint_marks(self) -> None:
        current = self.marks[self.mark_cursor] if self.mark_cursor is not None and self.marks else None
        by_para: dict[int, list[Mark]] = {}
        for m in self.marks:
            by_para.setdefault(m.paragraph, []).append(m)
        for index, view in self._views.items():
            view.show(by_para.get(index, []), current)

    def step_match(self, delta: int) -> Mark | None:
        if not self.marks:
            return None
        if self.mark_cursor is None:
            self.mark_cursor = 0 if delta > 0 else len(self.marks) - 1
        else:
            self.mark_cursor = (self.mark_cursor + delta) % len(self.marks)
        mark = self.marks[self.mark_cursor]
        self._paint_marks()
        self.set_current(mark.paragraph, scroll=True)
        return mark

    # -- paragraph cursor --------------------------------------------------
    def set_current(self, index: int | None, *, scroll: bool = True, top: bool = False) -> None:
        if self.current is not None and self.current in self._views:
            self._views[self.current].remove_class("-current")
        self.current = index
        view = self._views.get(index) if index is not None else None
        if view is not None:
            view.add_class("-current")
            if scroll:
                self.call_after_refresh(self.scroll_to_widget, view, animate=False, top=top)
        self.post_message(self.ParagraphChanged(index))

    def _step(self, delta: int) -> None:
        if not self._views:
            return
        order = list(self._views)
        if self.current not in self._views:
            self.set_current(order[0])
            return
        pos = order.index(self.current) + delta
        if 0 <= pos < len(order):
            self.set_current(order[pos])
        elif delta < 0:
            self.scroll_home(animate=False)

    def action_next_paragraph(self) -> None:
        self._step(1)

    def action_previous_paragraph(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        if self._views:
            self.set_current(next(iter(self._views)))
        self.scroll_home(animate=False)

    def action_last(self) -> None:
        if self._views:
            self.set_current(list(self._views)[-1])

    def on_click(self, event) -> None:
        widget = event.widget
        while widget is not None and widget is not self:
            if isinstance(widget, ParagraphView):
                self.set_current(widget.paragraph.index, scroll=False)
                return
            widget = widget.parent
