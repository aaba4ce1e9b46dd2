"""Page layouts met on real Korean news sites, as short invented fixtures:
each test is one layout the reader must survive (see bench/realpages/ for
the real pages these rules are measured on)."""

from __future__ import annotations

from store.clean import parse_page, split_labels

BODY = (
    "한빛시는 지역 산업단지 조성을 위해 올해 100억원을 투입한다고 밝혔다.\n\n"
    "시는 이를 통해 일자리 500개를 만들 계획이라고 설명했다.\n\n"
)


def _body(article) -> list[str]:
    return [p.text for p in article.paragraphs if p.kind == "body"]


def test_a_page_that_starts_with_prose_has_no_title_and_keeps_its_lead():
    a = parse_page(BODY + "시 관계자는 기업 유치에 최선을 다하겠다고 말했다.\n")
    assert a.title == ""
    assert _body(a)[0].startswith("한빛시는 지역 산업단지")
    assert len(_body(a)) == 3


def test_a_short_lead_sentence_is_not_a_headline():
    a = parse_page("신산업 육성을 위한 특구 일곱 곳이 출범합니다.\n특구위원회는 어제 회의를 열고 지방자치단체 일곱 곳을 특구로 지정했습니다.\n")
    assert a.title == ""
    assert _body(a)[0] == "신산업 육성을 위한 특구 일곱 곳이 출범합니다."


def test_labels_are_kept_apart_from_the_title_and_tag_lines_are_never_titles():
    a = parse_page("본문 바로가기\n닫기\n단독\n[포토] 테크노밸리 2단계 착공\n\n" + BODY)
    assert a.title == "테크노밸리 2단계 착공"
    assert a.labels == ["단독", "포토"]
    assert split_labels("[bold] 마크업은 라벨이 아니다") == ("[bold] 마크업은 라벨이 아니다", [])
    assert split_labels("속보 | 한빛시 특구 지정") == ("한빛시 특구 지정", ["속보"])


def test_a_skip_link_beside_the_site_clock_is_no_headline():
    a = parse_page(" date 2024-05-14 본문 바로가기\n한빛 청년창업타운 '입주사 모임' 첫발\n\n입력2024.05.14 09:10\n\n" + BODY)
    assert a.title == "한빛 청년창업타운 '입주사 모임' 첫발"


def test_sentences_glued_without_breaks_become_paragraphs():
    a = parse_page("테크노밸리 2단계 착공\n\n한빛시는 산업단지에 100억원을 투입한다고 밝혔다.김 시장은 일자리를 만들겠다고 말했다.시는 내년 착공한다.\n")
    assert _body(a) == [
        "한빛시는 산업단지에 100억원을 투입한다고 밝혔다.",
        "김 시장은 일자리를 만들겠다고 말했다.",
        "시는 내년 착공한다.",
    ]


def test_bylines_in_common_forms():
    cases = {
        "[한빛일보(대구)=김민수 기자] ": ("한빛일보", ["김민수"]),
        "한빛일보 김민수 기자 2023.11.03 05:30\n\n": ("한빛일보", ["김민수"]),
    }
    for byline, (outlet, names) in cases.items():
        a = parse_page("테크노밸리 2단계 착공\n\n" + byline + BODY)
        assert (a.outlet, [r.name for r in a.reporters]) == (outlet, names), byline
    a = parse_page("테크노밸리 2단계 착공\n\n" + BODY + "글·사진 김민수\n")
    assert [r.name for r in a.reporters] == ["김민수"]
    a = parse_page("테크노밸리 2단계 착공\n\n" + BODY + "김민수 kms@hanbit.example.kr\n")
    assert [(r.name, r.email) for r in a.reporters] == [("김민수", "kms@hanbit.example.kr")]
    a = parse_page("테크노밸리 2단계 착공\n\n" + BODY + "취재기자\n")
    assert a.reporters == []


def test_date_labelled_date():
    a = parse_page("테크노밸리 2단계 착공\n\ndate 2026-01-14\n\n" + BODY)
    assert a.published == "2026-01-14"


