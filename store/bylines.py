"""Bylines: who wrote the article, from where, for which outlet.

Korean pages print the byline in a handful of shapes, often glued together:

    (서울=연합뉴스) 홍길동 기자 =          wire lead, place before '='
    (과천·성남-연합뉴스) 김철수 이영희 기자 = two reporters, '-' for '='
    [아시아경제 영남취재본부 홍길동 기자]     outlet and desk in brackets
    [cbn뉴스=홍길동 기자]                  outlet before '='
    포항=홍길동 기자 hong@example.com      closing byline with dateline
    /고양=홍길동기자 hong@                 name glued to 기자
    홍길동 기자 / hong@naver.com입력 : ...  e-mail glued to the date label
    워싱턴=홍길동 특파원, 홍길동 객원기자, 홍길동 선임기자

Photo credits (사진=..., captions with their own '(라스베이거스=연합뉴스) 홍길동
기자 =') are the photographer's, not the article's; the cleaner never hands
caption text to these functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cities import CITIES_BY_PROVINCE, places_in_dateline
from .outlets import looks_like_outlet
from .records import Reporter

#: Common Korean surnames (one and two syllables): a name starts with one.
SURNAMES = frozenset(
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 유 전 홍 고 문 양 손 배 백 허 남 심 노 하 곽 "
    "성 차 주 우 구 민 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 반 라 "
    "왕 금 옥 육 인 맹 제 모 탁 국 어 은 편 용 예 경 봉 사 부 피 태 감 변 빈 음 좌 승 갈 견 동 즙 하 황".split()
) | frozenset("황보 남궁 제갈 선우 독고 동방 사공 서문".split())

TITLES = ("객원기자", "선임기자", "수석기자", "전문기자", "인턴기자", "수습기자", "사진기자", "영상기자",
          "특파원", "통신원", "시민기자", "기자", "논설위원", "편집위원", "객원논설위원", "대기자")
_TITLE = "|".join(sorted(TITLES, key=len, reverse=True))

#: Words that sit before a name in a byline but are not names (desks, roles).
_NOT_NAMES = frozenset(
    "취재본부 취재팀 취재부 사회부 정치부 경제부 산업부 국제부 문화부 체육부 사진부 편집부 지역부 전국부 "
    "디지털뉴스부 온라인뉴스부 영상부 보도국 뉴스팀 특별취재팀 기획취재팀 본사 지사 지국 총국 "
    "인턴 수습 객원 선임 수석 전문 사진 영상 글 정리 대담 취재 편집 기사 뉴스 제공 시민 명예 "
    "기사원문 원문보기 기사제보 구독 공유 댓글 목록 기자명 기자명을 "
    "정치 경제 사회 문화 국제 지역 전국 산업 스포츠 연예 오피니언 칼럼 사설 기획 단독 속보".split()
)

_NAME = r"[가-힣]{2,4}"
#: A reporter title not glued to more Hangul ('기자' but not '기자회견').
_TITLE_AT = re.compile(rf"(?P<title>{_TITLE})(?![가-힣])")
#: The names before a title, read backwards: 'NAME', 'NAME NAME', 'NAME, NAME', 'NAME·NAME'.
_NAMES_BEFORE = re.compile(r"(?:[가-힣]+(?:\s*[,·ㆍ]\s*|\s+))*[가-힣]+\s*$")
_CREDIT_BEFORE = re.compile(r"(?:사진|영상|그래픽|촬영|편집)\s*[=:/]?\s*$")
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
#: '(서울=연합뉴스)' / '[서울=뉴시스]' / '(과천·성남-연합뉴스)' at the start of a lead.
_WIRE_DATELINE = re.compile(
    r"^\s*[(\[【]\s*(?P<place>[가-힣A-Za-z·ㆍ,\s]{1,24}?)\s*[=\-]\s*(?P<agency>[^)\]】=]{1,20}?)\s*[)\]】]"
)
#: '[아시아경제 영남취재본부 이동국 기자]' / '[cbn뉴스=이재영 기자]'
_BRACKET_BYLINE = re.compile(rf"^\s*[\[(【]\s*(?P<inner>(?:[^\])】(]|\([^()]{{1,12}}\)){{2,60}}?(?:{_TITLE}))\s*[\])】]")
#: '포항=이영균 기자' / '/고양=고중오기자' / '(세종=뉴스1) 홍길동 기자'
_PLACE_EQ = re.compile(
    rf"(?:^|[\s/(\[ㅣ|])(?P<place>[가-힣·ㆍ]{{2,12}})(?:\([가-힣]{{1,6}}\))?\s*=\s*"
    rf"(?:(?P<outlet>[가-힣A-Za-z0-9]{{2,12}})\s+)?(?P<name>{_NAME})\s*(?:{_TITLE})"
)


@dataclass(frozen=True)
class Byline:
    names: tuple[str, ...]
    role: str  # reporter / correspondent
    start: int
    end: int


def emails(text: str) -> list[str]:
    return _EMAIL.findall(text)


#: What may sit between a name and its e-mail: its title, spaces, a slash or an opening bracket.
_BEFORE_EMAIL = re.compile(rf"\s*(?:{_TITLE})?[\s/|:(\[<]*")


def email_after_name(text: str) -> str | None:
    """The e-mail that `text`, read from just after a reporter's name, starts
    with: ' 기자 hong@x.kr', ' / hong@x.kr' -> 'hong@x.kr'; None when other
    words come first (the next e-mail is someone else's)."""
    found = _EMAIL.match(text, _BEFORE_EMAIL.match(text).end())  # the gap may be empty: always a match
    return found.group(0) if found else None


#: A bare name in an author field, perhaps with its e-mail: '김철수', '김철수 <kim@x.kr>'.
_BARE_NAME = re.compile(rf"\s*(?P<name>[가-힣]{{2,4}})\s*(?:[/(<\[]?\s*(?P<email>{_EMAIL.pattern})\s*[)>\]]?)?\s*")


def reporters_in_author(author: str) -> list[Reporter]:
    """Reporters named by an author field (HTML metadata, a JSON export):
    a byline ('김철수 기자 kim@x.kr', '홍길동 특파원') or bare names
    ('김철수, 이영희'); an e-mail printed right after a name is that reporter's."""
    found = [(b.names, b.role, b.end) for b in find_bylines(author) if b.role != "photographer"]
    reporters: list[Reporter] = []
    for names, role, end in found:
        email = email_after_name(author[end:]) if len(names) == 1 else None
        reporters.extend(Reporter(name, email, role) for name in names if all(r.name != name for r in reporters))
    if not found:
        for part in re.split(r"[,;|·\n]|/(?!\s*[A-Za-z0-9._%+-]+@)", author):  # not the '/' before an e-mail
            bare = _BARE_NAME.fullmatch(part)
            if bare and is_name(bare.group("name")) and all(r.name != bare.group("name") for r in reporters):
                reporters.append(Reporter(bare.group("name"), bare.group("email")))
    return reporters


#: A line that is only a name and an e-mail: '홍길동 hong@x.kr', '홍길동(hong@x.kr)'.
_NAME_EMAIL = re.compile(rf"^\s*(?P<name>[가-힣]{{2,4}})\s*[/(<\[]?\s*(?P<email>{_EMAIL.pattern})\s*[)>\]]?\s*$")


def name_with_email(line: str) -> tuple[str, str] | None:
    """('홍길동', 'hong@x.kr') from a line holding nothing else, when the name is a name."""
    match = _NAME_EMAIL.match(line)
    if match is None or not is_name(match.group("name")) or match.group("name") in TITLES:
        return None
    return match.group("name"), match.group("email")


def is_name(token: str) -> bool:
    if token in _NOT_NAMES or not 2 <= len(token) <= 4:
        return False
    if token.endswith(("본부", "취재", "팀", "부장", "지사", "지국", "총국")):
        return False
    return token[0] in SURNAMES or token[:2] in SURNAMES


def find_bylines(text: str) -> list[Byline]:
    """Every 'NAME(S) 기자' in a line; the names nearest the title are most trusted."""
    found: list[Byline] = []
    for match in _TITLE_AT.finditer(text):
        window = text[max(0, match.start() - 40) : match.start()]
        run = _NAMES_BEFORE.search(window)
        if run is None:
            continue
        tokens = [t for t in re.split(r"[\s,·ㆍ]+", run.group(0)) if t]
        names: list[str] = []
        if (
            len(tokens) >= 2
            and (len(tokens[-1]) >= 4 or not is_name(tokens[-1]))
            and is_name(tokens[-2])
            and _EMAIL.match(text[match.end() :].strip())
        ):
            tokens = tokens[:-1]  # '안제민 로이슈 기자 a@b.kr': the outlet between the name and the title
        for i, token in enumerate(reversed(tokens)):
            if i == 0:
                if not is_name(token):
                    break
            elif len(token) != 3 or not is_name(token):
                break
            names.append(token)
        if not names:
            continue
        title = match.group("title")
        role = "correspondent" if title in ("특파원", "통신원") else "photographer" if title == "사진기자" else "reporter"
        start = match.start() - len(window) + run.start()
        if _CREDIT_BEFORE.search(text[max(0, start - 8) : start]):
            role = "photographer"  # '사진=홍길동 기자', '영상 홍길동 기자': a credit, not the writer
        found.append(Byline(tuple(reversed(names)), role, start, match.end()))
    for match in _SPOKEN.finditer(text):
        group = next(g for g in ("name", "name2", "name3", "name4") if match.group(g))
        if is_name(match.group(group)):
            found.append(Byline((match.group(group),), "reporter", match.start(group), match.end()))
    if not found and (twice := _TWICE.search(text)) and is_name(twice.group("name")):
        found.append(Byline((twice.group("name"),), "reporter", twice.start("name"), twice.end()))
    if not found and (credit := _WRITER_CREDIT.match(text)) and is_name(credit.group("name")) and credit.group("name") not in TITLES:
        found.append(Byline((credit.group("name"),), "reporter", credit.start("name"), credit.end()))
    return found


#: '이승주 기자이승주 기자': a byline printed twice, glued.
_TWICE = re.compile(r"(?<![가-힣])(?P<name>[가-힣]{2,4})\s*기자\s*(?P=name)\s*기자(?![가-힣])")
#: A broadcast script's byline: '홍길동 기자가 보도합니다', 'MBC뉴스 홍길동입니다', 'KBS 뉴스 홍길동입니다'.
_SPOKEN = re.compile(
    r"(?:(?<![가-힣])(?P<name>[가-힣]{2,4})\s*(?:기자|특파원)(?:가|이)\s*(?:보도|취재|전해\s*드립|전합)[가-힣]*|"
    r"^\s*(?P<signoff>[A-Za-z가-힣0-9]{0,8}\s*뉴스(?:TV|tv)?|[A-Za-z0-9]{2,5}[가-힣]{0,4}|[가-힣]{1,6}(?:TV|방송))\s+(?P<name2>[가-힣]{2,4})\s*(?:기자)?입니다|"
    r"(?:보도에|취재에)\s+(?P<name3>[가-힣]{2,4})\s*(?:기자|특파원)입니다|"
    r"(?<![가-힣])(?P<name4>[가-힣]{2,4})\s*(?:기잡니다|기자입니다|특파원입니다)\.?\s*$)"
)
#: '글·사진 홍길동', '글 = 홍길동', '정리 홍길동' opening a line: the writer, without 기자.
_WRITER_CREDIT = re.compile(
    r"^\s*[\[(/]?\s*(?:글\s*[·ㆍ,/]\s*사진|사진\s*[·ㆍ,/]\s*글|글|정리|취재|대담)(?:\s*[=:/]\s*|\s+)(?P<name>[가-힣]{2,4})(?![가-힣])"
)


def signoff_outlet(text: str) -> str | None:
    """'연합뉴스TV 김종력입니다.': the broadcaster a reporter signs off for."""
    match = _SPOKEN.search(text)
    if match and match.group("signoff") and is_name(match.group("name2")):
        outlet = match.group("signoff").strip()
        if len(outlet) > 2 and (looks_like_outlet(outlet) or re.search(r"뉴스|TV|방송", outlet)):
            return outlet  # a bare '뉴스' names no one
    return None


def wire_dateline(text: str) -> tuple[str, str] | None:
    """'(서울=연합뉴스) ...' -> ('서울', '연합뉴스'); None when the bracket is not a dateline."""
    match = _WIRE_DATELINE.match(text)
    if match is None:
        return None
    place, agency = match.group("place").strip(), match.group("agency").strip()
    if re.search(rf"(?:{_TITLE})$", agency) or looks_like_outlet(place):
        return None  # '[cbn뉴스=이재영 기자]': outlet before '=', reporter after
    if not looks_like_outlet(agency):
        return None
    return place, agency


def bracket_outlet(text: str) -> str | None:
    """The outlet named in a bracket byline: '[아시아경제 ... 기자]', '[cbn뉴스=... 기자]'."""
    match = _BRACKET_BYLINE.match(text)
    if match is None:
        return None
    inner = match.group("inner").strip()
    head = re.split(r"[=\s(ㅣ|]", inner, maxsplit=1)[0]  # '[더팩트ㅣ내포=… 기자]'
    if looks_like_outlet(head):
        return head
    placed = _PLACE_OUTLET_NAME.match(inner)  # '[김해(경남)=데일리한국 윤나리 기자]': the place, then the outlet
    if placed and is_name(placed.group("name")) and _outletish(placed.group("outlet")):
        return placed.group("outlet")
    # '[한빛투데이(한빛)=홍길동 기자]': the shape says the word before '=' is the outlet
    shaped = _OUTLET_EQ_NAME.match(inner)
    if shaped and is_name(shaped.group("name")):
        return shaped.group("outlet")
    # '[한빛로컬 홍길동 기자]', '[한빛로컬/홍길동시민기자]': one word before the name is the outlet,
    # unless it is a desk or a place ('[대구 홍길동 기자]')
    spaced = _OUTLET_SPACE_NAME.match(inner)
    if spaced and is_name(spaced.group("name")) and not names_no_outlet(spaced.group("outlet")):
        return spaced.group("outlet")
    return None


def names_no_outlet(word: str) -> bool:
    """A desk, a role or a place: words a byline puts before a name that name no outlet."""
    return word in _NOT_NAMES or is_name(word) or word in CITIES_BY_PROVINCE or bool(places_in_dateline(word))


#: 'PLACE=OUTLET NAME 기자' or 'PLACE(REGION)=OUTLET NAME 기자': a lead's dateline, outlet and reporter.
_PLACE_OUTLET_NAME = re.compile(
    rf"^\s*[가-힣]{{1,8}}(?:\([가-힣]{{1,6}}\))?\s*=\s*(?P<outlet>[가-힣A-Za-z0-9]{{2,12}})\s+(?P<name>{_NAME})\s*(?:{_TITLE})"
)
#: 'OUTLET=NAME 기자' or 'OUTLET(PLACE)=NAME 기자' inside a byline bracket.
_OUTLET_SPACE_NAME = re.compile(rf"^(?P<outlet>[가-힣A-Za-z0-9]{{2,12}})\s*[\s/]\s*(?P<name>{_NAME})\s*(?:{_TITLE})$")
_OUTLET_EQ_NAME = re.compile(rf"^(?P<outlet>[가-힣A-Za-z0-9]{{2,12}})(?:\([가-힣]{{1,8}}\))?\s*=\s*(?P<name>{_NAME})\s*(?:{_TITLE})$")


def _outletish(word: str) -> bool:
    """The word between '=' and a reporter's name is the outlet unless it is a name itself
    (four letters are an outlet: '위키트리', '데일리한국')."""
    return looks_like_outlet(word) or len(word) >= 4 or not is_name(word)


def placed_byline(text: str) -> str | None:
    """'안동=에너지경제 정재우 기자 본문…' -> '안동=에너지경제 정재우 기자': a dateline
    byline without brackets that opens a lead."""
    match = _PLACE_OUTLET_NAME.match(text)
    if match and is_name(match.group("name")) and _outletish(match.group("outlet")):
        return match.group(0)
    return None


def place_dateline(text: str) -> str | None:
    """'포항=이영균 기자' -> '포항' (a place, not an outlet, before '='); '[매체(양주)=…]' -> '양주'."""
    bracketed = re.match(rf"^\s*[\[(【][^\])】(]{{2,20}}\((?P<place>[가-힣]{{1,8}})\)\s*=\s*(?P<name>{_NAME})", text)
    if bracketed and is_name(bracketed.group("name")):
        return bracketed.group("place")
    for match in _PLACE_EQ.finditer(text):
        place = match.group("place")
        if not looks_like_outlet(place) and place not in _NOT_PLACES and is_name(match.group("name")):
            return place
    return None


#: Words before '=' in a byline that are not places ('(한빛뉴스 통신사=홍길동 기자)').
_NOT_PLACES = frozenset("통신사 본사 본부 취재팀 편집국 보도국 뉴스팀 사진부 특별취재팀 전국 지역 종합 사회 경제".split())
