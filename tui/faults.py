"""What went wrong, in one sentence a user can act on: the same words for the
command line (one line on stderr and an exit code) and the app (a screen)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import store
from store.records import AnalyserUnavailable, BatchStopped, RequestError


def fault_line(exc: BaseException, db_path: Path) -> tuple[str, int]:
    """The one line (and exit code) that tells a user what went wrong."""
    if isinstance(exc, BatchStopped):
        line, code = fault_line(exc.cause, db_path)
        if "disk full" in line:
            line = (f"error: {db_path}: disk full after {exc.files_done} of {exc.files_total} files;"
                    " everything before is stored, run again when there is space")
        return line, code
    if isinstance(exc, AnalyserUnavailable):
        return f"error: {exc}; the articles stay stored and pending: valley-tui analyze tries them again", 1
    text = str(exc).lower()
    if isinstance(exc, RequestError):
        return f"error: {exc}", 1
    if isinstance(exc, store.NewerSchema):
        return f"error: {db_path}: {exc}", 2
    if isinstance(exc, sqlite3.DatabaseError) and ("not a database" in text or "malformed" in text):
        return f"error: {db_path}: not a valley-tui database (file is damaged or another format)", 2
    if isinstance(exc, sqlite3.OperationalError) and ("disk is full" in text or "database or disk is full" in text):
        return f"error: {db_path}: disk full; everything stored before is kept, run again when there is space", 1
    if isinstance(exc, sqlite3.OperationalError) and "readonly" in text.replace(" ", "").replace("-", ""):
        return f"error: {db_path}: the database is read-only here (file or folder permissions)", 1
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        other = store.busy_writer(db_path)
        who = f"another valley-tui (pid {other[0]}, {other[1]})" if other else "another program"
        return f"error: {db_path}: busy: {who} is writing; try again when it finishes", 1
    return f"error: {type(exc).__name__}: {exc} (full report: {_write_report(exc)}; --debug shows it here)", 1


def _write_report(exc: BaseException) -> str:
    """A full traceback in the data directory, for a bug report."""
    import traceback
    from datetime import datetime

    try:
        folder = store.data_dir() / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"error-{datetime.now():%Y%m%d-%H%M%S}.txt"
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        return str(path)
    except OSError:
        return "not written"
