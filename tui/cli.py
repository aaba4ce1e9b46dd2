"""`valley-tui` on the command line: the app by default, and thin commands over
`store.Corpus` for scripts (JSON) and people (rich tables).

Heavy modules (Textual, the Korean analyser) are imported only by the command
that needs them, so `valley-tui articles --json` stays quick.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import store
from store.records import AnalyserUnavailable
from tui.faults import fault_line


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="valley-tui",
        description="Explore Korean news coverage of regional 'valley' innovation initiatives.",
    )
    parser.add_argument(
        "--db", metavar="FILE", help=f"SQLite database (default: ${store.DB_ENV} or the user data directory)"
    )
    parser.add_argument("--debug", action="store_true", help="show the full traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("ingest", help="load article files, folders or globs")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--no-analyze", action="store_true", help="store text only; run `analyze` later")

    p = sub.add_parser("analyze", help="extract entities from stored articles (resumable)")
    p.add_argument("--all", action="store_true", help="re-analyse every article, not only new ones")

    p = sub.add_parser("articles", help="list stored articles")
    p.add_argument("--json", action="store_true")
    p.add_argument("--city")
    p.add_argument("--limit", type=int, default=None, help="at most N articles")
    p.add_argument("--offset", type=int, default=0, help="skip the first N")

    p = sub.add_parser("search", help="Korean-aware fuzzy search over paragraphs")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("entities", help="people, organisations, places, events, initiatives, figures")
    p.add_argument("--type", dest="type_")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("compare", help="the four cities side by side")
    p.add_argument("--city", action="append", dest="cities")
    many = p.add_mutually_exclusive_group()
    many.add_argument("--top", type=int, default=5, help="entries per cell, best first (default 5)")
    many.add_argument("--all", action="store_true", dest="every", help="every entry of every cell")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--markdown", action="store_true")

    p = sub.add_parser("check", help="check the database (integrity, indexes, orphans); --repair rebuilds indexes")
    p.add_argument("--repair", action="store_true", help="rebuild what is derived; articles are never touched")

    p = sub.add_parser("remove", help="take articles out: by id, or the one a file became (--source PATH)")
    p.add_argument("ids", nargs="*", metavar="ARTICLE_ID")
    p.add_argument("--source", metavar="PATH", help="the file whose article goes (kept if another file holds it too)")

    p = sub.add_parser("sources", help="the files read in, one line each; --failed: only those with problems")
    p.add_argument("--failed", action="store_true", help="only files that failed or were stored with problems")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", help="reports out: csv, jsonl or Markdown")
    p.add_argument("what", choices=["articles", "search", "entities", "compare"])
    p.add_argument("query", nargs="?")
    p.add_argument("--format", choices=["csv", "jsonl", "md"], default="md")
    p.add_argument("-o", "--output", metavar="FILE")
    for name, command in sub.choices.items():  # `valley-tui ingest x/ --db f.db` as well as before the command
        command.add_argument("--db", metavar="FILE", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        command.formatter_class = argparse.RawDescriptionHelpFormatter
        command.epilog = "examples:\n" + "\n".join(f"  {line}" for line in EXAMPLES[name])
    return parser


#: What `valley-tui COMMAND --help` shows under the options: real invocations.
EXAMPLES: dict[str, tuple[str, ...]] = {
    "ingest": ("valley-tui ingest ~/articles/ 'more/*.html'", "valley-tui ingest NewsResult_20240101.xlsx --no-analyze"),
    "analyze": ("valley-tui analyze", "valley-tui analyze --all   # after editing entities.toml"),
    "articles": ("valley-tui articles --city 포항시", "valley-tui articles --json --limit 50 --offset 100"),
    "search": ("valley-tui search '과천 김종천 CES'", "valley-tui search 'ㅇㅇㅁ 밸리' --json --limit 5"),
    "entities": ("valley-tui entities --type person", "valley-tui entities --json"),
    "compare": ("valley-tui compare --markdown > compare.md", "valley-tui compare --city 포항시 --city 춘천시 --all --json"),
    "check": ("valley-tui check", "valley-tui check --repair"),
    "remove": ("valley-tui remove 2318a1f547e8ddd3", "valley-tui remove --source ~/articles/old.html"),
    "sources": ("valley-tui sources", "valley-tui sources --failed --json"),
    "export": ("valley-tui export search '영일만 밸리' --format md -o excerpts.md", "valley-tui export articles --format csv"),
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db_path = store.default_db_path(args.db)
    command = args.command or "app"
    debug = args.debug or _debug_env()
    try:
        handler = COMMANDS[command]
        if command in WRITING_COMMANDS:
            with store.announce_writer(db_path, command):
                return handler(args, db_path)
        return handler(args, db_path)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # one line per fault class; the traceback only with --debug
        if debug:
            raise
        line, code = fault_line(exc, db_path)
        _print_error(line)
        return code


def _debug_env() -> bool:
    return os.environ.get("VALLEY_TUI_DEBUG", "") not in ("", "0")


#: Commands that write the database: they leave a note naming themselves (store.writers).
#: compare and export write the comparison facts of articles not read yet.
WRITING_COMMANDS = frozenset({"ingest", "analyze", "remove", "check", "compare", "export"})


def _corpus(db_path: Path, *, seed_if_new: bool = True):  # -> Corpus
    is_new = not db_path.exists() or db_path.stat().st_size == 0  # `touch x.db` makes no corpus
    corpus = store.Corpus(db_path)
    if seed_if_new and is_new:
        corpus.seed()
    return corpus


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _print_error(line: str) -> None:
    """One whole line on stderr: never wrapped, never read as markup."""
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def cmd_app(args: argparse.Namespace, db_path: Path) -> int:
    from tui.app import run_app

    return run_app(db_path, debug=args.debug or _debug_env())


def cmd_ingest(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    from tui.progress import rich_progress

    err = Console(stderr=True, highlight=False)
    corpus = _corpus(db_path, seed_if_new=False)
    # What is alive now (modules, the corpus) lives as long as the command:
    # out of the collector's full passes, here and in the reading processes
    # forked from here (those passes cost the writer 0.2 s per 10,000 pages).
    gc.freeze()
    with rich_progress(err) as progress:
        report = corpus.ingest(
            args.paths,
            on_error=_print_error,
            progress=progress,
        )
    analysed, unanalysed = 0, 0
    if not args.no_analyze and report.article_ids:
        analysed, unanalysed = _analyze(corpus, err, everything=False)
    corpus.close()
    _print_error(
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged,"
        f" {report.failed} failed" + (f"; {analysed} analysed" if analysed else "")
        + _pending(unanalysed) + _skipped(report.skipped)
    )
    return 1 if report.failed or unanalysed else 0


def _pending(failed: int) -> str:
    """'; 2 not analysed (stored, left pending: valley-tui analyze tries them again)'."""
    return f"; {failed} not analysed (stored, left pending: valley-tui analyze tries them again)" if failed else ""


def _skipped(by_suffix: dict[str, int]) -> str:
    """'; 3 files of other types skipped (.pdf 2, .md 1)' for the folders' non-article files."""
    if not by_suffix:
        return ""
    n = sum(by_suffix.values())
    kinds = ", ".join(f"{suffix} {count}" for suffix, count in by_suffix.items())
    return f"; {n} file{'s' if n > 1 else ''} of other types skipped ({kinds})"


