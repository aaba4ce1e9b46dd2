"""Files in, articles stored: walk the inputs, read each file with its format's
reader, and store every article whole, many articles per transaction
(``Database.batch``), each file's articles all or none.

Reading (decoding, cleaning, metadata, and what storing derives from the text:
ids, search index bodies, near-duplicate signatures) is CPU work; writing is
SQLite's, in this process. For a big batch two other processes read (every
other file each) while this one writes; they hand over articles in file order
through pipes, a few files per message, so every core works and memory stays
flat.

A bad file costs one error line and nothing else: the batch goes on and what
was stored before stays as it was. A kill leaves every article whole or absent.
"""

from __future__ import annotations

import collections
import functools
import glob
import hashlib
import itertools
import multiprocessing
import operator
import os
import re
import signal
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .database import Database, Derived, StoredSource, derive, stored_source
from .decode import DecodeError
from .formats import SUFFIXES, reader_for
from .jsonl import PartialRead
from .parallel import cores
from .records import (
    BatchStopped,
    IngestReport,
    InputError,
    Paragraph,
    ParsedArticle,
    Reporter,
    Source,
)

ErrorSink = Callable[[str], None]
#: (files done, files in all, articles stored so far)
Progress = Callable[[int, int, int], None]

#: From this many files (or any workbook) other processes read while this one writes.
PARALLEL_FILES = 8
#: Reading processes; articles per `Articles` event; articles (or files
#: without any) per hand-over: one message per small file cost the writer
#: more than unpickling the articles in it; bytes a reader's pipe holds.
READERS = 2
CHUNK = 32
HANDOVER_WEIGHT = 32
PIPE_BYTES = 1 << 20

#: Files that are never articles, even when a folder holds them.
_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def expand_inputs(
    inputs: Iterable[str | os.PathLike[str]], skipped: collections.Counter[str] | None = None
) -> tuple[list[Path], list[str]]:
    """Files, folders (recursively, known suffixes) and globs -> (files, problems).
    Files of other types met in folders are counted by suffix in `skipped`."""
    files: list[tuple[Path, str]] = []  # (path, its resolved form: the same file named twice counts once)
    problems: list[str] = []
    skipped = collections.Counter() if skipped is None else skipped
    for raw in inputs:
        text = os.fspath(raw)
        path = Path(text).expanduser()
        if path.is_dir():
            files.extend(_folder_files(path, skipped))
        elif path.exists():
            files.append((path, os.path.realpath(path)))
        elif glob.has_magic(text):
            matches = sorted(Path(p) for p in glob.glob(os.path.expanduser(text), recursive=True))
            files.extend((p, os.path.realpath(p)) for p in matches if p.is_file())
            if not matches:
                problems.append(f"error: {text}: no file matches this pattern")
        else:
            problems.append(f"error: {text}: no such file or directory")
    seen: set[str] = set()
    unique = []
    for f, key in files:
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def _folder_files(folder: Path, skipped: collections.Counter[str]) -> list[tuple[Path, str]]:
    """Article files under `folder`, hidden files and folders left out, in
    Path order, with their resolved paths. One scandir and one realpath per
    folder, not a stat and a realpath per file: listing 10,000 pages took
    0.5 s, all of it before the readers could start."""
    found: list[tuple[tuple[str, ...], str, str]] = []  # (parts below folder, path, resolved path)

    def visit(directory: str, parts: tuple[str, ...]) -> None:
        real = os.path.realpath(directory)
        with os.scandir(directory) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):  # symlinked folders are not entered, as Path.rglob
                    visit(entry.path, (*parts, name))
                elif name not in _SKIP_NAMES and entry.is_file():
                    suffix = os.path.splitext(name)[1].lower()
                    if suffix not in SUFFIXES:
                        skipped[suffix or "(none)"] += 1
                        continue
                    key = os.path.realpath(entry.path) if entry.is_symlink() else os.path.join(real, name)
                    found.append(((*parts, name), entry.path, key))

    visit(os.fspath(folder), ())
    found.sort()
    return [(Path(path), key) for _, path, key in found]


def source_key(path: Path) -> tuple[str, str]:
    """(NFC path used as the key, raw path to reopen the file on this system)."""
    raw = os.fsdecode(os.path.abspath(path))
    return unicodedata.normalize("NFC", raw), raw


