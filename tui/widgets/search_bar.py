"""The search bar: an Input whose changes the app debounces into a search."""

from __future__ import annotations

from textual.widgets import Input


class SearchBar(Input):
    """Typing here searches; Enter moves to the results; Esc goes back.

    Enter moves focus at once (not via a posted message), so a second Enter
    typed right after it already lands on the results and opens the hit.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="/ 검색 search — 포항 영일만, 실리콘밸리 …", id=id)

    async def action_submit(self) -> None:
        enter_results = getattr(self.app, "enter_results", None)
        if enter_results is not None:
            enter_results()
        await super().action_submit()
