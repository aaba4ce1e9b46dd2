"""The explorer driven through Textual's pilot: each user flow, on a real
SQLite database built from the bundled seeds (see conftest.seeds_db)."""

from __future__ import annotations

import asyncio
import functools

from conftest import ready, settle
from rich.text import Text

from store.corpus import Corpus
from tui.app import WATCH_EVERY, ExplorerApp, SearchDone
from tui.screens.help import HelpScreen
from tui.widgets.article_list import row_text
from tui.widgets.results import snippet

QUERY = "실리콘밸리"


def run_async(test):
    """Run an async test on a fresh event loop (no asyncio plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


def make_app(db) -> ExplorerApp:
    return ExplorerApp(db, system_clipboard=False)


async def type_query(app, pilot, query: str) -> None:
    await pilot.press("slash")
    for ch in query:
        await pilot.press(ch)
    for _ in range(100):  # the debounce timer and the worker, however busy the machine
        await settle(pilot, 0.05)
        if app.last_query == query:
            break
    assert app.last_query == query


@run_async
async def test_list_shows_every_article_and_opens_the_first(seeds_db):
    with Corpus(seeds_db) as corpus:
        expected = corpus.articles()
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.article_list.total == len(expected) == 5
        assert app.reader.article is not None
        assert app.reader.article.id == expected[0].id
        await pilot.press("j", "enter")
        await settle(pilot)
        assert app.reader.article.id == expected[1].id
        assert app.focused is app.reader


@run_async
async def test_typing_a_korean_query_lists_highlighted_hits(seeds_db):
    posted = []
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40), message_hook=posted.append) as pilot:
        await ready(pilot)
        await type_query(app, pilot, QUERY)
        assert app.query_one("#search").value == QUERY
        done = [m for m in posted if isinstance(m, SearchDone)]
        assert done and done[-1].query == QUERY and not done[-1].error
        # debounced: far fewer searches finished than keys were typed
        assert len(done) < len(QUERY)
        hits = app.results.hits
        assert hits, "the seeds mention 실리콘밸리 in several articles"
        assert app.query_one("#middle").current == "results"
        for hit in hits:
            assert hit.spans
            shown = snippet(hit)
            assert any(span.style for span in shown.spans), "matches are highlighted"
        # the best hit's highlighted text is the query (allowing the spacing the search ignores)
        s, e = hits[0].spans[0]
        assert hits[0].text[s:e].replace(" ", "") in QUERY


@run_async
async def test_opening_a_hit_scrolls_to_its_paragraph_and_n_steps(seeds_db):
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_query(app, pilot, QUERY)
        await pilot.press("enter")  # search bar -> results
        assert app.focused is app.results
        hit = app.results.current
        await pilot.press("enter")  # open the hit
        await settle(pilot)
        reader = app.reader
        assert app.focused is reader
        assert reader.article.id == hit.article_id
        assert reader.current == hit.paragraph_index
        assert any(m.paragraph == hit.paragraph_index for m in reader.marks)
        view = reader._views[hit.paragraph_index]
        assert view.region.y >= reader.region.y  # scrolled into view
        assert view.region.y < reader.region.bottom
        first = reader.mark_cursor
        await pilot.press("n")
        assert reader.mark_cursor == (first + 1) % len(reader.marks)  # one mark: n stays on it
        await pilot.press("N")
        assert reader.mark_cursor == first
        await pilot.press("escape")  # back to the results
        assert app.query_one("#middle").current == "results"


@run_async
async def test_copy_paragraph_and_article_with_citation(seeds_db, tmp_path):
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("enter")  # open the first article in the reader
        await settle(pilot)
        await pilot.press("j", "j")
        article = app.reader.article
        index = app.reader.current
        paragraph = next(p for p in article.paragraphs if p.index == index)
        await pilot.press("y")
        copied = app.clipboard
        assert copied.startswith("“" + paragraph.text + "”\n")
        citation = copied.splitlines()[-1]
        assert article.title in citation
        assert article.outlet and article.outlet in citation  # every seed names its outlet and date
        assert article.published and article.published[:10] in citation
        await pilot.press("Y")
        whole = app.clipboard
        assert whole.startswith(article.title)
        assert all(p.text in whole for p in article.paragraphs if p.kind == "body")
        assert whole.rstrip().endswith(citation)
        assert len(app.excerpts) == 2
        await pilot.press("h")
        await pilot.pause()
        screen = app.screen
        screen.export_dir = tmp_path
        await pilot.press("x")
        exported = list(tmp_path.glob("valley-excerpts-*.md"))
        assert len(exported) == 1
        md = exported[0].read_text(encoding="utf-8")
        assert paragraph.text[:20] in md and article.title in md and md.startswith("# Excerpts")


@run_async
async def test_copy_the_selected_search_hit(seeds_db):
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await type_query(app, pilot, QUERY)
        await pilot.press("enter", "down")
        hit = app.results.current
        assert hit is not None, (len(app.results.hits), app.results.highlighted, app.focused)
        await pilot.press("y")
        assert app.clipboard.startswith("“" + hit.text + "”")
        assert hit.title in app.clipboard


@run_async
async def test_entity_sidebar_highlights_and_filters(seeds_db):
    with Corpus(seeds_db) as corpus:
        assert corpus.entities(), "the seeds are analysed at first start"
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        article = app.reader.article
        sidebar = app.sidebar
        assert sidebar.entities, "the first seed names people and organisations"
        sidebar.focus()
        await pilot.press("down")
        await pilot.pause()
        entity = sidebar._entity_at(sidebar.highlighted)
        assert entity is not None
        mine = {(m.paragraph_index, m.start, m.end) for m in entity.mentions if m.article_id == article.id}
        assert {(m.paragraph, m.start, m.end) for m in app.reader.marks} == mine
        await pilot.press("enter")
        await settle(pilot)
        with Corpus(seeds_db) as corpus:
            everywhere = corpus.entity(entity.id)  # the sidebar's copy holds this article's mentions only
        named = {m.article_id for m in everywhere.mentions}
        assert app.entity_filter.id == entity.id
        assert app.article_list.total == len(named)  # every article naming it, not only the open one
        assert {app.article_list.row(i).id for i in range(app.article_list.total)} == named
        from tui.screens.entity_detail import EntityScreen

        assert isinstance(app.screen, EntityScreen)
        assert len(app.screen.mentions) == len(everywhere.mentions)
        await pilot.press("escape")  # close the detail
        await pilot.press("escape")  # clear the filter
        await settle(pilot)
        assert app.entity_filter is None and app.article_list.total == 5


@run_async
async def test_enter_on_an_entity_named_in_several_articles_lists_them_all(seeds_db):
    with Corpus(seeds_db) as corpus:
        shared = next(
            e for e in corpus.entities() if len({m.article_id for m in e.mentions}) > 1 and e.type in ("organization", "place")
        )
        named = {m.article_id for m in shared.mentions}
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        while shared.id not in app.sidebar.entities:  # open an article naming it
            await pilot.press("down")
            await ready(pilot)
        app.sidebar.focus()
        index = next(i for i in range(app.sidebar.option_count) if getattr(app.sidebar._entity_at(i), "id", None) == shared.id)
        app.sidebar.highlighted = index
        await pilot.press("enter")
        await settle(pilot)
        assert {app.article_list.row(i).id for i in range(app.article_list.total)} == named
        await pilot.press("escape")  # close the entity window: the filtered list
        await settle(pilot)
        app.article_list.focus()
        await pilot.press("end")
        await ready(pilot)
        reading = app.reader.article.id
        app.article_list.focus()
        await pilot.press("escape")  # every article again, still on the one being read
        await settle(pilot)
        assert app.entity_filter is None and app.article_list.total == 5
        assert app.reader.article.id == reading and app.article_list.row(app.article_list.cursor).id == reading


@run_async
async def test_help_lists_every_key(seeds_db):
    from tui.actions import ACTIONS

    app = make_app(seeds_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        from tui.screens.help import help_markdown

        text = help_markdown()
        for action in ACTIONS:
            assert f"`{action.key_display or action.keys}`" in text
        body = app.screen.query_one("#help-body")
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0  # at 80x24 the help is longer than the screen
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        await pilot.press("home")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@run_async
async def test_comparison_key_opens_the_comparison(seeds_db):
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        base = app.screen
        await pilot.press("c")
        await settle(pilot)
        assert app.screen is not base
        assert type(app.screen).__name__ == "CompareScreen"


@run_async
async def test_timeline_key_opens_the_timeline(seeds_db):
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert type(app.screen).__name__ == "TimelineScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ != "TimelineScreen"


@run_async
async def test_quit(seeds_db):
    app = make_app(seeds_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@run_async
async def test_first_start_loads_the_seeds_in_a_worker(tmp_path):
    db = tmp_path / "new.db"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        seen_loading = False
        for _ in range(600):
            seen_loading = seen_loading or app.article_list.loading
            if app.article_list.total:
                break
            await pilot.pause(0.05)
        assert seen_loading, "a loading indicator while the seeds load"
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert not app.article_list.loading
        assert app.article_list.total == 5
        await pilot.pause(WATCH_EVERY + 0.5)  # the samples are the app's own: never announced as new
        assert not [n for n in app._notifications if "new article" in str(n.message)]


@run_async
async def test_a_database_from_an_older_valley_tui_is_updated_with_a_word_first(seeds_db, tmp_path):
    import shutil

    from old_schemas import as_search_v1

    db = tmp_path / "old.db"
    shutil.copy(seeds_db, db)
    as_search_v1(db)  # as if made before the search index had shards
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert any("older valley-tui" in str(n.message) for n in app._notifications)
        assert app.article_list.total == 5
        await type_query(app, pilot, QUERY)
        assert app.results.hits


@run_async
async def test_list_virtualises_a_large_corpus(big_db):
    app = make_app(big_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lst = app.article_list
        assert lst.total == 50_000
        await pilot.press("end")
        await pilot.pause()
        assert lst.cursor == 49_999
        await pilot.press("pageup", "pageup", "k")
        await pilot.pause()
        # only the windows around what was shown were read, never the whole table
        assert lst.fetches <= 4
        assert len(lst._pages) <= 8


@run_async
async def test_city_filter_and_sort(seeds_db):
    with Corpus(seeds_db) as corpus:
        cities = corpus.cities()
    assert cities, "every seed is about a city"
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await settle(pilot)
        city, n = cities[0]
        assert app.state.city == city and app.article_list.total == n
        await pilot.press("s")
        await settle(pilot)
        assert app.state.sort == 1


def test_rows_keep_columns_aligned_with_wide_characters():
    from store.records import ArticleSummary

    rows = [
        ArticleSummary("a", "포항시, 美 ‘실리콘 밸리’ 방문해 신산업 혁신역량 강화나서", "2024-01-16T20:06:00+09:00", "세계일보", ["포항시"]),
        ArticleSummary("b", "[단독] ascii title [bold]not markup[/bold]", "2024-03-29", "Kyunghyang Shinmun Daily", ["성남시"]),
    ]
    for width in (30, 44, 70, 100):
        texts = [row_text(r, width) for r in rows]
        assert all(t.cell_len == width for t in texts)
        # the title column starts at the same cell on every row
        starts = {t.plain.index(r.title[:3]) for t, r in zip(texts, rows)}
        cells = {Text(t.plain[: t.plain.index(r.title[:3])]).cell_len for t, r in zip(texts, rows)}
        assert len(cells) == 1, (width, starts)
    wide = row_text(rows[0], 44)
    assert wide.plain.endswith("…")
    markup = row_text(rows[1], 100)
    assert "[bold]not markup[/bold]" in markup.plain


def test_palette_matcher_reads_korean_as_typed():
    from tui.palette import korean_score

    assert korean_score("포하", "포항시, 美 ‘실리콘 밸리’ 방문") > 0  # half-typed syllable
    assert korean_score("ㅇㅇㅁ", "세계적 ‘영일만 밸리’ 만들겠다") > 0  # initial consonants
    assert korean_score("vhgkd", "포항") > 0  # typed with the Korean layout off
    assert korean_score("pohang", "포항시, 美 ‘실리콘 밸리’ 방문") > 0  # romanised, as search reads it
    assert korean_score("seongnam", "포항시, 美 ‘실리콘 밸리’ 방문") == 0
    assert korean_score("성남", "포항시, 美 ‘실리콘 밸리’ 방문") == 0
    assert korean_score("영일만", "영일만") > korean_score("영일만", "세계적 ‘영일만 밸리’ 만들겠다")


@run_async
async def test_palette_jumps_to_an_article_by_name(seeds_db):
    with Corpus(seeds_db) as corpus:
        target = corpus.articles()[-1]
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        for ch in target.title[:6]:
            await pilot.press(ch)
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.query("CommandList") and app.screen.query_one("CommandList").option_count:
                break
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.article.id == target.id


@run_async
async def test_a_fact_chosen_on_the_comparison_opens_its_paragraph(seeds_db):
    from tui.compare_screen import CompareScreen, FactTarget

    with Corpus(seeds_db) as corpus:
        article = corpus.articles()[2]
        paragraph = corpus.article(article.id).paragraphs[1]
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        app.screen.dismiss(FactTarget(article.id, paragraph.index, 0, 2))
        await settle(pilot)
        assert app.reader.article.id == article.id
        assert app.reader.current == paragraph.index
        assert [(m.paragraph, m.start, m.end) for m in app.reader.marks] == [(paragraph.index, 0, 2)]


@run_async
async def test_bigkinds_entities_show_beside_ours(tmp_path):
    """An imported BigKinds row brings its 인물/위치/기관: the sidebar lists them
    in a group of their own, after ours."""
    import sys
    from pathlib import Path

    from store.ingest import ingest_paths

    sys.path.insert(0, str(Path(__file__).parent))
    import fixtures_bigkinds as fx

    db = tmp_path / "bk.db"
    with Corpus(db) as corpus:
        ingest_paths(corpus, [fx.write_news_search(tmp_path / "NewsResult_20240101-20240131.xlsx")])
    app = make_app(db)
    with Corpus(db) as corpus:
        named = {a.id: corpus.supplied_entities(article_id=a.id) for a in corpus.articles()}
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.article_list.focus()
        for _ in range(len(named)):  # down the list to a row BigKinds named things in
            if named.get(app.reader.article.id):
                break
            await pilot.press("down")
            await ready(pilot)
        supplied = named[app.reader.article.id]
        assert supplied, "some rows of the fixture name people, places and organisations"
        prompts = [str(app.sidebar.get_option_at_index(i).prompt) for i in range(app.sidebar.option_count)]
        header = prompts.index(f"BigKinds 제공 {len(supplied)}")
        assert {p.split()[0] for p in prompts[header + 1 :]} == {s.name for s in supplied}
        assert app.sidebar.border_title.endswith(f"+ {len(supplied)}")


@run_async
async def test_articles_added_by_another_process_are_announced_then_shown_with_r(seeds_db, tmp_path):
    import shutil

    from store.ingest import ingest_paths

    db = tmp_path / "watched.db"
    shutil.copy(seeds_db, db)
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        shown = app.reader.article.id
        page = tmp_path / "new.jsonl"
        page.write_text('{"title": "포항시 새 소식", "body": "포항시가 영일만 밸리 2단계를 발표했다고 2일 밝혔다.", "date": "2025-01-02"}\n',
                        encoding="utf-8")
        with Corpus(db) as other:  # as `valley-tui ingest` in another terminal would
            assert ingest_paths(other, [page]).added == 1
        for _ in range(100):  # the watch runs every WATCH_EVERY seconds
            await settle(pilot, 0.1)
            if any("1 new article in the database" in str(n.message) for n in app._notifications):
                break
        else:
            raise AssertionError("the new article was never announced")
        assert app.article_list.total == 5 and app.reader.article.id == shown  # nothing moved under the reader
        await pilot.press("r")
        await settle(pilot)
        assert app.article_list.total == 6
        assert row_text(app.article_list.row(0), 80).plain.count("포항시 새 소식") == 1  # newest first
        # the user keeps their place: the same article open, the cursor on it
        assert app.reader.article.id == shown and app.article_list.row(app.article_list.cursor).id == shown
        await type_query(app, pilot, "영일만 밸리 2단계")
        assert app.results.hits and app.results.hits[0].title == "포항시 새 소식"


@run_async
async def test_T_switches_between_the_dark_and_the_light_theme(seeds_db):
    """What the light-theme snapshot shows, as behaviour: T flips the theme and back."""
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        dark = app.current_theme.dark
        await pilot.press("T")
        assert app.current_theme.dark is not dark
        assert app.theme == ("textual-light" if dark else "textual-dark")
        await pilot.press("T")
        assert app.current_theme.dark is dark


@run_async
async def test_e_hides_the_sidebar_when_wide_and_swaps_it_with_the_list_when_narrow(seeds_db):
    """What the 80x24 entities snapshot shows, as behaviour."""
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert app.sidebar.display and app.article_list.display
        await pilot.press("e")
        assert not app.sidebar.display and app.article_list.display
        await pilot.press("e")
        assert app.sidebar.display and app.article_list.display
    app = make_app(seeds_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert not app.sidebar.display and app.article_list.display  # narrow: the reader keeps its width
        await pilot.press("e")
        assert app.sidebar.display and not app.article_list.display
        assert app.focused is app.sidebar
        await pilot.press("e")
        assert not app.sidebar.display and app.article_list.display
        assert app.focused is app.article_list


@run_async
async def test_a_click_lands_on_the_row_clicked(seeds_db):
    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        lst = app.article_list
        top = lst.content_region.y - lst.region.y  # the border above the first row
        for row in (0, 2, lst.total - 1):
            await pilot.click(lst, offset=(lst.content_region.x - lst.region.x + 2, top + row))
            await pilot.pause()
            assert lst.cursor == row


@run_async
async def test_esc_after_opening_a_comparison_fact_returns_to_that_fact(seeds_db):
    from tui.compare_screen import CompareScreen, FactItem

    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        await pilot.press("c")
        await settle(pilot, 0.2)
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("down", "down", "right")
        chosen = app.screen.current
        assert isinstance(chosen, FactItem)
        where = (chosen.row, chosen.column, chosen.text)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CompareScreen) and app.focused is app.reader
        await pilot.press("escape")
        await settle(pilot, 0.2)
        assert isinstance(app.screen, CompareScreen)
        again = app.screen.current
        assert isinstance(again, FactItem) and (again.row, again.column, again.text) == where


@run_async
async def test_an_entity_bigkinds_also_names_is_listed_once_and_marked(tmp_path):
    import sys
    from pathlib import Path

    from store.ingest import ingest_paths

    sys.path.insert(0, str(Path(__file__).parent))
    import fixtures_bigkinds as fx

    db = tmp_path / "bk.db"
    with Corpus(db) as corpus:
        ingest_paths(corpus, [fx.write_news_search(tmp_path / "NewsResult_20240101-20240131.xlsx")])
        corpus.analyze()
        both = {a.id: [e.name for e in corpus.entities_with_supplied(article_id=a.id)[0] if "bigkinds" in e.sources]
                for a in corpus.articles()}
    assert any(both.values()), "the analyser and BigKinds agree on some names in the fixture"
    app = make_app(db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.article_list.focus()
        for _ in range(len(both)):
            if both.get(app.reader.article.id):
                break
            await pilot.press("down")
            await ready(pilot)
        names = both[app.reader.article.id]
        prompts = [str(app.sidebar.get_option_at_index(i).prompt) for i in range(app.sidebar.option_count)]
        header = next(i for i, p in enumerate(prompts) if p.startswith("BigKinds 제공"))
        with Corpus(db) as corpus:
            ours, left = corpus.entities_with_supplied(article_id=app.reader.article.id)
        merged = {(e.type, e.name) for e in ours if "bigkinds" in e.sources}
        assert not merged & {(s.type, s.name) for s in left}  # one entity, not two
        for name in names:
            assert any(p.split()[0] == name and "✓BigKinds" in p for p in prompts[:header]), prompts
        assert len(prompts) - header - 1 == len(left)


@run_async
async def test_theme_and_copy_history_persist_and_q_asks_once_about_unexported_excerpts(seeds_db, tmp_path):
    from tui.screens.quit import QuitScreen

    app = make_app(seeds_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        dark = app.current_theme.dark
        await pilot.press("T")
        app.reader.focus()
        await pilot.press("y")
        await settle(pilot)
        copied = app.excerpts[-1].text
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)  # one unexported excerpt: asked, not gone
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, QuitScreen) and app.is_running
    again = make_app(seeds_db)
    async with again.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert again.current_theme.dark != dark  # the theme chosen last time
        assert [e.text for e in again.excerpts] == [copied]  # the copy history survived
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(again.screen, QuitScreen)
        await pilot.press("x")  # export, then quit
        await pilot.pause()
    exported = list(seeds_db.parent.glob("valley-excerpts-*.md"))
    assert exported and copied[:20] in exported[-1].read_text(encoding="utf-8")
    third = make_app(seeds_db)
    async with third.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        assert third.prefs.unexported == 0
        await pilot.press("q")  # nothing left to export: quits at once
        await pilot.pause()
        assert not isinstance(third.screen, QuitScreen)


async def palette_options(app, pilot, want: int = 1, tries: int = 100) -> list[str]:
    """The palette's listed prompts, once at least `want` are there (or after `tries`)."""
    for _ in range(tries):
        await pilot.pause(0.05)
        lists = app.screen.query("CommandList")
        if lists and lists.first().option_count >= want:
            break
    command_list = app.screen.query_one("CommandList")
    return [str(command_list.get_option_at_index(i).prompt).split("\n")[0] for i in range(command_list.option_count)]


