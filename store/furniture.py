"""Page furniture: the lines a news site prints around every article.

Plain-text dumps of Korean news pages (네이버/다음 copies, 연합뉴스, 뉴시스, 뉴스1,
the national dailies, local papers) carry the site's menus, share buttons,
font-size and text-to-speech widgets, ad slots, "많이 본 뉴스" lists, weather
widgets, copyright lines and unfilled templates. They are recognised here by
what they are, not by which site printed them:

* short lines made only of menu/share/widget vocabulary, even when the words
  are glued together ("트위터페이스북밴드카카오스토리");
* lines with widget phrases (글자크기, 음성재생, 자동요약, Translated by ...);
* breadcrumbs ("뉴스 > 경제 일반"), weather lists ("흐림강릉 1.3℃"),
  code identifiers ("bar_progress"), all-capital kickers ("COVER STORY");
* copyright lines; templates (YYYY-mm-dd, {{date}}); the site's own clock.

Copyright and date lines are furniture for the body but still read for
metadata by the cleaner.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dates import TEMPLATE, find_dates

#: Words that make up menus, share bars and widgets (compared without spaces).
VOCABULARY = frozenset(
    """
    본문 바로가기 본문바로가기 검색 메뉴 전체메뉴 전체 닫기 열기 배너 광고 ad ads 광고문의 advertisement 스폰서
    위로가기 위로 맨위로 top 홈 home 로그인 로그아웃 회원가입 회원정보 마이페이지 구독 구독하기 구독신청
    더보기 이전 다음 이전기사 다음기사 목록 목록보기 공유 공유하기 스크랩 인쇄 프린트 print 댓글 댓글쓰기 댓글보기
    좋아요 추천 추천하기 글자크기 글씨크기 서체크기 폰트크기 크기 가 가가 작게 크게 확대 축소 음성재생 음성듣기
    본문듣기 기사듣기 듣기 재생 정지 번역 요약 자동요약 복사 url url복사 링크복사 주소복사 이메일 메일 보내기
    카카오톡 카톡 카카오스토리 카카오 페이스북 facebook 트위터 twitter x 밴드 네이버 네이버블로그 블로그 라인
    텔레그램 핀터레스트 링크드인 기사쓰기 기사제보 제보 제보하기 전체기사 전체기사보기 기사보기 즐겨찾기 시작페이지
    사이트맵 오늘의토픽 토픽 맞춤콘텐츠 실시간 핫이슈 실시간핫이슈 실시간뉴스 속보 많이본뉴스 많이본기사 인기기사
    인기뉴스 관련기사 관련뉴스 추천기사 추천뉴스 주요뉴스 주요기사 최신뉴스 최신기사 포토뉴스 헤드라인 랭킹뉴스
    랭킹 이슈 이슈콘텐츠 당신이궁금할이슈콘텐츠 기자의다른기사 이기자의다른기사 기자구독 쏠쏠정보 흥미진진 공감백배
    분석탁월 후속강추 슬퍼요 화나요 후속기사원해요 기사추천 많이본 많이 본 뉴스 기사 섹션 섹션별 전체보기 바로
    종합 정치 경제 사회 전국 지역 스포츠 연예 문화 세계 국제 오피니언 사설 칼럼 it 과학 생활 건강 여행 부동산
    증권 금융 산업 기업 국방 북한 교육 환경 날씨 포토 영상 tv 라이프 피플 인물 부고 메인 기획 특집 연재 뉴스룸
    정책 행정 의회 자치 경제일반 사회일반 정치일반 문화일반 지역일반 산업경제 연예문화 it과학 생활문화 전체뉴스
    신문보기 지면보기 pdf 모바일 pc pc버전 앱 앱설치 앱다운로드 고객센터 이용약관 개인정보처리방침 청소년보호정책
    회사소개 광고안내 제휴문의 저작권 rss 알림 알림설정 설정 뒤로 뒤로가기 새로고침 공지 공지사항 이벤트
    구독자 팔로우 팔로잉 좋아요수 더하기 빼기 가나다 기사원문 원문 원문보기 언론사 언론사홈 편집 편집자 바로보기
    인쇄하기 스크랩하기 복사하기 변경하기 사용하기 요약봇 본문요약봇 기사원문보기 구독중 구독취소
    sns 공유하기닫기 페이지 상단 하단 처음으로 확인 취소 beta 비회원 다크모드 라이트모드 보기 뷰 설정하기
    저장 기사저장 기사공유 키우기 줄이기 글씨키우기 글씨줄이기 글자키우기 글자줄이기 글자작게 글자크게 태그 키워드
    건너뛰기 메뉴건너뛰기 본문건너뛰기 통합검색 검색어 입력 폼 상세 상세보기 작성자 끝 양식 바로가기 메뉴바로가기
    컨텐츠 콘텐츠 컨텐츠바로가기 주메뉴 주메뉴바로가기 검색창 검색하기 내가 본 맨 영역 본문영역 버튼 일반기사 me2day 미투데이 요즘
    """.split()
)

_COMPACT_DROP = re.compile(r"[\s\[\](){}<>|·ㆍ/+:;_,.!?'\"“”‘’~…\-=#*•▶▷►◀◁■□◆◇●○★☆※]+")

_WIDGET = re.compile(
    r"글자\s*크기|글씨\s*크기|서체\s*크기|폰트\s*크기|음성\s*재생|음성으로\s*듣기|본문\s*듣기|기사\s*듣기|"
    r"번역\s*beta|음성\s*변환|요약\s*봇|Translated by|자동\s*요약|본문\s*보기를\s*권장|^\(예시\)|파란원을|"
    r"이 기사에 대해 어떻게 생각|기사가 마음에 드셨|기사를 추천|구독하시겠습니까|"
    r"로그인이 필요|JavaScript|자바스크립트|쿠키를|브라우저에서|동영상 재생|재생 중|광고 후 계속|"
    r"무단\s*전재|재배포\s*금지|All rights reserved|저작권자|^\s*[<(\[]?\s*(?:©|ⓒ|\(c\)|copyright)|"
    r"제보를\s*기다립니다|제보가\s*뉴스가|채널\s*추가|\[\s*(?:전화|메일|온라인\s*제보)\s*\]|여러분의\s*의견을\s*남겨|"
    r"\[email[\s\xa0]*protected\]|요약한\s*결과입니다|공식\s*전자정부\s*누리집|이\s*기사를\s*공유합니다|읽기를\s*권장|"
    r"구독\s*신청\s*하기|키보드\s*단축키|구글\s*번역|콘텐츠는\s*저작|^[★☆▶■◆●]?\s*관련\s*기사(?:\s*\d{1,2}\s*면)?$|이미지를\s*클릭하시면|크게\s*보실\s*수\s*있습니다|주소복사가\s*완료|첫\s*댓글을\s*작성|^\[제작\s*[가-힣]{2,4}\]\s*(?:일러스트|사진합성|그래픽)|"
    r"댓글\s*삭제|삭제한\s*댓글|삭제하시겠습니까|계정을\s*선택하시면|댓글을\s*(?:입력|작성)|로그인\s*후\s*댓글",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"©|ⓒ|\(c\)|copyright|저작권자|무단\s*전재|재배포\s*금지|all rights reserved|의\s*콘텐츠는\s*저작", re.IGNORECASE
)
#: Headings of lists of other articles: what follows them is not this article.
_LIST_HEADING = re.compile(
    r"^(?:[A-Za-z]{2,10}\s+)?(?:(?:전체\s*)?댓글\s*\d+\s*개?$|제보\s*하기|많이\s*본|댓글\s*많은|인기|관련|추천|주요|최신|실시간|랭킹|이\s*시각|오늘의|함께\s*보면|이\s*기자의|포토|헤드라인)"
    r"\s*(?:뉴스|기사|토픽|이슈|콘텐츠|핫이슈|정보|동영상|영상)?(?:\s*(?:TOP|top)?\s*\d*)?$"
)
_SKY = "(?:맑음|흐림|구름많음|구름조금|비|눈|소나기|안개|황사|박무|연무)"
#: '흐림동두천 1.0℃', '포항 맑음 3℃': the sky before or after the place.
_WEATHER = re.compile(
    rf"^(?:[•·\-*]\s*){{0,2}}{_SKY}?\s*[가-힣]{{1,8}}\s*{_SKY}?\s*-?\d{{1,2}}(?:\.\d)?\s*(?:℃|°C|도)$"
)
_WEATHER_CREDIT = re.compile(r"^(?:기상청|케이웨더|웨더아이)\s*제공$|^(?:미세먼지|초미세먼지|오존|자외선)\s*\S{1,6}$")
_BREADCRUMB = re.compile(r"^[^\s>]{1,12}(?:\s+[^\s>]{1,12}){0,2}(?:\s*[>›»]\s*[^\s>]{1,12}(?:\s+[^\s>]{1,12}){0,2})+$")
_IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(?:[_\-][a-z0-9]+)+$|^[A-Z][A-Z&' ]{1,24}$")
#: Counters and symbol rows: '2024. 05', '(0)', '@@@'.
_NUMBERS_ONLY = re.compile(r"^[\d\s.,:/\-()]+$|^[^\w\s]{2,}$")
#: Leftovers of a page's markup and print edition: 'width=450', '종합 14면', 'A12면'.
_MARKUP_OR_PAGE = re.compile(
    r"^(?:(?:width|height|alt|src|style|class|align)\s*=\s*[\"']?[\w%.#:-]*[\"']?\s*)+$"
    r"|^(?:(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}\s+)?(?:[가-힣A-Za-z]{1,6}\s*)?[A-Z]?\d{1,2}\s*면$",
    re.IGNORECASE,
)
#: A line of hashtags: '#반도체 #이차전지'.
_HASHTAGS = re.compile(
    r"^(?:#[^\s#]+\s*){2,}$|^!\[[^\]]*\]\([^)]*\)\s*\|?$"  # hashtags; '![]() |' image residue
    r"|^\S+\.(?:jpe?g|png|gif|webp)(?:\?\S*)?$",  # an image's file name: '0004573_001.jpg?type=w647'
    re.IGNORECASE,
)
#: A programme's slot and presenters on a broadcaster's page: '매일 저녁 8시 35분', '평일 홍길동 주말 구하람'.
_ON_AIR = re.compile(
    r"^(?:매일|평일|주말|매주\s*[월화수목금토일]요일)\s*(?:오전|오후|아침|낮|저녁|밤)?\s*\d{1,2}\s*시(?:\s*\d{1,2}\s*분)?$"
    r"|^평일\s*[가-힣]{2,4}\s*주말\s*[가-힣]{2,4}(?:\s*,\s*[가-힣]{2,4})*$"
)
#: A sponsor's banner: '한빛타임스 후원', '누리테크 협찬'.
_SPONSOR = re.compile(r"^\S{2,14}\s*(?:후원|협찬)$")
#: A detail page's own header: '게임뉴스 상세', 'JCN NEWS 상세'.
_DETAIL_HEADER = re.compile(r"^\S{1,12}(?:\s\S{1,12})?\s*상세$|^관련\s*사이트\s")


def compact(line: str) -> str:
    return _COMPACT_DROP.sub("", line).lower()


@lru_cache(maxsize=1)
def _longest_word() -> int:
    return max(len(w) for w in VOCABULARY)


def is_vocabulary_run(text: str) -> bool:
    """True when the text, spaces and punctuation removed, is only furniture words."""
    s = compact(text)
    if not s:
        return True
    if len(s) > 60:
        return False
    longest = _longest_word()
    reachable = [False] * (len(s) + 1)
    reachable[0] = True
    for i in range(len(s)):
        if not reachable[i]:
            continue
        if s[i].isdigit():  # a counter beside a widget word: '댓글 0', '좋아요 12'
            reachable[i + 1] = True
            continue
        for j in range(i + 1, min(len(s), i + longest) + 1):
            if s[i:j] in VOCABULARY:
                reachable[j] = True
    return reachable[len(s)] and not s.isdigit()


def is_copyright(line: str) -> bool:
    return len(line) <= 200 and _COPYRIGHT.search(line) is not None


_NOTICE = re.compile(r"무단|재배포|all rights reserved|저작권자|copyright", re.IGNORECASE)


def is_copyright_notice(line: str) -> bool:
    """A full copyright notice, which ends the article; a bare 'ⓒ 뉴스1' photo credit does not."""
    return is_copyright(line) and _NOTICE.search(line) is not None


def is_list_heading(line: str) -> bool:
    return len(line) <= 20 and _LIST_HEADING.match(line.strip().lstrip("■□▶▷◆◇●○•·*-=# ")) is not None


def is_template(line: str) -> bool:
    return TEMPLATE.search(line) is not None


def is_weather(line: str) -> bool:
    stripped = line.strip()
    return _WEATHER.match(stripped) is not None or _WEATHER_CREDIT.match(stripped) is not None


#: A broadcast script's cue: ◀ANC▶, ◀VCR▶, ◀INT▶, ◀END▶, [앵커], <리포트>, (앵커 멘트).
_CUE = re.compile(
    r"^[◀◁<\[(【]\s*(?:ANC|VCR|INT|END|SYN|CG|ST-?UP|St-up|Stand-?up|INT-?\d*|앵커(?:\s*멘트)?|리포트|기자|인터뷰|"
    r"기자\s*리포트|현장음|녹취|자막|이펙트)\s*[▶▷>\])】]\s*$",
    re.IGNORECASE,
)


def is_cue(line: str) -> bool:
    """A broadcast script's cue line (◀ANC▶, [리포트]): never a title, never body."""
    return len(line) <= 16 and _CUE.match(line.strip()) is not None


