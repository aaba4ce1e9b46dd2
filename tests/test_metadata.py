"""Metadata rules on page shapes other than the seeds: portal dumps, wire
leads, national dailies, glued labels. Each case is a page layout Korean
sites really print, written out by hand."""

from __future__ import annotations

import pytest

from store.bylines import find_bylines, reporters_in_author, wire_dateline
from store.cities import cities_about
from store.clean import parse_page
from store.dates import find_dates, parse_date
from store.furniture import is_furniture

NAVER_NEWSIS = """네이버 뉴스
본문 바로가기
뉴시스
구독
성남시, 판교 제2테크노밸리 기업 유치 속도
입력2024.03.05. 오전 10:12 수정2024.03.05. 오전 11:40
기사원문
김철수 기자
추천
댓글
본문 요약봇
텍스트 음성 변환 서비스 사용하기
글자 크기 변경하기
SNS 보내기
인쇄하기

[성남=뉴시스] 김철수 기자 = 경기 성남시가 판교 제2테크노밸리에 기업을 유치하기 위해 전담팀을 꾸렸다고 5일 밝혔다.

시는 올해 안에 50개 기업을 유치할 계획이다.

[성남=뉴시스] 판교 제2테크노밸리 전경. (사진=성남시 제공) 2024.03.05. photo@newsis.com

신상진 성남시장은 "판교를 아시아 실리콘밸리로 키우겠다"고 말했다.

◎공감언론 뉴시스 kim@newsis.com
Copyright © NEWSIS.COM, 무단 전재 및 재배포 금지
많이 본 뉴스
수원시, 새 정책 발표
고양시 소식
"""

HANI = """한겨레
전체 메뉴
과천 3기 신도시, 첨단산업 중심으로 바뀐다
등록 2023-11-02 18:20 수정 2023-11-03 09:01
홍길동 기자 구독
과천시가 과천동 일대 3기 신도시를 첨단산업 중심지로 조성하는 계획을 내놨다.
과천시는 2일 이런 내용의 개발 계획을 발표했다.
홍길동 기자 hong@hani.co.kr
"""

WIRE_ON_LOCAL_PAPER = """고양시, 일산 테크노밸리 착공
기사입력 2022년 5월 3일(화) 오후 2시 15분
(고양=연합뉴스) 박민수 기자,이지은 인턴기자 = 경기 고양시가 일산 테크노밸리 착공식을 열었다고 3일 밝혔다.
이재준 고양시장은 "자족도시의 기틀을 마련하겠다"고 말했다.
▲ 이재준 고양시장이 착공식에서 인사말을 하고 있다. 사진=정우성 기자
ⓒ 경기일보 무단전재 및 재배포금지
"""


def test_portal_dump_with_widgets_and_wire_lead():
    a = parse_page(NAVER_NEWSIS)
    assert a.title == "성남시, 판교 제2테크노밸리 기업 유치 속도"
    assert a.subtitles == []
    assert (a.published, a.published_precision) == ("2024-03-05T10:12:00+09:00", "minute")
    assert a.modified == "2024-03-05T11:40:00+09:00"
    assert a.outlet == "뉴시스" and a.wire_source is None
    assert a.dateline == "성남"
    assert [(r.name, r.email) for r in a.reporters] == [("김철수", "kim@newsis.com")]
    body = [p.text for p in a.paragraphs if p.kind == "body"]
    assert len(body) == 3 and body[0].startswith("[성남=뉴시스]")
    assert "수원시, 새 정책 발표" not in [p.text for p in a.paragraphs]  # the 많이 본 뉴스 list
    assert [p.kind for p in a.paragraphs if "판교 제2테크노밸리 전경" in p.text] == ["caption"]
    assert a.cities == ["성남시"]


def test_daily_with_masthead_and_labelled_dates():
    a = parse_page(HANI)
    assert a.title == "과천 3기 신도시, 첨단산업 중심으로 바뀐다"
    assert a.published == "2023-11-02T18:20:00+09:00"
    assert a.modified == "2023-11-03T09:01:00+09:00"
    assert a.outlet == "한겨레"
    assert [(r.name, r.email) for r in a.reporters] == [("홍길동", "hong@hani.co.kr")]
    assert a.cities == ["과천시"]


