"""Organisations: known bodies and companies from the gazetteer, Korean city
governments ("포항시"), and words ending in an organisation suffix
("솔크연구소", "스탠포드대", "헤리티지 재단"), extended left over the proper
nouns that belong to the name ("포스텍 박태준 미래전략연구소")."""

from __future__ import annotations

import re
from functools import lru_cache

from ..hangul import all_syllables
from .found import Doc, Found, words_before
from .gazetteer import Gazetteer
from .morph import Word

#: How companies name themselves ('태림산업', '대경엔지니어링', '에너낙코리아'): words of a
#: trade too, so a proper noun, a Latin name or a place must carry them (_WEAK).
COMPANY_SUFFIXES = (
    "전자", "제약", "화학", "중공업", "엔지니어링", "하이텍", "코리아", "양조", "테라퓨틱스",
    "컨설팅", "케미칼", "모터스", "물산", "상사", "일렉트릭", "솔루션즈", "시스템즈", "파마", "메디칼", "인터내셔널",
)
#: Suffixes that make a word an organisation, longest first.
SUFFIXES = (
    "상공회의소", "태스크포스", "소사이어티", "대학교", "대학원", "연구소", "진흥원", "협의회", "위원회",
    "자문위", "한인회", "연합회", "조합", "재단", "협회", "학회", "대학", "센터", "그룹", "공사", "공단",
    "은행", "증권", "홀딩스", "의회", "아카데미", "연구원", "개발원", "평가원", "정보원", "박물관", "과학관",
    "사업단", "추진단", "기획단", "지원단", "사업소", "분석소", "품질원", "관리원", "시험원", "기술원", "진흥회",
    "테크노파크", "캠퍼스", "건설청", "연수원", "교육원", "인재개발원", "표준원", "종자원", "병원", "의료원", "보건소",
    *COMPANY_SUFFIXES,
)
#: Suffixes that name nothing on their own: "재단" alone needs the words before it.
_BARE = {"재단", "협회", "연구소", "센터", "협의회", "위원회", "한인회", "소사이어티", "대학", "대학원", "아카데미", "박물관", "그룹",
         "사업단", "추진단", "기획단", "지원단", "사업소", "캠퍼스", "테크노파크"}
#: A bare "연구원"/"센터" after these is a job or a generic place, not a name.
_NOT_NAME = {
    "이번", "이날", "지난", "현재", "최근", "당시", "특히", "또", "또한", "전국", "국내", "해외", "국내외", "지역",
    "관계자", "방문단", "일행", "기업", "글로벌", "세계", "첨단", "주요", "각", "모든", "해당", "우리", "현지",
    "출신", "소속", "산하", "전", "현", "및", "등", "간", "중", "내", "측", "대표", "전용",
    # committees and units named by what they do, not by whom: '평가위원회', '실무협의회'
    "평가", "소", "실무", "분과", "심의", "특별", "운영", "자문", "부설", "기업부설",
}
#: Suffixes of a unit inside a named body: '한빛대 원주캠퍼스', '누리전자 부설연구소'.
_UNITS = frozenset("연구소 센터 캠퍼스 대학원 사업단 추진단 기획단 지원단 위원회 협의회 사업소 병원 연구원 재단".split())
_ADDRESS_UNIT = re.compile(r"[가-힣]{1,4}(?:읍|면|동|리)")
#: Suffixes too common in plain nouns ("과학박물관", "컨벤션센터") to trust without a proper noun.
_WEAK = {"센터", "캠퍼스", "박물관", "과학관", "그룹", "아카데미", "공사", "은행", "증권", "조합", "홀딩스", "연구원", "병원", "의료원", "교육원",
         *COMPANY_SUFFIXES}
#: Words that open many organisation names: "세계 한인무역협회", "한국 무역협회".
_OPENERS = {"세계", "국제", "한국", "대한", "아시아", "재외", "전국", "범"}
_NOT_UNIVERSITY = {
    "세대", "시대", "확대", "최대", "기대", "강대", "거대", "극대", "대대", "반대", "절대", "상대", "연대",
    "접대", "현대", "근대", "고대", "무대", "부대", "군대", "관대", "과대", "막대", "증대", "중대", "성대",
    "위대", "초대", "교대", "지대", "토대", "침대", "경대", "열대", "한대", "온대", "금세대", "차세대",
}
#: Endings that make '…대' an era or a size, not a university: '서부산시대', '광주시대'.
_NOT_UNIVERSITY_TAILS = tuple(_NOT_UNIVERSITY)
#: What '…공사' is built by when it is works: '개량공사', '확장공사', '정비공사'.
_WORKS = ("개량", "확장", "정비", "보수", "건설", "건축", "토목", "포장", "설치", "착공", "준공", "복구", "이전", "신축", "증축")
_UC = re.compile(r"^UC[가-힣A-Za-z]+$|^[A-Z]{2,6}$")


