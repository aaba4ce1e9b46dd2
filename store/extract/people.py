"""People and reporters.

A person is a name followed, within a few words of the same sentence, by a
title: "이강덕 포항시장", "이상산 한동대 기계 공학과 교수", "이영 중기부 장관".
The words between name and title are the affiliation; a compound title
("포항시장", "국토부장관") carries its own. Foreign names are taken when the
text gives them in Latin ("제이슨 구(Jason Ku) 소장") or as proper nouns right
before a title ("리치 피츠제럴드 수장"). Bylines ("이동국 기자") make reporters,
who are kept apart from the people in the story.
"""

from __future__ import annotations

import re

from ..hangul import all_syllables
from . import organizations, places
from .found import Doc, Found
from .gazetteer import Gazetteer, titles_in
from .morph import Word

_NOT_NAMES = {
    "이날", "이번", "이후", "이어", "이에", "이를", "이와", "이같이", "이상", "이하", "전날", "지난", "당시", "현재",
    "신임", "전임", "정부", "한편", "또한", "특히", "최근", "최초", "최고", "최대", "최종", "조만간", "김씨", "이씨",
    "박씨", "정씨", "한국", "한때", "안에", "오늘", "오전", "오후", "양측", "양국", "장관", "시장", "의장", "회장",
    "사장", "대표", "위원", "관계자", "공무원", "주민", "시민", "도민", "구민", "전국", "전체", "전원", "공동", "주요",
    "서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "강원", "충북", "충남", "전북", "전남",
    "경북", "경남", "제주", "경기", "방문", "기자", "이사", "연구원", "교수", "고문", "전문가", "명예", "차기",
}
_BYLINE = re.compile(
    r"(?P<names>[가-힣]{2,4}(?:[ ,·]+[가-힣]{2,4}){0,3})\s*(?P<kind>기자|특파원|통신원|사진기자|인턴기자)(?![가-힣])"
)
_LATIN_NAME = re.compile(r"\((?P<latin>[A-Z][a-z]+(?:[ \-][A-Z][a-zA-Z]+){1,3})\)$")
#: Latin words that make a parenthesis an institution or place, not a person.
_INSTITUTIONAL = {
    "District", "Center", "Centre", "Expo", "Office", "Institute", "University", "Council", "Association",
    "Foundation", "Society", "Company", "Group", "Park", "Valley", "City", "County", "Street", "Hall",
    "Museum", "Lab", "Labs", "Show", "Forum", "Inc", "Corp", "Agency", "Bank", "School", "College", "Fund",
}


def is_korean_name(w: Word, g: Gazetteer) -> bool:
    s = w.stem
    if not (2 <= len(s) <= 4) or not all_syllables(s) or s in _NOT_NAMES:
        return False
    if s[0] not in g.surnames and s[:2] not in g.surnames:
        return False
    if s in g.places or s in g.orgs or titles_in(s) or organizations.suffix_of(s):
        return False
    if len(s) == 4 and s[:2] not in g.surnames:
        return False
    if organizations.org_name(w, g) or s in g.korean_city_orgs:
        return False
    # Kiwi reading the whole stem as one common noun ("이날", "정부") is not a name.
    if len(w.tags) == 1 and w.tags[0] in ("NNG", "NNB", "MAG", "MM", "NR", "NP") and (
        len(s) == 2 or s.endswith(("자", "가", "회", "단", "원", "들", "측", "님", "과", "학", "국", "실", "팀"))
    ):
        return False
    return True


def find_reporters(doc: Doc) -> list[Found]:
    out: list[Found] = []
    for p in doc.paras:
        if not any(kind in p.text for kind in ("기자", "특파원", "통신원")):
            continue  # no byline here: skip the regex, which tries every word as a name
        for m in _BYLINE.finditer(p.text):
            names = m.group("names")
            pos = m.start("names")
            for nm in re.finditer(r"[가-힣]{2,4}", names):
                name = nm.group()
                if name in _NOT_NAMES or name.endswith(("본부", "취재", "뉴스", "일보", "신문", "방송")):
                    continue
                out.append(Found("reporter", name, p.index, pos + nm.start(), pos + nm.end(),
                                 role="photographer" if "사진" in m.group("kind") else "reporter"))
    known = set(doc.reporters)
    for p in doc.paras:
        for name in known:
            for m in re.finditer(re.escape(name), p.text):
                if not _inside_word(p.text, m.start(), m.end()):
                    out.append(Found("reporter", name, p.index, m.start(), m.end(), role="reporter"))
    return out


def find(doc: Doc, g: Gazetteer, taken: set[tuple[int, int]], place_names: set[str]) -> list[Found]:
    """People named with a title. `taken` are (paragraph, start) of reporter names."""
    out: list[Found] = []
    for p in doc.paras:
        ws = p.words
        for i, w in enumerate(ws):
            title = titles_in(w.stem)
            if not title or (title in _ACTING and i and titles_in(ws[i - 1].stem)):
                continue  # '전남도지사 권한대행': the office before it names the person
            found = _korean_before(p, ws, i, title, g, taken) or _foreign_before(p, ws, i, title, g, place_names)
            if found:
                out.append(found)
                out += _dotted_before(p, ws, found, g, taken)
    return out


