"""Who is writing a database right now, so that a second writer that waits too
long can name the first ("another valley-tui (pid 1234, ingest) is writing")
instead of SQLite's bare "database is locked".

A writing command leaves a small note beside the file (``x.db.writer``: pid and
command) for as long as it runs; a reader of the note checks that the pid
still lives, so a note left by a killed process names no one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Seconds a writer waits for another before giving up (SQLite's busy timeout);
#: VALLEY_TUI_BUSY_SECONDS changes it (a slow shared disk may want more).
BUSY_ENV = "VALLEY_TUI_BUSY_SECONDS"


def busy_seconds() -> float:
    try:
        return max(0.1, float(os.environ.get(BUSY_ENV, "30")))
    except ValueError:
        return 30.0


def _note(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".writer")


@contextmanager
def announce_writer(db_path: Path, command: str) -> Iterator[None]:
    """Leave the note while `command` may write `db_path`."""
    note: Path | None = _note(db_path)
    if busy_writer(db_path) is not None:
        note = None  # another live writer's note stays: it is the one a waiting writer must name
    else:
        try:
            note.write_text(json.dumps({"pid": os.getpid(), "command": command}), encoding="utf-8")
        except OSError:
            note = None  # a read-only folder: the command will say so itself
    try:
        yield
    finally:
        if note is not None and busy_writer(db_path, ignore_self=False) == (os.getpid(), command):
            note.unlink(missing_ok=True)


def busy_writer(db_path: Path, *, ignore_self: bool = True) -> tuple[int, str] | None:
    """(pid, command) of the live process whose note is beside `db_path`, if any."""
    try:
        data = json.loads(_note(db_path).read_text(encoding="utf-8"))
        pid, command = int(data["pid"]), str(data["command"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if ignore_self and pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except OSError:
        pass  # alive, someone else's
    return pid, command
