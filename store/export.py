"""Reports out: csv, jsonl, Markdown (owned by the BigKinds/report work)."""

from __future__ import annotations

from typing import IO, Any


def export(corpus: Any, what: str, out: IO[str], *, fmt: str, query: str | None = None) -> None:
    raise SystemExit("error: export is not implemented yet")