SCRIPT = """◀ANC▶
한빛군 산업단지 부지 안에
내년 말까지 연구센터가 건립됩니다.
지역 대학과 기업이 함께 참여하는
연구와 창업 시설의 효과가
벌써부터 주목되고 있습니다
김민수 기자가 보도합니다.
◀VCR▶
전국 여러 곳에 세워진 연구센터는
행정기관과 대학, 기업 사이의
협력을 통해 지역 기술혁신을
뒷받침하는 시설입니다.
한빛뉴스 김민수입니다.
◀END▶
"""


def test_a_hard_wrapped_broadcast_script_is_joined_into_sentences():
    a = parse_page(SCRIPT)
    assert a.title == ""
    assert _body(a)[0] == "한빛군 산업단지 부지 안에 내년 말까지 연구센터가 건립됩니다."
    assert "벌써부터 주목되고 있습니다" in _body(a)[1]
    assert not any("◀" in p.text for p in a.paragraphs)
    assert [r.name for r in a.reporters] == ["김민수"]


def test_a_tip_off_box_is_not_body():
    a = parse_page(
        "테크노밸리 2단계 착공\n\n"
        + BODY
        + "※ '당신의 제보가 뉴스가 됩니다' 한빛방송은 여러분의 소중한 제보를 기다립니다.\n"
        + "[카카오톡] 한빛방송 검색해 채널 추가 [전화] 02-000-0000\n"
    )
    assert len(_body(a)) == 2
    assert all(p.kind not in ("body", "heading") or "제보" not in p.text for p in a.paragraphs)


def test_an_ordinary_page_with_short_lines_is_not_joined():
    a = parse_page(
        "한빛시, 특구 지정\n박민수 기자\n입력 : 2023.05.10 06:00\n수정 : 2023.05.10 07:12\n"
        "한빛시가 특구 2단계 사업에 착수한다.\n시는 10일 이런 계획을 밝혔다.\n"
    )
    assert a.title == "한빛시, 특구 지정"
    assert (a.published, a.modified) == ("2023-05-10T06:00:00+09:00", "2023-05-10T07:12:00+09:00")


def test_obfuscated_mail_comment_widgets_and_summary_notices_are_not_body():
    a = parse_page(
        "한빛군, 농공단지 투자협약 체결\n"
        + BODY
        + "◎공감언론 한빛통신 [email protected]\n"
        + "댓글삭제\n삭제한 댓글은 다시 복구할 수 없습니다.\n그래도 삭제하시겠습니까?\n"
        + "한빛픽의 주요 문장 추출 기술을 사용하여 요약한 결과입니다. 본문 전체 읽기를 권장합니다.\n"
    )
    assert len(_body(a)) == 2


def test_bracket_dateline_with_a_non_wire_outlet():
    a = parse_page("[한빛=쿠키뉴스] 김민수 기자 = 한빛군은 1일 군수실에서 80억원 규모의 투자협약을 체결했다.\n\n" + BODY)
    assert (a.outlet, a.dateline, [r.name for r in a.reporters]) == ("쿠키뉴스", "한빛", ["김민수"])


def test_a_one_word_top_line_is_not_the_headline():
    a = parse_page("경제홍길동\n\n한빛시 혁신도시 인구 20만명 돌파\n\n입력 | 2021-02-23 13:38\n" + BODY)
    assert a.title == "한빛시 혁신도시 인구 20만명 돌파"
    assert [r.name for r in a.reporters] == ["홍길동"]  # the section name glued to the reporter's


def test_a_site_header_with_a_slash_menu_and_a_stamp_with_a_bar():
    a = parse_page(
        "최종편집 : 2025-05-08 | 오전 10:03:31\n\n검색\n정치/지방자치사회/경제교육/문화농업/환경기관 동정\n\n"
        "뉴스 > 경제\n\n한빛 일반산업단지 계획 승인\n\n- 한빛도 산업단지계획심의위원회 심의의결 -\n\n"
        "2012년 10월 23일 [한빛일보]\n\n" + BODY
    )
    assert a.title == "한빛 일반산업단지 계획 승인"
    assert a.subtitles == ["한빛도 산업단지계획심의위원회 심의의결"]
    assert a.published == "2012-10-23"


