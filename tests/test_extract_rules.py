"""The extraction rules on text that is not in the seeds: invented sentences in
ordinary Korean news style, so the rules are shown to be general."""

from __future__ import annotations

import pytest

from store.extract.article import doc_from_article, extract_article
from store.extract.figures import parse_value


def run(*paragraphs: str, published: str | None = "2025-03-02", reporters=()):
    doc = doc_from_article(
        {
            "id": "t",
            "published": published,
            "reporters": list(reporters),
            "cities": [],
            "paragraphs": [(i, "body", t) for i, t in enumerate(paragraphs)],
        }
    )
    return extract_article(doc)


def by(ents, type_):
    return {e.name: e for e in ents if e.type == type_}


def test_name_before_title_gives_role_and_affiliation():
    ents = run(
        "김민수 대전시장은 3일 시청에서 기자회견을 열었다.",
        "이 자리에는 박서연 충남대 화학과 교수와 정우진 산업부 차관이 함께했다.",
    )
    people = by(ents, "person")
    assert people["김민수"].role == "대전시장" and people["김민수"].affiliation == "대전시"
    assert people["박서연"].role == "교수" and people["박서연"].affiliation.startswith("충남대")
    assert people["정우진"].role == "차관" and people["정우진"].affiliation == "산업부"
    orgs = by(ents, "organization")
    assert "산업통상자원부" in orgs and "산업부" in orgs["산업통상자원부"].aliases
    assert "충남대" in orgs


def test_short_reference_resolves_inside_the_article_only_to_a_match():
    ents = run(
        "윤지호 창원시장과 한도윤 김해시장이 협약을 맺었다.",
        "윤 시장은 “협력하겠다”고 말했고, 한 시장도 화답했다. 이 시장 상인들은 반겼다.",
    )
    people = by(ents, "person")
    assert len(people["윤지호"].mentions) == 2
    assert len(people["한도윤"].mentions) == 2
    # "이 시장" (this market) has no mayor surnamed 이 to point at.
    assert all(not n.startswith("이") for n in people)


def test_groups_and_common_nouns_are_not_people():
    ents = run("대표단은 이날 현지 관계자 회장단과 만났다. 정부 관계자는 말을 아꼈다.")
    assert by(ents, "person") == {}


def test_byline_names_are_reporters():
    ents = run("[대한경제 부산취재본부 홍길순 기자] 송재민 부산시장은 7일 밝혔다.", "홍길순 기자 hong@example.com")
    assert "홍길순" in by(ents, "reporter") and "홍길순" not in by(ents, "person")
    assert "송재민" in by(ents, "person")


def test_parenthetical_alias_and_acronym_expansion():
    ents = run(
        "시는 한국무역협회(KITA)와 협약을 맺고 GIC(Global Innovation Council)와도 손잡았다.",
        "KITA 관계자와 GIC 대표가 참석했다.",
    )
    orgs = by(ents, "organization")
    # The acronym in the parenthesis is itself a mention, and so is its later use.
    assert "KITA" in orgs["한국무역협회"].aliases and len(orgs["한국무역협회"].mentions) == 3
    assert "Global Innovation Council" in orgs["GIC"].aliases and len(orgs["GIC"].mentions) == 3


def test_events_take_the_printed_or_the_articles_year():
    ents = run("시 대표단은 MWC 2024에 이어 올해 MWC 현장을 찾았다.", "한편 '부산 해양 포럼'도 열린다.")
    events = by(ents, "event")
    assert {"MWC 2024", "MWC 2025"} <= set(events)
    assert "부산 해양 포럼" in events


def test_initiatives_quoted_or_named_as_projects():
    ents = run(
        "시는 ‘동해안 수소 밸리’ 조성을 발표했다.",
        "남부권 바이오밸리 프로젝트도 속도를 낸다. 그는 ‘최선을 다하겠다’고 말했다.",
    )
    inits = by(ents, "initiative")
    assert "동해안 수소 밸리" in inits and "남부권 바이오밸리" in inits
    assert not any("최선" in n for n in inits)


