"""Page text -> ParsedArticle: the article cut out of a saved Korean news page.

No library cleans Korean plain-text dumps, so this is a small set of general
rules, applied in this order:

1. Lines that belong to the site are furniture (`furniture.py`); lines that are
   only dates and names are metadata.
2. The title is the first line left.
3. Every other line is a byline, a caption, a sentence (body) or a short line.
   Captions are told by photo credits, a wire dateline in mid-line, a caption
   title repeated at the start of the next line, or the headline repeated.
4. A sentence that appears twice (summary boxes, lead repeated above the
   photo) is kept once, at its last place, so the headline block that follows
   a summary stays whole.
5. Short lines between the title and the first sentence are subtitles (with
   "- ... -" wrappers and bullets removed); short lines among the sentences are
   section headings. An article with section headings opens with one too.
6. After the copyright line, or under a "많이 본 뉴스" heading, nothing is body.

Metadata (dates, reporters, dateline, outlet, cities) is read from the lines
whose role allows it: a date in a caption or in the body is never the
article's date; a name in a caption is the photographer's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import bylines as by
from .cities import cities_about
from .dates import DateMention, find_dates
from .furniture import (
    VOCABULARY,
    compact,
    is_copyright,
    is_copyright_notice,
    is_cue,
    is_furniture,
    is_list_heading,
    is_vocabulary_run,
    is_weather,
)
from .outlets import (
    OUTLET_SUFFIX,
    canonical_outlet,
    known_outlet_in,
    looks_like_outlet,
    outlet_for_domain,
)
from .records import Paragraph, ParsedArticle, Reporter

_TERMINALS = frozenset(".!?…。")
_CLOSERS = " \t\"'”’)]」』"
_MIN_SENTENCE = 15
_LONG_LINE = 100
_MAX_TITLE = 200
MAX_SUBTITLE = 90
_SPACES = re.compile(r"[ \t]+")
#: What two copies of one paragraph may differ in: spacing, quote style, light punctuation.
_KEY_DROP = re.compile(r"[\s\"'‘’“”「」`´.,·ㆍ]+")

_CAPTION = re.compile(
    r"제공(?:[.,][^)\]]{0,30})?\s*[)\]]?\s*$|재판매\s*및\s*DB\s*금지|자료\s*사진|사진\s*[=:]|사진\s*제공|[\[(<]\s*사진|^\s*[▲△▷]|^\s*사진\s|"
    r"/\s*(?:연합뉴스|뉴스1|뉴시스|뉴스핌)\s*$|^\s*\[\s*(?:자료|사진|그래픽|출처|이미지)\s*[:=]|"
    r"(?:19|20)\d{2}\.\d{1,2}\.\d{1,2}\.?\s+\S+@\S+\s*$|\bphoto\b|\bⓒ\s*\S+\s*$|/\s*제공\s*[=:]\s*\S{2,20}\s*$|^\s*(?:사진\s*)?제공\s*[=:]\s*\S{2,20}\s*$",
    re.IGNORECASE,
)
#: Every _CAPTION branch holds one of these (Ⓒ: ⓒ under IGNORECASE; "photo"
#: is checked lower-cased): a line without any cannot match, and most lines
#: have none, so the regex (a fifth of cleaning's time) runs on few lines.
_CAPTION_HINTS = ("제공", "재판매", "사진", "자료", "출처", "그래픽", "이미지", "▲", "△", "▷", "/", "@", "ⓒ", "Ⓒ")


def _caption_credit(text: str) -> bool:
    """A photo credit or caption marker in `text` (see _CAPTION)."""
    text = text.rstrip(" |")  # '구미국가산업단지 전경. 구미시 제공 |': a table cell's bar
    if _CAPTION_SCENE.search(text) or _CAPTION_SOURCE.search(text):
        return True
    if (portrait := _PORTRAIT.fullmatch(text)) and by.is_name(portrait.group("name")):
        return True
    if not any(hint in text for hint in _CAPTION_HINTS) and "photo" not in text.lower():
        return False
    return _CAPTION.search(text) is not None


#: A portrait's caption: a name and an office, nothing else ('구하람 한빛시장').
_PORTRAIT = re.compile(
    r"(?P<name>[가-힣]{2,4})\s+[가-힣]{0,10}(?:시장|군수|구청장|청장|도지사|지사|의원|대표|회장|사장|장관|차관|총리"
    r"|위원장|원장|이사장|센터장|본부장|총장|교수|소장|국장)"
)
#: A caption that names what the picture shows: '… 조감도.', '… 전경.', '… 모습.'
_CAPTION_SCENE = re.compile(r"(?:조감도|전경|투시도|모습|홍보물|기념촬영|현판식)\.$")


#: A caption's source after its last full stop or a graphic's tag: '… 거점도시’. [한빛시]', '블록체인 (PG)'.
_CAPTION_SOURCE = re.compile(r"[.。][\"'”’]?\s*\[[가-힣A-Za-z]{2,10}\]$|\s\(PG\)$")


#: A wire dateline credit in the middle of a line: the photographer's caption.
_MID_CREDIT = re.compile(r"\S\s*[(\[][^()\[\]=]{1,20}=[^()\[\]=]{1,12}[)\]]\s*[가-힣]{2,4}\s*기자\s*=")
_SUBTITLE_WRAP = re.compile(r"^\s*(?:[-–—]\s+)?(?P<text>.+?)(?:\s+[-–—])?\s*$")
_BULLET = re.compile(r"^\s*[-–—▶▷►■□◆◇●○•·*]\s*")
_DATE_LABEL_WORDS = re.compile(
    r"기사입력|최종수정|최종편집|최종업데이트|송고시간|작성일|등록일|수정일|입력|수정|등록|승인|송고|게재|발행|작성|업데이트|출고|전송|일시|"
    r"posted|updated|published|date",
    re.IGNORECASE,
)
_ASCII_JUNK = re.compile(r"[A-Za-z0-9._%+\-]*(?:@[A-Za-z0-9.\-]*|\.(?:com|net|kr|org)\b)[A-Za-z0-9.\-]*")
_PLACE_EQ = re.compile(r"[가-힣·ㆍ]{1,12}\s*=")
_NAME_ONLY = re.compile(r"^[가-힣]{2,4}$")
_ASCII_AT = re.compile(r"[A-Za-z0-9]@")  # an e-mail address, maybe cut short
_LEAD_PREFIX = 90


@dataclass
class _Line:
    text: str
    gap: int  # blank lines before this one
    kind: str = ""
    glued: bool = False  # cut from a line of sentences run together: a sentence, however short


def parse_page(text: str, *, title: str | None = None) -> ParsedArticle:
    """Cut the article out of a page. With `title` (HTML/JSON input) the title is not searched for."""
    lines = _split(text)
    if not lines and not title:
        raise ValueError("no article text found")
    for line in lines:
        line.kind = _site_line_kind(line.text)
    start = 0
    found_at = None  # the headline's line, when it was searched for
    if title is None:
        found = _find_title(lines)
        found_at = found
        if found is None:
            # no headline: the page starts with its prose, which stays the body
            start = next((i for i, ln in enumerate(lines) if not ln.kind), len(lines))
            title = ""
        else:
            start = found + 1
            title = lines[found].text
            lines[found].kind = "title"
    title, labels = split_labels(_clean_title(title))
    labels = [ln.text.strip("[]【】<>〈〉《》 ") for ln in lines[:start] if ln.kind == "label"] + labels
    after = lines[start:]
    _classify(after, title)
    _drop_repeats(after)
    _mark_tail(after)
    first_body = next((i for i, ln in enumerate(after) if ln.kind == "body"), None)
    if first_body is None and not title:
        raise ValueError("no article text found")  # no headline and not one sentence of prose
    if first_body is None:
        # a short page without full sentences: everything left is its body
        for ln in after:
            if ln.kind == "short":
                ln.kind = "body"
        first_body = next((i for i, ln in enumerate(after) if ln.kind == "body"), len(after))
    subtitles = _headline_block(after, first_body)
    opens = found_at is not None and all(_caption_credit(ln.text) for ln in lines[:found_at])  # a photo's caption may come first
    if title and opens and _only_decks(after[:first_body]) and subtitles:
        subtitles, title, labels = [title, *subtitles], "", []  # decks, then the story: the headline was not kept
    elif title and _is_deck(title) and not any(find_dates(ln.text) for ln in after[:first_body]):  # no stamp under it
        subtitles, title, labels = [title, *subtitles], "", []  # '…2,000명 고용 기대': a deck, the headline was not kept
    if not any(ln.kind in ("body", "heading", "caption") for ln in after):
        raise ValueError("no article body found (only a headline, menus or bylines)")
    article = _assemble(lines, after, first_body, title, subtitles)
    article.labels = list(dict.fromkeys(labels))
    return article


# -- structure ------------------------------------------------------------


def _only_decks(head: list[_Line]) -> bool:
    """Between the first line and the story there are only more headline-like
    lines (decks), captions and blanks: no stamp, byline, outlet or menu. A
    page kept that way lost its headline and opens with its decks ('410억 투입
    …주도 / 조치원 일원… 거점 역할 기대 / 세종시가 …')."""
    # Decks run on line after line; a headline stands apart from its subtitle ('제목 / (blank) / 부제').
    return all(ln.kind in ("subtitle", "caption") for ln in head) and all(ln.gap == 0 for ln in head if ln.kind == "subtitle")


#: How decks end and headlines rarely do: an expectation or plan ('… 고용 기대', '… 입주 예정'),
#: a clause left open ('… 확보돼 있어'), or a bare figure ('… 일원 29만㎡', '… 6,069억원').
_DECK_END = re.compile(r"(?:기대|예정|전망|있어|[\d,.]+\s*(?:만|억|조)?\s*(?:㎡|평|원))$|[가-힣]\s+등$")
#: How decks start and headlines rarely do: a day relative to the story ('오늘 협약식, …') or a sum ('6,069억원 투자 …').
_DECK_START = re.compile(r"^(?:오늘|내일|어제)\s|^[\d,.]+\s*(?:만|억|조)\s*원?\s")


def _is_deck(title: str) -> bool:
    return _DECK_END.search(title) is not None or _DECK_START.search(title) is not None


def _split(text: str) -> list[_Line]:
    lines: list[_Line] = []
    gap = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if "  " in stripped or "\t" in stripped:  # most lines have neither: skip the regex
            stripped = _SPACES.sub(" ", stripped)
        if not stripped:
            gap += 1
            continue
        if "관련" in stripped:
            stripped = _CROSS_REFERENCE.sub("", stripped)  # '…변신을 시도하고 있다. ★관련기사 2면'
        if "<" in stripped or "[" in stripped or ">" in stripped[:8]:
            stripped = _INLINE_CUE.sub("\n", stripped).strip()
        if stripped[:1] in "d입기등" and (stamp := _STAMP_BEFORE_PROSE.match(stripped)):
            rest = stripped[stamp.end() :]
            # prose, not the rest of the stamp ('오전 10:12', '수정 …')
            if len(rest) >= 30 and not _DATE_LABEL_WORDS.match(rest) and not re.match(r"오전|오후", rest) and not find_dates(rest[:30]):
                stripped = stamp.group(0).strip() + "\n" + rest  # 'date 2025-11-18 부산시는 …'
        pieces = [q for piece in stripped.split("\n") for q in (_GLUED.split(piece) if "." in piece else [piece]) if q.strip()]
        for piece in pieces:
            lines.append(_Line(piece, gap, glued=len(pieces) > 1))
            gap = 1
        gap = 0
    return _unwrap(lines)


#: Where a sentence may end at a line's end: a terminal, a closing quote, a verb ending, '//' of a script.
#: '…했다', '…입니다', '…함' end a sentence; '지역마다' (every region) does not.
_SENTENCE_END = re.compile(r"(?:[.!?…。\"'”’)\]]|[가-힣](?<!마)다|[가-힣](?:요|죠|음|함|임)|//)\s*$")
_WRAP_MAX = 70
_VERB_STOP = re.compile(r"[가-힣](?:다|요|죠)\.?[\"'”’]?\s*$")


def _wrapped(line: _Line, nxt: _Line, gap: int = 0) -> bool:
    """`line` breaks mid-sentence and `nxt` goes on with it (a hard-wrapped script or dump).
    Across a blank line (`gap` 1) only words that end the sentence ('… 볼 날도 / 머지
    않아 보입니다.') go on: a headline under a menu word must not join it."""
    if nxt.gap == 1 and " " not in line.text:
        return False
    return (
        nxt.gap <= gap
        and len(line.text) <= _WRAP_MAX
        and _SENTENCE_END.search(line.text) is None
        and re.match(r"[가-힣0-9(“‘\"']", nxt.text) is not None
        and len(line.text) >= 3
        and "@" not in line.text + nxt.text
        and not is_furniture(line.text)
        and not is_furniture(nxt.text)
        and not _is_byline_line(line.text)
        and not _is_byline_line(nxt.text)
        and not find_dates(line.text)
        and not find_dates(nxt.text)
    )


def _unwrap(lines: list[_Line]) -> list[_Line]:
    """Join the lines of a page hard-wrapped at a fixed width (broadcasters'
    scripts, some dumps) back into sentences. Only a page where most prose
    lines break mid-sentence is joined: headlines and subtitles of ordinary
    pages, which are short and end without a full stop too, stay apart."""
    breaks = [i for i in range(len(lines) - 1) if _wrapped(lines[i], lines[i + 1])]
    # such a script may also leave a blank line inside a sentence ('볼 날도 / (blank) / 머지 않아 보입니다.')
    wrap = {
        i for i in range(len(lines) - 1)
        if _wrapped(lines[i], lines[i + 1], gap=1) and (lines[i + 1].gap == 0 or _ends_sentence_soon(lines, i + 1))
    }
    prose = sum(1 for ln in lines if len(ln.text) >= 8 and re.search(r"[가-힣]{2}", ln.text))
    if (len(breaks) < 4 or len(breaks) < 0.3 * prose) and (len(wrap) < 5 or len(wrap) < 0.3 * prose):
        return lines
    joined: list[_Line] = []
    for i, line in enumerate(lines):
        if joined and i - 1 in wrap:
            joined[-1].text += " " + line.text
        else:
            joined.append(_Line(line.text, line.gap))
    for line in joined:
        line.text = re.sub(r"\s*(?:\\?/){2}\s*$", "", line.text)  # a script's closing '//'
    return joined


def _ends_sentence_soon(lines: list[_Line], k: int) -> bool:
    """Lines from `k` on finish a sentence within three lines, as the fragments of a
    script do ('심장인 / 대전 대덕특구가 / 재창조를 선언했습니다.'); a headline does not."""
    for j in range(k, min(k + 3, len(lines))):
        if _VERB_STOP.search(lines[j].text):
            return True
        if _SENTENCE_END.search(lines[j].text) or (j + 1 < len(lines) and lines[j + 1].gap > 1):
            return False
    return False


#: A print edition's pointer at the end of a paragraph: '★관련기사 2면'.
_CROSS_REFERENCE = re.compile(r"(?<=[.!?”\"'])\s*[★☆▶◆■]?\s*관련\s*기사\s*\d{1,2}\s*면\s*$")
#: A labelled stamp that opens a line of prose: 'date 2025-11-18 부산시는 …'.
_STAMP_BEFORE_PROSE = re.compile(
    r"(?:date|입력|기사입력|등록)\s*[:：]?\s*(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}\.?(?:\s+\d{1,2}:\d{2})?\s+(?=[가-힣(\[“\"])",
    re.IGNORECASE,
)
#: A broadcast script's cue inside a line ('<앵커>정부가 …', '…입니다.<기자>이르면 …'): a paragraph break.
_INLINE_CUE = re.compile(
    r"\s*[<\[]\s*(?:앵커|기자|리포트|인터뷰|앵커\s*멘트|현장음|녹취)\s*[>\]]\s*"
    r"|^(?:앵커|리포트|인터뷰|기자|cg\s*in|s/u)\s*>\s*",  # '앵커> 태화강에서…': a script's bare cue
    re.IGNORECASE,
)
#: A sentence end glued to the next sentence ('…밝혔다.김 시장은…'): pages scraped
#: without line breaks lose the paragraph breaks exactly there.
_GLUED = re.compile(r"(?<=[가-힣](?:다|요|죠)\.)(?=[가-힣“‘\"'\[(<])")


#: Tags that sites print before or above a headline; kept as labels, never a title.
LABEL_WORDS = frozenset(
    "단독 속보 긴급 포토 르포 인터뷰 기획 특집 연재 사설 칼럼 기고 시론 영상 현장 종합 상보 1보 2보 3보 "
    "포토뉴스 카드뉴스 팩트체크 이슈 분석 해설 탐사 화제 신년기획 창간기획 특별기획 집중취재 기자수첩 "
    "오피니언 대담 좌담 초대석 동정 보도자료 알림 정정 반론보도 리포트 브리핑 issue breaking".split()
)
#: '[단독]', '【속보】', '<포토>', '[경북]', '단독 |' at the start of a headline.
_TITLE_LABEL = re.compile(r"^\s*(?:[\[【<〈《]\s*(?P<b>[^\]】>〉》]{1,12}?)\s*[\]】>〉》]|(?P<w>[가-힣A-Za-z0-9]{2,6})\s*[|ㅣ:]\s)\s*")
#: A lead sentence, not a headline: headlines do not end with a full stop after a verb ending.
_PROSE_END = re.compile(r"[가-힣][.。]\s*[\"'”’)\]]?$")


def split_labels(title: str) -> tuple[str, list[str]]:
    """'[단독] 포항시, ...' -> ('포항시, ...', ['단독']); a bare label word followed by '|' too."""
    labels: list[str] = []
    while True:
        match = _TITLE_LABEL.match(title)
        if match is None:
            break
        label = (match.group("b") or match.group("w") or "").strip()
        if label.lower() not in LABEL_WORDS and (match.group("w") or not re.search(r"[가-힣]", label)):
            break
        rest = title[match.end() :]
        if len(compact(rest)) < 4:
            break  # the bracket is the headline itself ('[포항 영일만 밸리]')
        labels.append(label)
        title = rest
    series = _SERIES_LABEL.match(title)
    if series and len(compact(title[series.end() :])) >= 8:  # '[2023 춘천 토론회]“데이터 산업은 …”'
        labels.append(series.group("label").strip())
        title = title[series.end() :]
    tail = _TAIL_LABEL.search(title)
    if tail and len(compact(title[: tail.start()])) >= 4:  # '…특구 지정(종합)', '… 착공(2보)'
        labels.append(tail.group("label"))
        title = title[: tail.start()]
    return title.strip(), labels


#: A series or event tag in brackets right before a quoted headline.
_SERIES_LABEL = re.compile(r"^\s*\[(?P<label>[^\[\]]{2,24})\]\s*(?=[“\"‘'])")
#: A wire's revision mark after its headline: '(종합)', '(종합2보)', '(2보)', '(상보)'.
_TAIL_LABEL = re.compile(r"\s*[(\[](?P<label>종합\d?보?|\d보|상보|속보|1보|수정|재송|정정)[)\]]\s*$")


def _is_label_line(text: str) -> bool:
    word = compact(text).lower()
    return word in LABEL_WORDS or (bool(_TITLE_LABEL.fullmatch(text + " ")) and len(text) <= 14)


def _is_lead_sentence(text: str) -> bool:
    """A line of prose, which a page without a headline starts with."""
    if len(text) >= _LONG_LINE:
        return True
    return len(text) >= 25 and _PROSE_END.search(text) is not None


def _find_title(lines: list[_Line]) -> int | None:
    """The headline's line, or None when the page starts with its prose (no headline).

    Usually the first headline-like line. But a headline sits just above its
    date: when a stamp follows a few lines down, and the lines just above it
    are a headline-like block cut off from that first line by menu or section
    lines ('지금 울산은 / JCN NEWS 상세 / 행정 / [리포트] 수소… / 송고시간 …'),
    that block's first line is the headline, and the first line was menu."""
    first = None
    for i, line in enumerate(lines):
        if not line.kind and len(line.text) > _MAX_TITLE and _is_lead_sentence(line.text):
            return None  # the page opens with a paragraph of prose
        kind = _title_candidate(line)
        if kind == "prose":
            return None
        if kind == "headline":
            nxt = next((ln for ln in lines[i + 1 : i + 4] if ln.kind != "furniture"), None)
            if _section_name(line.text) and nxt is not None and _title_candidate(nxt) == "headline":
                continue  # '이슈 신도시 이모저모' / '한빛뉴스 매거진' over the headline: the series, not the story
            first = i
            break
    if first is None:
        return None
    stamp = next((j for j in range(first + 1, min(len(lines), first + 12)) if lines[j].kind == "meta"), None)
    if stamp is None:
        return first
    start = None
    for j in range(stamp - 1, first, -1):
        if _title_candidate(lines[j]) == "headline":
            start = j
        elif start is not None:
            break  # the block above the stamp ends here
        # else: the stamp's own labels and bylines ('작성일', '홍길동 기자') sit between
    else:
        return first  # one block from the first line down to the stamp: headline (and subtitles)
    if start is not None and len(lines[start].text) > len(lines[first].text):
        return start
    return first


def _section_name(text: str) -> bool:
    """A series or programme name: a few words, no punctuation, opening with a
    series word ('이슈 …', '기획 …') or naming a news programme ('…뉴스 매거진')."""
    words = text.split()
    if not 1 <= len(words) <= 3 or re.search(r"[^\w\s]", text):
        return False
    return words[0] in _SERIES_WORDS or re.search(r"뉴스|매거진|네트워크", text) is not None


#: Words that open the name of a series, not of a story ('이슈 신도시 이모저모', '기획 도시의 내일').
_SERIES_WORDS = frozenset("이슈 기획 연재 특집 포커스 초점 현장 시리즈 칼럼 사설 오피니언".split())


def _title_candidate(line: _Line) -> str:
    """'headline' for a line that may be the headline, 'prose' for a lead
    sentence (the page has no headline), '' for anything else."""
    text = line.text
    if line.kind or len(text) < 2 or len(text) > _MAX_TITLE:
        return ""
    if _is_byline_line(text) or _caption_credit(text) or _SKIP_NAV.search(text):
        return ""  # a skip link ('… 본문 바로가기') is the site's line, whatever stands beside it
    if _is_label_line(text):
        line.kind = "label"
        return ""
    if not re.search(r"[가-힣A-Za-z]{2}", text):
        return ""  # a clock, a counter, a stray symbol
    if " " not in text and len(text) < 10:
        return ""  # one short word: a section name, a tag ('경제홍길동'), not a headline
    if _is_lead_sentence(text):
        return "prose"
    return "" if text[:2] in ("- ", "– ", "— ") else "headline"  # '- 30개 기업 입주예정': a subtitle


_SKIP_NAV = re.compile(r"본문\s?바로\s?가기|본문\s?건너\s?뛰기|메뉴\s?바로\s?가기|skip\s+to\s+(?:main\s+)?content", re.IGNORECASE)
#: ' - 연합뉴스' / ' | 아시아경제': the outlet that HTML <title>s add after the headline.
_TITLE_TAIL = re.compile(r"^(?P<head>.{4,}?)\s+[-|:ㅣ]\s+(?P<tail>[^-|]{1,20})$")


def _clean_title(title: str) -> str:
    """The headline without the outlet tails an HTML <title> adds, one or
    more ('... - 경북일보 - 굿데이 새경북신문')."""
    title = _SCRIPT_TAG.sub("", title.strip())
    while (match := _TITLE_TAIL.match(title)) and looks_like_outlet(match.group("tail")):
        title = match.group("head").strip()
    return title


#: A broadcaster's tag after its headline: '… 재창조/리포트', '… 지정 (리포트)'.
_SCRIPT_TAG = re.compile(r"\s*(?:/\s*|[(\[]\s*)(?:리포트|단신|앵커\s*리포트|기획\s*리포트)\s*[)\]]?$")


def title_outlet(title: str) -> str | None:
    """The outlet an HTML <title> names after the headline, if any."""
    match = _TITLE_TAIL.match(title.strip())
    tail = match.group("tail").strip() if match else ""
    return canonical_outlet(tail) if tail and looks_like_outlet(tail) else None


def _classify(after: list[_Line], title: str) -> None:
    for i, line in enumerate(after):
        if line.kind:
            continue
        text = line.text
        nxt = after[i + 1] if i + 1 < len(after) else None
        if _is_byline_line(text):
            line.kind = "byline"
        elif title and paragraph_key(text) == paragraph_key(title):
            line.kind = "repeat"
        elif (
            nxt is not None
            and nxt.gap == 0
            and len(nxt.text) > len(text) + 5
            and paragraph_key(nxt.text).startswith(paragraph_key(text))
        ):
            line.kind = "caption_title"  # shown again at the start of the credited caption
        elif _is_caption(text, title):
            line.kind = "caption"
        elif line.glued or _is_sentence(text):
            line.kind = "body"
        else:
            line.kind = "short"


#: A statement without its full stop ('...주목되고 있습니다'), as scripts and dumps print them.
_VERB_END = re.compile(r"(?:니다|[했였한된는있었겠이]다)\s*$")


def _is_sentence(text: str) -> bool:
    if len(text) >= _LONG_LINE:
        return True
    if len(text) >= 40 and _VERB_END.search(text):
        return True
    return len(text) >= _MIN_SENTENCE and text.rstrip(_CLOSERS)[-1:] in _TERMINALS


def _is_caption(text: str, title: str) -> bool:
    if title and len(text) > len(title) + 5 and paragraph_key(text).startswith(paragraph_key(title)):
        return True
    if "=" in text and "기자" in text and _MID_CREDIT.search(text):
        return True
    if len(text) > 400:
        return False
    window = text if len(text) <= 160 else text[:60] + "\n" + text[-100:]  # credits sit at either end
    return _caption_credit(window)


def _drop_repeats(after: list[_Line]) -> None:
    """Keep each sentence once, at its last place; bylines and captions at their first."""
    last: dict[str, int] = {}
    for i, line in enumerate(after):
        if line.kind == "body":
            last[paragraph_key(line.text)] = i
    seen: set[tuple[str, str]] = set()
    for i, line in enumerate(after):
        if line.kind == "body":
            if last[paragraph_key(line.text)] != i:
                line.kind = "repeat"
        elif line.kind in ("byline", "caption", "short"):
            key = (line.kind, paragraph_key(line.text))
            if key in seen:
                line.kind = "repeat"
            seen.add(key)


def _mark_tail(after: list[_Line]) -> None:
    """Nothing after the copyright line, or under a list of other articles, is body."""
    seen_body = False
    in_list = False
    for line in after:
        if line.kind == "body" and not in_list:
            seen_body = True
        if line.kind == "copyright" and seen_body and is_copyright_notice(line.text):
            in_list = True
            continue
        if line.kind == "furniture" and seen_body and is_list_heading(line.text):
            in_list = True
            continue
        if in_list and line.kind in ("body", "short", "caption", "caption_title"):
            line.kind = "tail"


def _headline_block(after: list[_Line], first_body: int) -> list[str]:
    subtitles: list[_Line] = []
    cued = False  # after a script's cue ('(앵커)') the lines are the script, never subtitles
    for line in after[:first_body]:
        cued = cued or (line.kind == "furniture" and is_cue(line.text))
        if line.kind == "short" and len(line.text) <= MAX_SUBTITLE and not cued:
            line.kind = "subtitle"
            subtitles.append(line)
        elif line.kind == "short":
            line.kind = "body"
    body_headings = [ln for ln in after[first_body:] if ln.kind == "short"]
    for line in after[first_body:]:
        if line.kind == "short":
            line.kind = "heading" if len(line.text) <= MAX_SUBTITLE else "body"
    # An article divided into sections opens with a section heading: the last
    # line of the headline block, set apart by a blank line, is that heading.
    if body_headings and len(subtitles) >= 2 and subtitles[-1].gap >= 1:
        subtitles[-1].kind = "heading"
        subtitles.pop()
    out = []
    for line in subtitles:
        text = _SUBTITLE_WRAP.match(line.text).group("text")  # type: ignore[union-attr]
        text = _BULLET.sub("", text).strip()
        if text:
            out.append(text)
    return out


@lru_cache(maxsize=4096)
def paragraph_key(text: str) -> str:
    """What two copies of one paragraph share (see _KEY_DROP)."""
    return _KEY_DROP.sub("", text).lower()


# -- line roles -------------------------------------------------------------


def _residue(text: str) -> str:
    """What is left of a line once dates, names+기자, e-mails, labels and places are out."""
    spans = [(d.start, d.end) for d in find_dates(text)]
    spans += [(b.start, b.end) for b in by.find_bylines(text)]
    rest = text
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + " " + rest[end:]
    rest = _ASCII_JUNK.sub(" ", rest)
    rest = _PLACE_EQ.sub(" ", rest)
    rest = _DATE_LABEL_WORDS.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)  # '2024-04-16 09:46 (화)'
    return re.sub(r"[^가-힣A-Za-z0-9]+", "", rest)