def test_a_long_opening_paragraph_then_a_list_of_other_articles():
    lead = "한빛도는 한빛 일반산업단지 계획을 승인했다고 2일 밝혔다. " * 5
    a = parse_page(lead + "\n댓글 많은 뉴스\n[단독] 다른 기사의 제목이 여기에 온다\n다른 기사 제목 둘째\n")
    assert a.title == ""
    assert _body(a) == [lead.strip()]


def test_a_script_run_together_with_inline_cues():
    a = parse_page(
        "<앵커>정부가 시범도시 다섯 곳을 선정하기로 했습니다.보도에 김민수 기자입니다.<기자>이르면 이달 말 로드맵이 발표됩니다.\n"
    )
    assert not any("<" in p.text for p in a.paragraphs)
    assert _body(a)[0] == "정부가 시범도시 다섯 곳을 선정하기로 했습니다."
    assert [r.name for r in a.reporters] == ["김민수"]


def test_an_image_credit_in_brackets_is_a_caption():
    a = parse_page("테크노밸리 2단계 착공\n\n" + BODY + "[자료: 한빛이미지뱅크]\n")
    assert [p.kind for p in a.paragraphs if "자료" in p.text] == ["caption"]


def test_a_portal_summary_credits_the_paper():
    a = parse_page(BODY + "한빛픽의 주요 문장 추출 기술을 사용하여 “중도일보” 기사 내용을 3줄로 요약한 결과입니다.\n")
    assert a.outlet == "중도일보"
    assert len(_body(a)) == 2


def test_bracket_bylines_of_outlets_the_table_does_not_know():
    a = parse_page("[한빛투데이(누리)=김민수 기자]한빛군 산업단지에 100억원이 투입된다고 5일 밝혔다.\n\n" + BODY)
    assert (a.outlet, a.dateline, [r.name for r in a.reporters]) == ("한빛투데이", "누리", ["김민수"])
    a = parse_page("(한빛뉴스 통신사=김민수 기자) 한빛시는 11일 기자회견을 열고 사업 추진을 발표했습니다.\n\n" + BODY)
    assert a.dateline is None


def test_a_bare_stamp_under_the_headline_and_a_comment_form_after_the_body():
    a = parse_page(
        "한빛혁신도시 에너지밸리 틀 갖춰간다\n2018-04-26 18:02\n" + BODY
        + "태그\n\n전체댓글 0\n\n비밀번호 :\n메일보내기닫기\n보내는 분 이메일\n받는 분 이메일\n"
    )
    assert a.published == "2018-04-26T18:02:00+09:00"
    assert len(_body(a)) == 2


def test_a_portal_summary_before_the_wire_article():
    summary = "한빛시와 누리도는 올해 하반기 36개 기업과 투자협약을 체결했다고 25일 밝혔다.\n"
    a = parse_page(
        "한빛시 36개 기업과 투자협약\n" + summary + "이 사업은 2015년부터 함께 추진하고 있다.\n"
        "총 투자규모 1235억원 기대\n(한빛=뉴스1) 김민수 기자 = " + summary
    )
    assert (a.outlet, a.dateline, [r.name for r in a.reporters]) == ("뉴스1", "한빛", ["김민수"])


def test_a_stamp_opening_the_lead_and_an_outlet_before_the_lead_byline():
    a = parse_page(" date 2025-11-18 한빛시 강서구에 스마트서비스를 모은 국가시범도시가 조성된다고 17일 밝혔다.\n\n" + BODY)
    assert a.published == "2025-11-18"
    assert _body(a)[0].startswith("한빛시 강서구에")
    a = parse_page("한빛 스마트시티 착공\n\n한빛건설신문 김민수 기자 = 한빛시는 최근 착공식을 열었다고 밝혔다.\n\n" + BODY)
    assert (a.outlet, [r.name for r in a.reporters]) == ("한빛건설신문", ["김민수"])
    a = parse_page("한빛 에너지밸리 재시동\n\n입력 2018.04.26. 17:01 수정 2018.05.04. 10:18 댓글 0개\n\n" + BODY)
    assert (a.published, a.modified) == ("2018-04-26T17:01:00+09:00", "2018-05-04T10:18:00+09:00")