def test_places_from_gazetteers_and_shapes():
    ents = run(
        "대표단은 독일 뮌헨과 미국 텍사스주 오스틴을 거쳐 해리스 카운티를 방문했다.",
        "멕시코 과달라하라에서 일정을 마쳤다.",
    )
    places = by(ents, "place")
    assert {"독일", "뮌헨", "미국", "텍사스", "오스틴", "해리스 카운티", "과달라하라"} <= set(places)


def test_ordinary_words_that_are_also_town_names_need_a_proper_noun():
    ents = run("목표 달성을 위해 양산 체제를 갖추고 예산을 늘렸다.")
    assert by(ents, "place") == {}


@pytest.mark.parametrize(
    "text, value",
    [("6조7천억", 6.7e12), ("155만", 1.55e6), ("37만2천", 372000), ("2,500", 2500), ("1.5억", 1.5e8)],
)
def test_korean_numbers(text, value):
    assert parse_value(text) == pytest.approx(value)


def test_figures_know_their_unit_and_what_they_count():
    ents = run("시는 3조5천억 원의 민간 투자와 1만2천 개 일자리를 기대한다. 부지는 42만㎡ 규모다.")
    figs = {e.name: e.data for e in ents if e.type == "figure"}
    assert figs["3조5천억 원"] == {"value": 3.5e12, "unit": "원", "counts": "민간 투자", "approx": False}
    assert figs["1만2천 개"]["counts"] == "일자리"
    assert figs["42만㎡"]["unit"] == "㎡"
    assert not any(n.endswith("일") for n in figs)


def test_companies_by_legal_form_and_the_people_who_head_them():
    ents = run(
        "한빛군은 ㈜가람정밀, 누리테크(주), (유)다온기계와 투자협약을 맺었다.",
        "협약식에는 ㈜새봄철강(대표 홍길동), 코리아누리(회장 박하늘) 등이 참석했다.",
    )
    orgs = by(ents, "organization")
    assert {"가람정밀", "누리테크", "다온기계", "새봄철강", "코리아누리"} <= set(orgs)
    people = by(ents, "person")
    assert people["홍길동"].role == "대표" and people["홍길동"].affiliation == "새봄철강"
    assert people["박하늘"].role == "회장" and people["박하늘"].affiliation == "코리아누리"


@pytest.mark.parametrize(
    "paragraphs, companies, not_companies",
    [
        pytest.param(  # companies by the trade in their name, a proper noun carrying it
            ("한빛엔지니어링은 누리하이텍, 가람중공업과 함께 새 공장을 짓는다.", "군은 화학 산업과 전자 부품, 제약 분야의 기업을 유치한다."),
            {"한빛엔지니어링", "누리하이텍", "가람중공업"}, {"화학", "전자", "제약"}, id="by-trade",
        ),
        pytest.param(  # companies listed before what they are; fields of industry are no companies
            ("행사에는 한빛로보틱스, 누리바이오텍, 가람소프트 등 10여 개 지역 기업이 참여했다.", "시는 바이오, 반도체, 이차전지 등 첨단기업을 유치한다."),
            {"한빛로보틱스", "누리바이오텍", "가람소프트"}, {"바이오", "반도체", "이차전지"}, id="listed",
        ),
    ],
)
def test_companies_without_a_legal_mark(paragraphs, companies, not_companies):
    orgs = set(by(run(*paragraphs), "organization"))
    assert companies <= orgs
    assert not orgs & not_companies


def test_a_body_named_after_a_korean_city_needs_no_proper_noun():
    """Kiwi may read a long name as one common noun ('…도시재생지원센터' NNG): the city opening it names it."""
    ents = run("올해는 청년들이 직접 안을 짜고 영천도시재생지원센터 등이 돕는다.", "지역 센터와 관리 공사는 빠졌다.")
    orgs = set(by(ents, "organization"))
    assert "영천도시재생지원센터" in orgs
    assert not orgs & {"지역 센터", "관리 공사", "센터", "공사"}