_WEEKDAY = re.compile(r"[(\[]\s*[월화수목금토일](?:요일)?\s*[)\]]")


_BARE_STAMP = re.compile(r"[\d\s.,:/\-]+")


@lru_cache(maxsize=1 << 16)
def _site_line_kind(text: str) -> str:
    """What a line is before the article is known: furniture, a copyright
    line, a line of dates, the outlet's name, or '' (still to be classified).
    A site repeats the same furniture on every page of a batch, so the
    answers are kept (a pure function of the line; body lines simply miss)."""
    if is_furniture(text):
        if _BARE_STAMP.fullmatch(text) and find_dates(text):
            return "meta"  # '2018-04-26 18:02' alone: a stamp, which the headline above makes the article's
        return "copyright" if is_copyright(text) else "furniture"
    if _is_meta(text):
        return "meta"
    if _is_masthead(text):
        return "masthead"  # the outlet's name alone, as portals print it above the title
    return ""


def _is_masthead(text: str) -> bool:
    """The outlet's name alone ('연합뉴스', '경향신문 홈'), as portals and sites print it over the title."""
    if len(text) > 24:
        return False
    words = [w for w in text.split() if compact(w) not in VOCABULARY]
    return len(words) == 1 and looks_like_outlet(words[0])


def _is_meta(text: str) -> bool:
    """A line of dates (and at most a name): '수정 2023.01.18 19:06입력 ...', '이영균 2024. 1. 16. 20:06'."""
    if len(text) > 80 or not find_dates(text):
        return False
    if by.find_bylines(text) or by.emails(text):
        return False  # a byline that carries its date is a byline
    residue = _residue(text)
    if residue and len(residue) <= 20 and (looks_like_outlet(residue) or _ISSUER.match(residue)):
        return True  # '2012년 10월 23일 [한빛일보]', '2020.01.17 한빛부': the stamp with its publisher
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_.]{2,19}", text.split()[0]) and residue == text.split()[0]:
        return True  # 'bluesky 2021.01.27 14:01': a board's poster and the stamp
    return not residue or (_NAME_ONLY.match(residue) is not None and by.is_name(residue))


