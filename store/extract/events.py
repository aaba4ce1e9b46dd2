"""Events: acronym shows with their year ("CES 2019"; a bare "CES" takes the
year printed beside it in the article, else the article's year) and names
ending in an event word ("매경 실리콘밸리 포럼", "위고 어워드") with a proper
noun in front of it."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..hangul import all_syllables
from .found import Doc, Found, words_before
from .gazetteer import Gazetteer
from .morph import Word

SUFFIXES = ("포럼", "박람회", "어워드", "어워즈", "시상식", "총회", "페스티벌", "축제", "콘퍼런스", "컨퍼런스",
            "서밋", "정상회의", "전시회", "올림픽", "심포지엄")
_GENERIC = {"IT", "AI", "ICT", "IoT", "VR", "AR", "XR", "DX", "R&D"}
_SUFFIX_TAIL = re.compile("(?:" + "|".join(SUFFIXES) + ")$")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@lru_cache(maxsize=4)
def acronym_pattern(g: Gazetteer) -> re.Pattern[str]:
    names = sorted((a for a in g.events if a.isascii()), key=len, reverse=True)
    alts = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![A-Za-z])({alts})(?![A-Za-z])(\s*\([^)]{{0,40}}\))?(?:\s*(19[5-9]\d|20\d\d)(?!\d))?")


def find(doc: Doc, g: Gazetteer) -> list[Found]:
    out: list[Found] = []
    pattern = acronym_pattern(g)
    bare: list[tuple[int, int, int, str]] = []
    years: Counter[tuple[str, int]] = Counter()
    for p in doc.paras:
        for m in pattern.finditer(p.text):
            canon = g.events[m.group(1)]
            if not canon.isascii():
                canon = m.group(1)
            if m.group(3):
                year = int(m.group(3))
                years[(canon, year)] += 1
                aliases: tuple[str, ...] = ()
                inner = (m.group(2) or "").strip()[1:-1].strip()
                if inner and inner in g.events:
                    aliases = (f"{inner} {year}",)
                out.append(Found("event", f"{canon} {year}", p.index, m.start(), m.end(), aliases=aliases))
            else:
                bare.append((p.index, m.start(), m.start() + len(m.group(1)), canon))
    for para, start, end, canon in bare:
        year = _year_for(canon, years, doc)
        name = f"{canon} {year}" if year else canon
        out.append(Found("event", name, para, start, end))
    for p in doc.paras:
        ws = p.words
        for i, w in enumerate(ws):
            sm = _SUFFIX_TAIL.search(w.stem)
            if not sm:
                continue
            suf = sm.group()
            left = words_before(p, i, lambda prev, _: _event_word(prev, g))
            # A proper noun must carry the name: "올해 포럼" and "기술콘퍼런스" are not events.
            while left and not (left[0].nnp or left[0].stem[0].isascii()):
                left.pop(0)
            if not left and not (w.nnp and w.stem != suf):
                continue
            start = left[0].stem_start if left else w.stem_start
            name = " ".join([x.stem for x in left] + [w.stem])
            out.append(Found("event", clean_event_name(name), p.index, start, w.stem_end))
    return out


def _event_word(prev: Word, g: Gazetteer) -> bool:
    if not prev.stem or prev.stem[0].isdigit() and not prev.stem.endswith("차"):
        return False
    if not (prev.nnp or prev.stem[0].isascii() or all_syllables(prev.stem)):
        return False
    # "미국서 실리콘밸리 포럼": the country is where, not part of the name
    return not (prev.stem in _GENERIC or len(prev.stem) < 2 or any(
        prev.stem.startswith(c) and len(prev.stem) - len(c) <= 1 for c in g.countries if len(c) > 1
    ))


def clean_event_name(name: str) -> str:
    """"위고 어워드 시상식" is the ceremony of the award: one event, "위고 어워드"."""
    for tail in (" 시상식", "시상식"):
        if name.endswith(tail) and ("어워드" in name or "어워즈" in name or name[: -len(tail)].endswith("상")):
            return name[: -len(tail)].strip()
    return name


def _year_for(canon: str, years: Counter[tuple[str, int]], doc: Doc) -> int | None:
    printed = [(n, y) for (c, y), n in years.items() if c == canon]
    if doc.year:
        return doc.year
    if printed:
        return max(printed)[1]
    found = Counter(int(y) for p in doc.paras for y in _YEAR.findall(p.text))
    return found.most_common(1)[0][0] if found else None