def test_a_minister_in_parentheses_and_the_company_a_chief_executive_heads():
    ents = run(
        "국토교통부(장관 홍길동)는 새 사업을 발표했다.",
        "이 자리에는 김누리 가람네트웍스 대표와 박하늘 다온소프트 부사장이 참석했다.",
    )
    people = by(ents, "person")
    assert people["홍길동"].role == "장관"
    assert people["김누리"].affiliation == "가람네트웍스" and people["박하늘"].affiliation == "다온소프트"
    assert {"가람네트웍스", "다온소프트"} <= set(by(ents, "organization"))


def test_people_in_a_bulleted_list_with_the_part_they_play():
    ents = run("[참가자]", "△김누리 한빛대 교수", "△사회=이가람 다온대 교수", "(사진=박하늘 기자)")
    people = by(ents, "person")
    assert people["김누리"].role == "교수" and people["김누리"].affiliation == "한빛대"
    assert people["이가람"].role == "교수" and people["이가람"].affiliation == "다온대"
    assert "박하늘" not in people, "a photo credit is no one the article names"


def test_a_body_before_the_name_names_who_they_speak_for_and_dotted_names_share_a_title():
    ents = run(
        "협약식에는 한빛상공회의소 김누리 회장, 이가람·박하늘 부회장이 참석했다.",
        "참여 기업은 누리모(대표 최다온·정밀가공) 등이다.",
    )
    people = by(ents, "person")
    assert people["김누리"].role == "회장" and people["김누리"].affiliation == "한빛상공회의소"
    assert people["이가람"].role == "부회장" and people["박하늘"].role == "부회장"
    assert people["최다온"].role == "대표" and people["최다온"].affiliation == "누리모"
    assert "누리모" in by(ents, "organization")


def test_provinces_listed_before_where_are_the_land():
    ents = run("옮겨 온 기업들은 그동안 강원도, 경기도, 충청북도 등에서 공장을 운영했다.")
    assert {"강원도", "경기도", "충청북도"} <= set(by(ents, "place"))
    assert not {"강원도", "경기도", "충청북도"} & set(by(ents, "organization"))


def test_heads_of_halls_unions_and_trade_offices_are_titles():
    ents = run("김누리 KOTRA 실리콘밸리무역관장과 이가람 한빛농협 조합장이 참석했다.")
    people = by(ents, "person")
    assert people["김누리"].role == "실리콘밸리무역관장" and people["김누리"].affiliation == "KOTRA"
    assert people["이가람"].role == "조합장" and people["이가람"].affiliation == "한빛농협"


def test_a_foreign_name_ending_in_a_one_syllable_surname():
    ents = run("미국 보스턴 에드윈 리 시장이 한빛시를 찾았다.", "리 시장은 한빛시를 둘러봤다.")
    people = by(ents, "person")
    assert "에드윈 리" in people and people["에드윈 리"].role.endswith("시장")
    assert "리" not in people, "a lone syllable is a short reference"


def test_development_areas_counties_after_provinces_and_bulleted_places_are_places():
    ents = run(
        "충남 서천군과 경남 고성군의 가람일반산업단지와 누리 제2농공단지에 기업이 들어섰다.",
        "전북 임실군이 이런 계획을 밝혔다.",
        "선정된 곳은 △부산 3곳 △대구 2곳 △광주 1곳이다.",
        "정부는 규제자유특구와 혁신도시 정책을 이어간다.",
    )
    places = by(ents, "place")
    assert {"서천군", "고성군", "가람일반산업단지", "누리 제2농공단지", "부산", "대구", "광주"} <= set(places)
    assert not {"규제자유특구", "혁신도시"} & set(places)  # kinds of area, not named ones
    assert "임실군" not in places  # the county acting: its government
    acting = by(run("전라남도가 공영개발한 부지에 연구센터가 들어선다."), "organization")
    assert "전라남도" in acting


