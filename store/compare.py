"""The city comparison, derived from stored articles and entities (owned by compare).

`compare(corpus, cities)` returns, per city, the rows of the comparison screen:
leaders, initiatives, trips, partners, focus, figures, quotes and coverage.
Each row is a function in `store.comparison` over the city's attributed
sentences and the stored entities, so adding articles updates every row, and
every fact carries the paragraphs it comes from.
"""

from __future__ import annotations

from typing import Any

DEFAULT_CITIES = ("포항시", "고양시", "과천시", "성남시")
ROWS = ("leaders", "initiatives", "trips", "partners", "focus", "figures", "quotes", "coverage")


def compare(corpus: Any, cities: list[str]) -> dict[str, Any]:
    from .comparison.coverage import coverage
    from .comparison.figures import figures
    from .comparison.focus import focus
    from .comparison.initiatives import initiatives
    from .comparison.leaders import leaders
    from .comparison.partners import partners
    from .comparison.quotes import quotes
    from .comparison.scope import build_scope
    from .comparison.trips import trips

    cities = list(dict.fromkeys(cities))
    scope = build_scope(corpus, cities)
    rows = {
        "leaders": leaders,
        "initiatives": initiatives,
        "trips": trips,
        "partners": partners,
        "focus": focus,
        "figures": figures,
        "quotes": quotes,
        "coverage": coverage,
    }
    return {city: {row: fn(scope, city) for row, fn in rows.items()} for city in cities}


def to_markdown(result: dict[str, Any], corpus: Any) -> str:
    from .comparison.markdown import to_markdown as render

    return render(result, corpus)
