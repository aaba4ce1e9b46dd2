"""One story, many copies: a fact counts once, every copy is a source.

The same press release is rewritten by several outlets and the same wire story
runs on portals; `store.dedupe` groups them into clusters (`by_story`). The
comparison reads each story once — its representative article, the cluster's
canonical when it is in scope — so a figure or a trip rewritten three ways is
not three facts. Then every fact's evidence in a representative is located in
each copy (the same span, or the closest passage in the rewrite), so the
screen and the report still list all the outlets that carried it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from ..corpus import Corpus

#: Below this a copy's best passage is too unlike the fact's span to cite; the
#: copy still counts as a source of the story (its coverage), just not of the fact.
_MIN_SCORE = 60.0
#: A copy's paragraph in the same place as the fact's, this close, is the passage.
_SAME_PLACE_SCORE = 90.0


@dataclass
class Copy:
    """A copy of a story: what citing it needs, and its paragraphs to search."""

    id: str
    published: str | None
    outlet: str | None
    paragraphs: dict[int, str] = field(default_factory=dict)


@dataclass
class Stories:
    """Representative article id -> its copies (other members of its cluster)."""

    copies: dict[str, list[Copy]] = field(default_factory=dict)
    #: Representative's paragraphs (only for stories with copies): the spans to look for.
    paragraphs: dict[str, dict[int, str]] = field(default_factory=dict)

    def of(self, article_id: str) -> list[Copy]:
        return self.copies.get(article_id, [])


def group_copies(corpus: Corpus, representatives: dict[str, Any]) -> Stories:
    """Copies of each representative, from the stored clusters (`clusters.by_story`).

    `representatives` maps id -> article (with paragraphs) for the articles the
    comparison reads; the copies are the visible members of their clusters."""
    db = corpus.db
    stories = Stories()
    if not representatives:
        return stories
    from ..clusters import by_story

    clustered = [
        aid
        for (aid,) in db.execute(
            "SELECT id FROM articles WHERE cluster_id IS NOT NULL AND hidden = 0"
            " ORDER BY published IS NULL, published, num"
        )
    ]
    if not clustered:
        return stories
    groups = by_story(db, [*representatives, *clustered])
    for members in groups.values():
        reps = [m for m in members if m in representatives]
        if not reps or len(members) < 2:
            continue
        rep = reps[0]
        copies = []
        for aid in members:
            if aid == rep or aid in representatives:
                continue
            article = corpus.article(aid)
            if article is None:
                continue
            copies.append(
                Copy(aid, article.published, article.outlet, {p.index: p.text for p in article.paragraphs})
            )
        if copies:
            stories.copies[rep] = copies
            stories.paragraphs[rep] = {p.index: p.text for p in representatives[rep].paragraphs}
    return stories


def locate(span: str, paragraphs: dict[int, str], near: int | None = None) -> tuple[int, int, int] | None:
    """(paragraph_index, start, end) of `span` in a copy: the exact text when the
    copy kept it, else the best-aligned passage of a rewritten paragraph.
    `near`: the paragraph the span came from in its own article; a rewrite
    mostly keeps the order, so that paragraph is tried first."""
    span = span.strip()
    if not span or not paragraphs:
        return None
    for index, text in paragraphs.items():
        at = text.find(span)
        if at >= 0:
            return index, at, at + len(span)
    # A copy of a 2,000-copy wire story is located for every fact: aligning
    # against each paragraph in turn took a minute at 10,000 articles. The
    # paragraph in the same place settles most; otherwise the best paragraph
    # is picked in C with a rising cutoff, and aligned alone.
    if near in paragraphs and fuzz.partial_ratio(span, paragraphs[near]) >= _SAME_PLACE_SCORE:
        index = near
    else:
        best = process.extractOne(span, paragraphs, scorer=fuzz.partial_ratio, score_cutoff=_MIN_SCORE)
        if best is None:
            return None
        index = best[2]
    alignment = fuzz.partial_ratio_alignment(span, paragraphs[index])
    return index, alignment.dest_start, alignment.dest_end


def spread_evidence(table: dict[str, Any], stories: Stories) -> None:
    """Add each copy's passage to the evidence of every fact of one city's table
    (in place): a fact keeps one entry, with all the story's sources."""
    if not stories.copies:
        return
    memo: dict[tuple[str, str, int, int], tuple[int, int, int] | None] = {}
    for row, facts in table.items():
        if not isinstance(facts, list):
            continue
        for fact in facts:
            evidence = fact.get("evidence") if isinstance(fact, dict) else None
            if not evidence:
                continue
            seen = {(e["article_id"], e["paragraph_index"]) for e in evidence}
            extra = []
            for ev in evidence:
                rep = ev["article_id"]
                copies = stories.of(rep)
                if not copies:
                    continue
                text = stories.paragraphs[rep].get(ev["paragraph_index"], "")
                start, end = ev.get("start", 0), ev.get("end", 0)
                span = text[start:end] if end > start else text
                for copy in copies:
                    key = (copy.id, rep, ev["paragraph_index"], hash(span))
                    if key not in memo:
                        memo[key] = locate(span, copy.paragraphs, ev["paragraph_index"])
                    where = memo[key]
                    if where is None or (copy.id, where[0]) in seen:
                        continue
                    seen.add((copy.id, where[0]))
                    extra.append({"article_id": copy.id, "paragraph_index": where[0], "start": where[1], "end": where[2]})
            evidence.extend(extra)