def test_villages_under_their_town_city_prefixed_areas_and_dotted_place_lists():
    places = by(
        run(
            "한빛산단은 경주시 강동면 왕신리 일원에 들어선다.",
            "경주 누리일반산업단지 계획이 승인됐다.",
            "전주·김천·김해 등에 스마트도시가 들어선다.",
        ),
        "place",
    )
    assert {"강동면", "왕신리", "경주 누리일반산업단지", "전주", "김천", "김해"} <= set(places)


def test_a_company_before_a_korean_name_is_its_affiliation_never_part_of_the_name():
    ents = run("협약식에는 한빛농장 김바오로 대표와 누리팜 대표이사가 참석했다.")
    people = by(ents, "person")
    assert "김바오로" in people and people["김바오로"].affiliation == "한빛농장"
    assert not any("한빛농장" in name or name == "누리팜" for name in people)


def test_the_economy_is_not_the_province():
    places = by(run("최근 경기 회복추세와 함께 산업용지 수요가 크게 늘었다."), "place")
    assert "경기도" not in places


def test_a_foreign_leader_named_before_country_and_title():
    people = by(run("개막식에는 솜차이분마 태국 총리 등 300여명이 참석했다."), "person")
    assert "솜차이분마" in people and people["솜차이분마"].affiliation == "태국"


def test_spaced_area_names_sites_stations_and_venues_are_places():
    places = by(
        run(
            "경기도는 고양일산 테크노밸리와 판교 테크노밸리에 이어 부산 명지국제도시를 조성한다.",
            "사업지는 옛 도로공사 용지 서쪽 금토동 일대이며 신분당선 판교역과 가깝다.",
            "협약식은 30일 오전 나주 한빛전력 본사 비전홀에서 열렸다.",
            "행사는 미국 네바다주 라스베이거스 컨벤션센터에서 열렸고 관계자들이 참석했다.",
        ),
        "place",
    )
    assert {"고양일산 테크노밸리", "판교 테크노밸리", "부산 명지국제도시", "금토동", "신분당선 판교역", "나주 한빛전력 본사 비전홀",
            "라스베이거스 컨벤션센터"} <= set(places)
    assert not any(name.startswith(("30일", "오전", "미국 네바다주")) for name in places)


def test_an_acting_provincial_government_is_not_also_a_place_and_the_home_country_is_no_place():
    ents = run("전라남도는 12일 한빛전력과 투자협약을 맺었다. 대한민국 에너지 수도를 만들겠다는 전라남도 및 나주시의 구상이다.")
    assert "전라남도" in by(ents, "organization")
    places = by(ents, "place")
    assert "전라남도" not in places and "대한민국" not in places
    assert not any(name in ("성공적인 혁신도시", "통해 혁신도시") for name in by(run("성공적인 혁신도시 건설을 통해 혁신도시 시즌2를 연다."), "place"))


def test_companies_named_after_what_they_do_and_public_bodies_by_their_suffix():
    orgs = by(
        run(
            "휴대용 엑스레이 제조기업 오톰과 바이오헬스케어 제조기업 한빛메디텍이 투자 협약을 체결했다.",
            "이번 투자유치는 업체 투자유치 설명회를 통해 이뤄졌다.",
            "협약식에는 인공지능산업융합사업단과 누리테크노파크, 혁신도시건설지원단이 함께했다.",
        ),
        "organization",
    )
    assert {"오톰", "한빛메디텍", "인공지능산업융합사업단", "누리테크노파크", "혁신도시건설지원단"} <= set(orgs)
    assert "투자유치" not in orgs


