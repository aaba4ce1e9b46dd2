"""Trips: when and where a city's people went, in date order.

A sentence is about a trip when it has a visiting verb (방문, 찾아, 참관, 견학,
순방, 예방, 향했다, 사업설명회 …). Its destinations are the phrases before the
visiting particle (…를 방문해, …에서 열린), `A·B·C 등지에서` lists, event names
with a year (CES 2023; a bare acronym takes the year the same article gives it
elsewhere) and, once entities are stored, the places and organisations
mentioned in the sentence. Sentences are grouped into one trip by the month
they resolve to (the sentence's own 년/월, 지난해, the event's year, else the
article's date); a sentence of an undated article with no month is its own trip.
"""

from __future__ import annotations

import re
from typing import Any

from .phrases import norm_key, phrase_before
from .scope import Scope, Sentence, city_stem, inside_quote

_VISIT = re.compile(
    r"방문(?!단)|찾아|찾은|찾았|참관|견학|순방|예방(?![해하])|향했|방미|방중|방일|출장|사업설명회|투자설명회|시승|둘러"
)
_OBJECT = re.compile(
    r"(?:을|를)\s(?:[가-힣]+\s)?(?:방문|찾아|찾은|찾았|견학|참관|향했|시승|둘러)"
)
_AT = re.compile(r"에서(?:는)?\s(?:[^ ]+\s){0,3}?(?:열린|개최|간담회|면담|예방|사업설명회|참석)")
_AFTER = re.compile(r"(?<!\S)([^\s]+)에\s이어\s")
_LOCATIVE = re.compile(r"(?<!\S)([^\s]+(?:\s[^\s]+)?)에서는\s")
_LEAD_POSSESSIVE = re.compile(r"^(?:(?:이어|또|특히|이후|다음)\s)?([가-힣A-Za-z]{2,})의\s")
_LIST_PLACES = re.compile(r"(?<!\S)([^\s·,]+(?:[·,]\s?[^\s·,]+)+)\s?등지에서")
_AND_VISIT = re.compile(r"(?<![가-힣A-Za-z])([가-힣A-Za-z]+)\s?(?:및|와|과)\s?([가-힣A-Za-z]+)\s(?:방문|순방)")
_EVENT_YEAR = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z]{1,11})(?:\([^)]{0,30}\))?\s?((?:19|20)\d\d)(?!\d)")
_YEAR = re.compile(r"((?:19|20)\d\d)년")
_MONTH = re.compile(r"(?<!\d)(\d{1,2})월")
_DAYS = re.compile(r"(?<!\d)(\d{1,2})월\s?(\d{1,2})일(?:부터|∼|~|-)\s?(?:(\d{1,2})월\s?)?(\d{1,2})일")
#: Home-side places a mayor "visits" in a briefing sentence; never destinations.
_HOME = re.compile(r"시청|브리핑룸|기자실|청사|의회|회의실|집무실")
#: Generic heads that say "some place" without naming one.
_GENERIC = re.compile(
    r"(?:^|\s)(?:주요\s)?(?:기관|현장|트렌드|기업|대기업관|기업관|행사장|전시관|전시장|일정|성과|사례|곳|지역|나라|도시|"
    r"관계자|일행|방문단|기술|동향|부스|시설|회의|자리|미래|결과|세계|전국|국내외|국내|해외|현지|기초자치단체|지자체)$"
)


def _resolve_date(s: Sentence, text: str, event_years: list[int]) -> tuple[int | None, int | None]:
    pub = s.date
    year: int | None = None
    month: int | None = None
    m = _YEAR.search(text)
    if m:
        year = int(m.group(1))
    elif "지난해" in text and pub:
        year = pub[0] - 1
    elif event_years:
        year = event_years[0]
    mm = _MONTH.search(text)
    if mm and 1 <= int(mm.group(1)) <= 12:
        month = int(mm.group(1))
    if year is None and pub:
        year = pub[0]
        if month is not None and month > pub[1]:
            year -= 1  # "지난 11월" in a January article
    if month is None and pub and year == pub[0]:
        month = pub[1]
    return year, month


def _event_years(scope: Scope) -> dict[tuple[str, str], int]:
    """Per article, the year an event acronym is given with (CES 2019)."""
    cached = scope.__dict__.get("_event_years")
    if cached is not None:
        return cached
    years: dict[tuple[str, str], int] = {}
    for s in scope.sentences:
        for m in _EVENT_YEAR.finditer(s.text):
            years.setdefault((s.article_id, m.group(1)), int(m.group(2)))
    scope.__dict__["_event_years"] = years
    return years


def _acronyms_of(scope: Scope, article_id: str) -> list[tuple[str, int]]:
    """The event acronyms an article gives a year for, indexed once per scope."""
    index = scope.__dict__.get("_acronyms")
    if index is None:
        index = {}
        for (aid, acronym), year in _event_years(scope).items():
            index.setdefault(aid, []).append((acronym, year))
        scope.__dict__["_acronyms"] = index
    return index.get(article_id, [])