def _is_byline_line(text: str) -> bool:
    if len(text) > 120:
        return False
    has_byline = bool(by.find_bylines(text))
    has_email = "@" in text and (bool(by.emails(text)) or _ASCII_AT.search(text) is not None)
    if not (has_byline or has_email):
        return False
    return len(_residue(text)) <= 14


# -- metadata ---------------------------------------------------------------


def _assemble(
    lines: list[_Line], after: list[_Line], first_body: int, title: str, subtitles: list[str]
) -> ParsedArticle:
    paragraphs: list[Paragraph] = []
    kinds = {"body": "body", "caption": "caption", "heading": "heading", "byline": "byline"}
    for line in after:
        kind = kinds.get(line.kind)
        if kind is not None:
            paragraphs.append(Paragraph(kind=kind, text=line.text, index=len(paragraphs)))
    headline_zone = after[:first_body]
    body_lines = [ln for ln in after if ln.kind == "body"]
    leads = [_lead_prefix(ln.text) for ln in body_lines[:6]]  # a portal's summary may come first
    leads = [p for p in leads if p]

    published, precision, modified = _dates(lines, headline_zone)
    reporters = _reporters(after, headline_zone, leads)
    if not reporters:
        above = lines[: len(lines) - len(after)]  # the lines above the headline
        reporters = [by_line for line in above if (by_line := _section_and_name(line.text))][:1]
    # '(충북=한빛통신) 홍길동 기자 =' may stand on a line of its own, read as a byline
    opening = [ln for ln in after if ln.kind in ("body", "byline")][:6]
    wire = next((w for w in (by.wire_dateline(ln.text) for ln in opening) if w), None)
    dateline = wire[0] if wire else None
    if dateline is None:
        for text in leads + [ln.text for ln in after if ln.kind == "byline"]:
            dateline = by.place_dateline(text)
            if dateline:
                break
    outlet = _outlet(lines, body_lines, reporters)
    wire_source = None
    if wire is not None:
        agency = canonical_outlet(wire[1])
        if outlet is None:
            outlet = agency
        elif agency != outlet:
            wire_source = agency
    body_text = "\n".join(ln.text for ln in after if ln.kind in ("body", "heading"))
    return ParsedArticle(
        title=title,
        paragraphs=paragraphs,
        subtitles=subtitles,
        published=published,
        published_precision=precision,
        modified=modified,
        outlet=outlet,
        wire_source=wire_source,
        reporters=reporters,
        dateline=dateline,
        cities=cities_about(title, body_text, dateline),
    )