def _analyze(corpus, err, *, everything: bool) -> tuple[int, int]:
    """(articles analysed, articles whose analysis failed); every failure and every
    problem of the corrections file is one line on stderr."""
    from tui.progress import rich_progress

    failed = 0

    def on_error(line: str) -> None:
        nonlocal failed
        if re.match(r"error: [0-9a-f]{16}: ", line):  # an article (by id), not the corrections file
            failed += 1
        _print_error(line)

    try:
        with rich_progress(err, label="analysing") as progress:
            n = corpus.analyze(everything=everything, progress=progress,
                               on_stage=lambda line: err.print(line, style="dim"), on_error=on_error)
    except AnalyserUnavailable as exc:  # one line, not one per article
        _print_error(f"error: {exc}")
        return 0, failed + exc.pending
    return n - failed, failed


def cmd_analyze(args: argparse.Namespace, db_path: Path) -> int:
    from rich.console import Console

    err = Console(stderr=True, highlight=False)
    corpus = _corpus(db_path)
    n, failed = _analyze(corpus, err, everything=args.all)
    corpus.close()
    _print_error(f"{n} articles analysed" + _pending(failed))
    return 1 if failed else 0


def cmd_articles(args: argparse.Namespace, db_path: Path) -> int:
    corpus = _corpus(db_path)
    if args.json:
        summaries = corpus.articles(city=args.city, limit=args.limit, offset=args.offset)
        # every ingested file stays in view: a story lists the copies folded under it
        _print_json([{**corpus.article(s.id).to_json(), "copies": corpus.copies(s.id)} for s in summaries])
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table("date", "outlet", "cities", "title", "id", "problems", box=None, pad_edge=False)
    for s in corpus.articles(city=args.city, limit=args.limit, offset=args.offset):
        missing = [name for name, value in (("title", not s.untitled), ("date", s.published), ("outlet", s.outlet)) if not value]
        table.add_row(
            (s.published or "")[:10],
            Text(s.outlet or ""),
            Text(", ".join(s.cities)),
            Text.assemble(("(untitled) ", "italic"), s.title) if s.untitled else Text(s.title),
            s.id,
            Text("no " + ", ".join(missing), style="yellow") if missing else "",
        )
    Console().print(table)
    return 0