def _destinations(scope: Scope, s: Sentence, city: str, events: dict[tuple[str, str], int]) -> list[tuple[str, int, int]]:
    text = s.text
    stem = city_stem(city)
    found: list[tuple[str, int, int]] = []
    for m in _OBJECT.finditer(text):
        p = phrase_before(text, m.start(), max_words=3)
        if p:
            found.append((p[0], p[1], m.start()))
            # ‘A’와 ‘B’를 찾아 / A·B를 방문: the coordinated phrase too.
            lo = max(0, p[1] - 8)
            lead = text[lo : p[1]].rstrip(" ‘'“")
            if lead.endswith(("와", "과", "·", ",")):
                q = phrase_before(text, lo + len(lead) - 1, max_words=3)
                if q:
                    found.append((q[0], q[1], len(lead)))
    for m in _AT.finditer(text):
        p = phrase_before(text, m.start(), max_words=2)
        if p:
            found.append((p[0], p[1], m.start()))
    for m in _AFTER.finditer(text) if "에 이어" in text else ():
        p = phrase_before(text, m.end(1), max_words=2)
        if p:
            found.append((p[0], p[1], m.end(1)))
    for m in _LOCATIVE.finditer(text) if "에서는" in text else ():
        p = phrase_before(text, m.end(1), max_words=2)
        if p:
            found.append((p[0], p[1], m.end(1)))
    m = _LEAD_POSSESSIVE.match(text)
    if m:
        found.append((m.group(1), m.start(1), m.end(1)))
    for m in _LIST_PLACES.finditer(text) if "등지" in text else ():
        for part in re.split(r"[·,]\s?", m.group(1)):
            found.append((part, m.start(1), m.end(1)))
    for m in _AND_VISIT.finditer(text):
        found.append((m.group(1), m.start(1), m.end(1)))
        found.append((m.group(2), m.start(2), m.end(2)))
    for m in _EVENT_YEAR.finditer(text):
        found.append((f"{m.group(1)} {m.group(2)}", m.start(), m.end()))
    for acronym, year in _acronyms_of(scope, s.article_id):
        for m in re.finditer(rf"(?<![A-Za-z]){re.escape(acronym)}(?![A-Za-z(]|\s?\d)", text):
            found.append((f"{acronym} {year}", m.start(), m.end()))
    found.extend(_visited_entities(scope, s))
    out: list[tuple[str, int, int]] = []
    keys: list[str] = []
    split: list[tuple[str, int, int]] = []
    aliases = _alias_keys(scope)
    for name, start, end in found:
        name = re.sub(r"\s?등지$", "", name.strip())
        if "·" in name and not re.search(r"\d{4}$", name):
            split.extend((part.strip(), start, end) for part in name.split("·") if part.strip())
        else:
            split.append((name, start, end))
    split_more = split  # grows while we walk it
    for name, start, end in split_more:
        name = re.sub(r"[‘’“”'\"]", "", name).strip()
        name = re.sub(r"^\d{1,2}일\s", "", name)
        ev = re.search(r"(?<![A-Za-z])([A-Z][A-Za-z]{1,11})$", name)
        if ev and (s.article_id, ev.group(1)) in events:
            name = f"{ev.group(1)} {events[(s.article_id, ev.group(1))]}"
        key = aliases.get(norm_key(name), norm_key(name))
        if _GENERIC.search(name) and name.count(" ") >= 2:
            # 라스베이거스 CES 행사장: the named words before a generic head still count.
            words = name.split()[:-1]
            if words and words[0] != "주요":
                split_more.extend((w, start, end) for w in words)
            continue
        if key in keys and norm_key(name) == key:
            out[keys.index(key)] = (name, start, end)  # the entity's own name over an alias
            continue
        if (len(key) < 2 or stem in name or _HOME.search(name) or _GENERIC.search(name)
                or re.match(r"\d", name) or key in keys):
            continue
        if any(k.startswith(key) or key.startswith(k) for k in keys if min(len(k), len(key)) >= 3):
            continue
        keys.append(key)
        out.append((name, start, end))
    return out


_ANCHOR = re.compile(_VISIT.pattern + r"|열린|개최|간담회|면담|참석")
_CLAUSE_BREAK = re.compile(r"[다며고서해은는이가]\s|[.;!?]")
_LIST_GAP = re.compile(r"^[’'”\")\s]*(?:\([^)]{0,20}\))?\s?(?:의\s|및\s|,\s?|·|와\s|과\s|\s)(?:[^\s]+\s){0,1}(?:및\s)?$")


def _alias_keys(scope: Scope) -> dict[str, str]:
    """alias -> entity name (both normalised), so LA and 로스앤젤레스 are one destination."""
    keys = scope.__dict__.get("_alias_keys")
    if keys is None:
        keys = {}
        for e in scope.entities:
            for a in getattr(e, "aliases", None) or []:
                keys.setdefault(norm_key(a), norm_key(e.name))
        scope.__dict__["_alias_keys"] = keys
    return keys