#: A bracket opening the lead, which may hold one bracketed desk: '[한빛일보(대구)=김민수 기자]'.
_LEAD_BRACKET = re.compile(r"^\s*(?:\[(?:[^\[\]]|\([^()]*\)){2,70}\]|【[^】]{2,70}】|\((?:[^()]|\([^()]*\)){2,70}\))")


def _section_and_name(text: str) -> Reporter | None:
    """'경제홍길동' above a headline: a site's section name glued to the reporter's."""
    if " " in text or not 4 <= len(text) <= 10 or not re.fullmatch(r"[가-힣]+", text) or text in VOCABULARY:
        return None
    for cut in range(2, len(text) - 1):
        head, name = text[:cut], text[cut:]
        if head in VOCABULARY and name not in VOCABULARY and 2 <= len(name) <= 4 and by.is_name(name):
            return Reporter(name=name)
    return None


def _lead_prefix(text: str) -> str | None:
    """The byline that opens a lead: '[아시아경제 ... 기자]' or '(서울=연합뉴스) 홍길동 기자 ='."""
    head = text[:_LEAD_PREFIX]
    bracket = _LEAD_BRACKET.match(head)
    placed = by.placed_byline(head)  # '안동=에너지경제 정재우 기자 본문'
    if placed:
        return placed
    eq = re.search(r"(?:기자|특파원|통신원)\s*[=|ㅣ>]", head)  # '… 기자 =', '뉴스포인트 홍길동 기자 |', '…=홍길동 기자>'
    if eq:
        return head[: eq.end()]
    if bracket and re.search(r"(?:기자|특파원|통신원)\s*[\])】]", bracket.group(0)):
        return bracket.group(0)
    return None


