"""The article list: a virtual ScrollView that draws only the visible rows.

Why not DataTable/OptionList/ListView: they build and measure every row, which
takes seconds at 10k-100k articles. Here `render_line` asks a row source for a
page of rows by offset (SQLite LIMIT/OFFSET) and keeps a few pages cached, so
the cost of a frame is the rows on screen, whatever the corpus size.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

if TYPE_CHECKING:  # store pulls in sqlite_utils: kept off the start-up path
    from store.records import ArticleSummary

PAGE = 200
PAGES_KEPT = 8


class RowSource(Protocol):
    """Where the list's rows come from."""

    def count(self) -> int: ...

    def fetch(self, offset: int, limit: int) -> list[ArticleSummary]: ...


@dataclass
class CorpusRows:
    """Rows straight from SQLite, in the order and city filter chosen."""

    corpus: object  # store.corpus.Corpus (main-thread connection)
    city: str | None = None
    order: str = "published"
    descending: bool = True

    def count(self) -> int:
        return self.corpus.count(city=self.city)  # type: ignore[attr-defined]

    def fetch(self, offset: int, limit: int) -> list[ArticleSummary]:
        return self.corpus.articles(  # type: ignore[attr-defined]
            city=self.city, order=self.order, descending=self.descending, limit=limit, offset=offset
        )


@dataclass
class FixedRows:
    """A list already in memory (e.g. the articles naming one entity)."""

    rows: list[ArticleSummary]

    def count(self) -> int:
        return len(self.rows)

    def fetch(self, offset: int, limit: int) -> list[ArticleSummary]:
        return self.rows[offset : offset + limit]


def short_city(city: str) -> str:
    """포항시 -> 포항: the list column is narrow, and the 시/군 suffix says nothing."""
    return city[:-1] if len(city) > 2 and city[-1] in "시군구" else city


#: Below this many cells a list row is its date and title only.
NARROW_LIST = 44


def row_text(row: ArticleSummary, width: int) -> Text:
    """One list row, laid out by display cells so Korean never breaks the columns."""
    date = (row.published or "")[:10]
    columns = [
        (row.outlet or "", 10 if width >= 60 else 8, "italic"),
        (",".join(short_city(c) for c in row.cities), 6 if width >= 60 else 4, "bold"),
    ]
    if width < 60:
        date = date[2:] if date else ""
        # a narrow list (an 80-column terminal) keeps a readable title: the outlet
        # goes first, then the city; the reader's header shows both
        columns = columns[1:] if width >= NARROW_LIST else []
    date_w = 10 if width >= 60 else 8
    text = Text(no_wrap=True, overflow="ellipsis")
    cell = Text(date or "—", style="dim")
    cell.truncate(date_w, overflow="ellipsis", pad=True)
    text.append_text(cell)
    text.append(" ")
    for value, w, style in columns:
        cell = Text(value, style=style)
        cell.truncate(w, overflow="ellipsis", pad=True)
        text.append_text(cell)
        text.append(" ")
    rest = max(1, width - text.cell_len)
    title = Text.assemble(("(untitled) ", "dim italic"), (row.title, "dim")) if row.untitled else Text(row.title)
    title.truncate(rest, overflow="ellipsis", pad=True)
    text.append_text(title)
    text.truncate(width, overflow="ellipsis", pad=True)
    return text


class ArticleList(ScrollView, can_focus=True):
    """Keyboard and mouse list of article rows fetched by window."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "open", "Open", show=False),
    ]

    COMPONENT_CLASSES = {"article-list--cursor", "article-list--empty"}

    DEFAULT_CSS = """
    ArticleList { background: $surface; }
    ArticleList > .article-list--cursor { background: $block-cursor-blurred-background; }
    ArticleList:focus > .article-list--cursor { background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold; }
    ArticleList > .article-list--empty { color: $text-muted; }
    """

    cursor = reactive(0, always_update=True)

    class Highlighted(Message):
        def __init__(self, summary: ArticleSummary | None) -> None:
            self.summary = summary
            super().__init__()

    class Opened(Message):
        def __init__(self, summary: ArticleSummary) -> None:
            self.summary = summary
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source: RowSource = FixedRows([])
        self.total = 0
        self.empty_message = "No articles"
        self._pages: OrderedDict[int, list[ArticleSummary]] = OrderedDict()
        self.fetches = 0  # how many windows were read: tests check virtualisation

    # -- data ------------------------------------------------------------
    def set_source(self, source: RowSource, *, keep_cursor: bool = False) -> None:
        self.source = source
        self._pages.clear()
        self.total = source.count()
        self.virtual_size = Size(self.size.width, self.total)
        self.cursor = min(self.cursor, max(0, self.total - 1)) if keep_cursor else 0
        if not keep_cursor:
            self.scroll_to(y=0, animate=False)
        self.refresh()

    def row(self, index: int) -> ArticleSummary | None:
        if not 0 <= index < self.total:
            return None
        page = index // PAGE
        rows = self._pages.get(page)
        if rows is None:
            rows = self.source.fetch(page * PAGE, PAGE)
            self.fetches += 1
            self._pages[page] = rows
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = index - page * PAGE
        return rows[offset] if offset < len(rows) else None

    @property
    def current(self) -> ArticleSummary | None:
        return self.row(self.cursor)

    def select_id(self, article_id: str) -> bool:
        """Move the cursor onto an article if it is in the loaded pages."""
        for page, rows in self._pages.items():
            for n, r in enumerate(rows):
                if r.id == article_id:
                    self.cursor = page * PAGE + n
                    return True
        return False

    # -- drawing ---------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if self.total == 0:
            if y == 0:
                style = self.get_component_rich_style("article-list--empty")
                text = Text(self.empty_message, style=style)
                text.truncate(width, overflow="ellipsis", pad=True)
                return self._strip(text, width)
            return Strip.blank(width, self.rich_style)
        row = self.row(index)
        if row is None:
            return Strip.blank(width, self.rich_style)
        text = row_text(row, width)
        if index == self.cursor:
            text.stylize(self.get_component_rich_style("article-list--cursor"))
        return self._strip(text, width)

    def _strip(self, text: Text, width: int) -> Strip:
        text.end = ""
        segments = list(text.render(self.app.console))
        base: Style = self.rich_style
        segments = list(Segment.apply_style(segments, base))
        return Strip(segments).crop_extend(0, width, base)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.total)

    # -- cursor ----------------------------------------------------------
    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_region_y(new)
        self.refresh()
        self.post_message(self.Highlighted(self.row(new)))

    def scroll_to_region_y(self, index: int) -> None:
        top = self.scroll_offset.y
        height = self.scrollable_content_region.height or 1
        if index < top:
            self.scroll_to(y=index, animate=False)
        elif index >= top + height:
            self.scroll_to(y=index - height + 1, animate=False)

    def _move(self, delta: int) -> None:
        if self.total:
            self.cursor = max(0, min(self.total - 1, self.cursor + delta))

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_page_up(self) -> None:
        self._move(-(self.scrollable_content_region.height or 1))

    def action_page_down(self) -> None:
        self._move(self.scrollable_content_region.height or 1)

    def action_first(self) -> None:
        self._move(-self.total)

    def action_last(self) -> None:
        self._move(self.total)

    def action_open(self) -> None:
        current = self.current
        if current is not None:
            self.post_message(self.Opened(current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)  # inside the border: row 0 is the first article
        if offset is None:
            return
        index = self.scroll_offset.y + offset.y
        if 0 <= index < self.total:
            self.cursor = index
            if event.chain >= 2:
                self.action_open()
