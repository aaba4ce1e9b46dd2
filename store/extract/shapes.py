"""Entities told by the shape of the text around them, not by a word list:
the forms Korean news uses for companies, the people who head them, and
development areas.

    ㈜신라이노텍, (주)한빛, 한빛테크(주), (유)한빛기계     company (legal-form mark)
    ㈜한빛철강(대표 홍길동), 코리아휠(회장 최훈)          a person, role and company
    함안일반산업단지, 율촌1산단, 오수 제2농공단지            development area (a place)
    충남 서천군, 경남 고성군                               a county or city as a place

These run on the paragraph text; the morphology-based rules (organizations,
people, places) find the rest, and `article._resolve` settles overlaps.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..bylines import is_name  # a name by its surname, as bylines read them
from .found import Doc, Found, scan
from .gazetteer import Gazetteer, titles_in
from .organizations import suffix_of

_MARKS = ("㈜", "(주)", "(유)", "(재)", "(사)", "(합)", "㈔", "㈐")
_MARK = "(?:" + "|".join(re.escape(m) for m in _MARKS) + ")"
_NAME = r"[가-힣A-Za-z0-9][가-힣A-Za-z0-9&·]{1,19}"
#: '㈜신라이노텍' / '(유)경원쇼트기계' and '대광테크윈(주)' / '한빛㈜'.
_COMPANY = re.compile(rf"(?:{_MARK}\s?(?P<after>{_NAME})|(?<![가-힣A-Za-z0-9])(?P<before>{_NAME}){_MARK})")
#: '(대표 홍길동)', '(회장 최훈)', '(대표이사 홍길동)' right after a name.
_HEADED = re.compile(
    r"\((?P<role>(?:대표이사\s)?(?:대표이사|상임대표|공동대표|대표|회장|사장|이사장|병원장|원장|총장|위원장|센터장|소장|조합장|단장|"
    r"부회장|부사장|의장|관장|청장|구청장|시장|군수|도지사|지사|장관|차관|교육감|총재|행장|본부장|처장|국장|실장|학장|대사))\s+"
    r"(?P<name>[가-힣]{2,4})(?=[)\s,·ㆍ/])"  # '(대표 홍길동·정밀가공)': what the company does may follow
)
#: A broadcast's caption of who speaks: '장기태 / 카이스트 녹색교통대학원 교수',
#: '[장철순 본부장/ 한국국토연구원 …]', '허경자 / 대경엔지니어링 대표 ◀SYN▶'.
_SPEAKER = re.compile(
    r"(?:^|\[)\s*(?P<name>[가-힣]{2,4})(?:\s(?P<role1>[가-힣]{2,6}))?\s*/\s*"
    r"(?P<affiliation>[가-힣A-Za-z0-9·][가-힣A-Za-z0-9·\s]{0,30}?)(?:\s(?P<role2>[가-힣]{2,12}))?\s*(?=\]|:|◀|\(|/|$)",
    re.MULTILINE,
)
_CUED_SPEAKER = re.compile(
    r"\[\s*(?:인터뷰|녹취|싱크|현장음)\s*/\s*(?P<name>[가-힣]{2,4})\s+(?P<affiliation>[가-힣A-Za-z0-9·\s]{0,30}?)\s*(?P<role>[가-힣]{2,8})\s*\]"
)
#: Heads of development areas and complexes written as one word with their name.
_AREA = re.compile(
    r"(?<![가-힣])(?P<name>(?P<prefix>[가-힣][가-힣0-9]{0,14}?(?:\s제\d+)?)"
    r"(?P<head>일반산업단지|국가산업단지|도시첨단산업단지|첨단산업단지|산업단지|농공단지|국가산단|일반산단|산단|"
    r"테크노밸리|테크노폴리스|테크밸리|혁신도시|기업도시|국제도시|신도시|경제자유구역|연구개발특구|특구|택지지구|"
    r"의료복합단지|복합단지|과학기술단지|생명과학단지|연구단지|산학융합지구|융합지구|혁신파크|플랫폼시티|델타시티|"
    r"국제공항|신공항|신항만|신항|혁신지구|지구|역세권|고속도로|마을|공원))"
    r"(?![가-힣]{0,1}[가-힣]{2})"
)
#: Words a development-area name never starts with (the sentence's own words).
_NOT_AREA_START = ("지역", "전국", "국내", "관련", "해당", "인근", "신규", "기존", "이번", "올해", "내년", "각", "이들", "전체",
                   "우리", "사업", "개발", "공동", "시범", "대상", "후보", "예정", "일부", "주변", "도심", "전국의")
#: Words that make a kind of area, not a named one ('국가산업단지', '규제자유특구').
_GENERIC_AREA = frozenset(
    "규제자유 지방 국가 일반 도시첨단 첨단 스마트 혁신 국가첨단 소재부품 뿌리 농공 산업 경제자유 연구개발 "
    "기회발전 강소연구개발 외국인투자 자유무역 관광 교육국제화 지역특화 신규 대규모 공공 미니 소규모 중소 거점 "
    "도시 바이오 노후 선도 스마트선도 수소규제자유 강소 공동 에너지 신산업 첨단의료 "
    "개발 택지 보호 정비 재개발 재건축 특별 관리 경관 생태 체육 근린 어린이 문화 역사 시범 농촌 어촌 산촌 귀농 "
    "혁신 도시재생 마을 지구 우수 미래 친환경 친환경첨단 복합 복합혁신 에너지산업융복합 창업융합 융복합".split()
)
#: Literals every head of `_AREA` ends with: a paragraph holding none has no area to try.
_AREA_ENDS = ("단지", "산단", "밸리", "폴리스", "도시", "구역", "특구", "지구", "파크", "시티", "공항", "항", "역세권", "고속도로", "마을", "공원")
_CITY_BEFORE = re.compile(r"(?P<city>[가-힣]{2,4})\s$")
#: Heads common enough in plain nouns that the name before them must be a proper noun or a place.
_WEAK_HEADS = frozenset("지구 혁신지구 마을 공원 고속도로 역세권".split())
#: A numbered district of a planned city: '5-1생활권', '4-2 생활권'.
_ZONE = re.compile(r"(?<![0-9가-힣])(?P<name>\d-\d\s?생활권)")
#: A head written apart from the place that names it: '고양일산 테크노밸리', '포항 영일만 신항'.
_AREA_APART = re.compile(
    r"(?<![가-힣])(?P<word>[가-힣A-Za-z0-9]{2,8})\s(?P<head>테크노밸리|테크밸리|테크노폴리스|혁신도시|기업도시|국제도시|"
    r"신도시|산업단지|국가산업단지|일반산업단지|도시첨단산업단지|국가산단|일반산단|산단|혁신파크|플랫폼시티|신항만|신항|국제공항)"
    r"(?![가-힣]{0,1}[가-힣]{2})"
)
_AREA_APART_ENDS = ("밸리", "폴리스", "도시", "단지", "산단", "파크", "시티", "항", "공항")
#: A company named right after what it does: '제조기업 오톰', '부품 업체 이화다이케스팅',
#: '수소생산 기업인 덕양', '생산업체인 비엠씨는'.
_APPOSITIVE = re.compile(
    r"(?:기업|업체|제조사|회사|스타트업|벤처기업|중소기업|강소기업|대기업|전문기업|제조기업|생산업체|개발사)(?:인|인\s|\s)"
    r"(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14}?)(?=(?:은|는|이|가|도|과|와|의|을|를|에|로|으로)?(?:[\s,.(]|$))"
)
#: Companies listed before what they are: '노타, 레보스케치, 원텍 등 10여 개 기업',
#: '한빛로보틱스·누리바이오 등 스타트업'. Each must be a proper noun or a Latin name.
_COMPANY_LIST = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?P<items>[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14}(?:\s?[,·]\s?[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14}){1,9})"
    r"\s?등\s?(?:\d+여?\s?(?:개|곳)\s?)?(?:[가-힣]{1,8}\s)?[가-힣]{0,6}(?:기업|업체|스타트업|회사)"
)
#: Words that follow '기업'/'업체' but name no company.
_NOT_COMPANY = frozenset(
    "유치 투자 지원 대표 관계자 수 등 중 간 들 모두 전체 육성 성장 입주 이전 유치를 대상 현황 규모 참여 활동 "
    "경쟁력 가운데 지원사업 협약 관계 측 단체 연합 전용 맞춤형 대상으로 지원을 유치로 간담회 설명회".split()
)
#: Latin words that name a role, a field or an activity, never a company.
_GENERIC_LATIN = frozenset("CEO CTO CFO COO IR R&D MOU AI IT ICT IOT ESS DX AX ODA SNS PR VR AR XR ESG RE".split())
#: Heads of the venues news names events at ('… 비전홀에서 열린', '서울 코엑스에서 개최'), with a floor
#: or room after them; the sentence is at it ('…에서').
_VENUE_HEAD = (
    r"(?:컨벤션센터|아트센터|센터|호텔|회관|대회의실|회의실|세미나실|강당|홀|청사|코엑스|벡스코|킨텍스|엑스코|"
    r"캠퍼스|본사|사옥|도청|시청|군청|구청|체육관|박물관|미술관|전시장|전시관|기념관|오룡관|연수원)"
    r"(?:\s?[0-9]{1,2}층)?(?:\s[가-힣]{0,6}(?:회의실|홀|실))?"
)
_VENUE = re.compile(
    rf"(?<![가-힣A-Za-z0-9])(?P<name>(?:[가-힣A-Za-z0-9]+\s){{0,3}}[가-힣A-Za-z0-9]*?{_VENUE_HEAD})에서(?![가-힣])"
)
#: The venue's end alone: a cheap test before the name's regex, which tries every word start.
_VENUE_END = re.compile(rf"{_VENUE_HEAD}에서(?![가-힣])")
#: Words a venue's name never starts with: dates, times, sentence words.
_NOT_VENUE_WORD = re.compile(r"^(?:\d+일|\d+시|오전|오후|이날|어제|오늘|내일|지난|오는|이번|올해|현지|이어|또|한편|특히|당시|최근|앞서)$")
#: A particle closing a word: '한빛시가', '한빛시는', '한빛도시의'.
_PARTICLE_END = re.compile(r"(?:은|는|이|가|을|를|의|에|와|과|도|로|에서)$")
#: A railway station: 'KTX부산역', '신분당선 판교역', 'SRT 수서역', '7호선 한빛역'.
_STATION = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?:KTX|SRT|GTX-?[A-Z]?|ITX|[0-9]{0,2}[가-힣]{1,5}선)\s?(?P<name>[가-힣]{1,6}역)(?=[\s,.·)]|$|[과와은는이가을를의에도로서])"
)
#: '금토동 일대', '명지동 일원': a 동·리·읍·면 named as the site of something.
_SITE = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{1,4}(?:동|리|읍|면))\s?(?:일원|일대)")
#: Words ending like a 동·리 that are not places.
_NOT_SITE = frozenset(
    "활동 행동 공동 운동 자동 노동 이동 변동 감동 연동 출동 가동 작동 협동 발동 소동 파동 충동 약동 "
    "관리 처리 수리 정리 무리 원리 논리 거리 자리 요리 유리 경리 윤리 전면 측면 국면 방면 장면 지면 표면 이면".split()
)
#: '전주·김천·김해·안산': names joined by middle dots.
#: Towns or neighbourhoods listed under one unit: '미음·녹산·송정동', '현풍·유가면'.
#: What separates a list's items: the middle dot and its look-alikes, a full stop without a space ('전주.군산').
_LIST_DOT = "[·ㆍ‧・.]"
_UNIT_LIST = re.compile(
    rf"(?<![가-힣])(?P<items>[가-힣]{{1,4}}(?:{_LIST_DOT}[가-힣]{{1,4}}){{1,6}})(?P<unit>동|읍|면|리)(?![가-힣])"
)
_LIST_PAIR = re.compile(rf"[가-힣]{_LIST_DOT}[가-힣]")
_PLACE_LIST = re.compile(rf"(?<![가-힣])[가-힣]{{2,4}}(?:{_LIST_DOT}[가-힣]{{2,4}}){{1,8}}(?![가-힣])")
#: A 읍·면·동 and 리 under a 시·군·구: '경주시 강동면 왕신리', '진량읍 신제리', '영천시 채신동'.
_SUBUNIT = re.compile(
    r"(?<![가-힣])(?P<town>[가-힣]{1,4}(?:시|군|구))\s(?P<unit>[가-힣]{1,4}(?:읍|면|동))(?:\s(?P<village>[가-힣]{1,4}리))?(?![가-힣]{2})|"
    r"(?<![가-힣])[가-힣]{1,4}(?:읍|면)\s(?P<village2>[가-힣]{1,4}리)(?![가-힣]{2})"
)
#: What every `_SUBUNIT` holds: a unit's last syllable, a space, a name.
_SUBUNIT_CUE = re.compile(r"[시군구읍면]\s[가-힣]")
#: '한빛시 가람구 …': a city before one of its districts is the place, not the city government.
_CITY_DISTRICT = re.compile(r"(?<![가-힣])(?P<city>[가-힣]{1,4}시)\s(?P<district>[가-힣]{1,5}구)(?![가-힣])")
_PROVINCES = (
    "서울", "부산", "대구", "인천", "광주", "대전", "울산", "세종", "경기", "강원", "충북", "충남", "전북", "전남",
    "경북", "경남", "제주", "경기도", "강원도", "충청북도", "충청남도", "전라북도", "전라남도", "경상북도", "경상남도",
    "제주도", "전북특별자치도", "강원특별자치도", "제주특별자치도",
)
#: '충남 서천군', '경남 고성군': a county or city named after its province is a place.
_LOCAL = re.compile(r"(?:" + "|".join(_PROVINCES) + r")\s(?P<name>[가-힣]{1,4}(?:시|군|구))(?![가-힣]{2})")


#: Particles a name written after its mark runs into ('㈜한빛과', '(유)한빛기계와').
_PARTICLES = ("에서는", "에서", "으로", "와의", "과의", "와는", "과는", "와", "과", "은", "는", "이", "가", "을", "를", "의", "에", "로", "도")


#: '경기도 성남시 …': a city, county or district after the province: an address, not the government.
_ADDRESS_GOES_ON = re.compile(r"\s+[가-힣]{1,5}(?:시|군|구)(?:에서|에|의|은|는|이|가|을|를|로|와|과)?(?![가-힣])")
#: '부산시와 세종시에', '강원도, 경기도, 충청도 등에서': a list of places that ends saying where
#: (the list's last name: ' 등에서' alone).
_LIST_OF_WHERE = re.compile(
    r"(?:(?:와|과|,)\s?[가-힣]{1,6}(?:시|도|군))*(?:\s?등)?(?:에|에서|에서는|로|으로)(?![가-힣])"
)
_ACTOR = re.compile(r"(?:은|는|이|가|도|과\s?함께)(?![가-힣])")


def _company_name(match: re.Match[str]) -> tuple[str, int, int]:
    group = "after" if match.group("after") else "before"
    name, start, end = match.group(group), match.start(group), match.end(group)
    if group == "after":
        for particle in _PARTICLES:
            if name.endswith(particle) and len(name) - len(particle) >= 2:
                return name[: -len(particle)], start, end - len(particle)
    return name, start, end


def _after_a_non_syllable(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern`'s matches not glued to a syllable before them: the test a leading
    `(?<![가-힣])` makes, done after the match, so the regex engine can skip ahead to
    the names' first characters. (Only for patterns whose match ends in a syllable
    run no other match could start inside.)"""
    for m in pattern.finditer(text):
        at = m.start()
        if not at or not "가" <= text[at - 1] <= "힣":
            yield m