def test_speakers_in_broadcast_captions_and_heads_in_parentheses():
    people = by(
        run(
            "신속 확인과 실증 특례를 받을 수 있기 때문입니다.",
            "구하람 / 한빛대 녹색교통대학원 교수",
            "[인터뷰/ 남궁진 한빛기업도시 마케팅 팀장]",
            "한빛전력(대표이사 사장 구재형)은 26일 본사에서 협약을 체결했다.",
            "한빛도 박수영 행정1부지사는 사업을 설명했다.",
        ),
        "person",
    )
    assert people["구하람"].role == "교수" and people["구하람"].affiliation == "한빛대 녹색교통대학원"
    assert people["남궁진"].role == "팀장"
    assert "구재형" in people and "사장" not in people and "인터뷰" not in people
    assert "박수영" in people


def test_eras_construction_works_and_roles_are_not_organisations():
    orgs = by(
        run(
            "서부산시대를 여는 연약지반개량공사가 시작됐다고 한빛도시공사가 밝혔다.",
            "기업 CEO등 100여명과 제조기업 누리텍이 참석했다.",
        ),
        "organization",
    )
    assert "누리텍" in orgs
    assert not {"서부산시대", "연약지반개량공사", "CEO등", "CEO"} & set(orgs)


def test_named_districts_zones_and_roads_but_not_kinds_of_district():
    places = by(
        run(
            "한빛시는 무계지구와 삼방지구에 이어 5-1생활권 개발에 나선다.",
            "경인고속도로 인근 업무지구와 상업지구, 주거지구를 함께 조성한다.",
        ),
        "place",
    )
    assert {"5-1생활권"} <= set(places)
    assert not {"업무지구", "상업지구", "주거지구"} & set(places)


def test_a_provinces_full_name_is_its_government_beside_the_place_except_where_it_says_where():
    ents = run("한빛전력은 전라남도 및 나주시와 협약을 맺었다. 경상북도의 기초단체장 2명도 참석했다.")
    orgs = by(ents, "organization")
    assert "전라남도" in orgs and "경상북도" not in orgs
    assert "경기도" not in by(run("사업지는 경기도 성남시 수정구 일대다."), "organization")  # an address


def test_ceremonies_are_named_by_the_bare_words_before_them():
    events = by(
        run(
            "한빛전력은 4일 본사에서 ‘2018년 제3차 에너지밸리 기업투자 협약식’을 개최했다고 밝혔다.",
            "지난 5일 열린 가운데 한빛 테크노밸리 착공식에는 200여명이 참석했다.",
            "시는 착공식을 열었다.",
        ),
        "event",
    )
    assert {"2018년 제3차 에너지밸리 기업투자 협약식", "한빛 테크노밸리 착공식"} <= set(events)
    assert "착공식" not in events and not any(name.startswith(("가운데", "지난")) for name in events)


def test_a_numbered_meeting_of_a_committee_is_an_event():
    events = by(run("정부는 서울청사에서 제9차 도시재생특별위원회를 열고 68곳을 선정했다."), "event")
    assert "제9차 도시재생특별위원회" in events


def test_officials_with_department_titles_misread_names_and_acting_heads():
    ents = run(
        "맹은솔 바이오정책과장은 “전략에 맞춰 대응하겠다”고 말했다.",  # the analyser splits 맹 + 은 + 솔
        "주한솔 시 투자유치과장은 “기업이 투자를 결정했다”고 밝혔다.",
        "남궁민 국토부 도시정책관은 “연내 발표한다”고 말했다.",
        "이날 협약식에는 김한결 한빛시장권한대행 등이 참석했다. 육성을 위한 자리였다.",
    )
    people = by(ents, "person")
    assert people["맹은솔"].role == "바이오정책과장"
    assert people["주한솔"].role == "투자유치과장"
    assert people["남궁민"].role == "도시정책관"
    assert people["김한결"].role.endswith("권한대행")
    assert not {"육성을", "육성"} & set(people)


