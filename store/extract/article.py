"""One article in, its entities out: runs every rule, resolves clashes, joins
aliases and short references, and groups mentions per entity."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from itertools import accumulate
from typing import Any

from . import (
    coref,
    events,
    figures,
    initiatives,
    morph,
    organizations,
    people,
    places,
    shapes,
)
from .found import ArticleEntity, Doc, Found, Para, entity_key, norm
from .gazetteer import Gazetteer, load

#: Which reading wins when two rules claim the very same span.
_PRIORITY = {"reporter": 0, "person": 1, "event": 2, "initiative": 3, "organization": 4, "place": 5, "figure": 6}
_PAREN_AFTER = re.compile(r"^\(([^()]{2,40})\)")
_ACRONYM_EXPANDED = re.compile(r"(?<![A-Za-z])([A-Z]{2,6})\(((?:[A-Z][A-Za-z&]*\.?\s?){2,6})\)")
_GENERIC_ALIASES = {"TF", "가칭", "현지시간", "예정", "valley", "사진", "가운데", "왼쪽", "오른쪽", "AI", "IT"}
#: Titles of a city's own staff: with no affiliation in the text, they work for the article's city.
_MUNICIPAL = ("국장", "과장", "주무관", "팀장", "계장", "사무관", "부시장", "실장", "소장", "단장")
_REMENTION_TYPES = ("organization", "place", "event", "initiative")


def doc_from_article(article: dict[str, Any]) -> Doc:
    """Build the rules' view of an article dict (id, published, reporters,
    cities, paragraphs: [(index, kind, text)]), tokenising with Kiwi once."""
    paras = [(i, t) for i, kind, t in article["paragraphs"] if kind != "byline" and t.strip()]
    tokens = morph.tokenize([t for _, t in paras])
    built = [Para(i, t, morph.words(t, toks)) for (i, t), toks in zip(paras, tokens)]
    year = None
    if article.get("published"):
        m = re.match(r"(\d{4})", article["published"])
        year = int(m.group(1)) if m else None
    return Doc(
        article_id=article["id"],
        paras=built,
        year=year,
        reporters=[r for r in article.get("reporters", []) if r],
        city_orgs=list(article.get("cities", [])),
    )


def extract_article(doc: Doc, extra_aliases: dict[str, str] | None = None) -> list[ArticleEntity]:
    g = load()
    reporters = people.find_reporters(doc)
    taken = {(f.para, f.start) for f in reporters}
    place_found = places.find(doc, g)
    org_found = organizations.find(doc, g)
    event_found = events.find(doc, g)
    quoted = initiatives.find(doc, g)
    place_names = {f.name for f in place_found + quoted if f.type == "place"}
    person_found = people.find(doc, g, taken, place_names)
    found: list[Found] = reporters + place_found + org_found + event_found + quoted + person_found
    found += _affiliations_as_orgs(doc, person_found, g)
    found += _bodies_in_titles(doc, person_found, g)
    found += _acronyms(doc, g)
    found += figures.find(doc)
    found += shapes.find(doc, g)
    found = _resolve(found, doc)
    _attach_parenthetical_aliases(doc, found)
    _attach_surfaces(doc, found)
    again = _re_mentions(doc, found)
    _attach_surfaces(doc, again)  # '실리콘 밸리' found again as 실리콘밸리: the form written is an alias
    found += again
    persons = [f for f in found if f.type == "person"]
    person_spans = {(f.para, f.start) for f in persons} | taken
    found += coref.name_repeats(doc, persons, person_spans)
    found += coref.short_references(doc, persons, g)
    found = _drop_places_in_names(found)
    found = _acting_governments(found, g)
    return _group(doc, found, g, extra_aliases or {})


def _acting_governments(found: list[Found], g: Gazetteer) -> list[Found]:
    """'전라남도는 … 협약을 맺었다': once a province's or metropolitan city's full
    name acts in an article it is that government throughout, not also a place
    (its short form, '전남', stays a place)."""
    acting = {f.name for f in found if f.type == "organization" and f.name in g.governments and (f.data or {}).get("acting")}
    return [f for f in found if not (f.type == "place" and f.name in acting)]


def _drop_places_in_names(found: list[Found]) -> list[Found]:
    """"아시아" inside "아시아 실리콘밸리" is part of a vision's name, not a place the article visits."""
    names = [(f.para, f.start, f.end) for f in found if f.type == "initiative"]
    return [
        f
        for f in found
        if not (f.type == "place" and any(p == f.para and s <= f.start and f.end <= e and (s, e) != (f.start, f.end)
                                          for p, s, e in names))
    ]