def test_the_headline_is_the_block_just_above_its_stamp_not_the_menu_before_it():
    page = (
        "메뉴 건너뛰기\n통합검색 입력 폼\n지금 한빛은\n\n한빛NEWS 상세\n행정\n"
        "[리포트] 한빛 특구 지정, 명실상부 '수소도시'\n송고시간2024/03/05 19:00\n\n" + BODY
    )
    a = parse_page(page)
    assert a.title == "한빛 특구 지정, 명실상부 '수소도시'"  # '[리포트]' is a script cue, dropped
    assert a.published.startswith("2024-03-05")
    # title, subtitle and stamp in one block: the first line stays the headline
    b = parse_page("한빛시 특구 지정\n수소 선박 실증 길 열려\n입력 2024.03.05 19:00\n\n" + BODY)
    assert b.title == "한빛시 특구 지정" and b.subtitles == ["수소 선박 실증 길 열려"]


def test_a_script_with_bare_cues_and_blank_lines_inside_sentences_keeps_its_lead():
    script = (
        "앵커> 한빛강에서 수소 유람선을 볼 날도\n\n머지 않아 보입니다.\n\n"
        "정부가 한빛시를 특구로 지정했는데\n수소 선박과 지게차 생산이\n모두 한빛에서 가능해져\n입지가 \n\n확고해졌습니다.\n\n"
        "구하람 기잡니다.\n\n"
        "리포트> 한빛시가 '수소 모빌리티 특구'로 \n\n지정됐습니다.\n\n앞서 지난 7월 심사에서 탈락되는 \n\n"
        "아픔이 있었지만\n재도전 끝에 최종 선정됐습니다.\n"
    )
    a = parse_page("수소도시 한빛 특구 지정\n송고시간2024/03/05 19:00\n\n" + script)
    body = _body(a)
    assert body[0] == "한빛강에서 수소 유람선을 볼 날도 머지 않아 보입니다."
    assert "한빛시가 '수소 모빌리티 특구'로 지정됐습니다." in body
    assert [r.name for r in a.reporters] == ["구하람"]


def test_an_unknown_outlet_is_read_from_its_full_copyright_notice_and_its_byline():
    page = BODY + "구하람 한빛소식 기자 haram@example.kr\n<저작권자 © 한빛소식, 무단 전재 및 재배포 금지>\n"
    a = parse_page("한빛시, 산업단지 조성에 100억\n\n" + page)
    assert a.outlet == "한빛소식"
    assert [(r.name, r.email) for r in a.reporters] == [("구하람", "haram@example.kr")]
    b = parse_page("한빛시, 산업단지 조성에 100억\n\n" + BODY + "저작권자 © 한빛시민기자협회 무단전재 및 재배포 금지\n")
    assert b.outlet == "한빛시민기자협회"
    c = parse_page("한빛시, 산업단지 조성에 100억\n\n" + BODY + "ⓒ 구하람\n")  # a photo credit names no outlet
    assert c.outlet is None


def test_a_dash_subtitle_opening_the_page_is_not_its_headline_and_markup_stays_out():
    a = parse_page("- 의료기기 등 30개 기업 입주 예정\n\nwidth=450\n종합 14면\n" + BODY)
    assert a.title == ""
    assert _body(a)[0].startswith("한빛시는 지역 산업단지")
    assert not any(t in ("width=450", "종합 14면") for t in _body(a))


def test_a_script_with_every_line_apart_is_joined_into_sentences_and_its_tag_leaves_the_title():
    fragments = [
        "한빛 과학단지 46년 만에 재창조/리포트", "◀앵커▶", "대한민국 과학기술의 심장인", "한빛 과학단지가",
        "46년 만에 재창조를 선언했습니다.", "과감히 담장을 허물고 기업과 상생하는", "창업 생태계를 만들어 단지의 체질을",
        "완전히 바꾸겠다는 구상입니다.", "구하람 기자가 보도합니다.", "◀리포트▶", "올해 초 정부는",
        "한빛을 선도 도시로 만들겠다고 약속했습니다.", "연구소 기업 7,500개와 고용인력 30만 명",
        "달성 등 구체적 목표도 밝혔습니다.",
    ]
    a = parse_page("\n\n".join(fragments) + "\n")
    assert a.title == "한빛 과학단지 46년 만에 재창조"
    body = _body(a)
    assert body[0] == "대한민국 과학기술의 심장인 한빛 과학단지가 46년 만에 재창조를 선언했습니다."
    assert "올해 초 정부는 한빛을 선도 도시로 만들겠다고 약속했습니다." in body