#: A menu of sections run together with slashes: '정치/지방자치사회/경제교육/문화'.
_SLASH_MENU = re.compile(r"^[^/.!?]{1,20}(?:/[^/.!?]{1,20}){3,}$")


def is_furniture(line: str) -> bool:
    """A line that belongs to the site, not to the article."""
    text = line.strip()
    if not text:
        return True
    if is_cue(text) or (len(text) <= 80 and _SLASH_MENU.match(text)):
        return True
    if len(text) <= 60 and is_vocabulary_run(text):
        return True
    if len(text) <= 200 and _WIDGET.search(text):
        return True
    if is_weather(text) or _IDENTIFIER.match(text) or _NUMBERS_ONLY.match(text):
        return True
    if len(text) <= 40 and (_MARKUP_OR_PAGE.match(text) or _DETAIL_HEADER.match(text)):
        return True
    if _HASHTAGS.match(text) or _ON_AIR.match(text) or _SPONSOR.match(text):
        return True
    if len(text) <= 60 and (">" in text or "›" in text) and _BREADCRUMB.match(text):
        return True
    if is_list_heading(text):
        return True
    if len(text) <= 60 and is_template(text):
        return True
    if len(text) <= 60:
        return _site_stamp(text)
    return False


def _site_stamp(text: str) -> bool:
    """'즐겨찾기+ 최종편집:2024-04-26 오후 07:32:46': the site's clock plus menu words."""
    dates = find_dates(text)
    if not dates or not all(d.role == "site" for d in dates):
        return False
    rest = text
    for d in reversed(dates):
        rest = rest[: d.start] + " " + rest[d.end :]
    rest = re.sub(r"최종\s*편집|최종\s*업데이트|현재\s*시[각간]|편집|오늘|접속|today", " ", rest, flags=re.IGNORECASE)
    return is_vocabulary_run(rest)
