"""Initiatives, and everything else a short quoted name can be.

Korean news puts the names of projects and visions in single quotes
(‘영일만 밸리’, '아시아 실리콘밸리' 프로젝트). A quoted name is classified by
what it is (a known place, an event word, an organisation suffix, the noun
"사" after it, a descriptor such as "액셀러레이터인" before it) or, failing
that, by an initiative head noun inside or right after it. Unquoted
"X 밸리 프로젝트/사업/비전" is an initiative too.
"""

from __future__ import annotations

import re

from . import events, organizations
from .found import Doc, Found, scan
from .gazetteer import Gazetteer

_QUOTED = re.compile(r"[‘'](?P<q>[^‘’'\n]{2,40}?)[’']")
_HEADS = ("밸리", "프로젝트", "사업", "특구", "거점", "클러스터", "파크", "단지", "비전", "플랜", "뉴딜",
          "허브", "벨트", "밸트", "스마트시티", "신도시", "유치", "서비스", "플랫폼", "캠퍼스")
_AFTER_HEADS = ("프로젝트", "사업", "비전", "구상", "계획", "조성", "건설", "추진", "건립", "설립", "유치")
_ORG_DESCRIPTORS = re.compile(
    r"(?:기업|회사|단체|기관|대학|연구소|액셀러레이터|스타트업|박물관|과학관|재단|협회|은행|그룹)"
    r"(?:인|이자|으로\s유명한|로\s유명한|으로|로)?\s*$"
)
_ACTIONS = (" 지정", " 조성", " 추진", " 건립", " 설립")
_JOINER = re.compile(r"\s*(?:와|과|및|,|、|·)\s*")
_PAREN = re.compile(r"\s*\([^)]*\)")
_UNUSED = re.compile(r"\s+")
_OF = re.compile(r"([가-힣A-Za-z])의\s")
_UNQUOTED = re.compile(
    r"(?<![가-힣])(?P<name>(?:[가-힣A-Za-z]{2,8}의?\s)?(?:[가-힣]{0,6}실리콘\s?밸리|[가-힣]{2,6}\s?밸리))"
    r"\s(?:프로젝트|사업|비전|구상)"
)


def initiative_name(text: str) -> str:
    """"아시아의 실리콘밸리" and "아시아 실리콘밸리" are one vision."""
    name = _PAREN.sub("", text).strip()
    name = _OF.sub(r"\1 ", name)
    for action in _ACTIONS:
        if name.endswith(action):
            name = name[: -len(action)]
    return _UNUSED.sub(" ", name).strip()


def find(doc: Doc, g: Gazetteer) -> list[Found]:
    out: list[Found] = []
    for p in doc.paras:
        text = p.text
        last: tuple[int, str] | None = None  # (end of previous quote, its kind)
        for m in scan(_QUOTED, text, "‘", "'"):
            q = m.group("q").strip()
            if not q or q[0] in " ,.":
                continue
            start, end = m.start("q"), m.start("q") + len(m.group("q").rstrip())
            after = text[m.end() : m.end() + 12]
            before = text[max(0, m.start() - 25) : m.start()]
            parts = [q]
            if " 및 " in q:
                parts = q.split(" 및 ")
            offset = start
            for part in parts:
                pstart = text.find(part, offset, end + 1)
                pend = pstart + len(part)
                offset = pend
                found = classify(part, after if part is parts[-1] else "", before, g)
                joined = last is not None and _JOINER.fullmatch(text[last[0] : m.start()])
                if joined and last[1] in ("organization", "place", "event") and (found is None or found[0] == "initiative"):
                    found = (last[1], _PAREN.sub("", part).strip())
                if found:
                    kind, name = found
                    out.append(Found(kind, name, p.index, pstart, pend, quoted=True))
                last = (m.end(), found[0]) if found else None
        for m in scan(_UNQUOTED, text, "밸리"):
            name = initiative_name(m.group("name"))
            if name.replace(" ", "") in ("실리콘밸리",) or name in g.places:
                continue
            out.append(Found("initiative", name, p.index, m.start("name"), m.end("name")))
    return out


def classify(q: str, after: str, before: str, g: Gazetteer) -> tuple[str, str] | None:
    bare = _PAREN.sub("", q).strip()
    if not bare or bare[-1] in ".?!" or len(bare.split()) > 7:
        return None  # a quoted remark, not a name
    if bare in g.places:
        return "place", g.places[bare]
    if bare in g.orgs:
        return "organization", g.orgs[bare]
    head = bare.split()[-1]
    if any(head.endswith(s) for s in events.SUFFIXES) or (
        bare.split()[0] in g.events and re.fullmatch(r"\S+\s?(?:\(.*\)\s?)?(19|20)\d\d", q)
    ):
        return "event", events.clean_event_name(bare)
    if after.startswith("사") and not after[1:2].strip(" 를을와과의에는가이") or _ORG_DESCRIPTORS.search(before):
        return "organization", bare
    suf = organizations.suffix_of(head) or ("지사" if head.endswith("지사") and len(head) > 2 else None)
    if suf and suf not in ("센터",) or head.endswith("관") and len(head) <= 6 and " " not in bare:
        return "organization", bare
    if any(h in bare for h in _HEADS) or any(after.startswith(h) or after[1:].startswith(h) for h in _AFTER_HEADS):
        return "initiative", initiative_name(bare)
    if head.endswith("센터"):
        return "organization", bare
    return None
