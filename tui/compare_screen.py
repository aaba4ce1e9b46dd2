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
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

import store
from store import ROW_TITLES, coverage_text, fact_text

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


class FactItem(Static, can_focus=True):
    """One fact in one city's cell."""

    def __init__(self, text: str, fact: dict[str, Any], row: str, column: int, band: int) -> None:
        super().__init__(Text("• " + text), classes="fact")
        self.text = text
        self.fact = fact
        self.row = row
        self.column = column
        self.band = band
        self.source = 0  # which of the fact's paragraphs Enter opens

    @property
    def target(self) -> FactTarget | None:
        evidence = self.fact.get("evidence") or []
        if not evidence:
            return None
        ev = evidence[self.source % len(evidence)]
        return FactTarget(ev["article_id"], ev["paragraph_index"], ev.get("start", 0), ev.get("end", 0))

    def on_click(self, event: Click) -> None:
        self.focus()
        if event.chain >= 2:
            self.screen.action_open_fact()  # type: ignore[attr-defined]


class MoreItem(FactItem):
    """`+N more` at the foot of a cell: Enter lists the next EXPAND_PAGE in place."""

    def __init__(self, more: int, row: str, column: int, band: int) -> None:
        super().__init__(f"+{more} more", {}, row, column, band)
        self.update(Text(f"  +{more} more", style="italic"))
        self.more = more


