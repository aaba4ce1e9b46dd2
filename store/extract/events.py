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
            if not w.stem.endswith(SUFFIXES):
                continue  # most words: a C string test, not a regex tried at every position
            suf = _SUFFIX_TAIL.search(w.stem).group()
            left = words_before(p, i, lambda prev, _: _event_word(prev, g))
            # A proper noun must carry the name: "올해 포럼" and "기술콘퍼런스" are not events.
            while left and not (left[0].nnp or left[0].stem[0].isascii()):
                left.pop(0)
            if not left and not (w.nnp and w.stem != suf):
                continue
            start = left[0].stem_start if left else w.stem_start
            name = " ".join([x.stem for x in left] + [w.stem])
            out.append(Found("event", clean_event_name(name), p.index, start, w.stem_end))
    out += _ceremonies(doc)
    return out


#: What is held on a day: the press names it by what it is for ('경기양주 테크노밸리 착공식').
CEREMONIES = (
    "착공식", "기공식", "준공식", "개소식", "개관식", "협약식", "출범식", "선포식", "현판식", "기념식", "오픈식", "발대식",
    "착수보고회", "보고회", "설명회", "간담회", "토론회", "워크숍", "로드쇼", "데모데이", "비엔날레", "예술제", "페어",
)
#: A numbered meeting of a committee or council: '제3차 규제자유특구위원회', '제2차 회의'.
_MEETINGS = ("위원회", "협의회", "회의", "총회")
_ORDINAL = re.compile(r"^제\d+차$")
#: Words a ceremony's name does not start with: when, who, and how it is told.
_NOT_OPENING = re.compile(
    r"^(?:\d+일|\d+시|오전|오후|이날|지난|오는|올해|이번|당시|현재|최근|관련|각종|이후|앞서|또|한편|특히|첫|가운데|오늘|내일|어제|날|행사|등)$"
)


def _ceremonies(doc: Doc) -> list[Found]:
    """'2019년 제2차 에너지밸리 기업투자 협약식', '탑동 이노베이션밸리 기업유치 설명회':
    the bare words before a ceremony word name it (a bare '착공식' names nothing)."""
    out: list[Found] = []
    for p in doc.paras:
        for i, w in enumerate(p.words):
            if not w.stem.endswith(CEREMONIES):
                if w.stem.endswith(_MEETINGS):  # '제9차 도시재생특별위원회': the committee's ninth meeting
                    left = words_before(p, i, lambda prev, _: _ceremony_word(prev), limit=3)
                    first = next((j for j, x in enumerate(left) if _ORDINAL.match(x.stem)), None)
                    if first is not None:
                        start = left[first].stem_start
                        name = " ".join([x.stem for x in left[first:]] + [w.stem])
                        out.append(Found("event", name, p.index, start, w.stem_end))
                continue
            left = words_before(p, i, lambda prev, _: _ceremony_word(prev), limit=5)
            while left and _NOT_OPENING.match(left[0].stem):
                left.pop(0)
            if not left and w.stem in CEREMONIES:
                continue
            start = left[0].stem_start if left else w.stem_start
            out.append(Found("event", " ".join([x.stem for x in left] + [w.stem]), p.index, start, w.stem_end))
    return out


_WHEN = re.compile(r"\d+(?:일|시|분)")


def _ceremony_word(prev: Word) -> bool:
    """A word that can be part of a ceremony's name: no verb form, no date or time."""
    if not prev.stem or prev.tags[:1] and prev.tags[0].startswith(("V", "E", "M")):
        return False
    return not (_NOT_OPENING.match(prev.stem) or _WHEN.fullmatch(prev.stem))


def _event_word(prev: Word, g: Gazetteer) -> bool:
    if not prev.stem or prev.stem[0].isdigit() and not prev.stem.endswith("차"):
        return False
    if not (prev.nnp or prev.stem[0].isascii() or all_syllables(prev.stem)):
        return False
    # "미국서 실리콘밸리 포럼": the country is where, not part of the name
    # a country's name, alone or with one syllable more ('미국', '미국서')
    stem = prev.stem
    return not (stem in _GENERIC or len(stem) < 2 or any(
        len(c) > 1 and c in g.countries for c in (stem, stem[:-1])
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