def _attach_surfaces(doc: Doc, found: list[Found]) -> None:
    """The words the text used ("중기부") are aliases of the name kept ("중소벤처기업부")."""
    by_para = {p.index: p for p in doc.paras}
    for i, f in enumerate(found):
        if f.type in ("figure", "reporter"):
            continue
        surface = by_para[f.para].text[f.start : f.end]
        if surface != f.name and surface not in f.aliases:
            found[i].aliases = f.aliases + (surface,)


def _bodies_in_titles(doc: Doc, persons: list[Found], g: Gazetteer) -> list[Found]:
    """'박영선 중기부장관', '김현수 농림부장관': the ministry or listed body written into a
    person's title is an organisation the article names (as 중기부, the full name kept)."""
    out = []
    by_para = {p.index: p for p in doc.paras}
    for f in persons:
        tail = g.title_tail.search(f.role) if f.role and g.title_tail else None
        body = f.role[: tail.start()] if tail else ""
        if len(body) < 3 or body in g.places or body in g.governments or body in g.korean_city_orgs:
            continue
        if body not in g.orgs and not (body.endswith("부") and not body.endswith("본부")):
            continue
        text = by_para[f.para].text
        at = text.find(f.role, f.end, f.end + len(f.role) + 2)  # the title right after the name
        if at >= 0:
            out.append(Found("organization", g.orgs.get(body, body), f.para, at, at + len(body), aliases=(body,)))
    return out


def _affiliations_as_orgs(doc: Doc, persons: list[Found], g: Gazetteer) -> list[Found]:
    """"코리아 소사이어티 토마스 번 회장", "이헌수 KIC 회장": the body a person
    speaks for is an organisation even when no suffix says so."""
    out = []
    by_para = {p.index: p for p in doc.paras}
    for f in persons:
        aff = f.affiliation
        if not aff or aff in g.places.values() or aff in g.places:
            continue
        p = by_para[f.para]
        foreign = bool(f.aliases) or " " in f.name
        acronym = re.fullmatch(r"[A-Z][A-Za-z]{1,7}", aff)
        listed = aff in g.orgs  # '박민원 창원대 교수': a body the tables know
        # '유인상 한빛네트웍스 대표': what a chief executive heads is a company
        title = (f.role or "").split()
        heads = bool(title) and title[-1] in _COMPANY_HEADS
        if not (foreign or acronym or listed or heads):
            continue
        pos = p.text.rfind(aff, 0, f.start + 40)
        if pos >= 0 and not aff.endswith("카운티"):
            name = g.orgs[aff] if listed else _PAREN.sub("", aff)
            out.append(Found("organization", name, f.para, pos, pos + len(aff), aliases=(aff,) if name != aff else ()))
    return out


_PAREN = re.compile(r"\s*\([^)]*\)")
#: Titles of who runs a company: the affiliation before them names one.
_COMPANY_HEADS = frozenset("대표 대표이사 사장 부사장 회장 부회장 CEO CTO COO CFO 전무 상무".split())


def _acronyms(doc: Doc, g: Gazetteer) -> list[Found]:
    """"KIC(Korea Innovation Center)": an acronym spelled out is an organisation."""
    out = []
    for p in doc.paras:
        for m in _ACRONYM_EXPANDED.finditer(p.text):
            acr, full = m.group(1), m.group(2).strip()
            if acr in g.events or acr in g.places:
                continue
            out.append(Found("organization", acr, p.index, m.start(1), m.end(1), aliases=(full,)))
    return out