def _visited_entities(scope: Scope, s: Sentence) -> list[tuple[str, int, int]]:
    """Stored places, organisations and events that are what the sentence visits:
    just before a visiting word (…를 방문, …에서 열린), or listed with one that is
    (실리콘밸리의 애플 본사 및 피츠버그시, …를 방문); never inside a quotation."""
    text = s.text
    mentions = scope.mentions_in(s, "place", "organization", "event")
    if not mentions:
        return []
    anchors = [m.start() for m in _ANCHOR.finditer(text)]
    accepted: list[tuple[str, int, int]] = []
    for entity, start, end in sorted(mentions, key=lambda x: -x[1]):
        if inside_quote(text, start):
            continue
        if entity.type == "event":
            accepted.append((entity.name, start, end))
            continue
        near = any(0 <= a - end <= 14 and not _CLAUSE_BREAK.search(text[end:a]) for a in anchors)
        listed = any(0 <= a_start - end <= 16 and _LIST_GAP.match(text[end:a_start]) for _, a_start, _ in accepted)
        if (near or listed) and not text[end:].startswith("의 ") or listed:
            accepted.append((entity.name, start, end))
    accepted.reverse()
    return accepted


def trips(scope: Scope, city: str) -> list[dict[str, Any]]:
    events = _event_years(scope)
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}
    for s in scope.of(city):
        if not _VISIT.search(s.text):
            continue
        dests = _destinations(scope, s, city, events)
        if not dests:
            continue
        ev_years = [int(d[-4:]) for d, _, _ in dests
                    if (s.article_id, d.split(" ")[0]) in events and re.search(r" \d{4}$", d)]
        year, month = _resolve_date(s, s.text, ev_years)
        if year and month:
            key: tuple[Any, ...] = ("m", year, month)
        else:
            # An undated article: one trip per month it names, the rest together.
            key = ("a", s.article_id, month or 0)
        group = groups.setdefault(
            key,
            {"year": year, "month": month, "days": None, "destinations": [], "evidence": [], "led_by": []},
        )
        d = _DAYS.search(s.text)
        if d and group["days"] is None:
            group["days"] = f"{d.group(1)}월 {d.group(2)}~{d.group(4)}일" if not d.group(3) else f"{d.group(1)}월 {d.group(2)}일~{d.group(3)}월 {d.group(4)}일"
        keys = group.setdefault("_keys", {})
        aliases = _alias_keys(scope)
        for name, start, end in dests:
            key = aliases.get(norm_key(name), norm_key(name))
            if key not in keys:
                keys[key] = len(group["destinations"])
                group["destinations"].append(name)
            elif norm_key(name) == key:
                group["destinations"][keys[key]] = name  # the entity's own name over an alias
        ev = s.evidence()
        seen = group.setdefault("_seen", set())
        if (ev.article_id, ev.paragraph_index) not in seen:
            seen.add((ev.article_id, ev.paragraph_index))
            group["evidence"].append(ev)
        info = scope.articles[s.article_id]
        for name in info.heads.get(city, []):
            named = name in s.text or re.search(rf"(?<![가-힣]){re.escape(name[0])}\s(?:시장|군수|구청장|도지사)", s.text)
            if named and name not in group["led_by"]:
                group["led_by"].append(name)
        m = re.search(r"([가-힣]{2,4})\s([가-힣]{2,14}?)(?:을|를)\s단장으로", s.text)
        if m:
            who = f"{m.group(1)} {m.group(2)} (단장)"
            if who not in group["led_by"]:
                group["led_by"].append(who)
    out = []
    for key, g in groups.items():
        dests = _drop_contained(g["destinations"])
        # Events (CES 2023) first: they say what the trip was for.
        dests.sort(key=lambda d: not re.search(r"[A-Za-z] (?:19|20)\d\d$", d))
        date = f"{g['year']:04d}-{g['month']:02d}" if g["year"] and g["month"] else None
        when = date or (g["days"] or (f"{g['month']}월" if g["month"] else "날짜 미상"))
        if date and g["days"]:
            when = f"{date} ({g['days']})"
        out.append(
            {
                "date": date,
                "when": when,
                "destinations": dests,
                "led_by": g["led_by"],
                "evidence": [e.to_json() for e in g["evidence"]],
                "_order": (date or "9999", key[1] if key[0] != "m" else "", min(e.paragraph_index for e in g["evidence"])),
            }
        )
    out.sort(key=lambda t: t.pop("_order"))
    return out


def _drop_contained(names: list[str]) -> list[str]:
    keys = [norm_key(n) for n in names]
    keep = []
    for i, name in enumerate(names):
        if any(j != i and keys[i] != keys[j] and keys[j].startswith(keys[i]) and len(keys[j]) - len(keys[i]) <= 2
               for j in range(len(names))):
            continue
        keep.append(name)
    return keep
