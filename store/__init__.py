"""Everything below the screen: decode, clean, extract, store, query. Never imports Textual.

`Corpus` is imported on first use, so that `store.paths` (all the CLI needs to
start the app) does not pull in sqlite-utils before the first frame.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Corpus"]


def __getattr__(name: str) -> Any:
    if name == "Corpus":
        from .corpus import Corpus

        return Corpus
    raise AttributeError(name)
