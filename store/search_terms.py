"""Keyword queries over whole articles: what people type into a search box
(a name and a topic, a place and an event), not one phrase.

`search.py` finds paragraphs for one piece of text in every Korean-aware way
(spacing, particles, 초성, English-mode keys, romanised, jamo typos). A query
of several words is answered here, one article at a time:

1. Each term is looked up alone, and the words side by side (all of them,
   and each adjacent pair: a space or nothing between them, for spacing that
   differs across terms); the articles any of them finds are candidates.
   While the last word is one character (typing has just begun it), it is
   not looked up alone: it narrows the other words' articles.
2. Every candidate is checked for every term over its whole text - title,
   subtitles, every paragraph and caption - with the term's patterns, its
   loanword and unit spellings, and a jamo-level fuzzy match for a word not
   found as typed in every paragraph its lookup reads; a term that sits in
   another paragraph than the others is still found.
3. Articles with every term come first; when none has every term, those with
   most of them follow, each saying how many it has (the caller shows a
   divider). Within that, a BM25-like score over fields (title > subtitles >
   lead > body, rare terms weigh more), a bonus for terms in one paragraph,
   exact kinds over fuzzy ones; newer only breaks ties.
4. One row per story: copies of an article (dedupe's clusters) fold into it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from rapidfuzz import fuzz

from . import hangul
from .hangul import same_head
from .jamo_codes import code_offsets, jamo_codes
from .records import SearchHit
from .search_plan import (
    Pattern,
    phrase_pattern,
    strip_particle,
    text_pattern,
    variant_patterns,
)

#: Hits asked of the one-term search for each term (candidates for the article
#: check): twice a page of results.  150 gave the same top hit for all 388
#: real-page queries and cost 1.3 ms more per keystroke at 100k.
PER_TERM = 100
#: Candidate articles checked term by term at most.
MAX_CANDIDATES = 400

#: Articles one word short of all that get a jamo-level fuzzy look for that word (the best candidates first).
FUZZY_ARTICLES = 120

#: Field weights for the BM25-like score.
_FIELD = {"title": 2.0, "subtitle": 1.5, "lead": 1.3, "body": 1.0, "caption": 0.8}

#: Loanword vowel spellings that differ between papers (스탠포드/스탠퍼드, 메사추세츠/매사추세츠).
_VOWEL_SWAPS = {"ㅔ": "ㅐ", "ㅐ": "ㅔ", "ㅓ": "ㅗ", "ㅗ": "ㅓ", "ㅕ": "ㅓ"}
#: Units written in words or as symbols.
_UNITS = (("제곱미터", "㎡"), ("평방미터", "㎡"), ("퍼센트", "%"), ("프로", "%"), ("킬로미터", "㎞"), ("헥타르", "㏊"))


@dataclass
class Term:
    """One thing the user asked for: a word, a quoted phrase, or `A OR B`."""

    text: str
    patterns: list[Pattern]
    codes: list[str] = field(default_factory=list)  # jamo codes for the fuzzy check
    phrase: bool = False


@dataclass
class ArticleText:
    id: str
    title: str
    subtitles: list[str]
    published: str | None
    outlet: str | None
    cluster: str | None
    paragraphs: list[tuple[int, str, str]]  # (index, kind, text)

    @property
    def layout(self) -> tuple[str, tuple[str, ...], tuple[int, ...], tuple[tuple[str, int], ...]]:
        """Every field (title, subtitles, paragraphs) in one string, a blank
        line apart; the fields, where each starts in it, and each one's name
        and paragraph index (-1: title, subtitle): worked out once."""
        cached = self.__dict__.get("_layout")
        if cached is None:
            fields = (self.title, *self.subtitles, *[t for _, _, t in self.paragraphs])
            starts = tuple(accumulate([len(t) + 2 for t in fields[:-1]], initial=0))
            lead = next((i for i, k, _ in self.paragraphs if k == "body"), None)
            names = (
                ("title", -1),
                *[("subtitle", -1)] * len(self.subtitles),
                *[("lead" if i == lead else "caption" if k == "caption" else "body", i) for i, k, _ in self.paragraphs],
            )
            cached = self.__dict__["_layout"] = ("\n\n".join(fields), fields, starts, names)
        return cached


#: Where a term is in an article: (field, paragraph index or -1 for title and
#: subtitles, span, strength 3 exact ... 1 fuzzy). A plain tuple: rank's memo
#: keeps tens of thousands, and the collector stops tracking tuples of plain values.
_Match = tuple[str, int, tuple[int, int], float]


#: Words of a query looked up at most: people type two to four; a pasted paragraph must stay fast.
MAX_WORDS = 5
#: Characters of one word read at most: no word is longer, and each pattern's
#: cost grows with its length (a 3,000-character word took 250 ms to read).
MAX_WORD_CHARS = 100


def split_terms(text: str) -> list[str]:
    """Whitespace-separated terms ('A OR B' stays one term), at most MAX_WORDS of
    them, each its first MAX_WORD_CHARS characters."""
    words = [w[:MAX_WORD_CHARS] for w in text.split()]
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 2 < len(words) and words[i + 1] == "OR":
            out.append(f"{words[i]} OR {words[i + 2]}")
            i += 3
        else:
            out.append(words[i])
            i += 1
    return list(dict.fromkeys(out))[:MAX_WORDS]  # a word typed twice is one word


def _swap_variants(term: str) -> list[str]:
    """Loanword spellings one vowel away (스탠포드 -> 스탠퍼드), for 2+ syllable terms."""
    out: list[str] = []
    for i, ch in enumerate(term):
        if not hangul.is_syllable(ch):
            continue
        cho, jung, jong = hangul.split_syllable(ch)
        swap = _VOWEL_SWAPS.get(jung)
        if swap:
            out.append(term[:i] + hangul.join_syllable(cho, swap, jong) + term[i + 1 :])
    return out[:6]


def _other_names(term: str) -> list[str]:
    """The other names of a public body the term names, as the press writes them
    (the analyser's institution tables: full names and their abbreviations)."""
    key = strip_particle(term) or term
    return list(_names_of().get(key, ()))[:4] if len(key) >= 2 else []


def prepare() -> None:
    """Read the tables a keyword query needs besides the database (the other
    names of public bodies: 25 ms), once per process."""
    _names_of()


@lru_cache(maxsize=1)
def _names_of() -> dict[str, tuple[str, ...]]:
    from .extract.gazetteer import load  # plain tables: no analyser

    by_body: dict[str, list[str]] = {}
    g = load()
    for name, body in g.orgs.items():
        if len(name) >= 2 and not name.isascii():
            by_body.setdefault(body, []).append(name)
    return {
        name: tuple(n for n in names if n != name)
        for names in by_body.values() if len(names) > 1
        for name in names
    }


def _unit_variants(term: str) -> list[str]:
    out = []
    for words, symbol in _UNITS:
        if words in term:
            out.append(term.replace(words, symbol))
        elif symbol in term:
            out.append(term.replace(symbol, words))
    return out


@lru_cache(maxsize=512)
def make_term(text: str, *, phrase: bool = False) -> Term | None:
    """Patterns for one term in every way the one-word search reads it (kept:
    typing on, the same words come back at every keystroke; callers do not
    change the Term)."""
    if phrase:
        p = phrase_pattern(text)
        return Term(text, [p], phrase=True) if p else None
    if " OR " in text:
        parts = [make_term(t) for t in text.split(" OR ")]
        parts = [t for t in parts if t is not None]
        if not parts:
            return None
        return Term(text, [p for t in parts for p in t.patterns], [c for t in parts for c in t.codes])
    patterns: list[Pattern] = []
    main = text_pattern(text)
    if main is not None:
        patterns.append(main)
    stem = strip_particle(text)
    if stem and (p := text_pattern(stem, label="particle", base=1.6, prefix_last=False, verbatim="")):
        patterns.append(p)
    patterns += variant_patterns(text)
    for other in _other_names(text):  # 중기부 <-> 중소벤처기업부, 산단공 <-> 한국산업단지공단
        if p := text_pattern(other, label="alias", base=2.2, prefix_last=False, verbatim=""):
            patterns.append(p)
    for other in _swap_variants(text) + _unit_variants(text):
        if p := text_pattern(other, label="spelling", base=1.8, prefix_last=False, verbatim=""):
            patterns.append(p)
    if not patterns:
        return None
    codes = [main.codes] if main is not None and main.extra.get("syllables", 0) >= 3 else []
    return Term(text, patterns, codes)


def _find(
    term: Term, text: str, fuzzy: bool = False, patterns: Sequence[Pattern] | None = None
) -> tuple[tuple[int, int], float] | None:
    """Where `term` matches `text` and how strongly, or None.  `patterns`:
    those of the term's patterns that may match (default: all of them)."""
    best: tuple[tuple[int, int], float] | None = None
    for p in term.patterns if patterns is None else patterns:
        m = p.regex.search(text)
        if m is None:
            continue
        strength = _strength(p, m.group(0))
        if best is None or strength > best[1]:
            best = ((m.start(), m.end()), strength)
    if best is None and fuzzy and term.codes and len(text) < 5000 and _head_present(term.text, text):
        best = _fuzzy(term.codes, text, term.text)
    return best


def _head_present(typed: str, text: str) -> bool:
    """A near spelling keeps the first or second syllable (hangul.same_head): a
    text holding neither cannot hold one, and needs no jamo alignment."""
    head = [ch for ch in typed if "가" <= ch <= "힣"][:2]
    return len(head) < 2 or head[0] in text or head[1] in text


def _strength(p: Pattern, matched: str) -> float:
    """How strongly `p` matched `matched`: the text as typed (spaces aside) scores `exact`."""
    return p.exact if p.verbatim and _same(matched, p.verbatim) else p.base


@lru_cache(maxsize=4096)
def _same(matched: str, verbatim: str) -> bool:
    """Kept: the same few words match again and again."""
    return "".join(matched.split()).casefold() == "".join(verbatim.split()).casefold()


def _fuzzy(codes_list: list[str], text: str, typed: str) -> tuple[tuple[int, int], float] | None:
    """A jamo-level near match (라스베가스 ~ 라스베이거스, 보스톤 ~ 보스턴)."""
    body = _codes_of(text)
    for codes in codes_list:
        if len(codes) < 6:
            continue
        allowed = 1 if len(codes) < 9 else 2 if len(codes) < 10 else int(len(codes) * 0.3)
        cutoff = 100.0 * (1 - allowed / len(codes)) - 1
        al = fuzz.partial_ratio_alignment(codes, body, score_cutoff=max(cutoff, 60.0))
        if al is None:
            continue
        offsets = _offsets_of(text)
        if not offsets:
            continue
        s, e = al.dest_start, min(al.dest_end, len(offsets))
        if e <= s or not same_head(typed, text[offsets[s] : offsets[e - 1] + 1]):
            continue
        return (offsets[s], offsets[e - 1] + 1), 1.0 + 0.3 * al.score / 100
    return None


@lru_cache(maxsize=4096)
def _codes_of(text: str) -> str:
    """jamo_codes of a paragraph, kept: typing on, the same articles are looked at again."""
    return jamo_codes(text)


@lru_cache(maxsize=1024)
def _offsets_of(text: str) -> tuple[int, ...]:
    """code_offsets of a paragraph, kept as _codes_of is."""
    return tuple(code_offsets(text))


def _matches_in(term: Term, article: ArticleText, fuzzy: bool = False) -> tuple[_Match, ...]:
    """Where `term` is in each field of `article`.  Each pattern runs over the
    whole text, once per field that holds it (the next search starts at the
    next field): as many searches as fields found, not one per field."""
    whole, texts, starts, names = article.layout
    last = len(starts) - 1
    best: dict[int, tuple[tuple[int, int], float]] = {}  # field -> (span, strength), as _find picks it
    for p in term.patterns:
        search = _searcher(p.regex)
        m = search(whole, 0)
        while m is not None:
            s, e = m.span()
            k = bisect_right(starts, s) - 1
            first = starts[k]
            if s == e or e > first + len(texts[k]):
                # a match across fields (GAP spans "\n\n") may hide one inside a field
                return _matches_by_field(term, article, fuzzy)
            strength = _strength(p, m.group(0))
            old = best.get(k)
            if old is None or strength > old[1]:
                best[k] = ((s - first, e - first), strength)
            if k == last:
                break
            m = search(whole, starts[k + 1])
    if not best and not fuzzy:
        return ()
    out: list[_Match] = []
    subtitles = len(article.subtitles)
    subtitle_found = False
    for k in range(len(starts)) if fuzzy else sorted(best):
        if subtitle_found and 0 < k <= subtitles:
            continue
        found = best.get(k)
        if found is None and (k > 0 or texts[0]):
            found = _find(term, texts[k], True, ())
        if found is not None:
            subtitle_found = subtitle_found or 0 < k <= subtitles
            out.append((*names[k], *found))
    return tuple(out)


@lru_cache(maxsize=1024)
def _searcher(regex: re.Pattern[str]) -> Callable[[str, int], re.Match[str] | None]:
    """`regex.search(text, pos)`, faster for a pattern that is one group of
    alternatives ('(?:[밴밵밶]|배[\\W_]*[ㄴ나-닣])', a last syllable typed on):
    Python's re tries such a pattern at every position, and tests a class of
    characters at every position, but skips ahead to a literal first character
    (about ten times faster).  So the alternatives run apart, a class of plain
    characters one character at a time: the leftmost of their matches (the
    first one's on a tie) is the pattern's."""
    parts = _alternatives(regex.pattern)
    if parts is None:
        return regex.search
    searches = []
    for part in parts:
        plain = _PLAIN_CLASS.fullmatch(part)
        for one in map(re.escape, plain.group(1)) if plain else (part,):
            searches.append(re.compile(one, regex.flags).search)

    def search(text: str, pos: int) -> re.Match[str] | None:
        best = None
        for one in searches:
            m = one(text, pos)
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        return best

    return search


#: A class of plain characters ('[밴밵밶]'): no range, escape, negation or nested set.
_PLAIN_CLASS = re.compile(r"\[([^\]\[\\^-]+)\]")


def _alternatives(pattern: str) -> list[str] | None:
    """'(?:A|B)' -> ['A', 'B'] (split at its own '|', not one in a group, a
    class or an escape); None for any other pattern."""
    if not (pattern.startswith("(?:") and pattern.endswith(")")):
        return None
    inner = pattern[3:-1]
    parts: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(inner):
        ch = inner[i]
        if ch == "\\":
            i += 1
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if inner.startswith("^", i + 1):
                i += 1
            if inner.startswith("]", i + 1):  # a ']' first in a class is a member
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:  # '(?:A)|(?:B)': the outer brackets are not one group
                return None
        elif ch == "|" and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
        i += 1
    parts.append(inner[start:])
    return parts if depth == 0 and not in_class and len(parts) > 1 else None


def _matches_by_field(term: Term, article: ArticleText, fuzzy: bool) -> tuple[_Match, ...]:
    """`_matches_in` one field at a time: for an article where a match runs across fields."""
    whole, texts, _, names = article.layout
    active = [p for p in term.patterns if p.regex.search(whole)]
    if not fuzzy and not active:
        return ()
    out: list[_Match] = []
    subtitles = len(article.subtitles)
    subtitle_found = False
    for k, text in enumerate(texts):
        if (subtitle_found and 0 < k <= subtitles) or (k == 0 and not text):
            continue
        if f := _find(term, text, fuzzy, active):
            subtitle_found = subtitle_found or 0 < k <= subtitles
            out.append((*names[k], *f))
    return tuple(out)


@dataclass
class Ranked:
    """One article's rank.  Where it matched (`best_index`, `snippets`, `why`)
    is worked out only when asked: most ranked articles are never shown."""

    article: ArticleText
    score: float
    matched: list[str]
    whole: int = 0  # the words found side by side as typed: 2 verbatim, 1 another spelling
    per_para: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # paragraph -> spans
    terms_in: dict[int, set[str]] = field(default_factory=dict)  # paragraph -> terms found there
    best_of: list[tuple[str, _Match, int]] = field(default_factory=list)  # (term, its best match, how many)
    phrase_index: int | None = None  # the paragraph of the words side by side, when found

    @property
    def best_index(self) -> int:
        if self.phrase_index is not None:
            return self.phrase_index
        if self.per_para:
            return min(self.per_para, key=lambda i: (-len(self.terms_in.get(i, ())), i))
        return self.article.paragraphs[0][0] if self.article.paragraphs else 0

    @property
    def snippets(self) -> list[tuple[int, str, list[tuple[int, int]]]]:
        texts = {i: t for i, _, t in self.article.paragraphs}
        return [(i, texts[i], sorted(set(spans))) for i, spans in sorted(self.per_para.items())]

    @property
    def why(self) -> list[dict[str, object]]:
        return [
            {"term": term, "field": name, "paragraph": index, "kind": _kind(strength), "count": tf}
            for term, (name, index, _, strength), tf in self.best_of
        ]


def rank(
    terms: Sequence[Term],
    articles: Sequence[ArticleText],
    df: dict[str, int],
    total: int,
    excluded: Sequence[Term] = (),
    pair_bonus: dict[str, float] | None = None,
    joined: Sequence[tuple[Term, Term, Term]] = (),
    phrase_hits: dict[str, SearchHit] | None = None,
    memo: dict[tuple[str, bool, bool, str], tuple[_Match, ...]] | None = None,
    common: Sequence[str] = (),
    adjacent: Pattern | None = None,
) -> list[Ranked]:
    """Articles ranked for `terms` (see the module docstring). `joined`: two
    adjacent words and the two typed as one (라스 베가스 -> 라스베가스); where
    the words are not found apart, the joined form found counts for both.
    `memo`: where each term was found in each article, kept by the caller
    between keystrokes (a term's patterns follow from its text, so typing the
    third word re-reads the articles for that word only).  `common`: terms
    found as typed in as many paragraphs as a lookup reads: spelled as the
    press spells them, so not looked for in near spellings.  `adjacent`: the
    words side by side, spacing and punctuation free (영일만밸리 포항 ~
    '영일만 밸리 포항'), looked for in an article with every word that
    `phrase_hits` (the index's answer: a space or nothing between words) lacks."""
    out: list[Ranked] = []
    seen = {} if memo is None else memo

    def found_in(term: Term, article: ArticleText, fuzzy: bool = False) -> tuple[_Match, ...]:
        if fuzzy and not term.codes:
            fuzzy = False  # a term too short for a jamo-level near spelling finds what it finds exactly
        key = (term.text, term.phrase, fuzzy, article.id)
        found = seen.get(key)
        if found is None:
            found = seen[key] = _matches_in(term, article, fuzzy)
        return found

    fuzzy_budget = FUZZY_ARTICLES
    idf = {id(t): math.log(1 + (total + 1) / (1 + df.get(t.text, total))) for t in terms}
    for article in articles:
        if excluded and any(found_in(x, article) for x in excluded):
            continue
        score = 0.0
        matched: list[str] = []
        best_of: list[tuple[str, _Match, int]] = []
        per_para: dict[int, list[tuple[int, int]]] = {}
        terms_in: dict[int, set[str]] = {}
        found_by: dict[int, tuple[_Match, ...]] = {id(t): found_in(t, article) for t in terms}
        missing = [t for t in terms if not found_by[id(t)]]
        if len(missing) == 1 and len(terms) > 1 and fuzzy_budget > 0 and missing[0].text not in common:
            fuzzy_budget -= 1
            # one word short of all: a jamo-level near spelling may be it (라스베가스 ~ 라스베이거스)
            found_by[id(missing[0])] = found_in(missing[0], article, fuzzy=True)
        for a, b, both in joined:
            if not (found_by.get(id(a)) and found_by.get(id(b))) and (together := found_in(both, article)):
                found_by[id(a)] = found_by.get(id(a)) or together
                found_by[id(b)] = found_by.get(id(b)) or together
        for term in terms:
            found = found_by[id(term)]
            if not found:
                continue
            matched.append(term.text)
            best = max(found, key=_weight)
            tf = len(found)
            score += idf[id(term)] * _FIELD[best[0]] * best[3] * (1 + math.log(tf)) / (1 + 0.1 * tf)
            best_of.append((term.text, best, tf))
            for _, index, span, _ in found:
                if index >= 0:
                    per_para.setdefault(index, []).append(span)
                    terms_in.setdefault(index, set()).add(term.text)
        if not matched:
            continue
        # terms together: one paragraph holding several of them
        together = max((len(t) for t in terms_in.values()), default=0)
        if len(matched) > 1 and together > 1:
            score += 0.5 * (together - 1)
        if pair_bonus:
            score += pair_bonus.get(article.id, 0.0)
        hit = (phrase_hits or {}).get(article.id)
        whole = (hit.score, hit.paragraph_index, list(hit.spans)) if hit is not None else None
        if whole is None and adjacent is not None and len(matched) == len(terms):
            whole = _adjacent_in(adjacent, article)
        phrase_index = None
        if whole is not None:  # the words as typed, side by side: the best reading of all
            score += 1.0 * len(terms) + whole[0]
            phrase_index = whole[1]
            per_para[phrase_index] = whole[2]
            matched = [t.text for t in terms]
        strength = 0 if whole is None else 2 if whole[0] >= 3 else 1
        out.append(Ranked(article, score, matched, strength, per_para, terms_in, best_of, phrase_index))
    out.sort(key=lambda r: (-len(r.matched), -r.whole, -r.score, _negated_date(r.article.published)))
    return out


def _adjacent_in(p: Pattern, article: ArticleText) -> tuple[float, int, list[tuple[int, int]]] | None:
    """The first paragraph holding `p`: (score as the index's lookup gives it
    before tie-breakers, paragraph index, the span)."""
    for idx, _, text in article.paragraphs:
        if m := p.regex.search(text):
            return _strength(p, m.group(0)), idx, [m.span()]
    return None


def _weight(m: _Match) -> float:
    return _FIELD[m[0]] * m[3]


def _kind(strength: float) -> str:
    return "exact" if strength >= 3 else "variant" if strength >= 1.6 else "fuzzy"


@lru_cache(maxsize=8192)
def _negated_date(published: str | None) -> str:
    """Newer first as a tie-break, in an ascending sort."""
    return "".join(chr(0x10FFFF - ord(c)) for c in (published or ""))


def fold_stories(ranked: list[Ranked]) -> list[tuple[Ranked, list[str]]]:
    """One row per story: copies (same dedupe cluster) fold under the best-ranked one."""
    seen: dict[str, int] = {}
    rows: list[tuple[Ranked, list[str]]] = []
    for r in ranked:
        key = r.article.cluster or r.article.id
        if key in seen:
            rows[seen[key]][1].append(r.article.id)
            continue
        seen[key] = len(rows)
        rows.append((r, []))
    return rows


def to_hits(rows: list[tuple[Ranked, list[str]]], n_terms: int, limit: int) -> list[SearchHit]:
    hits: list[SearchHit] = []
    for r, copies in rows[:limit]:
        texts = {i: (k, t) for i, k, t in r.article.paragraphs}
        best_index, snippets = r.best_index, r.snippets
        kind, text = texts.get(best_index, ("body", ""))
        spans = next((s for i, _, s in snippets if i == best_index), [])
        hits.append(
            SearchHit(
                article_id=r.article.id,
                title=r.article.title,
                paragraph_index=best_index,
                text=text,
                spans=spans,
                score=r.score,
                kind=kind,
                outlet=r.article.outlet,
                published=r.article.published,
                matched_terms=list(r.matched),
                terms=n_terms,
                snippets=[{"paragraph_index": i, "text": t, "spans": [list(s) for s in sp]} for i, t, sp in snippets],
                copies=copies,
                why=r.why,
            )
        )
    return hits


def load_articles(fetch: Callable[[str, list[object]], list[tuple]], ids: Sequence[str]) -> list[ArticleText]:
    """The whole text of each candidate article (title, subtitles, paragraphs)."""
    import json

    if not ids:
        return []
    arg = json.dumps(list(ids))
    heads = fetch(
        "SELECT id, title, subtitles, published, outlet, cluster_id FROM articles"
        " WHERE id IN (SELECT value FROM json_each(?)) AND hidden = 0",
        [arg],
    )
    paras: dict[str, list[tuple[int, str, str]]] = {}
    for aid, idx, kind, text in fetch(
        "SELECT article_id, idx, kind, text FROM paragraphs WHERE article_id IN (SELECT value FROM json_each(?))"
        " AND kind != 'byline' ORDER BY article_id, idx",
        [arg],
    ):
        paras.setdefault(aid, []).append((idx, kind, text))
    return [
        ArticleText(aid, title or "", json.loads(subs or "[]"), pub, outlet, cluster, paras.get(aid, []))
        for aid, title, subs, pub, outlet, cluster in heads
    ]


_EXCLUDE = re.compile(r"^-(\S{2,})$")


def take_exclusions(text: str) -> tuple[str, list[str]]:
    """'포항 -과천' -> ('포항', ['과천'])."""
    kept, excluded = [], []
    for word in text.split():
        m = _EXCLUDE.match(word)
        (excluded.append(m.group(1)) if m else kept.append(word))
    return " ".join(kept), excluded


def fold_paragraph_hits(hits: Sequence[SearchHit], clusters: dict[str, str | None]) -> list[SearchHit]:
    """One row per story for a one-term search: an article's best paragraph,
    with every paragraph that matched as its snippets; copies of a story
    (same dedupe cluster) fold under the best-ranked one."""
    rows: dict[str, SearchHit] = {}
    for hit in hits:  # best first
        key = clusters.get(hit.article_id) or hit.article_id
        row = rows.get(key)
        snippet = {"paragraph_index": hit.paragraph_index, "text": hit.text, "spans": [list(x) for x in hit.spans]}
        if row is None:
            hit.snippets = [snippet]
            rows[key] = hit
        elif row.article_id == hit.article_id:
            row.snippets.append(snippet)
        elif hit.article_id not in row.copies:
            row.copies.append(hit.article_id)
    for row in rows.values():
        row.snippets.sort(key=lambda x: x["paragraph_index"])
    return list(rows.values())
