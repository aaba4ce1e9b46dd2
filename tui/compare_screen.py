"""The four cities side by side (key `c`).

One column per city, one band per row of the comparison (leaders, initiatives,
trips, partners, focus, figures, quotes, coverage). Every fact is focusable;
Enter closes the screen with a `FactTarget` — the paragraph the fact comes
from — and posts `CompareScreen.FactChosen` so the app opens it in the reader,
highlighted. Columns keep a readable width: on a narrow terminal the grid
scrolls sideways and moving left/right brings the next city into view.

The comparison itself comes from `store.compare`; this module only draws it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, ScrollableContainer, Vertical
from textual.events import Click, Resize
from textual.geometry import Region, Size
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

import store
from store import ROW_TITLES, coverage_text, fact_text
from store.records import ArticleSummary
from tui.widgets.article_list import ArticleList, FixedRows

#: Narrowest column that still reads well; below it the grid scrolls sideways.
MIN_COLUMN = 28

#: Comparisons being computed, by (database, cities): a second `c` while one runs
#: waits for it instead of starting another.
_RUNNING: dict[tuple[str, tuple[str, ...], int], Future] = {}
#: Entries a cell shows before its '+N more' (the comparison ranks them): a
#: corpus of thousands of articles draws a grid of dozens of lines, not thousands.
CELL_LIMIT = 5
_RUNNING_LOCK = threading.Lock()


@dataclass(frozen=True)
class FactTarget:
    """Where a fact comes from: the reader opens this paragraph and marks the span."""

    article_id: str
    paragraph_index: int
    start: int = 0
    end: int = 0
    #: where on the comparison the fact sits (row, column, position): Esc from the reader returns there
    at: tuple[str, int, int] | None = field(default=None, compare=False)


class FactItem:
    """One fact in one city's cell: an entry its `Cell` draws as lines, not a widget of its
    own (a cell of a big corpus lists hundreds; a widget each cost Textual every key)."""

    def __init__(self, text: str, fact: dict[str, Any], row: str, column: int, band: int) -> None:
        self.text = text
        self.fact = fact
        self.row = row
        self.column = column
        self.band = band
        self.source = 0  # which of the fact's paragraphs Enter opens

    def label(self) -> Text:
        return Text("• " + self.text)

    @property
    def target(self) -> FactTarget | None:
        evidence = self.fact.get("evidence") or []
        if not evidence:
            return None
        ev = evidence[self.source % len(evidence)]
        return FactTarget(ev["article_id"], ev["paragraph_index"], ev.get("start", 0), ev.get("end", 0))


class MoreItem(FactItem):
    """`+N more` at the foot of a cell: Enter lists the next EXPAND_PAGE in place."""

    def __init__(self, more: int, row: str, column: int, band: int) -> None:
        super().__init__(f"+{more} more", {}, row, column, band)
        self.more = more

    def label(self) -> Text:
        return Text(f"  +{self.more} more", style="italic")


class Cell(Widget):
    """One city's entries in one row of the grid, wrapped to the cell's width; the
    cursor marks the selected entry of the active cell. The grid keeps the focus
    throughout: a focus change repaints Textual's whole screen."""

    COMPONENT_CLASSES = {"cell--cursor"}

    def __init__(self, items: list[FactItem], row: str, column: int) -> None:
        super().__init__(classes=f"cell facts cell-{row}-{column}")
        self.items = items
        self.cursor = 0
        self.active = False
        self._wrapped: tuple[int, list[list[Text]]] = (-1, [])
        self._rows: list[tuple[int, Text]] = []  # (entry, line) for each line at that width

    @property
    def current(self) -> FactItem | None:
        return self.items[self.cursor] if self.items else None

    def set_items(self, items: list[FactItem]) -> None:
        self.items, self._wrapped = items, (-1, [])
        self.refresh(layout=True)

    def select(self, index: int, active: bool = True) -> None:
        self.cursor, self.active = max(0, min(index, len(self.items) - 1)), active
        self.refresh()

    def lines(self, width: int) -> list[list[Text]]:
        """Each entry's lines at this width (cached: the grid redraws on every key)."""
        if self._wrapped[0] != width:
            console = self.app.console
            wrapped = [list(item.label().wrap(console, max(1, width))) for item in self.items]
            self._wrapped = (width, wrapped)
            self._rows = [(n, line) for n, lines in enumerate(wrapped) for line in lines]
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return sum(len(lines) for lines in self.lines(width))

    def render_line(self, y: int) -> Strip:
        """One line of the cell (Textual asks only for the lines on screen: a cell
        of hundreds of entries costs what its visible part costs)."""
        width = self.size.width
        self.lines(width)
        if y >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        n, line = self._rows[y]
        if n == self.cursor and self.active:
            line = line.copy()
            line.pad_right(width - line.cell_len)
            line.stylize(self.get_component_rich_style("cell--cursor"))
        segments = list(line.render(self.app.console))
        return Strip(segments, line.cell_len).extend_cell_length(width).apply_style(self.rich_style)

    def span(self, index: int) -> tuple[int, int]:
        """First line and height of entry `index` within the cell."""
        heights = [len(lines) for lines in self.lines(self.size.width)]
        return sum(heights[:index]), heights[index] if index < len(heights) else 1

    def index_at(self, y: int) -> int:
        """The entry drawn on line `y` of the cell."""
        self.lines(self.size.width)
        return self._rows[max(0, min(y, len(self._rows) - 1))][0] if self._rows else 0

    def scroll_to_cursor(self) -> None:
        """Scroll the grid (and every container between) so the cursor's lines show:
        Textual's scroll_to_widget, for a region inside this widget."""
        top, height = self.span(self.cursor)
        box = self.virtual_region
        region = Region(box.x, box.y + self.styles.gutter.top + top, box.width, height)
        widget: Widget = self
        while isinstance(widget.parent, Widget) and region:
            container = widget.parent
            offset = container.scroll_to_region(region, animate=False, immediate=True)
            region = (
                region.translate(-offset)
                .translate(container.styles.gutter.top_left)
                .translate(container.virtual_region.offset)
                .intersection(container.virtual_region)
            )
            widget = container

    def on_resize(self, event: Resize) -> None:
        if self.active:  # grown by '+N more', or rewrapped: the cursor's entry stays in view
            self.scroll_to_cursor()

    def on_click(self, event: Click) -> None:
        self.screen.select(self.items[self.index_at(event.y - self.styles.gutter.top)])  # type: ignore[attr-defined]
        if event.chain >= 2:
            self.screen.action_open_fact()  # type: ignore[attr-defined]