def _dates(lines: list[_Line], headline_zone: list[_Line]) -> tuple[str | None, str | None, str | None]:
    allowed = {"furniture", "copyright", "meta", "byline", "title", "tail", "short", "subtitle"}
    mentions: list[DateMention] = []
    for line in lines:
        if line.kind in allowed and not is_weather(line.text):
            mentions.extend(find_dates(line.text))
    published = next((d for d in mentions if d.role == "published"), None)
    modified = next((d for d in mentions if d.role == "modified"), None)
    if published is None:
        # an unlabelled stamp right under the headline ('이영균 2024. 1. 16. 20:06')
        for line in headline_zone:
            if line.kind in ("meta", "byline"):
                found = [d for d in find_dates(line.text) if d.role is None]
                if found:
                    published = found[0]
                    break
    return (
        published.iso if published else None,
        published.precision if published else None,
        modified.iso if modified else None,
    )


def _reporters(after: list[_Line], headline_zone: list[_Line], leads: list[str]) -> list[Reporter]:
    found: dict[str, Reporter] = {}
    loose_emails: list[str] = []

    def add(name: str, email: str | None = None) -> None:
        if name not in found:
            found[name] = Reporter(name=name, email=email)
        elif email and not found[name].email:
            found[name].email = email

    sources = leads + [ln.text for ln in after if ln.kind == "byline"]
    for text in sources:
        if pair := by.name_with_email(text):
            add(*pair)
            continue
        names = [n for b in by.find_bylines(text) if b.role != "photographer" for n in b.names]
        mails = by.emails(text)
        for name in names:
            add(name, mails[0] if len(names) == 1 and mails else None)
        if not names:
            loose_emails.extend(mails)
    for line in headline_zone:
        if line.kind == "meta":
            residue = _residue(line.text)
            if residue and _NAME_ONLY.match(residue) and by.is_name(residue):
                add(residue)
    for mail in loose_emails:
        if any(r.email == mail for r in found.values()):
            continue
        target = next((r for r in found.values() if r.email is None), None)
        if target is not None:
            target.email = mail
    return list(found.values())


