"""Reports out: articles, search results, entities and the comparison as CSV,
JSON Lines or Markdown.

    valley-tui export articles|search QUERY|entities|compare --format csv|jsonl|md [-o FILE]

Markdown is what a researcher pastes into a paper: every excerpt is a block
quote followed by its citation (outlet, date, title, URL). CSV opens in Excel
(a UTF-8 byte-order mark is written when the output is a ``.csv`` file, so
Hangul is not mangled); JSON Lines is for scripts.

Reusable pieces (the app's copy history exports with the same functions):

* ``Excerpt`` — a quoted passage with where it came from;
  ``excerpt_from_article(article, paragraph_index)`` and
  ``excerpt_from_hit(corpus, hit)`` build one.
* ``citation(outlet, published, title, url, reporters)`` — "한빛일보 홍길동 기자, 2024-01-16, 「제목」, url".
* ``excerpt_markdown(excerpt)`` — one block quote plus its citation line.
* ``excerpts_markdown(excerpts, heading=...)`` — a whole copy history as a report.
* ``write_excerpts(excerpts, out, fmt=...)`` — the same list as csv / jsonl / md.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from .records import Excerpt, RequestError

if TYPE_CHECKING:
    from .corpus import Corpus

FORMATS = ("csv", "jsonl", "md")
WHAT = ("articles", "search", "entities", "compare")
SEARCH_LIMIT = 200

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])(?=\s)", re.MULTILINE)


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: inline marks and line-start markers escaped."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def citation(
    outlet: str | None, published: str | None, title: str, url: str | None, reporters: Sequence[str] = ()
) -> str:
    """The one citation of a source, in Korean, for the clipboard and every report:
    '한빛일보 홍길동·구하람 기자, 2024-01-16, 「제목」, https://…'. The title's own
    「」 become 『』 inside ours, so the quotes nest; what is unknown says so."""
    who = outlet or "출처 미상"
    if reporters:
        who += " " + "·".join(reporters) + " 기자"
    quoted = "「" + title.replace("「", "『").replace("」", "』") + "」" if title else "「제목 없음」"
    parts = [who, published[:10] if published else "날짜 미상", quoted]
    if url:
        parts.append(url)
    return ", ".join(parts)


def excerpt_citation(excerpt: Excerpt) -> str:
    return citation(excerpt.outlet, excerpt.published, excerpt.title, excerpt.url, excerpt.reporters)


def md_citation(outlet: str | None, published: str | None, title: str, url: str | None, reporters: Sequence[str] = ()) -> str:
    """The same citation in Markdown: its text escaped, its URL a link (never escaped)."""
    text = md_escape(citation(outlet, published, title, None, reporters))
    return f"{text}, <{url}>" if url else text


def excerpt_markdown(excerpt: Excerpt) -> str:
    """One excerpt as a block quote followed by its citation; ends with a newline."""
    lines = [line.strip() for line in excerpt.text.splitlines() if line.strip()] or [""]
    quoted = "\n>\n".join(f"> {md_escape(line)}" for line in lines)
    source = md_citation(excerpt.outlet, excerpt.published, excerpt.title, excerpt.url, excerpt.reporters)
    if excerpt.is_excerpt:
        source += " (BigKinds 발췌)"
    return f"{quoted}\n>\n> — {source}\n"


def excerpts_markdown(excerpts: Iterable[Excerpt], *, heading: str | None = None) -> str:
    blocks = [excerpt_markdown(e) for e in excerpts]
    head = f"# {md_escape(heading)}\n\n" if heading else ""
    return head + ("\n".join(blocks) if blocks else "_Nothing to report._\n")


def excerpt_from_article(article: Any, paragraph_index: int | None = None, text: str | None = None) -> Excerpt:
    """The quoted paragraph (or `text`, a selection of it) of a stored Article."""
    if text is None:
        paragraphs = article.paragraphs
        chosen = None
        if paragraph_index is not None:
            chosen = next((p for p in paragraphs if p.index == paragraph_index), None)
        if chosen is None:
            chosen = next((p for p in paragraphs if p.kind == "body"), paragraphs[0] if paragraphs else None)
            paragraph_index = chosen.index if chosen else None
        text = chosen.text if chosen else ""
    return Excerpt(
        text=text,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        url=article.url,
        article_id=article.id,
        paragraph_index=paragraph_index,
        is_excerpt=bool(article.is_excerpt),
        reporters=[r.name for r in article.reporters],
    )


def excerpt_from_hit(corpus: Corpus, hit: Any) -> Excerpt:
    article = corpus.article(hit.article_id)
    if article is None:
        return Excerpt(hit.text, hit.title, hit.outlet, hit.published, None, hit.article_id, hit.paragraph_index)
    return excerpt_from_article(article, hit.paragraph_index, text=hit.text)


def write_excerpts(excerpts: Sequence[Excerpt], out: IO[str], *, fmt: str, heading: str | None = None) -> None:
    if fmt == "md":
        out.write(excerpts_markdown(excerpts, heading=heading))
        return
    fields = list(Excerpt.__dataclass_fields__)
    _write_rows(out, fmt, fields, [e.to_json() for e in excerpts])


# -- export -----------------------------------------------------------------
def export(corpus: Corpus, what: str, out: IO[str], *, fmt: str, query: str | None = None) -> None:
    """Write one report. Raises RequestError for a request that cannot be met."""
    if fmt not in FORMATS:
        raise RequestError(f"unknown format {fmt!r} (use {', '.join(FORMATS)})")
    if what == "articles":
        _export_articles(corpus, out, fmt)
    elif what == "search":
        if not query or not query.strip():
            raise RequestError("export search needs a QUERY")
        _export_search(corpus, out, fmt, query.strip())
    elif what == "entities":
        _export_entities(corpus, out, fmt)
    elif what == "compare":
        _export_compare(corpus, out, fmt)
    else:
        raise RequestError(f"cannot export {what!r} (use {', '.join(WHAT)})")


def _write_rows(out: IO[str], fmt: str, fields: list[str], rows: list[dict[str, Any]]) -> None:
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return
    name = getattr(out, "name", None)
    if isinstance(name, str) and name.lower().endswith(".csv") and _at_start(out):
        out.write("\ufeff")  # Excel reads a BOM-less CSV as the local code page
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(row.get(k)) for k in fields})


def _at_start(out: IO[str]) -> bool:
    try:
        return out.tell() == 0
    except (OSError, ValueError):
        return False


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) if not isinstance(v, dict) else json.dumps(v, ensure_ascii=False) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return "" if value is None else value


# articles ----------------------------------------------------------------------
_ARTICLE_FIELDS = [
    "id", "published", "outlet", "title", "url", "cities", "reporters",
    "copies", "copy_ids", "is_excerpt", "lead",
]  # fmt: skip


def article_rows(corpus: Corpus) -> list[dict[str, Any]]:
    """One row per article as listed (copies folded), with its copies and lead paragraph."""
    from .clusters import cluster_members

    rows = []
    for summary in corpus.articles(descending=False):
        article = corpus.article(summary.id)
        if article is None:
            continue
        lead = next((p.text for p in article.paragraphs if p.kind == "body"), "")
        copies = cluster_members(corpus.db, article.id) if summary.copies > 1 else [article.id]
        rows.append(
            {
                **article.to_json(),
                "reporters": [r.name for r in article.reporters],
                "copies": summary.copies,
                "copy_ids": [c for c in copies if c != article.id],
                "lead": lead,
            }
        )
    return rows


def _export_articles(corpus: Corpus, out: IO[str], fmt: str) -> None:
    rows = article_rows(corpus)
    if fmt != "md":
        if fmt == "csv":
            _write_rows(out, fmt, _ARTICLE_FIELDS, rows)
        else:
            _write_rows(out, fmt, [], [{k: v for k, v in r.items()} for r in rows])
        return
    out.write(f"# Articles ({len(rows)})\n\n")
    if not rows:
        out.write("_No articles._\n")
    for row in rows:
        out.write(f"## {md_escape(row['title'])}\n\n")
        meta = [md_escape(row["outlet"] or "출처 미상"), (row["published"] or "날짜 미상")[:10]]
        if row["cities"]:
            meta.append(md_escape(", ".join(row["cities"])))
        if row["copies"] > 1:
            meta.append(f"{row['copies']} copies")
        out.write(" · ".join(meta) + "\n\n")
        excerpt = Excerpt(
            row["lead"], row["title"], row["outlet"], row["published"], row["url"],
            row["id"], 0, bool(row["is_excerpt"]),
        )  # fmt: skip
        out.write(excerpt_markdown(excerpt) + "\n")


# search --------------------------------------------------------------------------
def search_excerpts(corpus: Corpus, query: str, limit: int = SEARCH_LIMIT) -> list[Excerpt]:
    hits = corpus.search(query, limit=limit)
    return [excerpt_from_hit(corpus, hit) for hit in hits]


def _export_search(corpus: Corpus, out: IO[str], fmt: str, query: str) -> None:
    excerpts = search_excerpts(corpus, query)
    write_excerpts(excerpts, out, fmt=fmt, heading=f"Search: {query} ({len(excerpts)} matches)")


# entities -------------------------------------------------------------------------
_ENTITY_FIELDS = ["id", "type", "name", "role", "affiliation", "aliases", "source", "mentions", "articles"]


def entity_rows(corpus: Corpus) -> list[dict[str, Any]]:
    rows = []
    ours, only_supplied = corpus.entities_with_supplied()
    for entity in ours:
        data = entity.to_json()
        data["source"] = "+".join(data.pop("sources"))
        data["mentions"] = len(entity.mentions)
        data["articles"] = len({m.article_id for m in entity.mentions})
        rows.append(data)
    for supplied in only_supplied:
        rows.append(
            {
                "id": None, "type": supplied.type, "name": supplied.name, "role": None,
                "affiliation": None, "aliases": [], "source": supplied.source,
                "mentions": None, "articles": len(supplied.article_ids),
            }
        )  # fmt: skip
    return rows


def _export_entities(corpus: Corpus, out: IO[str], fmt: str) -> None:
    rows = entity_rows(corpus)
    if fmt != "md":
        _write_rows(out, fmt, _ENTITY_FIELDS, rows)
        return
    out.write(f"# Entities ({len(rows)})\n\n")
    if not rows:
        out.write("_No entities yet: run `valley-tui analyze`._\n")
    by_type: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        by_type.setdefault((row["source"], row["type"]), []).append(row)
    for (source, kind), group in by_type.items():
        out.write(f"## {md_escape(kind)} ({len(group)}, from {md_escape(source)})\n\n")
        out.write("| name | role | affiliation | mentions | articles |\n|---|---|---|---:|---:|\n")
        for row in group:
            cells = [row["name"], row.get("role") or "", row.get("affiliation") or ""]
            counts = f" | {'' if row['mentions'] is None else row['mentions']} | {row['articles']} |"
            out.write("| " + " | ".join(md_escape(c) for c in cells) + counts + "\n")
        out.write("\n")


# compare ---------------------------------------------------------------------------
_LABEL_KEYS = ("name", "title", "text", "quote", "label", "value", "description", "what", "sector", "where")


def fact_label(fact: dict[str, Any]) -> str:
    """The words a fact is known by: its main field, then the others in brackets."""
    scalars = {k: v for k, v in fact.items() if k != "evidence" and isinstance(v, (str, int, float)) and v != ""}
    main = next((k for k in _LABEL_KEYS if k in scalars), next(iter(scalars), None))
    if main is None:
        return ""
    rest = [str(v) for k, v in scalars.items() if k != main]
    return str(scalars[main]) + (f" ({', '.join(rest)})" if rest else "")


def compare_rows(corpus: Corpus, result: dict[str, Any]) -> list[dict[str, Any]]:
    """The comparison flattened: one row per (city, row, fact) with its sources."""
    rows = []
    cache: dict[str, Any] = {}
    for city, table in result.items():
        if not isinstance(table, dict):
            continue
        for row_name, facts in table.items():
            if row_name == "more":  # counts of entries left out, not facts
                continue
            if isinstance(facts, dict):
                facts = [facts]
            for fact in facts if isinstance(facts, list) else [{"value": facts}]:
                if not isinstance(fact, dict):
                    fact = {"value": fact}
                evidence = fact.get("evidence") or []
                rows.append(
                    {
                        "city": city,
                        "row": row_name,
                        "fact": fact_label(fact),
                        "fields": {k: v for k, v in fact.items() if k != "evidence"},
                        "evidence": [f"{e.get('article_id')}:{e.get('paragraph_index')}" for e in evidence],
                        "sources": [_source_line(corpus, e.get("article_id"), cache) for e in evidence],
                    }
                )
    return rows


def _source_line(corpus: Corpus, aid: str | None, cache: dict[str, Any]) -> str:
    if not aid:
        return ""
    if aid not in cache:
        cache[aid] = corpus.article(aid)
    article = cache[aid]
    if article is None:
        return aid
    return md_citation(article.outlet, article.published, article.title, article.url, [r.name for r in article.reporters])


def _export_compare(corpus: Corpus, out: IO[str], fmt: str) -> None:
    from .compare import DEFAULT_CITIES, to_markdown
    from .timeline import TIMELINE_HEADING, city_timeline, timeline_markdown

    cities = list(DEFAULT_CITIES)
    # A data file holds every entry; the Markdown report each cell's top ones.
    result = corpus.compare(cities, top=None if fmt != "md" else 5)
    if fmt != "md":
        _write_rows(out, fmt, ["city", "row", "fact", "evidence", "sources", "fields"], compare_rows(corpus, result))
        return
    text = to_markdown(result, corpus) or _compare_markdown(corpus, result)
    out.write(text if text.endswith("\n") else text + "\n")
    if TIMELINE_HEADING not in text:
        out.write("\n" + timeline_markdown(city_timeline(corpus, cities, by="year", compare_result=result)))


def _compare_markdown(corpus: Corpus, result: dict[str, Any]) -> str:
    """Fallback when the comparison has no Markdown of its own: facts as bullets, sources numbered."""
    rows = compare_rows(corpus, result)
    lines = ["# City comparison", ""]
    sources: dict[str, int] = {}
    for city in result:
        lines += [f"## {md_escape(city)}", ""]
        city_rows = [r for r in rows if r["city"] == city]
        if not city_rows:
            lines += ["_No facts found yet._", ""]
            continue
        current = None
        for row in city_rows:
            if row["row"] != current:
                current = row["row"]
                lines += ["", f"### {md_escape(current)}", ""]
            refs = [sources.setdefault(s, len(sources) + 1) for s in row["sources"] if s]
            marks = "".join(f"[^{n}]" for n in dict.fromkeys(refs))
            lines.append(f"- {md_escape(row['fact'])}{marks}")
        lines.append("")
    if sources:
        lines += ["", "## Sources", ""]
        lines += [f"[^{n}]: {s}" for s, n in sources.items()]
    return "\n".join(lines) + "\n"
