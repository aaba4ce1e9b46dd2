"""Coverage: how much the corpus says about a city, and from where."""

from __future__ import annotations

from typing import Any

from .scope import Scope


def coverage(scope: Scope, city: str) -> dict[str, Any]:
    """`articles` counts stories (copies of one story once); `copies` counts the
    other outlets' copies, which still add to the outlets, dates and sources."""
    stories = scope.articles_of(city)
    copies = [c for a in stories for c in scope.stories.of(a.id)]
    articles = [*stories, *copies]
    dates = sorted(a.published[:10] for a in articles if a.published)
    outlets: dict[str, int] = {}
    for a in articles:
        if a.outlet:
            outlets[a.outlet] = outlets.get(a.outlet, 0) + 1
    return {
        "articles": len(stories),
        "copies": len(copies),
        "undated": sum(1 for a in stories if not a.published),
        "outlets": [{"name": k, "articles": v} for k, v in sorted(outlets.items(), key=lambda x: (-x[1], x[0]))],
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "article_ids": [a.id for a in sorted(articles, key=lambda a: a.published or "9999")],
        "evidence": [{"article_id": a.id, "paragraph_index": 0} for a in articles],
    }