def _dotted_before(p, ws: list[Word], found: Found, g: Gazetteer, taken) -> list[Found]:
    """'이가람·김누리 부회장': names joined by a middle dot share the title after the last."""
    out: list[Found] = []
    k = next((n for n, w in enumerate(ws) if w.start == found.start), None)
    while k:
        prev, here = ws[k - 1], ws[k]
        if p.text[prev.end : here.start] not in ("·", "ㆍ") or prev.josa or (p.index, prev.start) in taken:
            break
        if not (is_korean_name(prev, g) and prev.stem_start == prev.start):
            break
        out.insert(0, Found("person", prev.stem, p.index, prev.start, prev.start + len(prev.stem), role=found.role,
                            affiliation=found.affiliation))
        k -= 1
    return out


def _korean_before(p, ws: list[Word], i: int, title: str, g: Gazetteer, taken) -> Found | None:
    w = ws[i]
    if w.josa.startswith("인") and i + 1 < len(ws) and is_korean_name(ws[i + 1], g):
        return None  # "위고 의장인 박원순": the title belongs to the next name
    for back in range(1, 5):
        j = i - back
        if j < 0:
            return None
        cand = ws[j]
        if cand.sentence != w.sentence or not _joined(p, cand, ws[j + 1]):
            return None
        misread = back == 1 and _misread_name(cand, g)  # '맹은영 과장은': read as '맹' + particle + '영'
        if cand.josa and not misread and not (back == 1 and cand.josa == "과" and not w.josa.startswith("인")):
            return None  # "디지털융합산업과 주무관": a department, not a particle
        if (p.index, cand.stem_start) in taken:
            return None
        name = cand.text if misread else cand.stem if is_korean_name(cand, g) and _bare_start(cand) else None
        if name is not None:
            between = ws[j + 1 : i]
            if any(titles_in(b.stem) for b in between):
                return None
            role, affiliation = _role(w.stem, title, between, g)
            if affiliation is None and j and _joined(p, ws[j - 1], cand) and not ws[j - 1].josa:
                body = ws[j - 1]  # '한빛상공회의소 홍길동 회장': the body is written before the name
                if organizations.org_name(body, g) and body.stem not in g.korean_city_orgs:
                    affiliation = body.stem
            return Found("person", name, p.index, cand.start, cand.start + len(name), role=role,
                         affiliation=affiliation)
        if all_syllables(cand.stem) and len(cand.stem) <= 1 and cand.stem not in _OWN_OFFICE:
            return None  # a one-syllable word ends the search, but '홍길동 시 투자유치과장': the city's own office
    return None


def _joined(p, left: Word, right: Word) -> bool:
    """Two words one space apart in one sentence."""
    return left.sentence == right.sentence and p.text[left.end : right.start].isspace()


_ACTING = frozenset(("권한대행", "직무대행"))
#: What may stand glued before a name in a list of people: a bullet, or the part they play
#: ('△김누리 …', '△사회=김누리 한빛대 교수'); not a quote or bracket ("'김누리", '(사진=김누리').
_LIST_OPENER = re.compile(r"[△▲▷▶□■○●◆◇•※-]*(?:(?:사회|좌장|진행|발제|토론)=)?")


def _bare_start(w: Word) -> bool:
    return w.stem_start == w.start or _LIST_OPENER.fullmatch(w.text, 0, w.stem_start - w.start) is not None
#: One-syllable words that stand for the article's own government before a title ('시 투자유치과장').
_OWN_OFFICE = frozenset("시 도 군 구".split())


def _misread_name(w: Word, g: Gazetteer) -> bool:
    """A three-syllable word right before a title that starts with a surname and
    that the analyser split into pieces, none of them a verb or ending."""
    text = w.text
    return (
        len(text) == 3
        and all_syllables(text)
        and text[0] in g.surnames
        and len(w.stem) == 1  # only the surname was read as the word
        and not any(t.startswith(("V", "E", "XS")) for t in w.tags)
        and text not in g.places
        and text not in g.orgs
    )
    return None