def find(doc: Doc, g: Gazetteer) -> list[Found]:
    out: list[Found] = []
    for p in doc.paras:
        text = p.text
        for m in _after_a_non_syllable(g.government_names, text):
            if _ACTOR.match(text, m.end()):  # '전라남도가 … 조성한다': the provincial government
                out.append(Found("organization", m.group(0), p.index, m.start(), m.end(), shape=True, data={"acting": True}))
            elif text.startswith(("에 따르면", "에따르면"), m.end()):
                out.append(Found("organization", m.group(0), p.index, m.start(), m.end(), shape=True, data={"acting": True}))
            elif _LIST_OF_WHERE.match(text, m.end()):
                pass  # '부산시와 세종시에 조성한다': a list of where, both the land
            elif not _ADDRESS_GOES_ON.match(text, m.end()) and (
                text.startswith(("로부터", "으로부터", "에게"), m.end())  # '충북도로부터 위탁받아': the body
                or not text.startswith(("의", "내", " 내", "에", "로", "으로"), m.end())
            ):
                # '전라남도 및 나주시', '경기도와 GH': the government too, beside the place it governs
                # ('경기도의 기초단체장', '경기도 내', '경기도에서', '세종시에', '경기도로' say where)
                out.append(Found("organization", m.group(0), p.index, m.start(), m.end()))
        for m in scan(_COMPANY, text, *_MARKS):
            name, start, end = _company_name(m)
            written = text[m.start() : max(end, m.end() if m.group("before") else end)]  # '㈜한빛', not '㈜한빛과'
            out.append(Found("organization", name, p.index, start, end, aliases=(written,), shape=True))
        for m in scan(_HEADED, text, "("):
            before = text[: m.start()].rstrip()
            org = re.search(rf"(?:{_MARK}\s?)?(?P<org>{_NAME})(?:{_MARK})?$", before)
            affiliation = org.group("org") if org else None
            out.append(
                Found("person", m.group("name"), p.index, m.start("name"), m.end("name"),
                      role=m.group("role"), affiliation=affiliation, shape=True)
            )
            if org and not re.search(_MARK, org.group(0)) and not org.group("org").endswith(_PARTIES):
                # a marked company is found above; '방문단(단장 …)' is a party of visitors, not a body
                out.append(Found("organization", affiliation, p.index, org.start("org"), org.end("org")))
        for m in scan(_CUED_SPEAKER, text, "["):
            if is_name(m.group("name")) and titles_in(m.group("role")):
                out.append(Found("person", m.group("name"), p.index, m.start("name"), m.end("name"),
                                 role=m.group("role"), affiliation=m.group("affiliation").strip() or None, shape=True))
        for m in scan(_SPEAKER, text, "/"):
            role = m.group("role2") or m.group("role1")
            affiliation = m.group("affiliation").strip() or None
            if not is_name(m.group("name")) or m.group("name") in _CUES:
                continue
            if role and titles_in(role):
                out.append(Found("person", m.group("name"), p.index, m.start("name"), m.end("name"),
                                 role=role, affiliation=affiliation, shape=True))
                continue
            body = " ".join(x for x in (affiliation, m.group("role2")) if x)  # no title: all of it is the body
            if m.group(0).strip() == text.strip() and body and _org_like(body, g):
                # '홍길동 / 한빛 운영센터' on a line of its own: the speaker and the body they speak for
                out.append(Found("person", m.group("name"), p.index, m.start("name"), m.end("name"),
                                 affiliation=body, shape=True))
        for m in scan(_CREDITS, text, "("):
            for credit in _CREDIT.finditer(m.group(0)):  # '(연출 홍길동 / 구성 구하람 / …)': the crew
                if is_name(credit.group("name")):
                    start = m.start() + credit.start("name")
                    out.append(Found("person", credit.group("name"), p.index, start, start + len(credit.group("name")),
                                     role=credit.group("role"), shape=True))
        for m in scan(_AREA, text, *_AREA_ENDS):
            name, prefix = m.group("name"), m.group("prefix").split()[0]
            start = m.start("name")
            if name.startswith(_NOT_AREA_START) or len(prefix) < 2 or prefix in _GENERIC_AREA:
                continue  # '규제자유특구', '지방산업단지': a kind of area, not one
            if m.group("head") in _WEAK_HEADS and not (
                (start in p.word_at and p.word_at[start].nnp)
                or prefix[:2] in g.places
                or any(ch.isdigit() for ch in prefix)
                or prefix in g.town_stems  # '진영지구' (진영읍)
            ):
                continue  # '업무지구', '정원마을': a kind of district unless a proper name or a place names it
            province = next((q for q in g.provinces if prefix.startswith(q) and prefix[len(q) :][:2] in g.places), None)
            if province:  # '경북김천혁신도시': the province says where 김천혁신도시 is
                start += len(province)
            city = _CITY_BEFORE.search(text, 0, start)
            if city and city.end() == start and city.group("city") in g.places and city.group("city") not in g.provinces:
                start = city.start("city")  # '경주 양남일반산업단지': the city is part of its name ('경북' says where it is)
            out.append(Found("place", text[start : m.end("name")], p.index, start, m.end("name"), shape=True))
        listed = _LIST_PAIR.search(text) is not None  # '·' between two syllables: lists below
        for m in _UNIT_LIST.finditer(text) if listed else ():
            names = re.split(_LIST_DOT, m.group("items"))
            unit = m.group("unit")
            if all(n in g.town_stems for n in names):
                # '미음·녹산·송정동', '현풍·유가면' (현풍읍 and 유가읍, once 유가면: one unit word for the list)
                offset = m.start()
                for n, name in enumerate(names):
                    written = name + unit if n == len(names) - 1 else name
                    out.append(Found("place", written, p.index, offset, offset + len(written), shape=True))
                    offset += len(name) + 1
        for m in _PLACE_LIST.finditer(text) if listed else ():
            names = re.split(_LIST_DOT, m.group(0))
            known = [n in g.places or n + "구" in g.places for n in names]  # '강북·강서': districts by their stems
            if sum(known) >= 2 and all(k or n in g.korean_bare for k, n in zip(known, names)):
                offset = m.start()
                for n in names:  # '전주·김천·김해': a list of places
                    out.append(Found("place", g.places.get(n, n), p.index, offset, offset + len(n), shape=True))
                    offset += len(n) + 1
        for m in _SUBUNIT.finditer(text) if _SUBUNIT_CUE.search(text) else ():  # '경주시 강동면 왕신리 일원': villages under their town
            for unit in ("town", "unit", "village", "village2"):
                if m.group(unit):
                    out.append(Found("place", m.group(unit), p.index, m.start(unit), m.end(unit), shape=True))
        for m in scan(_CITY_DISTRICT, text, "구"):
            district = p.word_at.get(m.start("district"))
            if m.group("city") not in g.korean_city_orgs and not (district is not None and district.nnp):
                continue  # '혁신도시 인구': no city, no district
            for unit in ("city", "district"):
                out.append(Found("place", m.group(unit), p.index, m.start(unit), m.end(unit), shape=True))
        for m in scan(_AREA_APART, text, *_AREA_APART_ENDS):
            word = m.group("word")
            if word not in g.places and _PARTICLE_END.search(word):
                continue  # '한빛시는 산업단지를 …': the subject of the sentence, not the area's name
            if _names_a_place(word, g):  # '경기양주 테크노밸리': the word before names it
                out.append(Found("place", m.group(0), p.index, m.start(), m.end(), shape=True))
        out += _venues(text, p.index, g)
        for m in scan(_APPOSITIVE, text, "기업", "업체", "제조사", "회사", "스타트업", "개발사"):
            name, word = m.group("name"), p.word_at.get(m.start("name"))
            # the analyser must read it as a proper noun: '업체 투자유치' is no company
            latin = re.match(r"[A-Za-z&]+", name)
            if latin and latin.group(0).upper() in _GENERIC_LATIN:
                continue  # '기업 CEO등', '기업 IR피칭': a role or an activity
            proper = word is not None and (word.nnp or name[:1].isascii()) and word.stem == name
            if proper and name not in _NOT_COMPANY and name not in g.places:
                out.append(Found("organization", name, p.index, m.start("name"), m.end("name"), shape=True))
        for m in scan(_COMPANY_LIST, text, "등"):
            offset = m.start("items")
            for item in re.split(r"(\s?[,·]\s?)", m.group("items")):  # separators kept: the offsets add up
                word = p.word_at.get(offset)
                if (
                    word is not None and word.stem == item and (word.nnp or item[0].isascii())
                    and item not in g.places and item not in g.korean_city_orgs and item not in _NOT_COMPANY
                    and item.upper() not in _GENERIC_LATIN
                ):
                    out.append(Found("organization", item, p.index, offset, offset + len(item), shape=True))
                offset += len(item)
        for m in scan(_ZONE, text, "생활권"):
            out.append(Found("place", m.group("name"), p.index, m.start("name"), m.end("name"), shape=True))
        for m in scan(_STATION, text, "역"):
            out.append(Found("place", m.group(0).replace("  ", " "), p.index, m.start(), m.end(), shape=True))
        for m in scan(_SITE, text, "일원", "일대"):
            if m.group("name") not in _NOT_SITE:
                out.append(Found("place", m.group("name"), p.index, m.start("name"), m.end("name"), shape=True))
        for m in _after_a_non_syllable(_LOCAL, text):
            bare = m.group("name")[:-1]
            if _ACTOR.match(text, m.end("name")):
                continue  # '전북 한빛군이 … 밝혔다': the county government acting, an organisation
            if bare in g.korean_bare or bare in g.places:
                out.append(Found("place", m.group("name"), p.index, m.start("name"), m.end("name"), shape=True))
    return out


