"""Where valley-tui keeps its data, and where the bundled sample pages live."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "valley-tui"
DB_ENV = "VALLEY_TUI_DB"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--db wins, then $VALLEY_TUI_DB, then the user's data directory."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "valley.db"


def seeds_dir() -> Path:
    """The five sample pages: shipped in the wheel as `store/seeds`, or the repo's `seeds/`."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "seeds", here.parent / "seeds"):
        if candidate.is_dir() and any(candidate.glob("*.txt")):
            return candidate
    raise FileNotFoundError("bundled seeds/ not found")