def _foreign_before(p, ws: list[Word], i: int, title: str, g: Gazetteer, place_names: set[str]) -> Found | None:
    w = ws[i]
    if w.stem != title:
        return None
    # "제이슨 구(Jason Ku) 소장": the Latin form says how many words the name has.
    head = p.text[: w.start].rstrip()
    m = _LATIN_NAME.search(head)
    if m and not set(re.split(r"[ \-]", m.group("latin"))) & _INSTITUTIONAL:
        n = len(re.split(r"[ \-]", m.group("latin")))
        before = p.text[: m.start()]
        parts = before.split()
        if len(parts) >= n and all(all_syllables(x) for x in parts[-n:]):
            name = " ".join(parts[-n:])
            start = before.rstrip().rfind(parts[-n])
            start = len(before) - len(" ".join(parts[-n:])) - (len(before) - len(before.rstrip()))
            aff = _affiliation_before(p, start)
            return Found("person", name, p.index, start, start + len(name), role=title,
                         affiliation=aff, aliases=(m.group("latin"),))
    names: list[Word] = []
    j = i - 1
    country = None  # '쁘라윳짠오차 태국 총리': a foreign leader, the country between name and title
    if j >= 1 and ws[j].stem in g.countries and not ws[j].josa and ws[j].sentence == w.sentence:
        country, j = ws[j].stem, j - 1
    while j >= 0 and len(names) < (3 if country else 2):
        c = ws[j]
        if c.josa or c.sentence != w.sentence or not all_syllables(c.stem):
            break
        # '에드윈 리 시장': a one-syllable surname right before the title, a longer name before it
        short_surname = len(c.stem) == 1 and j == i - 1 and c.nnp
        if not country and (not c.nnp or len(c.stem) < 2) and not short_surname:
            break  # after a country ('응우엔 쑤언 푹 베트남 총리') Kiwi may not know the name's parts
        if c.stem in g.places or c.stem in place_names or c.stem in g.orgs or organizations.org_name(c, g):
            break
        if places.place_name(c, g) or is_korean_name(c, g) or c.stem.endswith(_BUSINESS_HEADS):
            break
        names.insert(0, c)
        j -= 1
    if len(names) == 2 and names[1].stem[:1] in g.surnames and len(names[0].stem) >= 4:
        names, j = names[1:], j + 1  # '한빛농장 김바오로 대표': the company, then a Korean name
    if not names or len(names[-1].stem) == 1 and (len(names) < 2 or len(names[0].stem) < 2):
        return None  # a lone syllable ('리 시장') is a short reference, not a name
    name = " ".join(x.stem for x in names)
    aff_words = []
    k = j
    while k >= 0 and len(aff_words) < 3 and not ws[k].josa and ws[k].sentence == w.sentence:
        aff_words.insert(0, ws[k])
        k -= 1
    affiliation = " ".join(x.stem for x in aff_words) or None
    if affiliation is None:
        affiliation = _last_place_before(p, ws, j, w.sentence, g, place_names)
    if country:
        affiliation = country
    role = f"{affiliation} {title}" if affiliation and title in ("시장", "주지사", "도지사", "군수") else title
    return Found("person", name, p.index, names[0].stem_start, names[-1].stem_end, role=role,
                 affiliation=affiliation)


#: Endings of company names, which a foreign person's name never has ('코리아팜', '한빛테크').
_BUSINESS_HEADS = (
    "농장", "산업", "개발", "건설", "전자", "정밀", "기계", "테크", "물산", "상사", "식품", "제약", "화학", "철강",
    "엔지니어링", "시스템", "솔루션", "팜", "텍", "랩스", "소프트", "바이오", "에너지", "모빌리티", "컴퍼니", "코리아",
)


def _last_place_before(p, ws, j, sentence, g, place_names) -> str | None:
    for k in range(j, -1, -1):
        c = ws[k]
        if c.sentence != sentence:
            return None
        name = places.place_name(c, g)
        if name and name not in g.countries:
            return name
        if c.stem in place_names:
            return c.stem
    return None


def _affiliation_before(p, start: int) -> str | None:
    """The josa-less words right before a name: "코리아 소사이어티 토마스 번"."""
    head = p.text[:start].rstrip()
    words = head.split()
    picked: list[str] = []
    for wd in reversed(words):
        if wd.endswith((",", "와", "과", "및", "는", "은", "를", "을", "의", "에서", "이", "가")) and not wd.endswith(")"):
            break
        picked.insert(0, wd)
        if len(picked) >= 4:
            break
    return " ".join(picked) or None


def _role(stem: str, title: str, between: list[Word], g: Gazetteer) -> tuple[str, str | None]:
    """(role, affiliation) for a title word and the words between name and title."""
    prefix = stem[: -len(title)] if stem != title else ""
    affiliation = " ".join(b.stem + ("과" if b.josa == "과" else "") for b in between) or None
    if prefix and not (prefix in g.places or prefix in g.orgs or prefix in g.korean_city_orgs
                       or prefix.endswith(("부", "청", "시", "군", "구", "도", "대", "원", "회", "처"))
                       or prefix.startswith("제")):
        return stem, affiliation  # "일자리경제국장": the office is part of the title
    if prefix:
        if prefix in g.places and prefix + "시" in g.korean_city_orgs:
            org = prefix + "시"
        elif prefix in g.places:
            org = g.places[prefix]
        elif prefix.endswith("시") and prefix in g.korean_city_orgs:
            org = prefix
        else:
            org = g.orgs.get(prefix, prefix)
        if prefix.startswith("제") and prefix[1:].isdigit():
            return stem, affiliation
        return stem, affiliation or org
    return title, affiliation


def _inside_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1 : start]
    return bool(before) and "가" <= before <= "힣"