def _resolve(found: list[Found], doc: Doc) -> list[Found]:
    """Same span claimed twice: keep the stronger reading. A person's name is
    never also a place or organisation; nothing overlaps a reporter's name."""
    found = sorted(
        found, key=lambda f: (f.para, f.start, -(f.end - f.start), not f.shape, _PRIORITY[f.type])
    )
    out: list[Found] = []
    spans: dict[tuple[int, int, int], str] = {}
    reporters = [(f.para, f.start, f.end) for f in found if f.type == "reporter"]
    names = [(f.para, f.start, f.end) for f in found if f.type == "person"]
    by_para = {p.index: p for p in doc.paras}
    quoted_orgs = [(f.para, f.start, f.end) for f in found if f.quoted and f.type == "organization"]
    for f in found:
        key = (f.para, f.start, f.end)
        if key in spans:
            continue
        if f.type in ("organization", "place") and any(
            p == f.para and s <= f.start and f.end <= e and (s, e) != (f.start, f.end) for p, s, e in quoted_orgs
        ):
            continue  # "캘리포니아" inside ‘바이오콤 캘리포니아’ is part of a name
        if f.type != "reporter" and any(p == f.para and s < f.end and f.start < e for p, s, e in reporters):
            continue
        clash = [(s, e) for p, s, e in names if p == f.para and s < f.end and f.start < e]
        if f.type in ("organization", "place") and clash:
            # "백인규 포항시의회": the name ends where the person's name ends.
            cut = max(e for _, e in clash)
            if not (clash[0][0] <= f.start and cut < f.end):
                continue
            text = by_para[f.para].text
            start = cut + (len(text[cut:f.end]) - len(text[cut:f.end].lstrip()))
            f = Found(f.type, text[start:f.end], f.para, start, f.end, f.role, f.affiliation, f.aliases, f.data,
                      f.quoted)
            if (f.para, f.start, f.end) in spans:
                continue
        spans[key] = f.type
        out.append(f)
    return out


def _attach_parenthetical_aliases(doc: Doc, found: list[Found]) -> None:
    by_para = {p.index: p for p in doc.paras}
    for i, f in enumerate(found):
        if f.type not in ("organization", "event", "place", "initiative"):
            continue
        text = by_para[f.para].text
        end = f.end
        while end < len(text) and text[end] in "’'\"”":
            end += 1
        m = _PAREN_AFTER.match(text[end : end + 44])
        if not m:
            continue
        alias = m.group(1).strip()
        if alias.startswith("이하 "):
            alias = alias[3:].strip()
        if alias in _GENERIC_ALIASES or alias.islower() or len(alias) < 2:
            continue
        if not (re.fullmatch(r"[A-Z][A-Za-z&.\- ]{1,40}", alias) or re.fullmatch(r"[가-힣]{2,10}", alias)
                or (f.type == "event" and re.fullmatch(r"[A-Z]{2,8} \d{4}", alias))):
            continue
        found[i] = Found(f.type, f.name, f.para, f.start, f.end, f.role, f.affiliation, f.aliases + (alias,), f.data)


def _re_mentions(doc: Doc, found: list[Found]) -> list[Found]:
    """Once a name is known in an article, its other uses there are mentions too."""
    names: dict[str, tuple[str, str]] = {}
    for f in found:
        if f.type in _REMENTION_TYPES:
            for surface in dict.fromkeys((_surface(doc, f), *f.aliases)):  # in order: the same run to run
                if surface and len(surface) >= 2 and not surface.isdigit():
                    names.setdefault(surface, (f.type, f.name))
    if not names:
        return []
    covered = defaultdict(list)
    for f in found:
        covered[f.para].append((f.start, f.end, f.type))
    # Every use of every name, found in the article's text at once (a name is in a few of its
    # paragraphs), then taken paragraph by paragraph, name by name, as a reader would.
    whole = "\0".join(p.text for p in doc.paras)
    starts = list(accumulate((len(p.text) + 1 for p in doc.paras[:-1]), initial=0))
    uses = []
    for rank, surface in enumerate(names):
        at = whole.find(surface)
        while at >= 0:
            n = bisect_right(starts, at) - 1
            uses.append((n, rank, at - starts[n], surface))
            at = whole.find(surface, at + len(surface))
    uses.sort()
    out = []
    for n, _, s, surface in uses:
        p, (type_, name) = doc.paras[n], names[surface]
        e = s + len(surface)
        if s and (p.text[s - 1].isalnum()):
            continue
        if e < len(p.text) and p.text[e].isascii() and p.text[e].isalnum():
            continue
        if any(a <= s and e <= b and t == type_ for a, b, t in covered[p.index]):
            continue
        if any(a < e and s < b and t in ("person", "reporter") for a, b, t in covered[p.index]):
            continue
        covered[p.index].append((s, e, type_))
        out.append(Found(type_, name, p.index, s, e))
    return out