def test_wire_story_on_another_outlet():
    a = parse_page(WIRE_ON_LOCAL_PAPER)
    assert a.outlet == "경기일보"
    assert a.wire_source == "연합뉴스"
    assert a.dateline == "고양"
    assert a.published == "2022-05-03T14:15:00+09:00"
    assert [r.name for r in a.reporters] == ["박민수", "이지은"]  # not the photographer in the caption
    assert [p.kind for p in a.paragraphs if p.text.startswith("▲")] == ["caption"]


@pytest.mark.parametrize(
    "line, iso, role",
    [
        ("입력 2024.01.16 20:06", "2024-01-16T20:06:00+09:00", "published"),
        ("입력 : 2023년 01월 09일", "2023-01-09", "published"),
        ("등록 2023-11-02 18:20", "2023-11-02T18:20:00+09:00", "published"),
        ("승인 2024.01.16 20:06", "2024-01-16T20:06:00+09:00", "published"),
        ("2019/01/12 08:35 송고", "2019-01-12T08:35:00+09:00", "published"),
        ("기사입력 2024년 1월 16일(화) 오후 8시 6분", "2024-01-16T20:06:00+09:00", "published"),
        ("기사입력2024-01-16 오전 12:05", "2024-01-16T00:05:00+09:00", "published"),
        ("최종수정 2024.01.17 09:00:12", "2024-01-17T09:00:12+09:00", "modified"),
        ("수정2023.01.18 19:06", "2023-01-18T19:06:00+09:00", "modified"),
        ("최종편집:2024-04-26 오후 07:32:46", "2024-04-26T19:32:46+09:00", "site"),
        ("2024. 1. 16. 20:06", "2024-01-16T20:06:00+09:00", None),
        ("2024.03.29 (금)", "2024-03-29", None),
        ("2024-01-16T11:06:00Z", "2024-01-16T20:06:00+09:00", None),
    ],
)
def test_date_formats_and_labels(line, iso, role):
    found = find_dates(line)
    assert [(d.iso, d.role) for d in found] == [(iso, role)]


def test_templates_and_impossible_dates_are_not_dates():
    assert find_dates("최종업데이트YYYY-mm-dd hh:mm:ss") == []
    assert find_dates("2024.13.45 10:00") == []
    assert parse_date("2024-02-30") is None


def test_site_stamp_and_weather_widget_never_the_date():
    page = "2024.03.29 (금)\n• 흐림강릉 1.3℃\n• 서울 3.2℃\n기상청 제공\n\n시청 앞 광장 새 단장\n\n본문 문장이 여기에 있습니다. 시가 밝혔다.\n"
    assert parse_page(page).published is None
    page = "최종편집:2024-04-26 오후 07:32:46\n\n시청 앞 광장 새 단장\n\n본문 문장이 여기에 있습니다. 시가 밝혔다.\n"
    assert parse_page(page).published is None


@pytest.mark.parametrize(
    "line, names",
    [
        ("(서울=연합뉴스) 홍길동 기자 =", ["홍길동"]),
        ("(과천·성남-연합뉴스) 김인유 최찬흥 기자 =", ["김인유", "최찬흥"]),
        ("[아시아경제 영남취재본부 이동국 기자]", ["이동국"]),
        ("/고양=고중오기자 gjo@", ["고중오"]),
        ("(워싱턴=연합뉴스) 이상헌 특파원 =", ["이상헌"]),
        ("김영희 객원기자", ["김영희"]),
        ("사회부 기자회견에서", []),
        ("글=홍길동 기자, 사진=김철수 기자", ["홍길동", "김철수"]),
    ],
)
def test_byline_shapes(line, names):
    assert [n for b in find_bylines(line) for n in b.names] == names


