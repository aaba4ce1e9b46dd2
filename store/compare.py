"""The city comparison, an aggregation over each article's stored facts (owned by compare).

`compare(corpus, cities)` returns, per city, the rows of the comparison screen:
leaders, initiatives, trips, partners, focus, figures, quotes and coverage,
each ranked and cut to its top `top` entries, with `more[row]` saying how many
entries are left out (`top=None`: every entry). Every fact carries the
paragraphs it comes from, in every copy of its story.

The facts are read from each article once, when it is analysed
(`store.comparison.facts`); opening the comparison reads only the articles
never read (an older database, an article not analysed yet), then groups the
rows in SQL (`store.comparison.ranking`). Adding or removing an article changes
its rows only; nothing is recomputed for the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .cities import DEFAULT_CITIES  # noqa: F401  (the comparison's columns, re-exported)

if TYPE_CHECKING:
    from .corpus import Corpus

ROWS = ("leaders", "initiatives", "trips", "partners", "focus", "figures", "quotes", "coverage")


#: Entries per cell unless asked otherwise (`top=None`: all of them).
TOP = 5


def compare(corpus: Corpus, cities: Sequence[str], *, top: int | None = TOP) -> dict[str, Any]:
    from .comparison import facts, ranking

    cities = list(dict.fromkeys(c.strip() for c in cities if c and c.strip()))
    unread = facts.unread(corpus)
    if unread and not corpus.read_only:
        facts.refill(corpus, unread, cities=[*DEFAULT_CITIES, *cities])
    result: dict[str, Any] = {}
    for city in cities:
        table: dict[str, Any] = {"more": {}}
        for row in facts.CELLS:
            table[row], table["more"][row] = ranking.cell(corpus, city, row, top)
        table["coverage"] = ranking.coverage(corpus, city)
        result[city] = table
    return result


def compare_row(corpus: Corpus, city: str, row: str, top: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """One cell with `top` entries (all with None): `+N more` expanded in place."""
    from .comparison import ranking

    return ranking.cell(corpus, city, row, top)


def to_markdown(result: dict[str, Any], corpus: Corpus) -> str:
    from .comparison.markdown import to_markdown as render

    return render(result, corpus)
