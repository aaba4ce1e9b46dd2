"""Entity analysis as its own resumable step (placeholder: owned by entities)."""

from __future__ import annotations

from collections.abc import Callable

from .corpus import Corpus


def analyze(
    corpus: Corpus, *, everything: bool = False, progress: Callable[[int, int], None] | None = None
) -> int:
    return 0