@pytest.mark.parametrize(
    "author, expected",
    [
        ("김철수 기자 kimcs@kyeonggi.com", [("김철수", "kimcs@kyeonggi.com", "reporter")]),
        ("워싱턴=홍길동 특파원", [("홍길동", None, "correspondent")]),
        ("김철수·이영희 기자", [("김철수", None, "reporter"), ("이영희", None, "reporter")]),
        ("홍길동, 이영희", [("홍길동", None, "reporter"), ("이영희", None, "reporter")]),
        ("홍길동/이영희", [("홍길동", None, "reporter"), ("이영희", None, "reporter")]),
        ("김철수 <kim@x.kr>, 이영희 / lee@y.kr", [("김철수", "kim@x.kr", "reporter"), ("이영희", "lee@y.kr", "reporter")]),
        ("김철수 기자 Kimcs Com", [("김철수", None, "reporter")]),  # trafilatura's mangled e-mail is no e-mail
        ("편집부", []),
        ("사진=홍길동 기자", []),
    ],
)
def test_reporters_in_an_author_field(author, expected):
    assert [(r.name, r.email, r.role) for r in reporters_in_author(author)] == expected


def test_photo_credit_in_a_byline_is_not_a_reporter():
    roles = {n: b.role for b in find_bylines("글=홍길동 기자, 사진=김철수 기자") for n in b.names}
    assert roles == {"홍길동": "reporter", "김철수": "photographer"}
    page = "제목 한 줄\n\n본문 첫 문단입니다. 포항시가 밝혔다.\n\n글=홍길동 기자, 사진=김철수 기자\n"
    assert [r.name for r in parse_page(page).reporters] == ["홍길동"]


def test_wire_dateline_tells_outlet_from_place():
    assert wire_dateline("(서울=뉴스1) 홍길동 기자 = 본문") == ("서울", "뉴스1")
    assert wire_dateline("[cbn뉴스=이재영 기자] 본문") is None


@pytest.mark.parametrize(
    "line",
    ["본문 바로가기", "트위터페이스북밴드카카오스토리", "회원가입기사쓰기전체기사보기", "뉴스 > 경제 일반",
     "AD(광고)", "많이 본 뉴스", "bar_progress", "흐림동두천 1.0℃", "Copyright © 세계일보. 무단전재 및 재배포 금지.",
     "최종업데이트YYYY-mm-dd hh:mm:ss", "글자크기 설정", "즐겨찾기+ 최종편집:2024-04-26 오후 07:32:46",
     "페이스북 트위터 카카오톡 URL복사 기사저장 글씨키우기 글씨줄이기", "댓글 0", "좋아요 12 공유", "포항 맑음 3℃"],
)
def test_furniture_lines(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    ["포항시, 美 ‘실리콘 밸리’ 방문해 신산업 혁신역량 강화나서", "이강덕 포항시장은 18일 이같이 밝혔다.",
     "고양시, 세계 홍보 박차", "창업 생태계 구축에 3년간 500억 투입"],
)
def test_article_lines_are_not_furniture(line):
    assert not is_furniture(line)


def test_cities_need_more_than_a_passing_mention():
    body = "고양시가 상을 받았다. 고양시는 계획을 밝혔다. 고양시 관계자는 말했다. 박원순 서울시장도 참석했다."
    assert cities_about("고양시 수상", body) == ["고양시"]
    # 고양이 (a cat) and 화성 (Mars) are words, not cities
    assert cities_about("고양이 사진전", "고양이와 화성 탐사 이야기. 고양이가 좋다.") == []
    assert cities_about("지방 소식", "울릉군이 밝혔다. 울릉군은 예산을 늘린다.") == ["울릉군"]
    # a district counts for its city
    assert cities_about("판교 소식", "분당구 판교동에서 열렸다. 분당구청은 밝혔다. 성남시도 참여했다.") == ["성남시"]


def test_user_outlet_table_extends_the_builtin(tmp_path, monkeypatch):
    from store import outlets

    (tmp_path / "outlets.toml").write_text('[outlets]\n"포항테스트신문" = ["phtest.co.kr"]\n', encoding="utf-8")
    monkeypatch.setattr(outlets, "user_table_path", lambda: tmp_path / "outlets.toml")
    for cached in (outlets.outlet_table, outlets._by_domain, outlets._by_folded_name):
        cached.cache_clear()
    try:
        assert outlets.outlet_for_domain("reporter@phtest.co.kr") == "포항테스트신문"
        assert outlets.outlet_for_domain("x@yna.co.kr") == "연합뉴스"
    finally:
        for cached in (outlets.outlet_table, outlets._by_domain, outlets._by_folded_name):
            cached.cache_clear()