def test_a_programmes_credits_and_speakers_named_with_their_body_only():
    ents = run(
        "(연출 구하람 / 구성 남궁민 / 영상취재 지한결 / 디자인 맹은솔)",
        "한결찬 / 한빛시 자동차 정비검사조합",
        "[윤서하/한빛도 캠퍼스조성팀장 : \"연구소를 유치하겠습니다.\"]",
        "[도유진/누리과학기술원 총장/지난해 3월 : \"산업을 키우겠습니다.\"]",
    )
    people = by(ents, "person")
    assert {n: people[n].role for n in ("구하람", "남궁민", "지한결", "맹은솔")} == {
        "구하람": "연출", "남궁민": "구성", "지한결": "영상취재", "맹은솔": "디자인"}
    assert people["한결찬"].affiliation == "한빛시 자동차 정비검사조합"
    assert people["윤서하"].role == "캠퍼스조성팀장" and people["도유진"].role == "총장"


def test_a_sentences_subject_is_no_areas_name_and_a_city_before_its_district_is_a_place():
    ents = run(
        "대전시는 산업단지를 넓히기로 했다. 고양시 일산서구 대화동 일원에 들어선다.",
        "협약식은 어제 정부세종청사에서 열렸다. 1호선 덕정역 인근이다.",
    )
    places = by(ents, "place")
    assert not any(name.startswith("대전시는") for name in places)
    assert {"고양시", "일산서구", "대화동", "정부세종청사"} <= set(places)
    assert "고양시" not in by(ents, "organization")
    assert not any(name.startswith(("어제", "호선")) for name in places)


def test_listed_bodies_stay_apart_and_generic_committees_campuses_and_visiting_parties_are_no_bodies():
    ents = run(
        "한국산업단지공단 한국정보화진흥원 한국감정원 등 기관이 이전했다.",
        "평가위원회와 실무협의회, 소위원회가 열렸다. 방문단(단장 한결찬 한빛시 부시장)은 공장을 둘러봤다.",
        "가람면 누리리 연세대 원주캠퍼스와 공동캠퍼스가 있다. (사진=한빛도시공사) `누리유치지원센터",
        "셀트리온과 삼성바이오로직스 등 50개 기업이 입주했다.",  # the analyser splits the second name
    )
    orgs = set(by(ents, "organization"))
    assert {"한국산업단지공단", "한국정보화진흥원"} <= orgs and not any(" " in o and "한국감정원" in o for o in orgs)
    assert not {"평가위원회", "실무협의회", "소위원회", "방문단", "공동캠퍼스"} & orgs
    assert "연세대 원주캠퍼스" in orgs and not any(o.startswith(("가람면", "누리리")) for o in orgs)
    assert "한빛도시공사" in orgs and not any(o.startswith(("사진=", "`")) for o in orgs)
    assert "삼성바이오로직스" in orgs


def test_every_iso_country_is_a_place_by_its_korean_name_but_an_acronym_spelled_out_is_not():
    # neither is in the press list (countries.txt): they come from pycountry's Korean names
    ents = run("한빛시 대표단은 몬테네그로와 부르키나파소를 방문했다.", "첨단 아이티(IT) 기술을 적용했다.")
    places = set(by(ents, "place"))
    assert {"몬테네그로", "부르키나파소"} <= places
    assert "아이티" not in places


def test_a_province_heading_an_address_with_a_particle_is_a_place_and_a_marked_company_keeps_no_particle():
    ents = run("누리텍은 경기도 여주시에 있는 기업이다. 한빛군은 ㈜누리텍과 협약을 맺었다.")
    assert "경기도" in by(ents, "place") and "경기도" not in by(ents, "organization")
    orgs = by(ents, "organization")
    assert "누리텍" in orgs and all(not a.endswith("과") for a in orgs["누리텍"].aliases)


def test_towns_and_neighbourhoods_from_the_national_code_list_where_a_place_is_meant():
    ents = run(
        "대저2동 주민센터에서 설명회가 열렸다. 주민들은 옥천면과 시천면에서 왔다.",
        "시민들은 이동 중에 합동 점검을 받았다.",
    )
    places = set(by(ents, "place"))
    assert {"대저2동", "옥천면", "시천면"} <= places
    assert not {"이동", "합동"} & places  # on the list, but ordinary words here