def _surface(doc: Doc, f: Found) -> str:
    for p in doc.paras:
        if p.index == f.para:
            return p.text[f.start : f.end]
    return f.name


def _key(type_: str, name: str, g: Gazetteer) -> str:
    n = name
    if type_ in ("event", "initiative", "organization"):
        for abbr, full in g.press.items():
            if n.startswith(abbr) and not n.startswith(full):
                n = full + n[len(abbr) :]
    if type_ == "initiative":
        n = initiatives.initiative_name(n)
    if type_ == "figure":
        return f"figure:{norm(n)}"
    return entity_key(type_, n)


def _group(doc: Doc, found: list[Found], g: Gazetteer, extra_aliases: dict[str, str]) -> list[ArticleEntity]:
    # Union names that the article itself joins (aliases, a shorter event
    # name inside a longer one) so each entity is one group.
    parent: dict[str, str] = {}

    def find(k: str) -> str:
        while parent.get(k, k) != k:
            k = parent[k]
        return k

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb

    key_of: dict[tuple[str, str], str] = {}

    def key(type_: str, name: str) -> str:  # each name's key once: mentions repeat names
        k = key_of.get((type_, name))
        if k is None:
            k = key_of[type_, name] = _key(type_, name, g)
        return k

    names: dict[str, Counter[str]] = defaultdict(Counter)
    for f in found:
        k = key(f.type, f.name)
        if f.type != "figure":
            canon = extra_aliases.get(norm(f.name))
            if canon:
                k = f"{f.type}:{norm(canon)}"
                names[k][canon] += 100
        names[k][f.name] += 1
        for alias in f.aliases:
            union(key(f.type, alias), k)
    for prefix in ("event:", "initiative:"):
        keys = [k for k in names if k.startswith(prefix)]
        for a in keys:
            sa = a[len(prefix) :]
            if len(sa) < 4:
                continue
            for b in keys:
                sb = b[len(prefix) :]
                if a != b and sb.endswith(sa) and not sb[-4:].isdigit():
                    union(a, b)
    groups: dict[str, ArticleEntity] = {}
    city_org = doc.city_orgs[0] if doc.city_orgs else _main_city_org(doc, found)
    for f in found:
        k = find(key(f.type, f.name))
        if f.type != "figure":
            canon = extra_aliases.get(norm(f.name))
            if canon:
                k = find(f"{f.type}:{norm(canon)}")
        e = groups.get(k)
        if e is None:
            e = groups[k] = ArticleEntity(type=f.type, name=f.name, key=k, data=f.data)
        e.mentions.append((f.para, f.start, f.end))
        if f.role and (not e.role or len(f.role) > len(e.role)):
            e.role = f.role
        if f.affiliation and not e.affiliation:
            e.affiliation = f.affiliation
        for alias in (f.name, *f.aliases):
            if alias not in e.aliases:
                e.aliases.append(alias)
    out = []
    by_root: dict[str, list[str]] = defaultdict(list)  # once, not a pass over every name per group
    for n in names:
        by_root[find(n)].append(n)
    for k, e in groups.items():
        # The group's name: the form its key was made from, most used first.
        members = by_root[k]
        counter: Counter[str] = Counter()
        for m in members:
            counter.update(names[m])
        if e.type == "event":
            dated = [n for n in counter if re.search(r"\d{4}$", n)]
            e.name = max(dated or counter, key=lambda n: (counter[n] if not dated else 0, len(n)))
        elif e.type in ("organization", "initiative"):
            e.name = max(counter, key=lambda n: (n == names_canonical(n, g), len(n) if e.type == "event" else counter[n], len(n)))
        else:
            e.name = counter.most_common(1)[0][0]
        e.aliases = sorted({a for a in e.aliases if a != e.name})
        if e.type == "person" and e.role and not e.affiliation and city_org and e.role.endswith(_MUNICIPAL):
            e.affiliation = city_org
        e.mentions = sorted(set(e.mentions))
        out.append(e)
    return out


def names_canonical(name: str, g: Gazetteer) -> str:
    return g.orgs.get(name, name)


def _main_city_org(doc: Doc, found: list[Found]) -> str | None:
    counts = Counter(f.name for f in found if f.type == "organization" and f.name in load().korean_city_orgs)
    return counts.most_common(1)[0][0] if counts else None
