"""The keyword query's article check (search_terms): its shortcuts find what
the plain way finds, one field and one pattern at a time."""

from __future__ import annotations

import re

import pytest

from store.search_terms import (
    ArticleText,
    Term,
    _find,
    _Match,
    _matches_in,
    _searcher,
    make_term,
)

TEXTS = ["", "배 너머 밴드와 밵", "새누리 샌드 샎", "기말 김 기 마", "배\n\n나", "밴" * 3, "업사이드 없"]


@pytest.mark.parametrize(
    "pattern", [r"(?:[밴밵밶]|배[\W_]*[ㄴ나-닣])", r"(?:배|배[\W_]*너)", r"(?:[김]|기[\W_]*[ㅁ마-밓])", r"(?:[]|]|배)", r"(?:[aBk]|c)", r"(?:(?:a|b)|\|)", "a|b"]
)
def test_alternatives_searched_apart_find_what_the_pattern_finds(pattern: str) -> None:
    regex = re.compile(pattern, re.IGNORECASE)
    search = _searcher(regex)
    for text in [*TEXTS, "a|b ab |", "Ab cC \u212a"]:
        for pos in range(len(text) + 1):
            got, want = search(text, pos), regex.search(text, pos)
            assert (got and (got.span(), got.group(0))) == (want and (want.span(), want.group(0)))


def _by_field(term: Term, article: ArticleText, fuzzy: bool) -> list[_Match]:
    """What _matches_in finds, the plain way: every pattern over every field."""
    out = []
    if article.title and (f := _find(term, article.title, fuzzy)):
        out.append(("title", -1, *f))
    for sub in article.subtitles:
        if f := _find(term, sub, fuzzy):
            out.append(("subtitle", -1, *f))
            break
    first_body = next((i for i, k, _ in article.paragraphs if k == "body"), None)
    for idx, kind, text in article.paragraphs:
        if f := _find(term, text, fuzzy):
            out.append(("lead" if idx == first_body else "caption" if kind == "caption" else "body", idx, *f))
    return out


ARTICLES = [
    # a match across fields ('은' ends the title, '수미' starts a subtitle) hides none inside one
    ArticleText("a", "은", ["수미 밴드", "은수미 배너"], None, None, None, [(0, "body", "은수미 시장은 밴쿠버에"), (1, "caption", "배 나무 은 수미")]),
    ArticleText("b", "", [], None, None, None, [(0, "caption", "은수미"), (1, "body", "라스베이거스의 밴"), (2, "body", "라스 베가스")]),
    ArticleText("c", "라스베가스 은수미", ["배"], None, None, None, [(3, "body", "너 은수미 은수미"), (4, "body", "")]),
]


@pytest.mark.parametrize("word", ["은수미", "밴", "라스베가스", "은수미밴", "배너"])
@pytest.mark.parametrize("fuzzy", [False, True])
def test_matches_in_finds_what_each_field_alone_finds(word: str, fuzzy: bool) -> None:
    term = make_term(word)
    assert term is not None
    for article in ARTICLES:
        assert list(_matches_in(term, article, fuzzy)) == _by_field(term, article, fuzzy)
