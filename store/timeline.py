"""Per city, how coverage and trips spread over time (by month or by year).

Three views of the same numbers, so the screen, the terminal and a report agree:

* ``city_timeline(corpus, cities, by="month"|"year")`` -> ``list[CityTimeline]``
  — articles per period (copies of one story counted once, hidden rows left
  out) and trips per period (from the comparison's ``trips`` facts);
* ``render_timeline(timelines)`` -> a rich ``Table`` of bars, for the terminal
  and for a Textual ``Static`` (no Textual import here);
* ``timeline_markdown(timelines)`` -> a Markdown table under ``TIMELINE_HEADING``
  for ``compare --markdown`` and ``export compare``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

TIMELINE_HEADING = "Coverage over time"
_BLOCKS = " ▏▎▍▌▋▊▉█"
_YEAR = re.compile(r"^((?:19|20)\d\d)(?:[-./](\d{1,2}))?")


@dataclass
class Period:
    period: str  # "2024" or "2024-01"
    articles: int = 0
    trips: int = 0


@dataclass
class CityTimeline:
    city: str
    by: str  # "month" | "year"
    periods: list[Period] = field(default_factory=list)
    undated_articles: int = 0
    undated_trips: int = 0

    @property
    def articles(self) -> int:
        return sum(p.articles for p in self.periods) + self.undated_articles

    @property
    def trips(self) -> int:
        return sum(p.trips for p in self.periods) + self.undated_trips

    def to_json(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "by": self.by,
            "periods": [p.__dict__ for p in self.periods],
            "undated_articles": self.undated_articles,
            "undated_trips": self.undated_trips,
        }


def city_timeline(
    corpus: Any,
    cities: list[str] | None = None,
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
    if cities is None:
        from .compare import DEFAULT_CITIES

        cities = list(DEFAULT_CITIES)
    width = 7 if by == "month" else 4
    if compare_result is None:
        try:
            compare_result = corpus.compare(cities)
        except Exception:  # the comparison is optional for a timeline of articles
            compare_result = {}
    from .dedupe import FOLD_SQL

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


def _trip_period(corpus: Any, trip: dict[str, Any], by: str) -> str | None:
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


def _bar(value: int, top: int, width: int) -> str:
    if value <= 0 or top <= 0:
        return ""
    eighths = max(1, round(value / top * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_BLOCKS[rest] if rest else "")


def render_timeline(timelines: list[CityTimeline], *, bar_width: int = 10) -> Any:
    """A rich Table: one row per period, per city a bar of articles, the count,
    and ◆n for trips. Works in a plain terminal and inside a Textual Static."""
    from rich.table import Table
    from rich.text import Text

    by = timelines[0].by if timelines else "year"
    table = Table(title=f"Articles (bars) and trips (◆) by {by}", box=None, pad_edge=False, expand=False)
    table.add_column(by, style="bold", no_wrap=True)
    for t in timelines:
        table.add_column(Text(t.city), no_wrap=True, min_width=bar_width + 6)
    top = max((p.articles for t in timelines for p in t.periods), default=0)
    index = [{p.period: p for p in t.periods} for t in timelines]
    for period in _all_periods(timelines):
        cells: list[Any] = [period]
        for have in index:
            p = have.get(period)
            cell = Text()
            if p is not None and p.articles:
                cell.append(_bar(p.articles, top, bar_width), style="cyan")
                cell.append(f" {p.articles}")
            if p is not None and p.trips:
                cell.append(f" ◆{p.trips}", style="bold yellow")
            cells.append(cell)
        table.add_row(*cells)
    undated = [t for t in timelines if t.undated_articles or t.undated_trips]
    if undated:
        table.add_row(
            Text("undated", style="dim"),
            *[Text(f"{t.undated_articles}" + (f" ◆{t.undated_trips}" if t.undated_trips else ""), style="dim")
              for t in timelines],
        )  # fmt: skip
    return table


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