def _outlet(lines: list[_Line], body_lines: list[_Line], reporters: list[Reporter]) -> str | None:
    marked = [ln.text for ln in lines if ln.kind in ("copyright", "furniture", "tail", "meta", "byline") and is_copyright(ln.text)]
    # the site's own notice ('저작권자 © 한빛로컬. 무단전재…') before a syndicated partner's bare mark
    noted = next((name for text in sorted(marked, key=lambda t: not is_copyright_notice(t)) if (name := outlet_from_copyright(text))), None)
    bylined = _lead_outlet(lines, body_lines)
    if noted and not (bylined and len(bylined) > len(noted) and bylined.startswith(noted)):
        return noted  # but '[한빛경제신문 홍길동 기자]' over its notice's short '© 한빛경제'
    if bylined:
        return bylined
    for line in lines:
        if line.kind in ("byline", "meta") and (name := _byline_outlet(line.text)):
            return name
        if line.kind == "meta" and (issuer := _ISSUER.match(_residue(line.text))):
            return issuer.group(0)  # a ministry's or agency's own press page
    for reporter in reporters:
        if reporter.email:
            name = outlet_for_domain(reporter.email)
            if name:
                return name
    for line in lines:  # '보스 studio@한빛.kr': a byline whose name is no reporter's still gives its paper's domain
        if line.kind == "byline" and (name := next(filter(None, map(outlet_for_domain, by.emails(line.text))), None)):
            return name
    for line in lines:
        if line.kind == "masthead":  # its one name word, without the menu words beside it
            words = [w for w in line.text.split() if compact(w) not in VOCABULARY]
            return canonical_outlet(words[0] if len(words) == 1 else line.text)
    for line in lines:  # a tip-off box or footer naming the site ('www.한빛방송.kr', 'jebo@한빛.kr')
        if line.kind in ("furniture", "copyright", "tail") and (name := _domain_outlet(line.text)):
            return name
    for line in lines:  # a portal's credit: '“한빛일보” 기사 내용을 요약', '기사 제공: 한빛일보'
        if line.kind in ("furniture", "tail") and _CREDIT_LINE.search(line.text) and (name := known_outlet_in(line.text)):
            return name
    for line in body_lines[-6:]:  # '연합뉴스TV 김종력입니다.': a script's sign-off
        if name := by.signoff_outlet(line.text):
            return canonical_outlet(name)
    for line in lines:  # a photo credit in a caption: '(사진=한빛구청 제공) © 한빛매일', 'ⓒ한빛데일리DB'
        for match in _PHOTO_MARK.finditer(line.text):
            if looks_like_outlet(match.group("name")):
                return canonical_outlet(match.group("name"))
    return None