class SourcesScreen(ModalScreen["dict[str, Any] | None"]):
    """Every source of one fact, as a list (outlet, date, title, ¶): Enter opens one."""

    BINDINGS = [Binding("escape,q", "dismiss(None)", "Back")]
    DEFAULT_CSS = """
    SourcesScreen { align: center middle; }
    SourcesScreen OptionList { width: 90%; height: 80%; border: round $accent; }
    """

    def __init__(self, title: str, sources: list[tuple[str, dict[str, Any]]]) -> None:
        super().__init__()
        self.heading = title
        self.sources = sources

    def compose(self) -> ComposeResult:
        options = OptionList(*[Option(label, id=str(n)) for n, (label, _) in enumerate(self.sources)])
        options.border_title = self.heading
        yield options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.sources[int(event.option.id or 0)][1])


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
    CompareScreen .fact { height: auto; padding: 0 0 0 1; }
    CompareScreen .fact:focus { background: $accent 40%; }
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
        if first is not None:
            first.focus()
            first.scroll_visible(animate=False)

    def _title(self, article_id: str) -> str:
        """outlet · date  title of one source, read when first shown."""
        if article_id not in self.titles:
            if isinstance(self.corpus, (str, Path)):
                with store.Corpus(self.corpus) as corpus:
                    article = corpus.article(article_id)
            else:
                article = self.corpus.article(article_id)
            if article is None:
                self.titles[article_id] = article_id
            else:
                label = " · ".join(x for x in (article.outlet, (article.published or "")[:10]) if x)
                self.titles[article_id] = f"{label}  {article.title}" if label else article.title
        return self.titles[article_id]

    def _bands(self, result: dict[str, Any]) -> list[Vertical]:
        heading = Horizontal(*[Static(city, classes="city cell") for city in self.cities], classes="heading")
        bands: list[Vertical] = [Vertical(heading, classes="band")]
        for band, row in enumerate(ROW_TITLES):
            cells = []
            for col, city in enumerate(self.cities):
                data = result.get(city, {})
                items: list[Static] = []
                if row == "coverage":
                    cov = data.get("coverage", {})
                    ids = cov.get("article_ids", [])
                    fact = {"evidence": [{"article_id": ids[0], "paragraph_index": 0}] if ids else []}
                    items.append(FactItem(coverage_text(cov), fact, row, col, band) if ids else Static("—", classes="none"))
                else:
                    for fact in data.get(row, []):
                        items.append(FactItem(fact_text(row, fact), fact, row, col, band))
                    more = data.get("more", {}).get(row, 0)
                    if more:
                        items.append(MoreItem(more, row, col, band))
                    if not items:
                        items.append(Static("—", classes="none"))
                for item in items:
                    if isinstance(item, FactItem):
                        self.columns[col].append(item)
                cells.append(Vertical(*items, classes=f"cell cell-{row}-{col}"))
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
        focused = self.focused
        return focused if isinstance(focused, FactItem) else None

    def action_move(self, dx: int, dy: int) -> None:
        item = self._focused_item()
        if item is None:
            first = next((col[0] for col in self.columns if col), None)
            if first is not None:
                first.focus()
            return
        if dy:
            column = self.columns[item.column]
            i = column.index(item) + dy
            if 0 <= i < len(column):
                column[i].focus()
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
        target.focus()

    def action_cycle_source(self, step: int) -> None:
        item = self._focused_item()
        if item is not None and item.fact.get("evidence"):
            item.source = (item.source + step) % len(item.fact["evidence"])
            self._show_source()

    def on_descendant_focus(self, event: Any) -> None:
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
        focus goes to the first new entry."""
        row, col = message.row, message.column
        if self.result is not None:
            self.result[self.cities[col]][row] = message.facts
            self.result[self.cities[col]]["more"][row] = message.more
        column = self.columns[col]
        old = [i for i in column if i.row == row]
        if not old:
            return
        band, at, shown = old[0].band, column.index(old[0]), len(old) - 1
        items = [FactItem(fact_text(row, fact), fact, row, col, band) for fact in message.facts]
        if message.more:
            items.append(MoreItem(message.more, row, col, band))
        cell = self.query_one(f".cell-{row}-{col}", Vertical)
        await cell.remove_children()
        await cell.mount_all(items)  # inside a cell already as wide as it should be: no refit
        column[at : at + len(old)] = items
        at_item = shown if message.focus is None else message.focus
        target = items[min(at_item, len(items) - 1)] if items else None
        if target is not None:
            target.focus()
            target.scroll_visible(animate=False)

    def action_sources(self) -> None:
        """Every source of the selected fact as a list; Enter opens one in the reader."""
        item = self._focused_item()
        if item is None or isinstance(item, MoreItem) or not item.fact.get("evidence"):
            return
        if item.fact.get("key"):  # more sources than the entry carries: all of them, read in a worker
            self._all_sources(item)
            return
        self._list_sources(item)

    @work(thread=True, exclusive=True, group="sources")
    def _all_sources(self, item: FactItem) -> None:
        city, key = self.cities[item.column], item.fact["key"]
        evidence = self._on_own_connection(lambda corpus: corpus.comparison_sources(city, item.row, key))
        self.app.call_from_thread(self._got_sources, item, evidence)

    def _got_sources(self, item: FactItem, evidence: list[dict[str, Any]]) -> None:
        for ev in evidence:  # each comes with its article's outlet, date and title
            label = " · ".join(x for x in (ev.pop("outlet", None), (ev.pop("published", None) or "")[:10]) if x)
            title = ev.pop("title", None) or ev["article_id"]
            self.titles.setdefault(ev["article_id"], f"{label}  {title}" if label else title)
        item.fact["evidence"] = evidence
        item.fact.pop("key", None)  # all of them now
        self._show_source()
        self._list_sources(item)

    def _list_sources(self, item: FactItem) -> None:
        sources = [(f"{self._title(ev['article_id'])}  ¶{ev['paragraph_index'] + 1}", ev) for ev in item.fact["evidence"]]

        def chosen(ev: dict[str, Any] | None) -> None:
            if ev is not None:
                item.source = item.fact["evidence"].index(ev)
                self.action_open_fact()

        self.app.push_screen(SourcesScreen(f"{item.text} · {len(sources)} sources", sources), chosen)

    def action_close(self) -> None:
        self.dismiss(None)
