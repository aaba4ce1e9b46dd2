"""The explorer: list, reader, live search, entity sidebar and excerpt copying.

The App owns all state changes; slow work (loading the seeds, searching,
filtering by an entity) runs in thread workers that open their own `Corpus`
(SQLite connections belong to their thread) and post messages back.
Start-up stays light: the Korean analyser and the search engine are imported
inside those workers, never at start.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

STARTED = time.perf_counter()

from rich.text import Text  # noqa: E402
from textual import on, work  # noqa: E402
from textual.app import App, ComposeResult, SystemCommand  # noqa: E402
from textual.containers import Horizontal  # noqa: E402
from textual.message import Message  # noqa: E402
from textual.screen import Screen  # noqa: E402
from textual.widgets import ContentSwitcher, Footer, Input  # noqa: E402
from textual.worker import get_current_worker  # noqa: E402

import store  # noqa: E402  (its package face: names load on first use)
from tui import actions  # noqa: E402
from tui.fault_screen import FaultScreen  # noqa: E402
from tui.faults import fault_line  # noqa: E402
from tui.palette import JumpProvider  # noqa: E402
from tui.preferences import Preferences  # noqa: E402
from tui.screens.quit import QuitScreen, export_history  # noqa: E402
from tui.widgets.article_list import ArticleList, CorpusRows, FixedRows  # noqa: E402
from tui.widgets.entity_sidebar import EntitySidebar  # noqa: E402
from tui.widgets.reader import Mark, Reader  # noqa: E402
from tui.widgets.results import Results  # noqa: E402
from tui.widgets.search_bar import SearchBar  # noqa: E402

NARROW = 100  # columns: below this the sidebar and the list share one slot
SEARCH_DEBOUNCE = 0.2
PREVIEW_DEBOUNCE = 0.08
SEARCH_LIMIT = 50
#: Hits counted (and kept for scrolling) per query, after the first page is shown.
COUNT_CAP = 5000
#: Seconds between two looks at whether another process (an ingest in another
#: terminal) changed the database: one PRAGMA, microseconds.
WATCH_EVERY = 2.0
SORTS = (("published", True, "newest"), ("published", False, "oldest"), ("title", False, "title"), ("outlet", False, "outlet"))


# -- messages from workers -------------------------------------------------
class DatabaseReady(Message):
    def __init__(self, count: int, error: BaseException | None) -> None:
        self.count = count
        self.error = error
        super().__init__()


class SeedsLoaded(Message):
    def __init__(self, added: int, error: str | None) -> None:
        self.added = added
        self.error = error
        super().__init__()


class SearchDone(Message):
    def __init__(self, seq: int, query: str, hits: list, error: str | None = None) -> None:
        self.seq = seq
        self.query = query
        self.hits = hits
        self.error = error
        super().__init__()


class SearchCounted(Message):
    """Every hit of a query up to COUNT_CAP: the true total, and the pages below the first."""

    def __init__(self, seq: int, hits: list) -> None:
        self.seq = seq
        self.hits = hits
        super().__init__()


class EntityFiltered(Message):
    def __init__(self, entity, summaries: list, mentions: list) -> None:
        self.entity = entity
        self.summaries = summaries
        self.mentions = mentions
        super().__init__()


class ClipboardToolDone(Message):
    def __init__(self, what: str, tool: str, error: str | None) -> None:
        self.what = what
        self.tool = tool
        self.error = error
        super().__init__()


@dataclass
class ListState:
    sort: int = 0
    city: str | None = None


class ExplorerApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    AUTO_FOCUS = "#list"
    TITLE = "valley-tui"
    BINDINGS = actions.bindings()
    COMMANDS = App.COMMANDS | {JumpProvider}

    def __init__(self, db_path: Path, *, system_clipboard: bool = True, debug: bool = False) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.crash_line = ""  # a bug's one line, printed when the app has left the screen
        self.show_tracebacks = debug  # an unexpected exception shows its traceback (else one line and a report file)
        self.use_system_clipboard = system_clipboard
        self.corpus = None  # main-thread Corpus, opened on mount
        self.state = ListState()
        self.cities: list[str] = []
        self.entity_filter = None
        self.prefs = Preferences.load()
        self.excerpts = self.prefs.excerpts  # the copy history, kept across sessions
        self.search_seq = 0
        self.last_query = ""
        self.from_results = False
        self.back_to_compare: tuple[str, int, int] | None = None  # Esc from the reader reopens the comparison here
        self._search_timer = None
        self._preview_timer = None
        self.first_paint: float | None = None
        self.searcher = None
        self.counter = None  # a second Searcher: counting never resets the typing one's narrowing
        self.narrow = False
        self._searcher_lock = threading.Lock()
        self._data_version: int | None = None
        self._shown_count = 0  # articles in the database when the list was last filled
        self._told_count = 0  # ... or when the user was last told of new ones

    # -- layout ------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Kept as attributes: App.query_one searches the *active* screen, which
        # is a modal while help, history or the entity detail is open.
        self.search_bar = SearchBar(id="search")
        self.article_list = ArticleList(id="list")
        self.middle = ContentSwitcher(id="middle", initial="reader")
        self.reader = Reader(id="reader")
        self.results = Results(id="results")
        self.sidebar = EntitySidebar(id="entities")
        yield self.search_bar
        with Horizontal(id="main"):
            yield self.article_list
            with self.middle:
                yield self.reader
                yield self.results
            yield self.sidebar
        yield Footer()

    def _fit_sidebar(self, width: int) -> None:
        """The entity sidebar widens with the terminal (a sixth of it), from 26 to 44
        cells, so names with their roles fit on wide screens."""
        self.sidebar.styles.width = max(26, min(44, width // 6))

    def on_mount(self) -> None:
        if self.prefs.theme in self.available_themes:
            self.theme = self.prefs.theme  # the theme chosen last time (T)
        self.article_list.border_title = "Articles"
        self.reader.border_title = "Reader"
        self.results.border_title = "Search"
        self.sidebar.border_title = "Entities"
        self.narrow = self.size.width < NARROW
        self.sidebar.display = not self.narrow
        self._fit_sidebar(self.size.width)
        self.article_list.empty_message = "Opening the database…"
        self.article_list.focus()
        # after the first frame: the store's imports would otherwise compete with it
        self.call_after_refresh(self._painted)

    @work(thread=True, exclusive=True, group="database")
    def open_database(self) -> None:
        """The store (and sqlite_utils, which imports numpy) loads here, off the
        main thread, so the first frame does not wait for it."""
        try:
            if store.Corpus.outdated(self.db_path):
                self.call_from_thread(self._migrating)
            with store.Corpus(self.db_path) as corpus:
                count = corpus.count(include_hidden=True)
            self._searcher()  # here too: it reads its tables once, not at the first keystroke
        except Exception as exc:
            self.post_message(DatabaseReady(0, exc))
            return
        self.post_message(DatabaseReady(count, None))

    def _migrating(self) -> None:
        self.article_list.empty_message = "Updating the database for this valley-tui…"
        self.article_list.refresh()
        self.notify(
            "This database was made by an older valley-tui: updating it once (a big corpus takes a minute)…",
            timeout=15,
            markup=False,
        )

    def _handle_exception(self, error: Exception) -> None:
        """A bug: the app exits with one line on the terminal and the full
        traceback in a report file in the data directory (Textual's own
        traceback with --debug or VALLEY_TUI_DEBUG=1)."""
        if self.show_tracebacks:
            super()._handle_exception(error)
            return
        self._return_code = 1
        if self._exception is None:  # the pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        self.crash_line = fault_line(error, self.db_path)[0]
        self._close_messages_no_wait()

    def _print_error_renderables(self) -> None:
        if self.crash_line:  # whole, however narrow the terminal (the console would crop it)
            print(self.crash_line, file=sys.stderr)
            self._exit_renderables.clear()
        super()._print_error_renderables()

    def on_database_ready(self, message: DatabaseReady) -> None:
        if message.error:
            self.article_list.empty_message = "The database could not be opened."
            self.push_screen(FaultScreen(fault_line(message.error, self.db_path)[0]))
            return
        self.corpus = store.Corpus(self.db_path)
        # What is alive now (Textual, the store, the first screen) lives as long
        # as the app: out of the collector's full passes, each of which would
        # otherwise add 10-15 ms to whatever keystroke it falls in.
        gc.freeze()
        self.set_interval(WATCH_EVERY, self._watch_database)
        if self.corpus.read_only:
            self.notify(
                f"{self.db_path} is read-only here (disk or folder): reading and search work, nothing can be stored.",
                severity="warning", timeout=15, markup=False,
            )
            self.refresh_list()
            return
        if message.count == 0:
            self.article_list.empty_message = "Loading the sample articles…"
            self.article_list.loading = True
            self.notify("First start: loading and analysing the bundled sample articles…", timeout=8, markup=False)
            self.load_seeds()
        else:
            self.refresh_list()

    def _painted(self) -> None:
        self.first_paint = time.perf_counter() - STARTED
        self.open_database()

    def on_resize(self, event) -> None:
        self._fit_sidebar(event.size.width)
        narrow = event.size.width < NARROW
        if narrow != self.narrow:
            self.narrow = narrow
            self.sidebar.display = not narrow
            self.article_list.display = True

    # -- first start -------------------------------------------------------
    @work(thread=True, exclusive=True, group="seeds")
    def load_seeds(self) -> None:
        corpus = store.Corpus(self.db_path)
        problems: list[str] = []
        try:
            report = corpus.seed(on_error=problems.append)
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            self.post_message(SeedsLoaded(report.added, problems[0] + more if problems else None))
        except Exception as exc:  # shown to the user, the app goes on
            self.post_message(SeedsLoaded(0, fault_line(exc, self.db_path)[0]))
        finally:
            corpus.close()

    def on_seeds_loaded(self, message: SeedsLoaded) -> None:
        self.article_list.loading = False
        self.article_list.empty_message = "No articles"
        if message.error:
            self.notify(message.error, severity="error", timeout=15, markup=False)
        if message.added:
            self.notify(f"Loaded {message.added} sample articles.", markup=False)
        self._forget_searches()
        self.refresh_list()

    # -- another process changed the database ---------------------------------
    def _watch_database(self) -> None:
        """Tell the user (once per change) when articles were added by another
        valley-tui, such as an ingest running in another terminal. The list is
        not swapped under their cursor: `r` shows the new articles."""
        if self.corpus is None or self.article_list.loading:  # the samples are going in: they are ours
            return
        version = self.corpus.data_version()
        if version == self._data_version:
            return
        self._data_version = version
        count = self.corpus.count(include_hidden=True)
        if count != self._shown_count and count != self._told_count:
            self._told_count = count
            change = count - self._shown_count
            if change > 0:
                told = f"{change} new article{'s' if change != 1 else ''} in the database: press r to show them."
            else:
                told = f"{-change} article{'s' if change != -1 else ''} left the database: press r to update the list."
            self.notify(told, timeout=8, markup=False)

    def action_reload(self) -> None:
        """Show what another valley-tui added, keeping the article the user is on."""
        if self.corpus is None:
            return
        self._forget_searches()
        lst = self.article_list
        before, at = lst.total, lst.row(lst.cursor)
        self.refresh_list(keep_cursor=True)
        if at is not None:
            self._find_in_list(at.id, lst.cursor + max(0, lst.total - before))
        added = lst.total - before
        self.notify(f"{lst.total} articles" + (f" ({added} new)" if added > 0 else ""), timeout=2, markup=False)

    def _find_in_list(self, article_id: str, guess: int, reach: int = 50) -> None:
        """Put the cursor back on `article_id`: where the new rows pushed it, or near."""
        lst = self.article_list
        for index in [guess, *range(max(0, guess - reach), min(lst.total, guess + reach))]:
            row = lst.row(index)
            if row is not None and row.id == article_id:
                if index != lst.cursor:
                    lst.cursor = index
                return

    # -- the list ----------------------------------------------------------
    def refresh_list(self, *, keep_cursor: bool = False) -> None:
        if self.corpus is None:
            return
        self._shown_count = self._told_count = self.corpus.count(include_hidden=True)
        self.cities = [c for c, _ in self.corpus.cities()]
        if self.entity_filter is None:
            order, descending, _ = SORTS[self.state.sort]
            self.article_list.set_source(CorpusRows(self.corpus, self.state.city, order, descending), keep_cursor=keep_cursor)
        self._title_list()

    def _title_list(self) -> None:
        lst = self.article_list
        if self.entity_filter is not None:
            lst.border_title = Text(f"naming {self.entity_filter.name} · {lst.total}")
            lst.border_subtitle = "esc: all"
            return
        label = SORTS[self.state.sort][2]
        city = self.state.city or "all cities"
        lst.border_title = Text(f"Articles {lst.total} · {city}")
        lst.border_subtitle = f"s: {label}  f: city"

    def action_cycle_sort(self) -> None:
        self.state.sort = (self.state.sort + 1) % len(SORTS)
        self.refresh_list()
        self.notify(f"Sorted by {SORTS[self.state.sort][2]}", timeout=1.5, markup=False)

    def action_cycle_city(self) -> None:
        choices: list[str | None] = [None, *self.cities]
        pos = choices.index(self.state.city) if self.state.city in choices else 0
        self.state.city = choices[(pos + 1) % len(choices)]
        self.entity_filter = None
        self.refresh_list()
        query = self.search_bar.value.strip()
        if query and self.middle.current == "results":  # the results shown follow the list's city
            self.search_seq += 1
            self.run_search(query, self.search_seq)

    @on(ArticleList.Highlighted)
    def _preview(self, message: ArticleList.Highlighted) -> None:
        if message.summary is None:
            return
        if self.middle.current == "results" and not self.article_list.has_focus:
            return  # the list moved under the results (a city change): the results stay
        if self._preview_timer is not None:
            self._preview_timer.stop()
        aid = message.summary.id
        self._preview_timer = self.set_timer(PREVIEW_DEBOUNCE, lambda: self.open_article(aid))

    @on(ArticleList.Opened)
    async def _open_from_list(self, message: ArticleList.Opened) -> None:
        await self.open_article(message.summary.id)
        self.reader.focus()

    async def open_article(self, article_id: str, *, paragraph: int | None = None, marks: list[Mark] | None = None) -> None:
        if self.corpus is None or not self.reader.is_attached:
            return  # not open yet, or shutting down
        if self.reader.article is not None and self.reader.article.id == article_id and paragraph is None and marks is None:
            return
        article = self.corpus.article(article_id)
        if article is None:
            self.notify("That article is no longer in the database.", severity="warning", markup=False)
            return
        self.middle.current = "reader"
        await self.reader.show_article(article, paragraph=paragraph, marks=marks)
        self.reader.border_title = Text(article.outlet or "Reader")
        self.show_entities(article_id)

    def show_entities(self, article_id: str) -> None:
        if self.corpus is None:
            return
        try:
            entities, supplied = self.corpus.entities_with_supplied(article_id=article_id)
        except Exception as exc:  # the entities layer may be mid-migration
            self.sidebar.show_entities([], article_id)
            self.sidebar.border_title = "Entities"
            self.log.warning(f"entities unavailable: {exc}")
            return
        self.sidebar.show_entities(entities, article_id, supplied)
        self.sidebar.border_title = f"Entities {len(entities)}" + (f" + {len(supplied)}" if supplied else "")

    # -- search ------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.search_bar.focus()

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        query = event.value.strip()
        self.search_seq += 1
        seq = self.search_seq
        if not query:
            self.workers.cancel_group(self, "search")
            self.last_query = ""
            self.middle.current = "reader"
            return
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, lambda: self.run_search(query, seq))

    def _scoped(self, query: str) -> str:
        """The query as searched: within the list's city, when one is chosen."""
        city = self.state.city
        return f'{query} city:"{city}"' if city and "city:" not in query else query

    def enter_results(self) -> None:
        """Enter in the search bar: onto the results, if there are any."""
        if self.results.hits:
            self.middle.current = "results"
            self.results.focus()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, seq: int) -> None:
        worker = get_current_worker()
        try:
            hits = self._searcher().search(self._scoped(query))
            if hits is None:
                return  # overtaken by a newer keystroke
            error = None
        except Exception as exc:  # shown as a notification, never a traceback
            hits, error = [], f"{type(exc).__name__}: {exc}"
        if not worker.is_cancelled:
            self.post_message(SearchDone(seq, query, hits, error))

    def _forget_searches(self) -> None:
        for searcher in (self.searcher, self.counter):
            if searcher is not None:
                searcher.invalidate()

    def _searcher(self):
        """One incremental `store.search.Searcher` per app, made on first use
        (in a worker, so its imports never slow the start)."""
        with self._searcher_lock:
            if self.searcher is None:
                self.searcher = store.Corpus.searcher(self.db_path, limit=SEARCH_LIMIT)
            return self.searcher

    def on_search_done(self, message: SearchDone) -> None:
        if message.seq != self.search_seq:
            return  # a newer keystroke is on its way
        if message.error:
            self.notify(f"error: search: {message.error}", severity="error", markup=False)
        self.last_query = message.query
        self.results.show_hits(message.query, message.hits)
        counting = len(message.hits) >= SEARCH_LIMIT
        self._title_results(counting=counting)
        self.results.border_subtitle = "enter: open  y: copy  esc: back"
        self.middle.current = "results"
        if counting:
            self.count_search(self._scoped(message.query), message.seq)

    def _title_results(self, *, counting: bool = False) -> None:
        """'Search “q” · in 포항 · 722 hits · showing 50 — ↓ at the end or End for more'."""
        results = self.results
        shown, total = len(results.hits), results.total
        if counting:
            count = f"{shown}+ hits, counting…"  # never a short count as the total
        else:
            count = f"{total}{'+' if total >= COUNT_CAP else ''} hit{'s' if total != 1 else ''}"
            if results.pending:
                count += f" · showing {shown} — ↓ at the end or End for more"
        where = f" · in {self.state.city}" if self.state.city else ""
        results.border_title = Text(f"Search “{self.last_query}”{where} · {count}")

    @work(thread=True, exclusive=True, group="count")
    def count_search(self, query: str, seq: int) -> None:
        """Every hit up to COUNT_CAP, by the same search, on a Searcher of its own."""
        worker = get_current_worker()
        with self._searcher_lock:
            if self.counter is None:
                self.counter = store.Corpus.searcher(self.db_path, limit=COUNT_CAP)
            counter = self.counter
        try:
            hits = counter.search(query)
        except Exception as exc:  # the first page stays; the count is told as unknown
            self.log.warning(f"count: {exc}")
            hits = None
        if hits is not None and not worker.is_cancelled:
            self.post_message(SearchCounted(seq, hits))

    def on_search_counted(self, message: SearchCounted) -> None:
        if message.seq != self.search_seq:
            return
        self.results.add_pending(message.hits)
        self._title_results()

    @on(Results.MoreShown)
    def _more_shown(self) -> None:
        self._title_results()

    @on(Results.HitChosen)
    async def _open_hit(self, message: Results.HitChosen) -> None:
        hit = message.hit
        # every paragraph of the article that matched, so n/N walk them all
        snippets = hit.snippets or [{"paragraph_index": hit.paragraph_index, "spans": hit.spans}]
        marks = [Mark(sn["paragraph_index"], s, e) for sn in snippets for s, e in sn["spans"]]
        self.from_results = True
        await self.open_article(hit.article_id, paragraph=hit.paragraph_index, marks=marks)
        self.article_list.select_id(hit.article_id)
        self.reader.focus()

    def action_next_match(self) -> None:
        if self.reader.step_match(1) is None:
            self.notify("No highlighted matches in this article.", timeout=1.5, markup=False)

    def action_previous_match(self) -> None:
        if self.reader.step_match(-1) is None:
            self.notify("No highlighted matches in this article.", timeout=1.5, markup=False)

    # -- entities ----------------------------------------------------------
    @on(EntitySidebar.EntityHighlighted)
    def _entity_highlighted(self, message: EntitySidebar.EntityHighlighted) -> None:
        article = self.reader.article
        if message.entity is None or article is None:
            return
        marks = [
            Mark(m.paragraph_index, m.start, m.end)
            for m in message.entity.mentions
            if m.article_id == article.id and m.field != "title"  # the reader marks paragraphs
        ]
        self.reader.set_marks(marks, jump=bool(marks))

    @on(EntitySidebar.EntityChosen)
    def _entity_chosen(self, message: EntitySidebar.EntityChosen) -> None:
        self.filter_by_entity(message.entity)

    @work(thread=True, exclusive=True, group="entity")
    def filter_by_entity(self, entity) -> None:
        from store.records import ArticleSummary
        from tui.screens.entity_detail import MentionContext

        corpus = store.Corpus(self.db_path)
        summaries: list[ArticleSummary] = []
        mentions: list[MentionContext] = []
        try:
            # the sidebar's entity holds the open article's mentions only: every article naming it
            entity = getattr(entity, "id", None) and corpus.entity(entity.id) or entity
            seen: dict[str, object] = {}
            for m in entity.mentions:
                if m.article_id not in seen:
                    seen[m.article_id] = corpus.article(m.article_id)
                article = seen[m.article_id]
                if article is None:
                    continue
                text = article.title if m.field == "title" else next(
                    (p.text for p in article.paragraphs if p.index == m.paragraph_index), ""
                )
                mentions.append(MentionContext(article.id, article.title, m.paragraph_index, text, m.start, m.end))
            for article in seen.values():
                if article is not None:
                    summaries.append(
                        ArticleSummary(article.id, article.title, article.published, article.outlet, article.cities)
                    )
        finally:
            corpus.close()
        summaries.sort(key=lambda s: s.published or "", reverse=True)
        self.post_message(EntityFiltered(entity, summaries, mentions))

    def on_entity_filtered(self, message: EntityFiltered) -> None:
        from tui.screens.entity_detail import EntityScreen

        self.entity_filter = message.entity
        self.article_list.set_source(FixedRows(message.summaries))
        self._title_list()
        self.push_screen(EntityScreen(message.entity, message.mentions))

    async def on_entity_screen_mention_chosen(self, message) -> None:
        m = message.mention
        if m.paragraph_index < 0:  # named in the title: the article from its top
            await self.open_article(m.article_id)
        else:
            await self.open_article(m.article_id, paragraph=m.paragraph_index, marks=[Mark(m.paragraph_index, m.start, m.end)])
        self.article_list.select_id(m.article_id)
        self.reader.focus()

    def action_toggle_entities(self) -> None:
        """Wide screens show or hide the sidebar; narrow ones (under 100
        columns) swap it with the article list so the reader keeps its width."""
        show = not self.sidebar.display
        self.sidebar.display = show
        if self.narrow:
            self.article_list.display = not show
            (self.sidebar if show else self.article_list).focus()

    # -- back ----------------------------------------------------------------
    def action_back(self) -> None:
        focused = self.focused
        switcher = self.middle
        search = self.search_bar
        if focused is search:
            if switcher.current == "results" and self.results.hits:
                self.results.focus()
            else:
                self.article_list.focus()
            return
        if focused is self.results:
            search.value = ""
            switcher.current = "reader"
            self.article_list.focus()
            return
        if focused is self.reader and self.from_results and self.last_query:
            self.from_results = False
            switcher.current = "results"
            self.results.focus()
            return
        if focused is self.reader and self.back_to_compare is not None:  # back to the fact it came from
            focus, self.back_to_compare = self.back_to_compare, None
            self._open_compare(focus)
            return
        if focused is self.reader and self.reader.marks:
            self.reader.set_marks([], jump=False)
            return
        if focused is self.reader:
            self.article_list.focus()
            return
        if self.entity_filter is not None:  # back to every article, on the one being read
            self.entity_filter = None
            reading = self.reader.article.id if self.reader.article is not None else None
            self.refresh_list(keep_cursor=True)
            if reading is not None:
                self._find_in_list(reading, 0, reach=5000)
            return
        if self.state.city is not None:
            self.state.city = None
            self.refresh_list()

    # -- copying -------------------------------------------------------------
    def action_copy_excerpt(self) -> None:
        from tui.clipboard import clipboard_text, paragraph_excerpt

        if self.corpus is None:
            return
        switcher = self.middle
        if switcher.current == "results" and self.results.current is not None:
            hit = self.results.current
            article = self.corpus.article(hit.article_id)
            if article is None:
                return
            excerpt = paragraph_excerpt(article, hit.paragraph_index, text=hit.text)
        elif self.reader.article is not None and self.reader.current is not None:
            excerpt = paragraph_excerpt(self.reader.article, self.reader.current)
        else:
            self.notify("Open an article first.", severity="warning", markup=False)
            return
        self.prefs.remember(excerpt)
        self.copy_text(clipboard_text(excerpt), what="excerpt")

    def action_copy_article(self) -> None:
        from tui.clipboard import article_excerpt, clipboard_text

        if self.reader.article is None:
            self.notify("Open an article first.", severity="warning", markup=False)
            return
        excerpt = article_excerpt(self.reader.article)
        self.prefs.remember(excerpt)
        self.copy_text(clipboard_text(excerpt), what="article")

    def copy_text(self, text: str, *, what: str) -> None:
        """OSC 52 always; the local clipboard tool too when there is one."""
        from tui.clipboard import system_tool

        self.copy_to_clipboard(text)
        tool = system_tool() if self.use_system_clipboard else None
        if tool is None:
            self.notify(
                f"Copied {what} ({len(text)} chars): sent to the terminal's clipboard (OSC 52)."
                " No local clipboard tool in use; if nothing pastes, your terminal blocks OSC 52.",
                markup=False,
            )
            return
        self.run_clipboard_tool(tool, text, what)

    @work(thread=True, group="clipboard")
    def run_clipboard_tool(self, tool: list[str], text: str, what: str) -> None:
        from tui.clipboard import copy_with_tool

        error = copy_with_tool(tool, text)
        self.post_message(ClipboardToolDone(what, tool[0], error))

    def on_clipboard_tool_done(self, message: ClipboardToolDone) -> None:
        if message.error is None:
            self.notify(f"Copied {message.what} to the clipboard ({message.tool}) and the terminal (OSC 52).", markup=False)
        else:
            self.notify(
                f"Copied {message.what} to the terminal (OSC 52) only; {message.tool} failed: {message.error}",
                severity="warning",
                markup=False,
            )

    def action_history(self) -> None:
        from tui.screens.copy_history import CopyHistoryScreen

        self.push_screen(CopyHistoryScreen(self.excerpts, self.db_path.parent))

    # -- other screens ------------------------------------------------------
    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_compare(self) -> None:
        if self.corpus is None:
            return
        self._open_compare(None)

    def _open_compare(self, focus: tuple[str, int, int] | None) -> None:
        from tui.compare_screen import CompareScreen

        self.push_screen(CompareScreen(self.corpus, cities=self._compare_cities(), focus=focus), callback=self._compare_closed)

    def _compare_cities(self) -> list[str] | None:
        """The city filter narrows the comparison to that city beside the default four."""
        city = self.state.city
        if city is None or city in store.DEFAULT_CITIES:
            return None
        return [*store.DEFAULT_CITIES, city]

    def action_timeline(self) -> None:
        from tui.timeline_screen import TimelineScreen

        if self.corpus is None:
            return
        self.push_screen(TimelineScreen(self.corpus))

    def _compare_closed(self, target) -> None:
        """A fact chosen on the comparison: open its paragraph, the span marked."""
        if target is None:
            self.back_to_compare = None
            return
        self.back_to_compare = target.at
        marks = [Mark(target.paragraph_index, target.start, target.end)] if target.end > target.start else []
        self.call_later(self._open_target, target.article_id, target.paragraph_index, marks)

    async def _open_target(self, article_id: str, paragraph: int, marks: list[Mark]) -> None:
        self.entity_filter = None
        await self.open_article(article_id, paragraph=paragraph, marks=marks)
        self.article_list.select_id(article_id)
        self.reader.focus()

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"
        self.prefs.set_theme(self.theme)

    async def action_quit(self) -> None:
        """Quit, but ask once when copied excerpts were never exported."""
        if self.prefs.unexported and not isinstance(self.screen, QuitScreen):
            self.push_screen(QuitScreen(self.prefs.unexported), self._quit_answer)
            return
        self.exit()

    def _quit_answer(self, answer: str | None) -> None:
        if answer == "export":
            path = export_history(self.prefs, self.db_path.parent)
            self.exit(message=f"Exported {len(self.excerpts)} excerpts to {path}" if path else None)
        elif answer == "quit":
            self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for a in actions.ACTIONS:
            if a.palette and a.action not in ("quit", "back"):
                yield SystemCommand(a.description, f"{a.help} (key: {a.key_display or a.keys})", lambda a=a: self.run_action(a.action))

    async def jump_to_article(self, article_id: str) -> None:
        self.entity_filter = None
        await self.open_article(article_id)
        self.article_list.select_id(article_id)
        self.reader.focus()

    def jump_to_entity(self, entity) -> None:
        self.filter_by_entity(entity)

    def on_unmount(self) -> None:
        for timer in (self._preview_timer, self._search_timer):
            if timer is not None:
                timer.stop()
        for searcher in (self.searcher, self.counter):
            if searcher is not None:
                searcher.close()
        if self.corpus is not None:
            self.corpus.close()


def run_app(db_path: Path, *, debug: bool = False) -> int:
    app = ExplorerApp(db_path, debug=debug)
    app.run()
    return app.return_code or 0