_SUFFIX_TAIL = re.compile("(?:" + "|".join(sorted(SUFFIXES, key=len, reverse=True)) + ")$")


@lru_cache(maxsize=65536)
def suffix_of(stem: str) -> str | None:
    m = _SUFFIX_TAIL.search(stem)
    return m.group() if m else None


def is_university_abbrev(w: Word) -> bool:
    """"한동대", "스탠포드대": a proper noun plus 대."""
    s = w.stem
    return (
        len(s) >= 3 and s.endswith("대") and w.nnp and not s.endswith(_NOT_UNIVERSITY_TAILS) and all_syllables(s)
    )


#: org_name's answers by (stem, proper noun): every article asks of its every word, and
#: most words recur; emptied when it grows past _MEMO_LIMIT (one gazetteer per process).
_MEMO: dict[tuple[str, bool], str | None] = {}
_MEMO_LIMIT = 200_000


def org_name(w: Word, g: Gazetteer) -> str | None:
    """The organisation this one word names, if it names one by itself."""
    key = (w.stem, w.nnp)
    if key in _MEMO:
        return _MEMO[key]
    if len(_MEMO) >= _MEMO_LIMIT:
        _MEMO.clear()
    name = _MEMO[key] = _org_name(w, g)
    return name


def _org_name(w: Word, g: Gazetteer) -> str | None:
    s = w.stem
    if s in g.orgs:
        return g.orgs[s]
    if s in g.korean_city_orgs:
        return g.korean_city_orgs[s]
    if s.endswith("사") and s[:-1] in g.orgs and len(s) > 2:
        return g.orgs[s[:-1]]  # 애플사 -> 애플
    if s.startswith("UC") and len(s) > 3 and _UC.match(s):
        return s
    if s.endswith("대") and is_university_abbrev(w):
        return s
    suf = suffix_of(s)
    if suf and s != suf and len(s) > len(suf) and s[: -len(suf)] not in _NOT_NAME:
        if suf in _WEAK and not (w.nnp or s[0].isascii() or s[: -len(suf)] in g.places or _named_after_a_place(s[: -len(suf)], g)):
            return None  # '바이오캠퍼스' is a kind of campus; '한빛캠퍼스' and '제주캠퍼스' are named
        if suf == "공사" and s[: -len(suf)].endswith(_WORKS):
            return None  # '연약지반개량공사', '도로확장공사': construction works, not a public corporation
        return s
    # A city council or city hall of a Korean city: 포항시의회, 고양시청
    return None


def _named_after_a_place(head: str, g: Gazetteer) -> bool:
    """'고양도시관리공사', '부산정보산업진흥원': a Korean place's name opens it, and more follows."""
    return any(head[:n] in g.korean_bare and len(head) - n >= 2 for n in (2, 3))


#: Particles that make a city's name its government: it says, signs, owns ('한빛시는 …
#: 밝혔다', '한빛시와 협약', '한빛시의 사업'); without one, or with 에/에서/로, it is the land.
_ACTING = ("은", "는", "이", "가", "도", "와", "과", "와의", "과의", "와는", "과는", "의", "에게", "으로부터", "로부터", "만", "까지도")


#: Particles that say where: '…에 조성한다', '…로 옮긴다'.
_WHERE = ("에", "에서", "로", "으로", "에는", "에서는", "까지")
#: Words after a city's bare name that make it the government: its people, offices and acts.
_GOVERNMENT_WORDS = frozenset(
    "관계자 관계자는 관계자들 공무원 공무원들 직원 직원들 측 담당자 시장 군수 부시장 부군수 의회 시의회 군의회 "
    "주최 주관 후원 예산 대표단 방문단 공모 행정 정책 투자유치 발표 계획 방침 자료 간 간의 간에 제공 사진제공".split()
)


def _acts(w: Word, after: Word | None, g: Gazetteer) -> bool:
    if w.josa in ("와", "과") and after is not None and after.stem in g.korean_city_orgs and after.josa in _WHERE:
        return False  # '한빛시와 누리시에 조성한다': a list of where
    if w.josa.startswith(",") or w.josa.rstrip(",.") in _ACTING:
        return True  # '한빛시, 누리기업 유치' (a headline's subject), '한빛시는 … 밝혔다'
    if after is not None and w.josa == "에" and after.text.startswith("따르면"):
        return True  # '한빛시에 따르면': the city speaks
    if w.josa or after is None:
        return False
    return (
        after.stem in _GOVERNMENT_WORDS
        or (len(after.stem) >= 3 and after.stem.endswith(("과", "국", "팀", "실", "본부", "사업소")))
        or (after.stem not in g.korean_city_orgs and org_name(after, g) is not None)  # '한빛시·한빛도시공사'
    )