def test_a_weather_strip_and_a_credited_photo_caption_are_never_the_headline():
    weather = "".join(f"  • 맑음{p} -{n}.1℃\n" for n, p in enumerate(["동두천", "강릉", "서울", "대전"])) + "  • -거제 0.2℃\n기상청 제공\n\n"
    a = parse_page(weather + "한빛시, 산업단지 실무협의회 개최\n\n" + BODY)
    assert a.title == "한빛시, 산업단지 실무협의회 개최"
    caption = "한빛시 북구 첨단지구에서 열린 '집적단지 착공식'. / 제공=한빛시\n\n"
    b = parse_page(caption + "국가 집적단지가 22일 착공식과 함께 본격적인 조성에 들어갔다.\n\n" + BODY)
    assert b.title == ""


def test_a_script_signs_off_with_its_outlet_and_hashtags_and_end_marks_stay_out():
    script = (
        "한빛 특화단지 7곳 지정\n[앵커]\n정부가 특화단지 7곳을 선정해 발표했습니다.\n구하람 기자입니다.\n[기자]\n"
        "반도체 분야 특화단지로는 한빛과 누리가 지정됐습니다.\n한빛뉴스TV 구하람입니다.\n#반도체 #이차전지 #디스플레\n(끝)\n"
    )
    a = parse_page(script)
    assert a.outlet == "한빛뉴스TV"
    assert [r.name for r in a.reporters] == ["구하람"]
    assert not any(t.startswith("#") or t == "(끝)" for t in _body(a))


def test_a_stamp_glued_to_a_menu_word_names_no_reporter():
    a = parse_page("한빛시 특구 2단계 지원\n수정 : 2025.05.29 14:00기사원문\n\n" + BODY + "haram@example.kr 구하람 기자\n")
    assert [r.name for r in a.reporters] == ["구하람"]


def test_bar_letter_separators_doubled_bylines_and_bare_credits():
    a = parse_page("한빛시 18개 기업 투자 유치\n\n[한빛일보ㅣ내포=구하람 기자] " + BODY)
    assert a.outlet == "한빛일보" and a.dateline == "내포"
    assert [r.name for r in a.reporters] == ["구하람"]
    b = parse_page("한빛시 투자유치 로드쇼 결실\n  • 승인 2025-02-19 11:47\n  • 구하람 기자구하람 기자\n\n" + BODY)
    assert [r.name for r in b.reporters] == ["구하람"]
    c = parse_page("제공 = 한빛전력\n\n한빛전력은 30일 본사에서 10개 기업과 투자협약을 체결했다.\n\n" + BODY)
    assert c.title == ""


def test_a_wire_revision_mark_is_a_label_and_a_masthead_keeps_only_its_name():
    assert split_labels("한빛시, 블록체인 특구 지정(종합)") == ("한빛시, 블록체인 특구 지정", ["종합"])
    assert split_labels("한빛 산단 착공 (2보)") == ("한빛 산단 착공", ["2보"])
    page = "한빛뉴스 본문 바로가기 메뉴 바로가기\n\n뉴스 검색어 입력 양식\n\n한빛시, 블록체인 특구 지정(종합)\n\n송고시간2019-07-24 14:00\n\n" + BODY
    a = parse_page(page)
    assert a.title == "한빛시, 블록체인 특구 지정" and a.labels == ["종합"]
    assert a.outlet == "한빛뉴스"


