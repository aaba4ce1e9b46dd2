"""Per city, how coverage and trips spread over time (by month or by year).

The numbers behind the timeline screen and the reports' table, so they agree:

* ``city_timeline(corpus, cities, by="month"|"year")`` -> ``list[CityTimeline]``
  — articles per period (copies of one story counted once, hidden rows left
  out) and trips per period (from the comparison's ``trips`` facts);
* the timeline screen (tui/) draws them as bars;
* ``timeline_markdown(timelines)`` -> a Markdown table under ``TIMELINE_HEADING``
  for ``compare --markdown`` and ``export compare``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .clusters import FOLD_SQL
from .records import CityTimeline, Period

if TYPE_CHECKING:
    from .corpus import Corpus

TIMELINE_HEADING = "Coverage over time"
_YEAR = re.compile(r"^((?:19|20)\d\d)(?:[-./](\d{1,2}))?")


def city_timeline(
    corpus: Corpus,
    cities: Sequence[str],
    *,
    by: str = "month",
    compare_result: dict[str, Any] | None = None,
) -> list[CityTimeline]:
    """Articles and trips per period for each city, periods in date order.

    Years are gap-filled from the first to the last year seen (a quiet year is
    a finding); months are listed only where something happened.
    """
    if by not in ("month", "year"):
        raise ValueError(f"by must be 'month' or 'year', not {by!r}")
    width = 7 if by == "month" else 4
    if compare_result is None:
        try:
            compare_result = corpus.compare(cities, top=None)
        except Exception:  # the comparison is optional for a timeline of articles
            compare_result = {}
    result = []
    for city in cities:
        counts: dict[str, Period] = {}
        timeline = CityTimeline(city, by)
        rows = corpus.db.execute(
            f"SELECT substr(published, 1, {width}), count(*) FROM articles"
            f" WHERE hidden = 0 AND {FOLD_SQL}"
            " AND EXISTS (SELECT 1 FROM json_each(articles.cities) WHERE value = ?)"
            " GROUP BY 1",
            [city],
        ).fetchall()
        for period, n in rows:
            if period and _YEAR.match(period):
                counts.setdefault(period, Period(period)).articles += n
            else:
                timeline.undated_articles += n
        for trip in _trips(compare_result.get(city)):
            period = _trip_period(corpus, trip, by)
            if period:
                counts.setdefault(period, Period(period)).trips += 1
            else:
                timeline.undated_trips += 1
        timeline.periods = [counts[p] for p in sorted(counts)]
        result.append(timeline)
    if by == "year":
        _fill_years(result)
    return result


def _trips(table: Any) -> list[dict[str, Any]]:
    if not isinstance(table, dict):
        return []
    trips = table.get("trips") or []
    return [t for t in trips if isinstance(t, dict)]


def _trip_period(corpus: Corpus, trip: dict[str, Any], by: str) -> str | None:
    """When a trip happened: its own date field, else the date of its first source."""
    for key in ("date", "when", "month", "start", "year", "period"):
        value = trip.get(key)
        if isinstance(value, int):
            value = str(value)
        if isinstance(value, str) and (m := _YEAR.match(value.strip())):
            if by == "year":
                return m.group(1)
            if m.group(2):
                return f"{m.group(1)}-{int(m.group(2)):02d}"
    for ev in trip.get("evidence") or []:
        article = corpus.article(ev.get("article_id")) if isinstance(ev, dict) else None
        if article is not None and article.published:
            return article.published[: 7 if by == "month" else 4]
    return None


def _fill_years(timelines: list[CityTimeline]) -> None:
    years = [int(p.period) for t in timelines for p in t.periods]
    if not years:
        return
    span = [str(y) for y in range(min(years), max(years) + 1)]
    for t in timelines:
        have = {p.period: p for p in t.periods}
        t.periods = [have.get(y, Period(y)) for y in span]


def _all_periods(timelines: list[CityTimeline]) -> list[str]:
    return sorted({p.period for t in timelines for p in t.periods})


def timeline_markdown(timelines: list[CityTimeline]) -> str:
    """'## Coverage over time' and a table: period | <city> articles | <city> trips | ..."""
    by = timelines[0].by if timelines else "year"
    lines = [f"## {TIMELINE_HEADING} (by {by})", ""]
    if not timelines or not any(t.periods or t.undated_articles or t.undated_trips for t in timelines):
        return "\n".join(lines + ["_No dated articles yet._", ""])
    header = [by] + [f"{_md_cell(t.city)} {kind}" for t in timelines for kind in ("articles", "trips")]
    lines.append("| " + " | ".join(header) + " |")
    lines.append("|" + "---|" + "---:|" * (len(header) - 1))
    index = [{p.period: p for p in t.periods} for t in timelines]
    for period in _all_periods(timelines):
        cells = [period]
        for have in index:
            p = have.get(period) or Period(period)
            cells += [str(p.articles), str(p.trips)]
        lines.append("| " + " | ".join(cells) + " |")
    if any(t.undated_articles or t.undated_trips for t in timelines):
        cells = ["undated"]
        for t in timelines:
            cells += [str(t.undated_articles), str(t.undated_trips)]
        lines.append("| " + " | ".join(cells) + " |")
    totals = ["total"]
    for t in timelines:
        totals += [str(t.articles), str(t.trips)]
    lines.append("| " + " | ".join(totals) + " |")
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|")