def ingest_paths(
    corpus: Database,
    inputs: Iterable[str | os.PathLike[str]],
    *,
    on_error: ErrorSink | None = None,
    progress: Progress | None = None,
    parallel: bool | None = None,
) -> IngestReport:
    """Store every article of `inputs`. `parallel`: read in other processes
    (None: when the batch is big enough to pay for starting them)."""
    report = IngestReport()
    skipped: collections.Counter[str] = collections.Counter()
    files, problems = expand_inputs(inputs, skipped)
    report.skipped = dict(skipped.most_common())
    for line in problems:
        _fail(report, on_error, line)
    if parallel is None:
        parallel = (
            len(files) >= PARALLEL_FILES or any(p.suffix.lower() == ".xlsx" for p in files)
        ) and cores() > 1
    if str(corpus.path) == ":memory:":
        parallel = False  # another process cannot see it

    def stored(done: int, extra: int = 0) -> None:
        if progress is not None:
            progress(done, len(files), len(report.article_ids) + extra)

    try:
        with corpus.batch(), _file_events(corpus, files, parallel) as events:  # whole articles, many per commit
            for n, first in enumerate(events, start=1):
                _store_file(corpus, first, events, report, on_error, lambda extra: stored(n - 1, extra))
                stored(n)
    except sqlite3.OperationalError as exc:
        if not _DATABASE_WIDE.search(str(exc)):
            raise
        raise BatchStopped(exc, _files_stored(corpus, files), len(files)) from exc
    if report.added or report.updated:
        from .dedupe import group_copies

        group_copies(corpus.db)  # wire copies and rewritten releases -> clusters
    return report


def _files_stored(corpus: Database, files: list[Path]) -> int:
    """How many of `files` the database holds now (a workbook's rows are
    `path#n`): counted after the fault, since the failing commit took back
    files the loop had already passed."""
    keys = {source_key(path)[0] for path in files}
    held = {path if path in keys else path.rsplit("#", 1)[0] for (path,) in corpus.db.execute("SELECT path FROM sources")}
    return len(keys & held)


# -- reading: one file -> events ----------------------------------------------
@dataclass
class Unchanged:
    """The file is stored already, byte for byte (with these problems)."""

    key: str
    problems: list[str] = field(default_factory=list)


@dataclass
class Failed:
    """The file could not be read (or not wholly): nothing of it is stored."""

    key: str
    raw: str
    sha: str | None  # None: not even its bytes could be read
    reason: str


@dataclass
class Started:
    """Articles of this file follow, in `Articles` events, then `Finished` (or `Failed`)."""

    key: str
    raw: str
    sha: str
    encoding: str | None
    many: bool  # sources are named PATH#1, PATH#2, ...