def test_outlet_equals_name_leads_series_tags_and_cut_copyright_lines():
    a = parse_page("한빛시, 테크노밸리 조성 본격화\n\n한빛지역신문=구하람 기자> " + BODY)
    assert a.outlet == "한빛지역신문" and [r.name for r in a.reporters] == ["구하람"]
    b = parse_page("[2023 한빛 데이터산업 토론회]“데이터 산업은 첨단 도시의 밑거름”\n\n기자명 구하람\n\n" + BODY)
    assert b.title == "“데이터 산업은 첨단 도시의 밑거름”" and b.labels == ["2023 한빛 데이터산업 토론회"]
    assert "기자명" not in [r.name for r in b.reporters]
    c = parse_page("한빛 경제자유구역 재도약\n\n[앵커]\n" + BODY + "한빛TV 구하람입니다.\nCopyrights ⓒ TV\n")
    assert c.outlet == "한빛TV"


def test_a_page_that_kept_only_its_decks_has_no_headline_but_a_headline_apart_from_its_subtitle_stays():
    decks = parse_page("410억 투입 2027년까지 조성… 융복합산업 주도\n한빛 일원… 중부권 혁신성장 거점 역할 기대\n" + BODY)
    assert decks.title == ""
    assert decks.subtitles == ["410억 투입 2027년까지 조성… 융복합산업 주도", "한빛 일원… 중부권 혁신성장 거점 역할 기대"]
    assert _body(decks)[0].startswith("한빛시는 지역 산업단지")
    headline = parse_page("한빛에 바이오산단 조성한다\n\n한빛도, 2027년 9월 착공\n\n\n" + BODY)
    assert headline.title == "한빛에 바이오산단 조성한다" and headline.subtitles == ["한빛도, 2027년 9월 착공"]


def test_a_dateline_then_the_outlet_then_the_reporter():
    a = parse_page("한빛시 도시재생 선정\n\n[한빛(경남)=누리한국 구하람 기자] " + BODY)
    assert a.outlet == "누리한국" and a.dateline == "한빛" and [r.name for r in a.reporters] == ["구하람"]
    b = parse_page("한빛 특구 성과 공유\n\n안동=누리에너지 구하람 기자 " + BODY)
    assert b.outlet == "누리에너지" and [r.name for r in b.reporters] == ["구하람"]
    c = parse_page("한빛 업무지구 지도 바뀐다\n\n[ 한빛신문 = 구하람 기자 ]\n\n" + BODY)
    assert c.outlet == "한빛신문"


def test_site_clocks_scene_captions_and_image_residue_are_not_headlines():
    a = parse_page("로그인 회원가입\n최종편집:2024-04-16 09:46 (화)\n한빛시, 이차전지 산업단지로 도약\n  • 구하람 기자\n\n" + BODY)
    assert a.title == "한빛시, 이차전지 산업단지로 도약"
    b = parse_page("한빛 이노베이션밸리 조감도.\n한빛 이노베이션밸리 조감도.\n\n" + BODY)
    assert b.title == ""
    c = parse_page("![]() |\n한빛국가산업단지 전경. 한빛시 제공 |\n" + BODY)
    assert c.title == "" and _body(c)[0].startswith("한빛시는 지역 산업단지")


def test_print_pointers_translation_notes_and_content_notices_stay_out():
    page = (
        "한빛시, 도시재생 뉴딜로 변신\n\n한빛시가 도시재생 뉴딜사업을 펼치면서 이미지 변신을 시도하고 있다. ★관련기사 2면\n\n" + BODY
        + "*아래는 위 기사를 '구글 번역'으로 번역한 영문 기사의 [전문]입니다.\n< 한빛신문의 콘텐츠는 저작권법의 보호를 받습니다 >\n"
    )
    a = parse_page(page)
    assert _body(a)[0] == "한빛시가 도시재생 뉴딜사업을 펼치면서 이미지 변신을 시도하고 있다."
    assert not any("구글" in t or "콘텐츠는" in t for t in _body(a))
    assert a.outlet == "한빛신문"


