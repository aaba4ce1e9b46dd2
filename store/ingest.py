"""Files in, articles stored: walk the inputs, read each file with its format's
reader, and store every article whole: many articles share a transaction
(``Corpus.batch``), each in its own savepoint.

A bad file costs one error line and nothing else: the batch goes on and what
was stored before stays as it was. A kill leaves every article whole or absent.
"""

from __future__ import annotations

import glob
import hashlib
import os
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .corpus import Corpus
from .decode import DecodeError
from .formats import SUFFIXES, InputError, reader_for
from .jsonl import PartialRead
from .records import IngestReport, Source

ErrorSink = Callable[[str], None]
Progress = Callable[[int, int], None]

#: Files that are never articles, even when a folder holds them.
_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def expand_inputs(inputs: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[str]]:
    """Files, folders (recursively, known suffixes) and globs -> (files, problems)."""
    files: list[Path] = []
    problems: list[str] = []
    for raw in inputs:
        text = os.fspath(raw)
        path = Path(text).expanduser()
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUFFIXES
                and p.name not in _SKIP_NAMES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            files.extend(found)
        elif path.exists():
            files.append(path)
        elif glob.has_magic(text):
            matches = sorted(Path(p) for p in glob.glob(os.path.expanduser(text), recursive=True))
            files.extend(p for p in matches if p.is_file())
            if not matches:
                problems.append(f"error: {text}: no file matches this pattern")
        else:
            problems.append(f"error: {text}: no such file or directory")
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def source_key(path: Path) -> tuple[str, str]:
    """(NFC path used as the key, raw path to reopen the file on this system)."""
    raw = os.fsdecode(os.path.abspath(path))
    return unicodedata.normalize("NFC", raw), raw


def ingest_paths(
    corpus: Corpus,
    inputs: Iterable[str | os.PathLike[str]],
    *,
    on_error: ErrorSink | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    report = IngestReport()
    files, problems = expand_inputs(inputs)
    for line in problems:
        _fail(report, on_error, line)
    with corpus.batch():  # whole articles, many per commit
        for n, path in enumerate(files, start=1):
            ingest_file(corpus, path, report, on_error=on_error)
            if progress is not None:
                progress(n, len(files))
    if report.added or report.updated:
        from .dedupe import group_copies

        group_copies(corpus.db)  # wire copies and rewritten releases -> clusters
    return report


def ingest_file(
    corpus: Corpus, path: Path, report: IngestReport, *, on_error: ErrorSink | None = None
) -> None:
    key, raw = source_key(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        _fail(report, on_error, f"error: {key}: cannot read ({exc.strerror or exc})")
        return
    sha = hashlib.sha256(data).hexdigest()
    if corpus.source_sha(key) == sha or corpus.source_sha(key + "#1") == sha:
        report.unchanged += 1
        return
    bad_lines: list[str] = []
    try:
        try:
            parsed, encoding = reader_for(path)(path, data)
        except PartialRead as partial:  # JSON Lines: store the good lines, report the bad ones
            parsed, encoding, bad_lines = partial.articles, partial.encoding, partial.problems
        if not parsed:
            raise InputError("no article found")
    except (DecodeError, InputError, ValueError) as exc:
        reason = str(exc) or type(exc).__name__
        corpus.record_failure(Source(key, raw, sha, None, "failed", reason))
        _fail(report, on_error, f"error: {key}: {reason}")
        return
    except Exception as exc:  # a reader bug must cost one line, not the batch
        reason = f"cannot read this file ({type(exc).__name__}: {exc})"
        corpus.record_failure(Source(key, raw, sha, None, "failed", reason))
        _fail(report, on_error, f"error: {key}: {reason}")
        return
    for problem in bad_lines:
        _fail(report, on_error, f"error: {key}: {problem}")
    many = len(parsed) > 1
    for i, article in enumerate(parsed, start=1):
        source = Source(f"{key}#{i}" if many else key, raw, sha, encoding, "ok")
        try:
            aid, outcome = corpus.save_article(article, source)
        except Exception as exc:  # a database error must not end the batch
            _fail(report, on_error, f"error: {source.path}: cannot store ({exc})")
            continue
        report.article_ids.append(aid)
        setattr(report, outcome, getattr(report, outcome) + 1)


def _fail(report: IngestReport, on_error: ErrorSink | None, line: str) -> None:
    report.failed += 1
    report.errors.append(line)
    if on_error is not None:
        on_error(line)


def iter_seed_files() -> Iterator[Path]:
    from .paths import seeds_dir

    yield from sorted(seeds_dir().glob("*.txt"))