#: Groups of people formed for one occasion: led by someone, but no organisation.
_PARTIES = ("방문단", "대표단", "사절단", "시찰단", "일행", "참관단")


def _org_like(affiliation: str, g: Gazetteer) -> bool:
    last = affiliation.split()[-1]
    return last in g.orgs or affiliation in g.orgs or suffix_of(last) is not None


#: A programme's credits: '(연출 홍길동 / 구성 구하람 / 영상취재 남궁민)', two credits at least.
_CREDIT_ROLE = r"(?:연출|구성|영상취재|촬영|편집|디자인|그래픽|작가|취재|진행|글|사진)"
_CREDIT = re.compile(rf"(?P<role>{_CREDIT_ROLE})\s+(?P<name>[가-힣]{{2,4}})(?=\s*[/)]|\s*$)")
_CREDITS = re.compile(rf"\(\s*{_CREDIT_ROLE}\s+[가-힣]{{2,4}}(?:\s*/\s*[^/()]{{2,20}}){{1,}}\s*\)?")
#: Script cues that open a caption line like a name would: '[인터뷰/ 김학수 … 팀장]'.
_CUES = frozenset("인터뷰 리포트 앵커 녹취 현장음 싱크 기자 자막".split())




def _names_a_place(word: str, g: Gazetteer) -> bool:
    """'판교', '경기양주', '고양일산', '남동' (남동구): a word that is or starts with a known place."""
    return word in g.places or word[:2] in g.places or word[:3] in g.places or word + "구" in g.places


