"""Figures: money, jobs, area and counts, with what they measure.

Korean news writes amounts as 6조7천억 원, 25만 개, 155만㎡, 30여 곳. A number
counts as a figure when a unit follows it (or a 조/억 magnitude, which is money
even without 원); dates and ordinals (년, 월, 일, 차, 대) never do.
"""

from __future__ import annotations

import re
from typing import Any

from .evidence import FactSet
from .phrases import phrase_before, strip_particle
from .scope import Scope

_NUM = r"\d[\d,]*(?:\.\d+)?\s?[조억천만백]*(?:\s?\d[\d,]*(?:\.\d+)?\s?[조억천만백]+)*\s?[조억천만]?"
_UNITS = {
    "money": r"원|달러|유로|엔|위안|\$",
    "area": r"㎡|m²|㎢|km²|평|ha|헥타르|에이커",
    "percent": r"%|퍼센트",
    "count": r"개사|개국|개소|개\s?기업|개\s?도시|개|곳|명|건|가구|세대|社|종",
}
_FIGURE = re.compile(
    rf"(?<![\d.,])(?P<num>{_NUM})(?P<approx>여\s|여|\s)?(?:(?P<unit>"
    + "|".join(f"(?P<{k}>{v})" for k, v in _UNITS.items())
    + r")|(?<=[조억])(?=[가이의을를에]|\s))(?![A-Za-z])"
)
_MAGNITUDE = re.compile(r"[조억]")


def _kind(m: re.Match[str]) -> str | None:
    for kind in _UNITS:
        if m.group(kind):
            return kind
    # 45조가 넘는 ... : a bare 조/억 amount is money.
    if _MAGNITUDE.search(m.group("num")):
        return "money"
    return None


def _measure(text: str, m: re.Match[str], kind: str) -> str:
    """What the figure counts: the noun after it (…원의 신규 투자, 25만 개 일자리)
    or, when a particle closes the figure (…18곳과, …155만㎡에), the phrase before it."""
    rest = text[m.end() : m.end() + 80]  # what it measures is close by
    after = rest.lstrip()
    if after.startswith("의 ") or (rest.startswith(" ") and kind == "count" and m.group("unit") in ("개", "곳", "명")):
        words = after[2:].split() if after.startswith("의 ") else after.split()
        picked: list[str] = []
        for w in words[:4]:
            if w in ("및", "등", "또는", "중"):
                break
            if re.search(r"[는은][ ]?$", w) and not picked and len(w) > 1 and w[-2:] in ("넘는", "되는", "하는", "있는", "이는"):
                continue  # 넘는 엄청난 경제효과: skip the verb forms in front
            base = strip_particle(w.strip(",."))
            picked.append(base)
            if base != w.strip(",.") or len(picked) == 2:
                break
        if picked and not re.match(r"\d", picked[0]):
            return " ".join(picked)
    if re.match(r"[가이]\s?(넘는|넘|달하는|이상)", rest):
        words = [w for w in rest.split()[1:5] if not w.endswith(("는", "난", "한", "운"))]
        if words:
            return strip_particle(words[0].strip(",."))
    before = phrase_before(text, m.start(), max_words=2)
    if before and re.search(r"\d", before[0].split()[-1]):
        # 개발면적의 24%인 37만2천㎡: the figure before says what this one is part of.
        before = phrase_before(text, before[1], max_words=2)
    if before:
        words = before[0].split()
        words[-1] = re.sub(r"(?<=[가-힣])(?:한|인|된|던|하는|중인)$", "", words[-1])
        return strip_particle(" ".join(w for w in words if w))
    return ""


def figures(scope: Scope, city: str) -> list[dict[str, Any]]:
    facts = FactSet()
    for s in scope.of(city):
        for m in _FIGURE.finditer(s.text):
            kind = _kind(m)
            if kind is None:
                continue
            value = re.sub(r"\s+", " ", m.group(0)).strip()
            if kind == "count" and re.fullmatch(r"[1-9]\s?(명|곳|건|개)", value.replace("여", "")):
                continue  # 2명, 1곳: too small to be a figure of the initiative
            measure = _measure(s.text, m, kind)
            lo = max(0, m.start() - 25)
            context = s.text[lo : m.end() + 25].strip()
            key = f"{value}|{measure}"
            facts.add(
                key,
                {"value": value, "kind": kind, "measure": measure, "context": context},
                s.evidence(m.start(), m.end()),
                (s.date or (9999, 0, 0), s.article_id, s.paragraph_index, m.start()),
            )
    return [f.to_json() for f in sorted(facts, key=lambda f: f.order)]