@run_async
async def test_palette_typed_into_at_once_while_names_load_lists_them_with_date_and_outlet(mentions_db):
    """Keys typed before the names are loaded (most of a second on 4,000
    articles) once cancelled the loading for good: the palette stayed empty.
    The keys go in as fast as a typist's (pilot.press would wait for the load)."""
    with Corpus(mentions_db) as corpus:
        first = corpus.articles(limit=1)[0]
    app = make_app(mentions_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await ready(pilot)
        app.action_command_palette()
        while not app.screen.query("CommandInput"):
            await asyncio.sleep(0.01)
        field = app.screen.query_one("CommandInput")
        for ch in first.title[:3]:
            field.insert_text_at_cursor(ch)
            await asyncio.sleep(0.05)
        # identical titles are told apart by their date and outlet; on a busy machine the
        # article names may list a moment after the first matches
        wanted = f"Article: {first.title}  {first.published[:10]} · {first.outlet}"
        for _ in range(40):
            prompts = await palette_options(app, pilot)
            if wanted in prompts:
                break
        assert wanted in prompts


def _in_pohang(db) -> set[str]:
    with Corpus(db) as corpus:
        return {s.id for s in corpus.articles(city="포항")}


async def _search_nuritech(app, pilot) -> None:
    """The app open, 누리테크 (named by all 130 articles of hits_db) searched and counted."""
    await ready(pilot)
    await type_query(app, pilot, "누리테크")
    await settle(pilot)  # the count runs after the first page is shown


@run_async
async def test_search_tells_the_true_total_loads_more_at_the_end_and_keeps_the_city(hits_db):
    in_pohang = _in_pohang(hits_db)
    app = make_app(hits_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _search_nuritech(app, pilot)
        title = str(app.results.border_title)
        assert "130 hits" in title and "showing 50" in title, title
        await pilot.press("enter")  # onto the results
        await pilot.press("end")
        await settle(pilot, 0.05)
        assert len(app.results.hits) == 100
        await pilot.press("end", "end")
        await settle(pilot, 0.05)
        assert len(app.results.hits) == 130 and not app.results.pending
        assert "130 hits" in str(app.results.border_title) and "showing" not in str(app.results.border_title)

        await pilot.press("escape", "escape")  # back to the list
        while app.state.city != "포항":
            await pilot.press("f")
        await type_query(app, pilot, "누리테크")  # the same words, now within the list's city
        await settle(pilot)
        title = str(app.results.border_title)
        assert "in 포항" in title and f"{len(in_pohang)} hits" in title, title
        assert {h.article_id for h in app.results.hits} <= in_pohang


@run_async
async def test_the_mouse_wheel_loads_more_hits_and_a_city_change_searches_again(hits_db):
    """Scrolling the results to the bottom with the wheel lists the next page (as
    ↓ and End do); `f` while results are shown searches again within the new city."""
    from textual.events import MouseScrollDown

    in_pohang = _in_pohang(hits_db)
    app = make_app(hits_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _search_nuritech(app, pilot)
        await pilot.press("enter")  # onto the results
        assert len(app.results.hits) == 50
        for _ in range(400):
            app.results.post_message(MouseScrollDown(app.results, 5, 5, 0, 1, 0, False, False, False))
            await pilot.pause(0.01)
            if len(app.results.hits) > 50:
                break
        assert len(app.results.hits) == 100, len(app.results.hits)

        while app.state.city != "포항":
            await pilot.press("f")
        await settle(pilot)
        title = str(app.results.border_title)
        assert app.middle.current == "results" and "in 포항" in title, title
        assert f"{len(in_pohang)} hits" in title, title
        assert {h.article_id for h in app.results.hits} <= in_pohang
