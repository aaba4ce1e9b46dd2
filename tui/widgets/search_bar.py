"""The search bar: an Input whose changes the app debounces into a search."""

from __future__ import annotations

from textual.widgets import Input


class SearchBar(Input):
    """Typing here searches; Enter moves to the results; Esc goes back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="/ 검색 search — 포항 영일만, 실리콘밸리 …", id=id)