@pytest.mark.parametrize("page", ["", "AD\n광고\n위로가기\n", "기자", "2024.01.01", "(서울=연합뉴스)\n"])
def test_pages_without_an_article_are_refused(page):
    with pytest.raises(ValueError):
        parse_page(page)


DAUM_WIRE = """다음 뉴스
홈
사회
경제
연합뉴스
수원시, 반도체 특화단지 유치 총력
김영수2024. 2. 7. 14:35
음성으로 듣기
번역 설정
글씨크기 조절하기
인쇄하기
(수원=연합뉴스) 김영수 기자 = 경기 수원시가 반도체 특화단지 유치를 위해 전담 조직을 신설했다고 7일 밝혔다.

이재준 수원시장은 "반드시 유치하겠다"고 강조했다.

수원시청 전경 [수원시 제공. 재판매 및 DB 금지]

kys@yna.co.kr

Copyright ⓒ 연합뉴스. 무단전재 -재배포, AI 학습 및 활용 금지
"""

DAILY_WITH_RELATED = """경향신문 홈
정치
[단독] 창원시, 방산 클러스터 2단계 착수
박철민 기자
입력 : 2023.05.10 06:00
수정 : 2023.05.10 07:12
창원시가 방산 클러스터 2단계 사업에 착수한다.
시는 10일 이런 계획을 밝혔다.
창원시 관계자는 "지역 경제에 큰 도움이 될 것"이라고 말했다.
박철민 기자 park@kyunghyang.com
ⓒ경향신문 & 경향닷컴(www.khan.co.kr), 무단전재 및 재배포 금지
이 기사를 추천합니다
관련기사
창원 방산 수출 역대 최대
"""


def test_portal_copy_of_a_wire_story():
    a = parse_page(DAUM_WIRE)
    assert a.title == "수원시, 반도체 특화단지 유치 총력"
    assert a.published == "2024-02-07T14:35:00+09:00"  # name glued to the date under the headline
    assert (a.outlet, a.dateline, a.cities) == ("연합뉴스", "수원", ["수원시"])
    assert [(r.name, r.email) for r in a.reporters] == [("김영수", "kys@yna.co.kr")]
    assert [p.kind for p in a.paragraphs if p.text.startswith("수원시청 전경")] == ["caption"]
    assert [p.kind for p in a.paragraphs].count("body") == 2


def test_masthead_with_menu_word_and_related_list():
    a = parse_page(DAILY_WITH_RELATED)
    assert a.title == "창원시, 방산 클러스터 2단계 착수"
    assert a.labels == ["단독"]
    assert a.subtitles == []
    assert (a.published, a.modified) == ("2023-05-10T06:00:00+09:00", "2023-05-10T07:12:00+09:00")
    assert a.outlet == "경향신문"
    assert "창원 방산 수출 역대 최대" not in [p.text for p in a.paragraphs]
    assert [p.kind for p in a.paragraphs].count("body") == 3


def test_a_photo_credit_mark_mid_article_does_not_end_the_body():
    page = ("포항시, 새 계획 발표\n\n포항시가 새 계획을 16일 발표했다. 시는 예산을 늘린다.\n\n"
            "ⓒ 뉴스1\n\n시는 또 관련 기관과 협력하기로 했다고 덧붙였다.\n\nCopyright ⓒ 뉴스1. 무단 전재 금지\n\n관련 기사 제목 하나\n")
    a = parse_page(page)
    body = [p.text for p in a.paragraphs if p.kind == "body"]
    assert body == ["포항시가 새 계획을 16일 발표했다. 시는 예산을 늘린다.", "시는 또 관련 기관과 협력하기로 했다고 덧붙였다."]
    assert a.outlet == "뉴스1"


def test_outlet_alone_in_the_lead_bracket():
    page = "과천시, 지식정보타운 기업 입주\n\n[서울경제] 경기 과천시가 지식정보타운에 기업 입주를 시작했다고 2일 밝혔다.\n\n과천시는 올해 30개 기업이 입주한다고 설명했다.\n"
    assert parse_page(page).outlet == "서울경제"
