"""The user's corrections to entity analysis: `entities.toml` in the data
directory, applied on the next `valley-tui analyze` (and every ingest).

    # Never show these (top-level keys come before the first [table]).
    hide = ["기상청"]

    # Every name in the list is the entity named on the left.
    [aliases]
    "세계한인무역협회" = ["OKTA", "월드옥타"]

    # The entity on the left is the same as the one on the right.
    [merge]
    "포스텍" = "포항공과대학교"

    # Show an entity under another name.
    [rename]
    "리치 피츠제럴드" = "Rich Fitzgerald"

Names are compared without spaces or dots, Latin case-insensitively, and
match an entity's name or any of its aliases.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .extract.found import norm
from .paths import data_dir
from .toml_files import TOMLDecodeError, loads

FILE_NAME = "entities.toml"


@dataclass
class Corrections:
    aliases: dict[str, list[str]] = field(default_factory=dict)
    merge: dict[str, str] = field(default_factory=dict)
    rename: dict[str, str] = field(default_factory=dict)
    hide: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def alias_map(self) -> dict[str, str]:
        """normalised name -> the canonical name it should be read as."""
        out: dict[str, str] = {}
        for canon, names in self.aliases.items():
            for n in names:
                out[norm(n)] = canon
        for source, target in self.merge.items():
            out[norm(source)] = target
        return out


def default_path() -> Path:
    return data_dir() / FILE_NAME


def load(path: Path | None = None) -> Corrections:
    """Read the file; a missing file is no corrections, a broken one is one
    problem line and no corrections (analysis goes on)."""
    path = path or default_path()
    if not path.exists():
        return Corrections()
    try:
        raw = loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, TOMLDecodeError) as exc:
        return Corrections(problems=[f"error: {path}: {exc}"])
    c = Corrections()
    aliases = raw.get("aliases", {})
    if isinstance(aliases, dict):
        c.aliases = {str(k): [str(x) for x in (v if isinstance(v, list) else [v])] for k, v in aliases.items()}
    for name in ("merge", "rename"):
        table = raw.get(name, {})
        if isinstance(table, dict):
            if "hide" in table and isinstance(table["hide"], list):
                c.problems.append(f"error: {path}: 'hide' must come before the first [table]")
                table = {k: v for k, v in table.items() if k != "hide"}
            setattr(c, name, {str(k): str(v) for k, v in table.items()})
        else:
            c.problems.append(f"error: {path}: [{name}] must be a table")
    hide = raw.get("hide", [])
    c.hide = [str(x) for x in hide] if isinstance(hide, list) else [str(hide)]
    return c


def apply(conn: sqlite3.Connection, c: Corrections) -> None:
    """Merge, rename and hide stored entities (inside the caller's transaction)."""
    for canon, names in c.aliases.items():
        for n in names:
            _merge(conn, n, canon)
    for source, target in c.merge.items():
        _merge(conn, source, target)
    for old, new in c.rename.items():
        for eid in _ids(conn, old):
            conn.execute("UPDATE entities SET name = ? WHERE id = ?", [new, eid])
            conn.execute(
                "INSERT OR IGNORE INTO entity_aliases(entity_id, type, alias, alias_key)"
                " SELECT id, type, ?, ? FROM entities WHERE id = ?",
                [new, norm(new), eid],
            )
    conn.execute("UPDATE entities SET hidden = 0 WHERE hidden = 1")
    for name in c.hide:
        for eid in _ids(conn, name):
            conn.execute("UPDATE entities SET hidden = 1 WHERE id = ?", [eid])


def _ids(conn: sqlite3.Connection, name: str) -> list[str]:
    key = norm(name)
    rows = conn.execute(
        "SELECT id FROM entities WHERE substr(key, instr(key, ':') + 1) = ?"
        " UNION SELECT entity_id FROM entity_aliases WHERE alias_key = ?",
        [key, key],
    )
    return [r[0] for r in rows]


def _merge(conn: sqlite3.Connection, source: str, target: str) -> None:
    targets = _ids(conn, target)
    if not targets:
        for eid in _ids(conn, source):  # nothing named `target` yet: rename instead
            conn.execute("UPDATE entities SET name = ? WHERE id = ?", [target, eid])
        return
    into = targets[0]
    for eid in _ids(conn, source):
        if eid == into:
            continue
        conn.execute("UPDATE mentions SET entity_id = ? WHERE entity_id = ?", [into, eid])
        conn.execute(
            "INSERT OR IGNORE INTO entity_aliases(entity_id, type, alias, alias_key)"
            " SELECT ?, type, alias, alias_key FROM entity_aliases WHERE entity_id = ?",
            [into, eid],
        )
        conn.execute("DELETE FROM entities WHERE id = ?", [eid])
