"""Short references inside one article.

"이 시장", "김 시장은", "은 시장" point at the person with that surname and
title named earlier in the same article; a full name said again without its
title ("이강덕은") is the same person. A surname and title with no such person
before it stays unresolved: "이 시장" may just mean "this market".
"""

from __future__ import annotations

import re
from functools import lru_cache

from .found import Doc, Found
from .gazetteer import Gazetteer, load

_JOSA = ("은", "는", "이", "가", "을", "를", "의", "에", "에게", "과", "와", "도", "만", "께서", "측", "이라", "이며",
         "씨", "과의", "와의", "에게서", "로", "으로", "한테")


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    g = load()
    titles = sorted({t for t in g.titles if len(t) >= 2}, key=len, reverse=True)
    return re.compile(r"(?<![가-힣])([가-힣]{1,2})\s(" + "|".join(map(re.escape, titles)) + r")(?![가-힣]{2})")


def short_references(doc: Doc, people: list[Found], g: Gazetteer) -> list[Found]:
    if not people:
        return []
    pattern = _pattern()
    out: list[Found] = []
    ordered = sorted(people, key=lambda f: (f.para, f.start))
    for p in doc.paras:
        for m in pattern.finditer(p.text):
            surname, title = m.group(1), m.group(2)
            best = None
            for f in ordered:
                if (f.para, f.start) > (p.index, m.start()) and best is not None:
                    break
                if f.name.startswith(surname) and f.role and (f.role.endswith(title) or title in f.role) and " " not in f.name:
                    if (f.para, f.start) <= (p.index, m.start()) or best is None:
                        best = f
            if best is not None:
                out.append(Found("person", best.name, p.index, m.start(), m.end()))
    return out


def name_repeats(doc: Doc, people: list[Found], taken: set[tuple[int, int]]) -> list[Found]:
    """Every later bare use of a full name already found with a title."""
    names = {f.name for f in people}
    out: list[Found] = []
    for p in doc.paras:
        for name in names:
            for m in re.finditer(re.escape(name), p.text):
                s, e = m.start(), m.end()
                if (p.index, s) in taken:
                    continue
                if s and "가" <= p.text[s - 1] <= "힣":
                    continue
                rest = p.text[e : e + 3]
                if rest and "가" <= rest[0] <= "힣" and not rest.startswith(_JOSA):
                    continue
                out.append(Found("person", name, p.index, s, e))
    return out