def cmd_search(args: argparse.Namespace, db_path: Path) -> int:
    corpus = _corpus(db_path)
    hits = corpus.search(args.query, limit=args.limit)
    if args.json:
        _print_json([h.to_json() for h in hits])
        return 0
    from rich.console import Console
    from rich.text import Text

    console = Console()
    shown = None
    for hit in hits:
        if hit.partial and len(hit.matched_terms) != shown:
            shown = len(hit.matched_terms)
            console.print(Text(f"── {shown} of {hit.terms} words ──", style="italic"))
        line = Text(hit.text)
        for start, end in hit.spans:
            line.stylize("bold reverse", start, end)
        console.print(Text(f"{hit.title}  ¶{hit.paragraph_index}  {hit.score:.2f}", style="dim"))
        console.print(line)
        console.print()
    if not hits:
        console.print("no matches", style="dim")
    return 0


def cmd_check(args: argparse.Namespace, db_path: Path) -> int:
    """One line per check; exit 0 when all is well (after --repair, when the repair made it so)."""
    with _corpus(db_path, seed_if_new=False) as corpus:
        return _check(corpus, repair=args.repair)


def _check(corpus: Any, *, repair: bool) -> int:
    findings = corpus.check()
    for finding in findings:
        print(finding.line())
    if all(f.ok for f in findings):
        return 0
    if not repair:
        _print_error("error: problems found; `valley-tui check --repair` rebuilds the indexes (articles are kept)")
        return 1
    for line in corpus.repair():
        print("repaired:", line)
    after = corpus.check()
    for finding in after:
        if not finding.ok:
            print(finding.line())
    return 0 if all(f.ok for f in after) else 1


def cmd_entities(args: argparse.Namespace, db_path: Path) -> int:
    corpus = _corpus(db_path)
    entities, supplied = corpus.entities_with_supplied(type=args.type_)
    if args.json:  # ours (with every source that names them), then what only an import supplied
        _print_json([{**e.to_json(), "source": e.sources[0]} for e in entities] + [s.to_json() for s in supplied])
        return 0
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table("type", "name", "role", "mentions", "articles", "source", box=None, pad_edge=False)
    for e in entities:
        articles = len({m.article_id for m in e.mentions})
        table.add_row(e.type, Text(e.name), Text(e.role or ""), str(len(e.mentions)), str(articles), "+".join(e.sources))
    for s in supplied:
        table.add_row(s.type, Text(s.name), "", "", str(len(s.article_ids)), s.source)
    Console().print(table)
    return 0


def cmd_compare(args: argparse.Namespace, db_path: Path) -> int:
    corpus = _corpus(db_path)
    result = corpus.compare(args.cities, top=None if args.every else max(1, args.top))
    if args.json:
        _print_json(result)
    else:
        sys.stdout.write(corpus.compare_markdown(result))
    return 0


def cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    corpus = _corpus(db_path)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        corpus.export(args.what, out, fmt=args.format, query=args.query)
    finally:
        if args.output:
            out.close()
    return 0


def cmd_remove(args: argparse.Namespace, db_path: Path) -> int:
    if not args.ids and not args.source:
        _print_error("error: remove needs ARTICLE_ID ... or --source PATH")
        return 2
    source = str(Path(args.source).expanduser().resolve()) if args.source else None
    with _corpus(db_path, seed_if_new=False) as corpus:
        if source and not any(row["path"] == source for row in corpus.sources()):
            _print_error(f"error: {db_path}: no file {source} was read in (see `valley-tui sources`)")
            return 1
        removed = corpus.remove(args.ids, source=source)
    missing = [a for a in args.ids if a not in removed]
    for aid in missing:
        _print_error(f"error: {db_path}: no article {aid}")
    if source and not removed:
        _print_error(f"{source}: forgotten; its article stays (another file holds it too)")
    _print_error(f"{len(removed)} article{'s' if len(removed) != 1 else ''} removed")
    return 1 if missing else 0


def cmd_sources(args: argparse.Namespace, db_path: Path) -> int:
    with _corpus(db_path, seed_if_new=False) as corpus:
        rows = corpus.sources(failed=args.failed)
    if args.json:
        _print_json(rows)
        return 0
    for row in rows:
        problems = "; ".join(row["problems"])
        print(f"{row['status']:6}  {row['path']}" + (f"  — {problems}" if problems else ""))
    if not rows:
        _print_error("no failed files" if args.failed else "no files read yet")
    return 0


COMMANDS = {
    "app": cmd_app,
    "ingest": cmd_ingest,
    "analyze": cmd_analyze,
    "articles": cmd_articles,
    "check": cmd_check,
    "search": cmd_search,
    "entities": cmd_entities,
    "compare": cmd_compare,
    "export": cmd_export,
    "sources": cmd_sources,
    "remove": cmd_remove,
}


if __name__ == "__main__":
    raise SystemExit(main())