def test_sides_and_parts_of_a_known_place_are_places_but_compass_words_are_not():
    ents = run("서대전과 충북북부, 영남권 기업이 모였다. 서남부 지역은 빠졌다. 회의는 조치원청사에서 열렸다.")
    places = set(by(ents, "place"))
    assert {"서대전", "충북북부", "영남권", "조치원청사"} <= places
    assert "서남부" not in places


def test_a_venue_is_its_building_not_its_floor_or_room_and_a_kind_of_zone_is_no_place():
    ents = run(
        "설명회는 한빛컨벤션센터 3층 컨벤션 2홀에서 열렸다. 직원들은 전용 회의실에서 만났다.",
        "경남거제혁신도시에 입주한다. 한빛특구가 우수특구에 지정됐다.",
    )
    places = set(by(ents, "place"))
    assert "한빛컨벤션센터" in places and not any("홀" in p or "회의실" in p for p in places)
    assert "거제혁신도시" in places and "경남거제혁신도시" not in places
    assert "우수특구" not in places


def test_a_citys_name_is_its_government_where_it_acts_and_the_land_elsewhere():
    ents = run(
        "한빛군은 누리전자와 협약을 맺었다고 밝혔다. 한빛군 관계자는 기대를 밝혔다.",
        "공모에는 남해군 '바다 숨터', 거창군 '마을 부엌'이 선정됐다. 누리전자는 거창군으로 본사를 옮긴다.",
        "산청군에 따르면 사업비는 30억원이다. 산청군 제공",
    )
    places, orgs = set(by(ents, "place")), set(by(ents, "organization"))
    assert {"남해군", "거창군"} <= places and not {"남해군", "거창군"} & orgs
    assert "산청군" in orgs and "산청군" not in places


def test_stations_rivers_ports_and_interchanges_named_after_a_place():
    ents = run(
        "신사업단지는 양재역과 영산강 사이, 목포항 인근에 들어선다. 서해안고속도로 동군산IC에서 가깝다.",
        "지역 주민들은 관련 사항을 보강해 달라고 요청했다.",
    )
    places = set(by(ents, "place"))
    assert {"양재역", "영산강", "목포항", "동군산IC"} <= places
    assert not {"지역", "사항", "보강"} & places


def test_a_list_of_cities_where_something_is_built_is_land_and_a_kind_of_city_has_no_district():
    ents = run("정부는 부산시와 세종시에 시범도시를 조성한다. 혁신도시 인구가 22만명을 넘었다.")
    places, orgs = set(by(ents, "place")), set(by(ents, "organization"))
    assert {"부산", "세종"} <= places and not {"부산시", "세종시"} & orgs
    assert "인구" not in places


def test_dotted_lists_of_towns_districts_and_cities_are_their_units():
    ents = run(
        "단지는 부산 강서구 미음·녹산·송정동 일원에 들어선다. 서울 강북·강서 일대 7곳이 뽑혔다.",
        "6일 전주.군산.완주 일대 15개 실증구역이 지정됐다. 대구 달성군 현풍·유가면 일대에서 기공식이 열렸다.",
    )
    places = set(by(ents, "place"))
    assert {"미음", "녹산", "송정동", "강북", "강서", "전주", "군산", "완주", "현풍", "유가면"} <= places


def test_a_ministry_written_into_a_persons_title_is_an_organisation():
    ents = run("행사에는 구하람 중기부장관이 참석했다. 김누리 농림부장관도 왔다. 한빛 사업본부장이 설명했다.")
    orgs = by(ents, "organization")
    assert "중소벤처기업부" in orgs and "중기부" in orgs["중소벤처기업부"].aliases
    assert "농림부" in orgs and "사업본부" not in orgs


def test_a_province_a_body_is_entrusted_by_is_the_government():
    ents = run("개발공사가 충청북도로부터 위탁받아 사업을 시행한다.")
    assert "충청북도" in by(ents, "organization")