@dataclass
class Articles:
    items: list[tuple[ParsedArticle, Derived]]

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled (down a reader's pipe) as plain tuples: the writer, the
        slowest stage, rebuilds the records from them in 0.034 ms a page,
        where unpickling the dataclasses themselves took 0.086."""
        return _unpack_articles, ([_pack(parsed, derived) for parsed, derived in self.items],)


def _field_getter(cls: type) -> Callable[[Any], tuple[Any, ...]]:
    """A record's field values as a tuple, in the order its constructor takes them."""
    return operator.attrgetter(*(f.name for f in fields(cls)))


_article_values, _paragraph_values, _reporter_values, _derived_values = map(
    _field_getter, (ParsedArticle, Paragraph, Reporter, Derived)
)
_ARTICLE_FIELDS = [f.name for f in fields(ParsedArticle)]
_PARAGRAPHS, _REPORTERS = _ARTICLE_FIELDS.index("paragraphs"), _ARTICLE_FIELDS.index("reporters")


def _pack(parsed: ParsedArticle, derived: Derived) -> tuple[list[Any], tuple[Any, ...]]:
    values = list(_article_values(parsed))
    values[_PARAGRAPHS] = list(map(_paragraph_values, parsed.paragraphs))
    values[_REPORTERS] = list(map(_reporter_values, parsed.reporters))
    return values, _derived_values(derived)


def _unpack_articles(packed: list[tuple[list[Any], tuple[Any, ...]]]) -> Articles:
    items = []
    for values, derived in packed:
        values[_PARAGRAPHS] = [Paragraph(*p) for p in values[_PARAGRAPHS]]
        values[_REPORTERS] = [Reporter(*r) for r in values[_REPORTERS]]
        items.append((ParsedArticle(*values), Derived(*derived)))
    return Articles(items)


@dataclass
class Finished:
    problems: list[str] = field(default_factory=list)  # bad JSON Lines, named


Event = Unchanged | Failed | Started | Articles | Finished
Stored = Callable[[str], "StoredSource | None"]


def read_events(files: Iterable[Path], stored: Stored) -> Iterator[Event]:
    """Each file as events: `Unchanged`, `Failed`, or `Started`, `Articles`...,
    then `Finished` or `Failed`. Pure reading: no write, so it can run in
    another process (with its own read-only view of the sources table)."""
    return _derive_in_chunks(event for path in files for event in _read_file(path, stored))


@dataclass
class _Parsed:
    """A file's articles before what storing derives from them."""

    articles: list[ParsedArticle]


def _derive_in_chunks(events: Iterable[Event | _Parsed]) -> Iterator[Event]:
    """The events, with `_Parsed` made `Articles`: derived values are computed
    for CHUNK articles at once, across files (numpy's cost per call was a
    third of it for a one-page file: 0.53 -> 0.37 ms a page). Should that
    fail, each file's articles are derived alone, and a file whose articles
    cannot be fails alone."""
    held: list[Event | _Parsed] = []
    weight = 0
    file: Started | None = None  # the file whose events are passing
    failed = False  # ... and it failed: the rest of its events are dropped

    def release() -> Iterator[Event]:
        nonlocal file, failed
        articles = [article for event in held if isinstance(event, _Parsed) for article in event.articles]
        try:
            derived: Iterator[Derived] | None = iter(derive(articles))
        except Exception:  # noqa: BLE001  found out file by file below
            derived = None
        for event in held:
            if isinstance(event, Started):
                file = event
            if not isinstance(event, _Parsed):
                if failed and isinstance(event, (Finished, Failed)):  # the end of the file that failed
                    failed = False
                else:
                    yield event
                continue
            if failed:
                continue
            if derived is not None:
                yield Articles([(article, next(derived)) for article in event.articles])
                continue
            try:
                yield Articles(list(zip(event.articles, derive(event.articles))))
            except Exception as exc:  # a bug must cost one file, not the batch
                assert file is not None  # articles always follow their file's Started
                failed = True
                yield Failed(file.key, file.raw, file.sha, _bug_reason(exc))

    for event in events:
        held.append(event)
        if isinstance(event, _Parsed):
            weight += len(event.articles)
            if weight >= CHUNK:
                yield from release()
                held, weight = [], 0
    yield from release()


def _bug_reason(exc: Exception) -> str:
    """The one line a reading bug costs its file."""
    return f"cannot read this file ({type(exc).__name__}: {exc})"


def _read_file(path: Path, stored: Stored) -> Iterator[Event | _Parsed]:
    key, raw = source_key(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Failed(key, raw, None, f"cannot read ({exc.strerror or exc})")
        return
    sha = hashlib.sha256(data).hexdigest()
    for name in (key, key + "#1"):
        known = stored(name)
        if known is not None and known.sha256 == sha:
            yield Unchanged(key, known.problems)
            return
    problems: list[str] = []
    count = 0
    try:
        try:
            found, encoding = reader_for(path)(path, data)
        except PartialRead as partial:  # JSON Lines: store the good lines, report the bad ones
            found, encoding, problems = partial.articles, partial.encoding, partial.problems
        articles = iter(found)
        head = list(itertools.islice(articles, 2))
        many = len(head) > 1
        articles = itertools.chain(head, articles)
        chunk: list[ParsedArticle] = []
        for parsed in articles:
            if not count:
                yield Started(key, raw, sha, encoding, many)
            count += 1
            chunk.append(parsed)
            if len(chunk) == CHUNK:
                yield _Parsed(chunk)
                chunk = []
        if not count:
            raise InputError("no article found")
        if chunk:
            yield _Parsed(chunk)
    except (DecodeError, InputError, ValueError) as exc:
        yield Failed(key, raw, sha, str(exc) or type(exc).__name__)
        return
    except Exception as exc:  # a reader bug must cost one line, not the batch
        yield Failed(key, raw, sha, _bug_reason(exc))
        return
    yield Finished(problems)


# -- reading in other processes ---------------------------------------------
@contextmanager
def _file_events(corpus: Database, files: list[Path], parallel: bool) -> Iterator[Iterator[Event]]:
    if not parallel:
        yield read_events(files, corpus.stored_source)
        return
    # fork is instant and shares the imported modules; with other threads alive
    # (the app) a fresh interpreter is the safe way to start.
    methods = multiprocessing.get_all_start_methods()
    method = "fork" if "fork" in methods and threading.active_count() == 1 else "spawn"
    context = multiprocessing.get_context(method)
    # Reading a page costs about what writing it does (1.5-2 ms each), yet two
    # readers (every other file each, below the writer's priority) beat one:
    # they also fill the time the writer waits on its commits. More would
    # only add switching between them.
    count = max(1, min(READERS, len(files)))
    pipes = [context.Pipe(duplex=False) for _ in range(count)]  # (this end, the reader's end)
    for receive, _ in pipes:
        _widen(receive)
    ends = [end for pipe in pipes for end in pipe]
    readers = [
        context.Process(
            target=_read_in_process, args=(files[n::count], os.fspath(corpus.path), send, ends), daemon=True
        )
        for n, (_, send) in enumerate(pipes)
    ]
    try:
        for reader in readers:
            reader.start()
        for _, send in pipes:
            send.close()  # each reader's end is its own: EOF when it dies
        yield _in_file_order(len(files), [receive for receive, _ in pipes], readers)
    finally:
        for reader, (receive, send) in zip(readers, pipes):
            if reader.is_alive():
                reader.terminate()
            if reader.pid is not None:
                reader.join()
            receive.close()
            send.close()


def _widen(end: Connection) -> None:
    """Let a pipe hold a few hand-overs (Linux: 1 MiB, from 64 KiB), so a
    reader reads ahead while the writer commits."""
    try:
        import fcntl

        fcntl.fcntl(end.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or above its limit: the default works too
        pass


#: Reading processes run at a lower priority than the writer. Two readers and
#: the writer share two cores; at equal priority the writer, the slowest
#: stage, got two thirds of a core while the readers filled their pipes and
#: then waited. Lower, they take what the writer leaves: 8-12% faster at
#: 10,000 pages (and an ingest yields to whatever else the user is running).
READER_NICENESS = 10


class _WriterGone(Exception):
    """The ingest that started a reading process has stopped listening."""


def _read_in_process(files: list[Path], db_path: str, send: Connection, ends: list[Connection]) -> None:
    """A reading process: a read-only connection of its own for the
    unchanged-file check, then every event down its pipe, a few files per
    hand-over, then None. It stops when the writer is gone (killed): it holds
    no pipe end but its own, so a send then fails at once, not waits forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the writer's to handle: it stops us
    if hasattr(os, "nice"):  # not on Windows
        os.nice(READER_NICENESS)
    for end in ends:
        if end is not send:
            end.close()  # inherited (fork): the other ends are the writer's and other readers'
    conn = sqlite3.connect(Path(db_path).resolve().as_uri() + "?mode=ro", uri=True)
    pending: list[Event | BaseException | None] = []
    weight = 0  # articles, and files that had none

    def hand_over() -> None:
        try:
            send.send(pending)
        except OSError:  # the writer is gone: nobody will read what we make
            raise _WriterGone from None

    try:
        for event in read_events(files, functools.partial(stored_source, conn)):
            pending.append(event)
            weight += len(event.items) if isinstance(event, Articles) else 0 if isinstance(event, Started) else 1
            if weight >= HANDOVER_WEIGHT:
                hand_over()
                pending, weight = [], 0
        pending.append(None)
        hand_over()
    except _WriterGone:
        return
    except BaseException as exc:  # noqa: BLE001  the writer must hear of it, not wait forever
        pending.append(RuntimeError(f"the reading process failed: {type(exc).__name__}: {exc}"))
        try:
            hand_over()
        except _WriterGone:
            return
    finally:
        conn.close()
        send.close()


def _in_file_order(
    files: int, pipes: list[Connection], readers: list[multiprocessing.process.BaseProcess]
) -> Iterator[Event]:
    """The readers' events, file by file in the original order (file n comes
    from reader n mod count, and each file's events end with a final one).
    A hand-over holds the events of a few files, in that reader's order."""
    received: list[collections.deque[Event | BaseException | None]] = [collections.deque() for _ in readers]
    for n in range(files):
        which = n % len(readers)
        while True:
            if not received[which]:
                received[which].extend(_next_handover(pipes[which], readers[which]))
            event = received[which].popleft()
            if isinstance(event, BaseException):
                raise event
            if event is None:
                raise RuntimeError("the reading process ended early")
            yield event
            if isinstance(event, (Unchanged, Failed, Finished)):
                break


def _next_handover(
    pipe: Connection, reader: multiprocessing.process.BaseProcess
) -> list[Event | BaseException | None]:
    stopped = RuntimeError("the reading process stopped")
    try:
        while not pipe.poll(1.0):
            if not reader.is_alive() and not pipe.poll(0):
                raise stopped
        return pipe.recv()
    except EOFError:
        raise stopped from None


# -- writing: events -> stored articles ---------------------------------------
class _FileFailed(Exception):
    def __init__(self, failed: Failed) -> None:
        super().__init__(failed.reason)
        self.failed = failed


def _store_file(
    corpus: Database,
    first: Event,
    events: Iterator[Event],
    report: IngestReport,
    on_error: ErrorSink | None,
    stored: Callable[[int], None],
) -> None:
    """Store one file's articles (all or none), from its first event on;
    `stored(n)` hears how many of this file's are stored so far."""
    if isinstance(first, Unchanged):
        report.unchanged += 1
        for problem in first.problems:  # still in the file: still worth a line
            _fail(report, on_error, f"error: {first.key}: {problem}")
        return
    if isinstance(first, Failed):
        _record_failed(corpus, first, report, on_error)
        return
    assert isinstance(first, Started)
    tally = IngestReport()  # joins the report once the file is stored whole
    number = 0
    try:
        with corpus.all_or_nothing():
            for event in events:
                if isinstance(event, Articles):
                    for parsed, derived in event.items:
                        number += 1
                        _store_article(corpus, first, number, parsed, derived, tally, on_error)
                    stored(len(tally.article_ids))
                elif isinstance(event, Failed):
                    raise _FileFailed(event)
                else:
                    assert isinstance(event, Finished)
                    for problem in event.problems:
                        _fail(tally, on_error, f"error: {first.key}: {problem}")
                    if event.problems and tally.article_ids:
                        corpus.note_problems(f"{first.key}#1" if first.many else first.key, event.problems)
                    break
    except _FileFailed as exc:
        _record_failed(corpus, exc.failed, report, on_error)
        return
    for name in ("added", "updated", "unchanged", "failed"):
        setattr(report, name, getattr(report, name) + getattr(tally, name))
    report.errors += tally.errors
    report.article_ids += tally.article_ids


def _store_article(
    corpus: Database,
    start: Started,
    number: int,
    parsed: ParsedArticle,
    derived: Derived,
    tally: IngestReport,
    on_error: ErrorSink | None,
) -> None:
    path = f"{start.key}#{number}" if start.many else start.key
    source = Source(path, start.raw, start.sha, start.encoding, "ok")
    try:
        aid, outcome = corpus.save_article(parsed, source, derived)
    except sqlite3.OperationalError as exc:
        if _DATABASE_WIDE.search(str(exc)):
            raise  # locked, full, read-only: every later file would fail the same way
        _fail(tally, on_error, f"error: {source.path}: cannot store ({exc})")
    except Exception as exc:  # an article the database refuses must not end the batch
        _fail(tally, on_error, f"error: {source.path}: cannot store ({exc})")
        return
    tally.article_ids.append(aid)
    setattr(tally, outcome, getattr(tally, outcome) + 1)


def _record_failed(corpus: Database, failed: Failed, report: IngestReport, on_error: ErrorSink | None) -> None:
    if failed.sha is not None:
        corpus.record_failure(Source(failed.key, failed.raw, failed.sha, None, "failed", failed.reason))
    _fail(report, on_error, f"error: {failed.key}: {failed.reason}")


def _fail(report: IngestReport, on_error: ErrorSink | None, line: str) -> None:
    report.failed += 1
    report.errors.append(line)
    if on_error is not None:
        on_error(line)


def iter_seed_files() -> Iterator[Path]:
    from .paths import seeds_dir

    yield from sorted(seeds_dir().glob("*.txt"))


#: SQLite errors about the database as a whole, not about one article.
_DATABASE_WIDE = re.compile(r"locked|busy|disk is full|database or disk is full|readonly|read-only", re.IGNORECASE)