class SourcesScreen(ModalScreen["dict[str, Any] | None"]):
    """Every source of one fact, one row each (date, outlet, title, ¶): Enter opens one.
    A leader of a big corpus has thousands: the list draws only the rows on screen."""

    BINDINGS = [Binding("escape,q", "dismiss(None)", "Back")]
    DEFAULT_CSS = """
    SourcesScreen { align: center middle; background: $background; }
    SourcesScreen ArticleList { width: 90%; height: 80%; border: round $accent; }
    """

    def __init__(self, title: str, sources: list[tuple[ArticleSummary, dict[str, Any]]]) -> None:
        super().__init__()
        self.heading = title
        self.sources = sources

    def compose(self) -> ComposeResult:
        rows = ArticleList()
        rows.border_title = self.heading
        yield rows

    def on_mount(self) -> None:
        rows = self.query_one(ArticleList)
        rows.set_source(FixedRows([row for row, _ in self.sources]))
        rows.focus()

    def on_article_list_opened(self, event: ArticleList.Opened) -> None:
        event.stop()
        self.dismiss(self.sources[self.query_one(ArticleList).cursor][1])


#: Entries a `+N more` adds to its cell at a time (a cell of a big corpus holds thousands).
EXPAND_PAGE = 50

#: What the footer would list, drawn once.
KEYS_LINE = Text.assemble(
    *[part for key, what in (("↑↓←→", "move"), ("enter", "open source"), ("s", "sources"), ("n/p", "next/prev source"),
                             ("y", "copy fact"), ("esc", "close"))
      for part in ((f" {key} ", "bold"), (f"{what}  ", ""))]
)