#: A public body that publishes its own news: '국토교통부', '한빛지방경찰청', '한빛위원회'.
_ISSUER = re.compile(r"^[가-힣]{2,12}(?:부|청|처|위원회)$")
_PHOTO_MARK = re.compile(r"[©ⓒ]\s*(?P<name>[가-힣A-Za-z0-9]{2,12}?)(?:DB|\s*제공)?(?![가-힣A-Za-z0-9])")


def _lead_outlet(lines: list[_Line], body_lines: list[_Line]) -> str | None:
    """The outlet a bracket byline or the lead's opening names."""
    for line in lines:  # '[ 경기신문 = 장진 기자 ]' on a line of its own
        if line.kind == "byline" and (name := by.bracket_outlet(line.text)):
            return canonical_outlet(name)
    for line in body_lines[:4]:  # a portal may print its summary first
        name = by.bracket_outlet(line.text)
        if name is None:  # '한빛신문 홍길동 기자 = 본문': the outlet before the lead's byline
            lead = _OUTLET_LEAD.match(line.text)
            named = lead.group("outlet") if lead else ""
            # '뉴스포인트 홍길동 기자 |': a news word anywhere in it will do
            name = named if named and (looks_like_outlet(named) or _NEWS_WORD.search(named)) else None
        if name is None and (placed := by.placed_byline(line.text)):  # '안동=에너지경제 정재우 기자 …'
            name = by.bracket_outlet("[" + placed + "]")
        if name is None:  # '[서울경제] 본문...': the outlet alone in the lead's bracket
            bare = re.match(r"^\s*[\[【]([^\]】]{2,20})[\]】]", line.text)
            inner = bare.group(1).split("=")[-1].strip() if bare else ""  # '[함안=쿠키뉴스]': after the place
            name = inner if inner and looks_like_outlet(inner) else None
        if name:
            return canonical_outlet(name)
    return None