def test_outlets_no_table_knows_named_by_their_bylines_and_photo_credits():
    cases = {
        # a bracket byline's first word is the outlet, whatever its ending
        "[누리로컬 구하람 기자] ": ("누리로컬", ["구하람"]),
        "[누리여성뉴스/구하람시민기자] ": ("누리여성뉴스", ["구하람"]),
        # the site's name before the reporter, then a bar
        "누리로컬 구하람 기자 |\n\n": ("누리로컬", ["구하람"]),
        # a wire-style opener on its own line
        "(한빛=누리통신) 구하람 기자 =\n": ("누리통신", ["구하람"]),
    }
    for byline, (outlet, names) in cases.items():
        a = parse_page("테크노밸리 2단계 착공\n\n" + byline + BODY)
        assert (a.outlet, [r.name for r in a.reporters]) == (outlet, names), byline
    # a place or a desk before the name is no outlet
    a = parse_page("테크노밸리 2단계 착공\n\n[대구 구하람 기자] " + BODY)
    assert a.outlet is None
    # only a photo credit names the paper
    a = parse_page("테크노밸리 2단계 착공\n\n▲ 한빛시 산업단지 전경. (사진=한빛시 제공) © 누리매일\n\n" + BODY)
    assert a.outlet == "누리매일"


def test_the_sites_own_copyright_notice_wins_and_a_longer_byline_name_completes_it():
    # a partner's bare mark above the site's own notice
    page = "테크노밸리 2단계 착공\n\n" + BODY + "ⓒ 세상을 읽는 창, 한빛일보 & hanbit.example\n\n[저작권자ⓒ 누리로컬타임즈. 무단전재-재배포 금지]\n"
    assert parse_page(page).outlet == "누리로컬타임즈"
    # the notice's short form, the bracket byline's full one
    page = "테크노밸리 2단계 착공\n\n[누리경제신문 구하람 기자] " + BODY + "저작권자 © 누리경제 무단전재 및 재배포 금지\n"
    assert parse_page(page).outlet == "누리경제신문"
    # a table outlet inside a longer name is not that outlet
    page = "테크노밸리 2단계 착공\n\n" + BODY + "Copyright ⓒ 디지털한겨레신문&hani.example\n"
    assert parse_page(page).outlet != "한겨레"


def test_a_ministrys_press_page_dates_itself_and_names_its_issuer():
    page = (
        "본문 바로가기 메인메뉴 바로가기\n\n이 누리집은 대한민국 공식 전자정부 누리집입니다.\n\n뉴스\n\n콘텐츠 영역\n\n"
        "산업단지를 스마트시티로…통합 공모 출범\n\n올해 18곳 선정, 262억원 규모\n\n2020.01.17 한빛혁신부\n목록\n\n" + BODY
    )
    a = parse_page(page)
    assert a.title == "산업단지를 스마트시티로…통합 공모 출범"
    assert (a.published, a.outlet) == ("2020-01-17", "한빛혁신부")
    assert all("누리집" not in p.text and p.text != "콘텐츠 영역" for p in a.paragraphs)


def test_a_page_that_lost_its_headline_and_opens_with_one_deck_has_no_title():
    decks = (
        "누리테크·한빛소재와 협약… 1,200억 원 투자·300명 고용 기대",  # an expectation
        "오늘 협약식, 2027년 기업 입주…한빛시 세 번째 테크노밸리",  # a day relative to the story
        "3,500억원 투자 2028년 준공",  # a sum first
        "누리테크, 한빛소재, 가람금속 등",  # a list left open
        "한빛읍 가람리 일원 29만㎡",  # a bare figure
    )
    for deck in decks:
        a = parse_page(deck + "\n" + BODY)
        assert (a.title, a.subtitles) == ("", [deck]), deck
        assert _body(a)[0].startswith("한빛시는 지역 산업단지")
    # a headline above its stamp stays a headline, whatever its ending
    a = parse_page("한빛 테크노밸리 착공…300명 고용 기대\n입력 2024.05.01 10:00\n\n" + BODY)
    assert a.title == "한빛 테크노밸리 착공…300명 고용 기대"
    # and a plain headline followed at once by its story stays one
    assert parse_page("한빛시, 테크노밸리 2단계 착공\n" + BODY).title == "한빛시, 테크노밸리 2단계 착공"