class CompareScreen(Screen[FactTarget | None]):
    """Side-by-side comparison; dismisses with the chosen fact's paragraph."""

    BINDINGS = [
        Binding("escape,q", "close", "Close"),
        Binding("enter", "open_fact", "Open source"),
        Binding("y", "copy_fact", "Copy fact"),
        Binding("s", "sources", "Sources"),
        Binding("right_square_bracket,n", "cycle_source(1)", "Next source"),
        Binding("left_square_bracket,p", "cycle_source(-1)", "Prev source", show=False),
        Binding("down,j", "move(0, 1)", "Down", show=False, priority=True),
        Binding("up,k", "move(0, -1)", "Up", show=False, priority=True),
        Binding("right,l", "move(1, 0)", "Next city", show=False, priority=True),
        Binding("left,h", "move(-1, 0)", "Previous city", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    CompareScreen { layout: vertical; }
    CompareScreen #compare-title { height: 1; padding: 0 1; background: $accent 30%; text-style: bold; }
    CompareScreen #grid { height: 1fr; overflow-x: auto; overflow-y: auto; }
    CompareScreen .band { height: auto; width: auto; }
    CompareScreen .band-title { height: 1; padding: 0 1; color: $text-muted; text-style: bold; background: $boost; }
    CompareScreen .heading { height: auto; width: auto; }
    CompareScreen .city { height: 1; padding: 0 1; text-style: bold; color: $accent; }
    CompareScreen .cell { height: auto; padding: 0 1 0 0; }
    CompareScreen .facts { padding: 0 1; }
    CompareScreen Cell > .cell--cursor { background: $accent 40%; }
    CompareScreen .none { height: 1; padding: 0 0 0 1; color: $text-disabled; }
    CompareScreen #source { height: 2; padding: 0 1; background: $panel; color: $text-muted; }
    CompareScreen #keys { height: 1; padding: 0 1; background: $footer-background; color: $footer-foreground; }
    """

    class FactChosen(Message):
        """Posted to the app when Enter opens a fact's paragraph."""

        def __init__(self, target: FactTarget) -> None:
            self.target = target
            super().__init__()

    class Computed(Message):
        def __init__(self, result: dict[str, Any]) -> None:
            self.result = result
            super().__init__()

    def __init__(
        self, corpus: Any, cities: list[str] | None = None, *, focus: tuple[str, int, int] | None = None, top: int = CELL_LIMIT
    ) -> None:
        super().__init__()
        self.corpus = corpus
        self.top = top  # entries per cell before `+N more`
        #: (row, column, position) of the fact to focus when the grid is drawn: coming back to it
        self.focus_at = focus
        self.cities = list(cities or store.DEFAULT_CITIES)
        self.result: dict[str, Any] | None = None
        self.columns: list[list[FactItem]] = [[] for _ in self.cities]
        self.titles: dict[str, str] = {}  # article id -> "outlet · date  title", read when shown
        self.cells: dict[tuple[str, int], Cell] = {}
        self.active: Cell | None = None  # the cell whose cursor is the selection

    def compose(self) -> ComposeResult:
        yield Static(f"도시 비교 · {' · '.join(self.cities)}", id="compare-title")
        yield ScrollableContainer(Static("비교를 계산하는 중… (computing)", classes="none"), id="grid")
        yield Static("", id="source")
        # The keys as a line of their own: Textual's Footer recomposes on every focus change,
        # which tripled the cost of a move on the grid (bench/compare_keys.py)
        yield Static(KEYS_LINE, id="keys")

    def on_mount(self) -> None:
        self._compute()

    def _on_own_connection(self, fn: Any) -> Any:
        """`fn(corpus)` off the UI thread, on a connection of its own (SQLite
        objects stay in their thread); an in-memory corpus on the UI thread."""
        path = getattr(self.corpus, "path", None)
        if path is not None and str(path) != ":memory:" and path.exists():
            corpus = store.Corpus(path, check_same_thread=False)
            try:
                return fn(corpus)
            finally:
                corpus.close()
        return self.app.call_from_thread(fn, self.corpus)

    @work(thread=True, exclusive=True, group="compare")
    def _compute(self) -> None:
        """One computation per database and cities at a time: a screen opened
        while one runs waits for its result."""
        key = (str(getattr(self.corpus, "path", id(self.corpus))), tuple(self.cities), self.top)
        with _RUNNING_LOCK:
            running = _RUNNING.get(key)
            mine = running is None
            if mine:
                running = _RUNNING[key] = Future()
        if mine:
            try:
                running.set_result(self._on_own_connection(lambda corpus: corpus.compare(self.cities, top=self.top)))
            except BaseException as exc:
                running.set_exception(exc)
            finally:
                with _RUNNING_LOCK:
                    _RUNNING.pop(key, None)
        self.post_message(self.Computed(running.result()))

    async def on_compare_screen_computed(self, message: Computed) -> None:
        self.result = message.result
        grid = self.query_one("#grid", ScrollableContainer)
        await grid.remove_children()
        await grid.mount_all(self._bands(message.result))
        self._fit_columns()
        first = next((col[0] for col in self.columns if col), None)
        if self.focus_at is not None:
            row, column, position = self.focus_at
            same = [i for i in self.columns[column] if i.row == row] if column < len(self.columns) else []
            if position >= len(same) - 1 and same and isinstance(same[-1], MoreItem):
                self._expand(row, column, position)  # the fact was behind the cell's '+N more'
            first = same[position] if position < len(same) else first
        grid.focus(scroll_visible=False)
        if first is not None:
            self.select(first)

    def _title(self, article_id: str) -> str:
        """outlet · date  title of one source, read when first shown (its list row only)."""
        if article_id not in self.titles:
            if isinstance(self.corpus, (str, Path)):
                with store.Corpus(self.corpus) as corpus:
                    row = corpus.summaries([article_id]).get(article_id)
            else:
                row = self.corpus.summaries([article_id]).get(article_id)
            if row is None:
                self.titles[article_id] = article_id
            else:
                label = " · ".join(x for x in (row.outlet, (row.published or "")[:10]) if x)
                self.titles[article_id] = f"{label}  {row.title}" if label else row.title
        return self.titles[article_id]

    def _bands(self, result: dict[str, Any]) -> list[Vertical]:
        heading = Horizontal(*[Static(city, classes="city cell") for city in self.cities], classes="heading")
        bands: list[Vertical] = [Vertical(heading, classes="band")]
        for band, row in enumerate(ROW_TITLES):
            cells = []
            for col, city in enumerate(self.cities):
                data = result.get(city, {})
                items: list[FactItem] = []
                if row == "coverage":
                    cov = data.get("coverage", {})
                    ids = cov.get("article_ids", [])
                    if ids:
                        fact = {"evidence": [{"article_id": ids[0], "paragraph_index": 0}]}
                        items.append(FactItem(coverage_text(cov), fact, row, col, band))
                else:
                    items = [FactItem(fact_text(row, fact), fact, row, col, band) for fact in data.get(row, [])]
                    more = data.get("more", {}).get(row, 0)
                    if more:
                        items.append(MoreItem(more, row, col, band))
                self.columns[col].extend(items)
                if items:
                    self.cells[row, col] = Cell(items, row, col)
                    cells.append(self.cells[row, col])
                else:
                    cells.append(Vertical(Static("—", classes="none"), classes=f"cell cell-{row}-{col}"))
            bands.append(
                Vertical(Static(ROW_TITLES[row], classes="band-title"), Horizontal(*cells, classes="band"), classes="band")
            )
        return bands

    # -- layout ------------------------------------------------------------
    def on_resize(self, event: Resize) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Share the width between the cities, never below MIN_COLUMN: when they do
        not all fit, as many as fit fill the screen and the rest scroll in sideways."""
        n = max(1, len(self.cities))
        usable = max(MIN_COLUMN, self.size.width - 2)
        visible = max(1, min(n, usable // MIN_COLUMN))
        width = usable // visible
        for cell in self.query(".cell"):
            cell.styles.width = width
        for band in self.query(".band"):
            band.styles.width = width * n
        for title in self.query(".band-title"):
            title.styles.width = width * n

    # -- moving and choosing -------------------------------------------------
    def _focused_item(self) -> FactItem | None:
        return self.active.current if self.active is not None else None

    @property
    def current(self) -> FactItem | None:
        """The selected fact (the cursor of the active cell)."""
        return self._focused_item()

    def select(self, item: FactItem) -> None:
        """Move the cursor to `item`, in its cell, and bring it into view."""
        cell = self.cells[item.row, item.column]
        if self.active is not None and self.active is not cell:
            self.active.select(self.active.cursor, active=False)
        self.active = cell
        cell.select(cell.items.index(item))
        self.call_after_refresh(cell.scroll_to_cursor)  # where the layout has put it
        self._show_source()

    def action_move(self, dx: int, dy: int) -> None:
        item = self._focused_item()
        if item is None:
            first = next((col[0] for col in self.columns if col), None)
            if first is not None:
                self.select(first)
            return
        if dy:
            column = self.columns[item.column]
            i = column.index(item) + dy
            if 0 <= i < len(column):
                self.select(column[i])
            return
        col = item.column + dx
        while 0 <= col < len(self.columns) and not self.columns[col]:
            col += dx
        if not 0 <= col < len(self.columns):
            return
        column = self.columns[col]
        same = [c for c in column if c.band == item.band]
        if same:
            target = same[0]
        else:
            target = min(column, key=lambda c: (abs(c.band - item.band), c.band))
        self.select(target)

    def action_cycle_source(self, step: int) -> None:
        item = self._focused_item()
        if item is not None and item.fact.get("evidence"):
            item.source = (item.source + step) % len(item.fact["evidence"])
            self._show_source()

    def _show_source(self) -> None:
        item = self._focused_item()
        source = self.query_one("#source", Static)
        if item is None:
            source.update("", layout=False)
            return
        evidence = item.fact.get("evidence") or []
        if not evidence:
            source.update("", layout=False)
            return
        ev = evidence[item.source % len(evidence)]
        title = self._title(ev["article_id"])
        count = f"{len(evidence)}+" if item.fact.get("key") else str(len(evidence))  # more than shown
        more = f"  ({count} sources, s: list)" if len(evidence) > 1 else ""
        line = Text(f"{self.cities[item.column]} · {ROW_TITLES[item.row]} — ", style="bold")
        line.append(f"{title}  ¶{ev['paragraph_index'] + 1}{more}")
        source.update(line, layout=False)  # a fixed height: no relayout of the grid

    def action_open_fact(self) -> None:
        item = self._focused_item()
        if isinstance(item, MoreItem):
            self._expand(item.row, item.column)
            return
        if item is None or item.target is None:
            return
        position = [i for i in self.columns[item.column] if i.row == item.row].index(item)
        target = replace(item.target, at=(item.row, item.column, position))
        self.app.post_message(self.FactChosen(target))
        self.dismiss(target)

    def action_copy_fact(self) -> None:
        """The selected fact, then its source paragraph quoted with the citation."""
        from tui.clipboard import clipboard_text, paragraph_excerpt

        item = self._focused_item()
        target = item.target if item is not None else None
        if item is None or target is None:
            self.notify("Select a fact first (arrows or j/k).", severity="warning", markup=False)
            return
        if isinstance(self.corpus, (str, Path)):
            with store.Corpus(self.corpus) as corpus:
                article = corpus.article(target.article_id)
        else:
            article = self.corpus.article(target.article_id)
        if article is None:
            return
        excerpt = paragraph_excerpt(article, target.paragraph_index)
        text = f"{self.cities[item.column]} · {ROW_TITLES[item.row]}: {item.text}\n{clipboard_text(excerpt)}"
        if hasattr(self.app, "prefs"):
            self.app.prefs.remember(excerpt)
        if hasattr(self.app, "copy_text"):
            self.app.copy_text(text, what="fact")
        else:
            self.app.copy_to_clipboard(text)

    @work(thread=True, exclusive=True, group="expand")
    def _expand(self, row: str, column: int, focus: int | None = None) -> None:
        """The next EXPAND_PAGE entries of one cell (at least up to `focus`, the
        position to focus then), read in a worker."""
        city = self.cities[column]
        shown = sum(1 for i in self.columns[column] if i.row == row and not isinstance(i, MoreItem))
        top = max(shown + EXPAND_PAGE, (focus or 0) + 1)
        facts, more = self._on_own_connection(lambda corpus: corpus.compare_row(city, row, top))
        self.post_message(self.Expanded(row, column, facts, more, focus))

    class Expanded(Message):
        def __init__(self, row: str, column: int, facts: list[dict[str, Any]], more: int, focus: int | None) -> None:
            self.row, self.column, self.facts, self.more, self.focus = row, column, facts, more, focus
            super().__init__()

    async def on_compare_screen_expanded(self, message: Expanded) -> None:
        """The cell lists a page more, with `+N more` below while some are left;
        the cursor goes to the first new entry."""
        row, col = message.row, message.column
        if self.result is not None:
            self.result[self.cities[col]][row] = message.facts
            self.result[self.cities[col]]["more"][row] = message.more
        cell = self.cells.get((row, col))
        if cell is None:
            return
        old = cell.items
        band = old[0].band
        shown = [i for i in old if not isinstance(i, MoreItem)]
        # The entries drawn keep their state (a source chosen, all sources read) where they stay
        # first; a timeline cell (trips, figures, quotes) re-sorts its longer list by date
        kept = shown
        if [i.text for i in kept] != [fact_text(row, fact) for fact in message.facts[: len(kept)]]:
            kept = []
        items = kept + [FactItem(fact_text(row, fact), fact, row, col, band) for fact in message.facts[len(kept) :]]
        if message.more:
            items.append(MoreItem(message.more, row, col, band))
        column = self.columns[col]
        at = column.index(old[0])
        column[at : at + len(old)] = items
        cell.set_items(items)
        position = len(shown) if message.focus is None else message.focus
        self.select(items[min(position, len(items) - 1)])

    def action_sources(self) -> None:
        """Every source of the selected fact as a list; Enter opens one in the reader."""
        item = self._focused_item()
        if item is None or isinstance(item, MoreItem) or not item.fact.get("evidence"):
            return
        self._all_sources(item)

    @work(thread=True, exclusive=True, group="sources")
    def _all_sources(self, item: FactItem) -> None:
        """The fact's sources as list rows, built in a worker: an entry carries its
        first sources and, with `key`, can have thousands more."""
        city, key = self.cities[item.column], item.fact.get("key")

        def read(corpus: Any) -> tuple[list[dict[str, Any]], dict[str, ArticleSummary]]:
            evidence = corpus.comparison_sources(city, item.row, key) if key else item.fact["evidence"]
            return evidence, corpus.summaries([ev["article_id"] for ev in evidence])

        found, rows = self._on_own_connection(read)
        sources = []
        for ev in found:
            ev = {k: v for k, v in ev.items() if k not in ("outlet", "published", "title")}
            row = rows.get(ev["article_id"])
            title = f"¶{ev['paragraph_index'] + 1}  {row.title if row else ev['article_id']}"  # the ¶ first: a narrow row cuts the title
            line = ArticleSummary(ev["article_id"], title, row and row.published, row and row.outlet, [], 1, bool(row and row.untitled))
            sources.append((line, ev))
        self.app.call_from_thread(self._list_sources, item, sources)

    def _list_sources(self, item: FactItem, sources: list[tuple[ArticleSummary, dict[str, Any]]]) -> None:
        item.fact["evidence"] = [ev for _, ev in sources]
        item.fact.pop("key", None)  # all of them now
        self._show_source()

        def chosen(ev: dict[str, Any] | None) -> None:
            if ev is not None:
                item.source = item.fact["evidence"].index(ev)
                self.action_open_fact()

        self.app.push_screen(SourcesScreen(f"{item.text} · {len(sources)} source{'' if len(sources) == 1 else 's'}", sources), chosen)

    def action_close(self) -> None:
        self.dismiss(None)
