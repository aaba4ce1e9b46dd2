"""The comparison as Markdown a researcher can paste into a report.

A side-by-side table first (one column per city), then each city's facts in
full, every fact followed by numbered footnotes (Pandoc / GitHub syntax) that
list outlet, date, title and URL of the article it comes from, with the
paragraph numbers (¶, counted from 1) inside that article.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..corpus import Corpus

ROW_TITLES = {
    "leaders": "리더 (Leaders)",
    "initiatives": "이니셔티브 (Initiatives)",
    "trips": "해외 방문 (Trips)",
    "partners": "파트너·협약 (Partners & agreements)",
    "focus": "중점 산업 (Focus industries)",
    "figures": "수치 (Figures)",
    "quotes": "발언 (Quotes)",
    "coverage": "보도 (Coverage)",
}


#: Facts a city's section lists (they come ranked); a corpus of thousands of
#: articles would otherwise print tens of thousands of lines.
SECTION_LIMIT = 25
#: Articles cited per fact in the report.
_MAX_CITED = 5


class _Citations:
    """Footnote numbers in order of first use, one per article."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.numbers: dict[str, int] = {}

    def refs(self, evidence: list[dict[str, Any]]) -> str:
        """Footnotes of the fact's first `_MAX_CITED` articles (a wire story's
        hundreds of copies would bury the report), then how many more."""
        paragraphs: dict[str, list[int]] = {}
        for ev in evidence:
            if ev["article_id"] not in paragraphs and len(paragraphs) == _MAX_CITED:
                continue
            paragraphs.setdefault(ev["article_id"], [])
            if ev["paragraph_index"] + 1 not in paragraphs[ev["article_id"]]:
                paragraphs[ev["article_id"]].append(ev["paragraph_index"] + 1)
        out = []
        for aid, paras in paragraphs.items():
            n = self.numbers.setdefault(aid, len(self.numbers) + 1)
            out.append(f"[^{n}] (¶{', '.join(str(p) for p in sorted(paras)[:4])})")
        rest = len({ev["article_id"] for ev in evidence}) - len(paragraphs)
        if rest:
            out.append(f"(+{rest} more sources)")
        return " ".join(out)

    def notes(self) -> list[str]:
        lines = []
        for aid, n in self.numbers.items():
            article = self.corpus.article(aid)
            if article is None:
                lines.append(f"[^{n}]: article {aid} (no longer stored)")
                continue
            parts = [article.outlet or "매체 미상", (article.published or "날짜 미상")[:10], f"“{_cell(article.title)}”"]
            if article.url:
                parts.append(f"<{article.url}>")
            elif article.source:
                parts.append(f"file: {os.path.basename(article.source.split('#')[0])}")
            parts.append(f"id {aid}")
            lines.append(f"[^{n}]: " + ", ".join(parts) + ".")
        return lines


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def fact_text(row: str, fact: dict[str, Any], short: bool = False) -> str:
    """One line per fact, the same words the screen shows (`short` for table cells)."""
    if row == "leaders":
        seen = f", {fact['seen']}" if fact.get("seen") else ""
        return f"{fact['name']} ({fact['role']}{seen})"
    if row == "initiatives":
        return fact["name"]
    if row == "trips":
        led = f" — {', '.join(fact['led_by'])}" if fact.get("led_by") else ""
        where = fact["destinations"]
        if short and len(where) > 6:
            where = where[:6] + ["…"]
        return f"{fact['when']}: {', '.join(where)}{led}"
    if row == "partners":
        return f"{fact['name']} ({fact['agreement']})" if fact.get("agreement") else fact["name"]
    if row == "focus":
        return f"{fact['term']} ×{fact['count']}"
    if row == "figures":
        return f"{fact['value']} — {fact['measure']}" if fact.get("measure") else fact["value"]
    if row == "quotes":
        who = " ".join(x for x in (fact.get("speaker"), fact.get("role")) if x)
        return f"“{fact['text']}” — {who}"
    return str(fact)


def coverage_text(cov: dict[str, Any]) -> str:
    span = ""
    if cov.get("first"):
        span = cov["first"] if cov["first"] == cov["last"] else f"{cov['first']} – {cov['last']}"
    outlets = ", ".join(o["name"] for o in cov.get("outlets", []))
    bits = [f"기사 {cov['articles']}건"]
    if span:
        bits.append(span)
    if cov.get("undated"):
        bits.append(f"날짜 미상 {cov['undated']}건")
    if outlets:
        bits.append(outlets)
    return "; ".join(bits)


_SUMMARY_LIMIT = {"leaders": 3, "initiatives": 2, "trips": 3, "partners": 3, "focus": 6, "figures": 3}


def to_markdown(result: dict[str, Any], corpus: Corpus) -> str:
    cities = list(result)
    cite = _Citations(corpus)
    lines = [f"# 도시 비교: {' · '.join(cities)}", ""]
    lines.append(
        "Every entry is drawn from the stored articles; footnotes give the source article and paragraph (¶)."
    )
    lines.append("")
    lines.append("| | " + " | ".join(cities) + " |")
    lines.append("|---|" + "---|" * len(cities))
    for row, limit in _SUMMARY_LIMIT.items():
        cells = []
        for city in cities:
            facts = result[city].get(row, [])
            shown = [
                _cell(fact_text(row, f, short=True)) + " " + cite.refs(f["evidence"][:1]).split(" (")[0]
                for f in facts[:limit]
            ]
            left = max(0, len(facts) - limit) + result[city].get("more", {}).get(row, 0)
            more = f" (+{left})" if left else ""
            cells.append("; ".join(shown) + more if shown else "—")
        lines.append(f"| {ROW_TITLES[row]} | " + " | ".join(cells) + " |")
    lines.append(
        f"| {ROW_TITLES['coverage']} | "
        + " | ".join(_cell(coverage_text(result[c]["coverage"])) for c in cities)
        + " |"
    )
    lines.append("")
    for city in cities:
        lines.append(f"## {city}")
        lines.append("")
        for row in ROW_TITLES:
            if row == "coverage":
                lines.append(f"**{ROW_TITLES[row]}:** {coverage_text(result[city]['coverage'])}")
                lines.append("")
                continue
            facts = result[city].get(row, [])
            lines.append(f"### {ROW_TITLES[row]}")
            lines.append("")
            if not facts:
                lines.append("- (none found in the stored articles)")
            for f in facts[:SECTION_LIMIT]:
                line = f"- {fact_text(row, f)} {cite.refs(f['evidence'])}"
                if row == "initiatives" and f.get("description"):
                    line += f"\n  - {f['description']}"
                lines.append(line)
            more = max(0, len(facts) - SECTION_LIMIT) + result[city].get("more", {}).get(row, 0)
            if more:
                lines.append(f"- … and {more} more (`valley-tui compare --all --json` lists them all)")
            lines.append("")
    timeline = _timeline(result, corpus)
    if timeline:
        lines.append(timeline)
    lines.append("## Sources")
    lines.append("")
    lines.extend(cite.notes())
    lines.append("")
    return "\n".join(lines)


def _timeline(result: dict[str, Any], corpus: Corpus) -> str:
    """The per-city timeline table (articles and trips by year): every trip
    counts, the ones beyond each cell's top too."""
    from ..timeline import city_timeline, timeline_markdown

    every = all(not any(result[c].get("more", {}).values()) for c in result)
    return timeline_markdown(city_timeline(corpus, list(result), by="year", compare_result=result if every else None))