_OUTLET_LEAD = re.compile(r"^\s*(?P<outlet>[가-힣A-Za-z0-9]{2,12})(?:\s+|\s*=\s*)[가-힣]{2,4}\s*(?:기자|특파원)\s*[=|ㅣ>]")
_NEWS_WORD = re.compile(r"뉴스|일보|신문|방송|미디어|타임즈|타임스|저널|투데이|news|times|media", re.IGNORECASE)
_CREDIT_LINE = re.compile(r"[”\"'’」]\s*기사|기사\s*제공|제공\s*[:：]|출처\s*[:：]")


def _domain_outlet(text: str) -> str | None:
    for match in _DOMAIN.finditer(text):
        if name := outlet_for_domain(match.group(1)):
            return name
    return None


def _byline_outlet(text: str) -> str | None:
    """'한빛일보 김민수 기자 2023.11.03 05:30': the outlet printed before the reporter's name."""
    found = by.find_bylines(text)
    if not found:
        return None
    words = re.sub(r"(?<=[가-힣])l(?![A-Za-z])", " ", text[: text.find(found[0].names[0], found[0].start)]).split()
    head = words[-1].strip("[(【/|") if words else ""
    if head and looks_like_outlet(head):
        return canonical_outlet(head)
    # '한빛로컬 홍길동 기자 |', '한빛로컬l홍길동 기자l기사입력 …': the line's first word, whatever its ending
    alone = len(words) == 1 and re.fullmatch(r"[가-힣A-Za-z0-9]{2,12}", head) is not None
    return head if alone and not by.names_no_outlet(head) else None


_MARK = re.compile(r"©|ⓒ|\(c\)|copyrights?|저작권자", re.IGNORECASE)
_DOMAIN = re.compile(r"(?:www\.)?([a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:co\.kr|or\.kr|com|kr|net))", re.IGNORECASE)


def outlet_from_copyright(line: str) -> str | None:
    """The outlet a copyright line names ('Copyright ⓒ 경기일보', '© yna.co.kr')."""
    known = known_outlet_in(line)
    if known:
        return known
    for match in _DOMAIN.finditer(line):
        name = outlet_for_domain(match.group(1))
        if name:
            return name
    parts = _MARK.split(line)
    tail = parts[-1] if len(parts) > 1 else line
    for piece in re.split(r"[.,<>()\[\]|]|\s-|-\s|무단|all rights", tail, flags=re.IGNORECASE):
        piece = piece.strip(" -·:")
        if piece and looks_like_outlet(piece):
            return canonical_outlet(piece)
    match = re.search(r"[가-힣A-Za-z0-9]{1,12}" + OUTLET_SUFFIX, line)
    if match:
        return canonical_outlet(match.group(0))
    # '<저작권자 © 로이슈, 무단 전재 및 재배포 금지>': a full notice names its
    # outlet right after the mark, even one no table knows
    owned = _CONTENT_OWNER.search(line)  # '< 경남신문의 콘텐츠는 저작권법의 보호를 받는 바…'
    if owned and looks_like_outlet(owned.group("name")):
        return canonical_outlet(owned.group("name"))
    named = _NOTICE_NAME.search(line)
    if named and _FULL_NOTICE.search(line) and not is_vocabulary_run(named.group("name")) and re.search(r"[가-힣]{2}|[A-Za-z]{3}", named.group("name")):
        return named.group("name").strip()
    return None


_NOTICE_NAME = re.compile(r"(?:©|ⓒ|\(c\))\s*(?P<name>[가-힣A-Za-z][가-힣A-Za-z0-9&]{1,14})\s*(?:,|무단|\.|$)", re.IGNORECASE)
_CONTENT_OWNER = re.compile(r"(?P<name>[가-힣A-Za-z0-9]{2,12})의\s*콘텐츠는\s*저작")
_FULL_NOTICE = re.compile(r"무단|재배포|저작권자|all rights", re.IGNORECASE)
