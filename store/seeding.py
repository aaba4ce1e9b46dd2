"""The bundled sample corpus a new user sees on first start."""

from __future__ import annotations

from collections.abc import Callable

from .database import Database
from .ingest import ingest_paths, iter_seed_files
from .records import IngestReport


def load_seeds(
    corpus: Database, *, analyze: bool = True, on_error: Callable[[str], None] | None = None
) -> IngestReport:
    report = ingest_paths(corpus, list(iter_seed_files()), on_error=on_error)
    if analyze and report.article_ids:
        from .analysis import analyze as run_analysis

        run_analysis(corpus, on_error=on_error)
    return report