def find(doc: Doc, g: Gazetteer) -> list[Found]:
    out: list[Found] = []
    for p in doc.paras:
        ws = p.words
        for i, w in enumerate(ws):
            if w.stem in g.korean_city_orgs and not w.stem.endswith("청") and not _acts(w, ws[i + 1] if i + 1 < len(ws) else None, g):
                # '사천시 …, 밀양시 …가 선정됐다', '양산시에 들어선다': the city as land
                out.append(Found("place", w.stem, p.index, w.stem_start, w.stem_end))
                continue
            name = org_name(w, g)
            bare = w.stem in _BARE
            if not name and not bare:
                if whole := _known_word(w, g):  # '삼성바이오로직스' read as '…로직' + a verb: the list knows it
                    out.append(Found("organization", g.orgs[whole], p.index, w.stem_start, w.stem_start + len(whole)))
                continue
            known = w.stem in g.orgs or w.stem in g.korean_city_orgs or (w.stem[:-1] in g.orgs and w.stem.endswith("사"))
            # Extend left over josa-less proper nouns that belong to the name.
            def take(prev: Word, left: list[Word]) -> bool:
                if _ADDRESS_UNIT.fullmatch(prev.stem):
                    return False  # '가람면 누리리 한빛대 캠퍼스': the address says where, it is no part of the name
                if org_name(prev, g) and not bare and suffix_of(w.stem) not in _UNITS:
                    return False  # '한빛공단 누리진흥원': two bodies listed, not one name
                opener = prev.stem in _OPENERS and not left and not known
                if not opener and (prev.stem in _NOT_NAME or not _nameish(prev, g, allow_common=bare)):
                    return False
                return not known or prev.stem in g.countries

            left = words_before(p, i, take)
            if bare and not any(x.nnp or _latin(x.stem) or org_name(x, g) or x.stem in g.places for x in left):
                continue
            if left:
                full = " ".join([x.stem for x in left] + [w.stem])
                if known and not bare:
                    # "미국 국무부" is in the list as a whole; otherwise a known
                    # body keeps its own name and the words before it are context.
                    joined = " ".join(x.stem for x in left[-1:]) + " " + w.stem
                    if joined in g.orgs:
                        out.append(Found("organization", g.orgs[joined], p.index, left[-1].stem_start, w.stem_end))
                        continue
                    out.append(Found("organization", name or w.stem, p.index, w.stem_start, w.stem_end))
                    continue
                out.append(Found("organization", full, p.index, left[0].stem_start, w.stem_end))
                # A unit of a named body is its own organisation too:
                # "카네기멜런대학 블락연구소" names both.
                if name and not bare and org_name(left[-1], g):
                    out.append(Found("organization", name, p.index, w.stem_start, w.stem_end))
            elif name:
                out.append(Found("organization", name, p.index, w.stem_start, w.stem_end))
    return out


#: Particles that may close a known name the analyser did not read as one word.
_TRAILING_SET = frozenset(("에서는", "에서", "으로", "와", "과", "은", "는", "이", "가", "을", "를", "의", "에", "로", "도"))


def _known_word(w: Word, g: Gazetteer) -> str | None:
    """The word as written, without a closing particle, when it is a listed organisation."""
    text = w.text[w.stem_start - w.start :]
    if text[:2] not in g.org_heads and text[:1] not in g.org_heads:
        return None  # no listed name starts so (a name of one character is its own head)
    text = text.rstrip(".,)]’”'\"")
    if text in g.orgs:
        return text
    for n in (3, 2, 1):  # the particles' lengths: three slices, not fifteen endswith
        if text[-n:] in _TRAILING_SET and text[:-n] in g.orgs:
            return text[:-n]
    return None


def _nameish(w: Word, g: Gazetteer, *, allow_common: bool) -> bool:
    s = w.stem
    if not s or any(ch.isdigit() for ch in s):
        return False
    if w.nnp or _latin(s) or s in g.places or org_name(w, g):
        return True
    return allow_common and all_syllables(s) and len(s) >= 2





def _latin(text: str) -> bool:
    return bool(text) and text[0].isascii() and text[0].isalpha()