#: A named building before its floor or room: '수원컨벤션센터 3층 컨벤션 1홀' is the 수원컨벤션센터.
_BUILDING = re.compile(r"(?:컨벤션센터|아트센터|센터|호텔|회관|청사|캠퍼스|체육관|박물관|미술관|전시장|전시관|기념관|연수원)$")
#: Words that describe a room, naming no building: '전용 회의실', '컨벤션 1홀'.
_ROOM_WORDS = frozenset("전용 공용 컨벤션 세미나 회의 대 중 소 다목적 국제".split())


def _venue_word(word: str) -> bool:
    """A word that can be part of a venue's name: no particle, verb ending, date or adverb."""
    if re.fullmatch(r"\d{1,2}층", word):
        return True  # '… 3층 컨벤션 1홀': the building is further back
    return not (
        _NOT_VENUE_WORD.match(word)
        or word[0].isdigit()
        or word.endswith(("은", "는", "을", "를", "의", "와", "과", "로", "에", "가", "이", "한", "된", "인", "던", "서", "고", "해", "며", "도"))
    )


def _venues(text: str, para: int, g: Gazetteer) -> list[Found]:
    if not _VENUE_END.search(text):
        return []  # no '…센터에서' in the paragraph
    out = []
    for m in _VENUE.finditer(text):
        words = m.group("name").split()
        keep = len(words)
        while keep > 1 and _venue_word(words[keep - 2]):
            keep -= 1  # back from the head: '30일 오전 나주 한전 본사 비전홀' -> '나주 한전 본사 비전홀'
        words = words[keep - 1 :]
        while len(words) > 2 and (words[0] in g.countries or (words[0].endswith("주") and len(words[0]) >= 3)):
            words.pop(0)  # '미국 네바다주 라스베이거스 컨벤션센터': the country and state say where it is
        for k, word in enumerate(words[:-1]):
            if _BUILDING.search(word) and (len(word) >= 4 or k > 0):
                words = words[: k + 1]  # the building, not its floor or room
                break
        if not words or len("".join(words)) < 3 or (len(words) == 1 and words[0] in ("센터", "본사", "회관", "청사")):
            continue  # a bare '센터' or '본사' names no place
        if words[0] in _ROOM_WORDS or words[0][0].isdigit():
            continue  # a room of a building the sentence does not name
        name = " ".join(words)
        start = m.start("name") + m.group("name").index(words[0])
        out.append(Found("place", name, para, start, start + len(name), shape=True))
    return out
