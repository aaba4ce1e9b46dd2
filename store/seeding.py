"""The bundled sample corpus a new user sees on first start."""

from __future__ import annotations

from .database import Database
from .ingest import ingest_paths, iter_seed_files
from .records import IngestReport


def load_seeds(corpus: Database, *, analyze: bool = True) -> IngestReport:
    report = ingest_paths(corpus, list(iter_seed_files()))
    if analyze and report.article_ids:
        from .analysis import analyze as run_analysis

        run_analysis(corpus)
    return report
