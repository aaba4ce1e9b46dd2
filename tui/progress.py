"""A rich progress bar for long batches, shown only when there is a batch worth one."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console

#: Fewer items than this finish before a bar would be worth drawing...
MIN_ITEMS_FOR_BAR = 20
#: ... unless they hold this many articles (one big BigKinds workbook).
MIN_ARTICLES_FOR_BAR = 500
#: Updates closer together than this are dropped (the last one never is):
#: an ingest calls twice per file, 20,000 times for 10,000 pages.
MIN_SECONDS_BETWEEN = 0.05


@contextmanager
def rich_progress(console: Console, label: str = "ingesting") -> Iterator[Callable[..., None]]:
    """`update(done, total, articles=None)`: items (files) done of total, and
    when given, articles stored so far (shown beside the label)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TimeRemainingColumn,
    )

    bar = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    task = None
    shown = 0.0  # when the bar last took an update

    def update(done: int, total: int, articles: int | None = None) -> None:
        nonlocal task, shown
        if task is None and total < MIN_ITEMS_FOR_BAR and (articles or 0) < MIN_ARTICLES_FOR_BAR:
            return
        now = time.monotonic()
        if task is not None and done < total and now - shown < MIN_SECONDS_BETWEEN:
            return  # the bar redraws 10 times a second: more updates only cost the writer
        shown = now
        description = label if articles is None else f"{label} · {articles:,} articles"
        if task is None:
            bar.start()
            task = bar.add_task(description, total=total)
        bar.update(task, completed=done, description=description)

    try:
        yield update
    finally:
        if task is not None:
            bar.stop()
