"""The Textual app (placeholder: owned by the explorer work)."""

from __future__ import annotations

from pathlib import Path


def run_app(db_path: Path) -> int:
    from textual.app import App

    App().run()
    return 0
