"""Figures: a number with its unit and, where the sentence says it, what it
counts ("25만 개 일자리", "6조7천억 원의 신규 투자", "과천동 일원 155만㎡")."""

from __future__ import annotations

import re

from .found import Doc, Found

_NUM = r"\d[\d,]*(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?<![\d.,])(?P<num>(?:{_NUM}\s?(?:천|백)?\s?(?:조|억|만)\s?)*{_NUM}\s?(?:천|백)?\s?(?:조|억|만)?)"
    r"(?P<about>\s?여)?\s?"
    r"(?P<unit>개사|개국|개소|개|명|곳|가구|세대|원|달러|유로|엔|위안|㎡|㎢|㎞|km|평|ha|헥타르|%|퍼센트|톤|건|채)?"
    r"(?![가-힣\d])?"
)
_MULT = {"조": 10**12, "억": 10**8, "만": 10**4}
_SMALL = {"천": 1000, "백": 100}
_PART = re.compile(rf"({_NUM})?\s?(조|억|만|천|백)?")


def parse_value(text: str) -> float | None:
    """"6조7천억" -> 6.7e12, "155만" -> 1.55e6, "37만2천" -> 372000."""
    total = 0.0
    group = 0.0
    found = False
    for m in _PART.finditer(text):
        num, mult = m.group(1), m.group(2)
        if not num and not mult:
            continue
        found = True
        n = float(num.replace(",", "")) if num else 1.0
        if mult in _SMALL:
            group += n * _SMALL[mult]
        elif mult in _MULT:
            total += (group + (n if num else 0) or 1) * _MULT[mult]
            group = 0.0
        else:
            group += n
    return total + group if found else None


def find(doc: Doc) -> list[Found]:
    out: list[Found] = []
    for p in doc.paras:
        for m in _FIGURE.finditer(p.text):
            num, unit = m.group("num").strip(), m.group("unit")
            has_mult = any(ch in num for ch in "조억만")
            if not unit and not has_mult:
                continue
            end = m.end("unit") if unit else m.end("num")
            after = p.text[end : end + 1]
            if unit is None and after and "가" <= after <= "힣" and after not in "의이가은는을를에":
                continue  # "3년", "16일": a date or a word, not a figure
            if unit in ("개", "명", "곳") and after and "가" <= after <= "힣" and after not in "의이가은는을를에과와씩":
                continue
            value = parse_value(num)
            if value is None:
                continue
            start = m.start("num")
            surface = p.text[start:end].strip()
            counts = _what_it_counts(p.text, start, end)
            out.append(
                Found(
                    "figure",
                    surface,
                    p.index,
                    start,
                    start + len(surface),
                    data={"value": value, "unit": unit or "", "counts": counts, "approx": bool(m.group("about"))},
                )
            )
    return out


_AFTER = re.compile(r"^(?:의)?\s([가-힣A-Za-z]+(?:\s[가-힣A-Za-z]+)?)")
_BEFORE = re.compile(r"([가-힣A-Za-z]{2,}(?:\s[가-힣A-Za-z]{2,})?)(?:의)?\s$")
_FUNCTION = {"등", "총", "및", "약", "또", "중", "이상", "이하", "규모", "정도", "가량", "수준", "이"}
_JOSA_TAIL = re.compile(r"(?:을|를|이|가|은|는|과|와|에|의|로|으로|도|만|까지|에서)$")
_VERBISH = re.compile(r"(?:한|된|하는|되는|인|있는|없는|던|였다|했다|하고|해|한다)$")


def _what_it_counts(text: str, start: int, end: int) -> str | None:
    """The noun right after the figure ("25만 개 일자리"), else the one before it."""
    tail = text[end : end + 30]
    m = _AFTER.match(tail)
    if m:
        words = m.group(1).split()
        phrase = []
        for w in words:
            if w in _FUNCTION:
                break
            stripped = _JOSA_TAIL.sub("", w)
            phrase.append(stripped)
            if stripped != w or _VERBISH.search(w):
                break
        if phrase and not _VERBISH.search(words[0]):
            return " ".join(phrase)
    head = text[max(0, start - 30) : start]
    m = _BEFORE.search(head)
    if m:
        words = [w for w in m.group(1).split() if w not in _FUNCTION]
        while len(words) > 1 and (
            _JOSA_TAIL.search(words[0]) or words[0].endswith(("는", "은", "던", "켜", "고", "며", "서", "해", "어", "아", "여"))
        ):
            words = words[1:]
        if words and not any(_VERBISH.search(w) for w in words):
            return " ".join(_JOSA_TAIL.sub("", w) for w in words)
    return None