def test_a_photo_caption_before_the_decks_and_a_portraits_caption_are_no_headlines():
    page = "▲ 한빛시 도시재생 구상도. 한빛도 제공.\n\n'가람 마을 살리기…문화마을'\n주민 주도 도시재생 추진\n국비로 7월부터 착수\n\n" + BODY
    a = parse_page(page)
    assert a.title == "" and a.subtitles[:2] == ["'가람 마을 살리기…문화마을'", "주민 주도 도시재생 추진"]
    a = parse_page("구하람 한빛구청장\n[누리로컬=구하람 기자] " + BODY)
    assert a.title == ""


def test_a_broadcasters_programme_slot_and_a_back_to_top_button_are_furniture():
    page = "본문 바로가기\n매일 저녁 8시 35분\n평일 구하람 주말 남궁민\n한빛 특구 '디지털 헬스케어' 중심지로\n키보드 단축키 안내\n\n" + BODY
    assert parse_page(page).title == "한빛 특구 '디지털 헬스케어' 중심지로"
    assert parse_page("위로가기 버튼\n일반기사\n한빛, '탄소 도시' 입증\n\n" + BODY).title == "한빛, '탄소 도시' 입증"


def test_a_script_after_its_cue_is_never_a_subtitle_and_mada_does_not_end_a_sentence():
    page = (
        "한빛 인공지능단지 '청신호'\n\n(앵커)\n인공지능 산업은\n나라마다, 지역마다\n미래의 성장동력으로\n눈독을 들이는 분야입니다.\n\n"
        "한빛시는 집적단지 조성을\n추진하고 있고,\n정부도 지원하고 있습니다.\n\n"
        "여기에 대기업이\n관심을 보이면서\n사업 추진에\n탄력이 붙을 것으로 기대됩니다.\n"
    )
    a = parse_page(page)
    assert a.subtitles == []
    assert _body(a)[0] == "인공지능 산업은 나라마다, 지역마다 미래의 성장동력으로 눈독을 들이는 분야입니다."


def test_captions_by_their_source_or_graphic_tag_and_widget_leftovers_stay_out_of_the_body():
    page = (
        "테크노밸리 2단계 착공\n\n"
        "한빛 신도시는 ‘미래혁신거점도시’. [한빛시]\n\n"
        "블록체인 (PG)\n\n" + BODY + "(0)\n\n@@@\n\ntwitter facebook me2day 요즘\n\n누리타임스 후원\n"
    )
    a = parse_page(page)
    assert _body(a) == [p.strip() for p in BODY.split("\n\n") if p.strip()]
    assert [p.text for p in a.paragraphs if p.kind == "caption"] == ["한빛 신도시는 ‘미래혁신거점도시’. [한빛시]", "블록체인 (PG)"]


def test_a_boards_poster_with_the_stamp_an_image_file_name_and_a_share_prompt():
    page = (
        "한빛 스마트산단 사업단 출범\n\n한빛 스마트산단 사업단 출범\n\nbluesky 2021.01.27 14:01\n\n"
        "0004573330_001_20210127140101402.jpg?type=w647\n\n이 기사를 공유합니다\n\n" + BODY
    )
    a = parse_page(page)
    assert (a.title, a.subtitles, a.published[:16]) == ("한빛 스마트산단 사업단 출범", [], "2021-01-27T14:01")


def test_a_related_videos_heading_after_a_brand_and_a_bylines_domain_without_a_reporter():
    page = "한빛 도시재생 시범사업지 68곳\n\n등록 2017.12.18.\n\n" + BODY + "보스 Studio@donga.com\n\n더보기\n\nVODA 인기 동영상\n"
    a = parse_page(page)
    assert a.outlet == "동아일보"
    assert all("동영상" not in p.text for p in a.paragraphs)


def test_a_series_or_programme_name_over_the_headline_is_not_the_headline():
    for series in ("이슈 신도시 이모저모", "한빛뉴스네트워크 매거진"):
        page = f"{series}\n‘한빛 신도시는 미래혁신거점도시’\n입력 2024.11.25 10:00\n\n" + BODY
        assert parse_page(page).title == "‘한빛 신도시는 미래혁신거점도시’", series
    # a short headline opening with a topic word keeps its subtitle under it
    a = parse_page("경제 활성화 대책\n한빛시, 산업단지에 100억 투입\n입력 2024.11.25 10:00\n\n" + BODY)
    assert a.title == "경제 활성화 대책"
