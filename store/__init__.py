"""Everything below the screen: decode, clean, extract, store, query. Never imports Textual.

This package's face is all the screen and the CLI use (an import contract
checks it): `Corpus` with its methods, the records it returns
(`store.records`), and the few plain helpers listed in `_FACE`. Each name is
imported on first use, so that `store.paths` (all the CLI needs to start the
app) does not pull in sqlite-utils before the first frame.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

#: name -> the module that defines it.
_FACE = {
    "Corpus": "corpus",
    "NewerSchema": "schema",
    "DEFAULT_CITIES": "cities",
    "DB_ENV": "paths",
    "data_dir": "paths",
    "default_db_path": "paths",
    # who else writes the database (named when a write waits too long)
    "announce_writer": "writers",
    "busy_writer": "writers",
    # typing aids for the search bar and palette: jamo keys, 초성, English-mode keys
    "keystrokes": "hangul",
    "initials": "hangul",
    "from_keyboard": "hangul",
    "romanize": "hangul",
    # the comparison's cells as text, the same words on screen and in Markdown
    "ROW_TITLES": "comparison.markdown",
    "coverage_text": "comparison.markdown",
    "fact_text": "comparison.markdown",
    # an excerpt with its citation (the `y` key and the copy history)
    "excerpt_from_article": "export",
    "excerpts_markdown": "export",
    "excerpt_citation": "export",
}

__all__ = sorted(_FACE)

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ loads them
    from .cities import DEFAULT_CITIES  # noqa: F401
    from .comparison.markdown import ROW_TITLES, coverage_text, fact_text  # noqa: F401
    from .corpus import Corpus  # noqa: F401
    from .export import excerpt_citation, excerpt_from_article, excerpts_markdown  # noqa: F401
    from .hangul import from_keyboard, initials, keystrokes, romanize  # noqa: F401
    from .paths import DB_ENV, data_dir, default_db_path  # noqa: F401
    from .schema import NewerSchema  # noqa: F401
    from .writers import announce_writer, busy_writer  # noqa: F401


def __getattr__(name: str) -> Any:
    if name not in _FACE:
        raise AttributeError(f"module 'store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_FACE[name]}", __name__), name)
    globals()[name] = value  # once: later lookups skip this function
    return value
