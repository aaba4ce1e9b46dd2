"""The cleaner on the five real seed pages, checked field by field against the
hand-made reading in tests/data/seeds-reading.json."""

from __future__ import annotations

import pytest

from store.clean import parse_page
from store.decode import decode_bytes

FILES = [
    "000_2de7adb9d6164f46.txt",
    "001_141786bf019026c6.txt",
    "002_4a6261bce5c9d856.txt",
    "003_baefb7860a83cacb.txt",
    "004_de6f4794e2ee68fe.txt",
]


@pytest.fixture(scope="module")
def parsed(seed_paths):
    return {name: parse_page(decode_bytes(seed_paths[name].read_bytes())[0]) for name in FILES}


@pytest.fixture(scope="module")
def reading(seeds_reading):
    return {a["file"]: a for a in seeds_reading["articles"]}


@pytest.mark.parametrize("name", FILES)
def test_title_and_subtitles(parsed, reading, name):
    assert parsed[name].title == reading[name]["title"]
    assert parsed[name].subtitles == reading[name]["subtitles"]


@pytest.mark.parametrize("name", FILES)
def test_published_and_modified(parsed, reading, name):
    expected = reading[name]
    article = parsed[name]
    assert article.published == expected["published"]
    if expected["published"] is None:
        assert article.published_precision is None
    elif "T" in expected["published"]:
        assert article.published_precision == "minute"
    else:
        assert article.published_precision == "day"
    if "modified" in expected:
        assert article.modified == expected["modified"]


@pytest.mark.parametrize("name", FILES)
def test_outlet_dateline_wire(parsed, reading, name):
    assert parsed[name].outlet == reading[name]["outlet"]
    assert parsed[name].dateline == reading[name]["dateline"]
    assert parsed[name].wire_source == reading[name].get("wire_source")


@pytest.mark.parametrize("name", FILES)
def test_reporters_and_emails(parsed, reading, name):
    reporters = parsed[name].reporters
    assert [r.name for r in reporters] == reading[name]["reporters"]
    emails = sorted(r.email for r in reporters if r.email)
    assert emails == sorted(reading[name].get("reporter_emails", []))


@pytest.mark.parametrize("name", FILES)
def test_cities(parsed, reading, name):
    assert parsed[name].cities == reading[name]["cities"]


@pytest.mark.parametrize("name", FILES)
def test_every_listed_body_paragraph_once(parsed, reading, name):
    body = [p.text for p in parsed[name].paragraphs if p.kind == "body"]
    for start in reading[name]["body_starts"]:
        assert sum(t.startswith(start) for t in body) == 1, start


@pytest.mark.parametrize("name", FILES)
def test_no_furniture_in_body(parsed, reading, name):
    body = [p.text for p in parsed[name].paragraphs if p.kind == "body"]
    for line in reading[name]["not_body"]:
        # short menu words ('세계', '정치') may occur inside sentences; as a paragraph they must not
        assert not [t for t in body if t == line or (len(line) > 10 and line in t)], line


@pytest.mark.parametrize("name", FILES)
def test_no_body_paragraph_twice(parsed, name):
    body = [p.text for p in parsed[name].paragraphs if p.kind == "body"]
    assert len(body) == len(set(body))


def test_captions_are_not_body(parsed):
    captions = {n: [p.text for p in a.paragraphs if p.kind == "caption"] for n, a in parsed.items()}
    assert any(c.startswith("미국을 찾은 포항시 방문단은") for c in captions[FILES[0]])
    assert any(c.startswith("이강덕 포항시장, “세계적") for c in captions[FILES[1]])
    assert len(captions[FILES[3]]) == 2  # each photo once, though the page prints its title twice
    # the photographer credited in 003's captions is not a reporter
    assert "김인철" not in [r.name for r in parsed[FILES[3]].reporters]


def test_section_headings_inside_004(parsed):
    headings = [p.text for p in parsed[FILES[4]].paragraphs if p.kind == "heading"]
    assert headings == [
        "고양시, 세계 홍보 박차",
        "LA, 샌프란시스코, 뉴욕 등 통일한국 실리콘밸리 사업설명회",
        "월드옥타와 통일한국 실리콘밸리 투자유치협정서 체결",
        "미국 국무부 관계자, 헤리티지 재단, 노벨평화재단 등 평화통일 협력 강조",
    ]


def test_bylines_kept_once_as_bylines(parsed):
    bylines = [p.text for p in parsed[FILES[2]].paragraphs if p.kind == "byline"]
    assert bylines == ["이재영 기자 / youngl5566@naver.com입력 : 2023년 01월 09일"]


def accuracy_report() -> str:
    """Per-field accuracy against the reading, for `python tests/test_clean_seeds.py`."""
    import json
    from pathlib import Path

    from store.ingest import iter_seed_files

    here = Path(__file__).parent
    reading = json.loads((here / "data" / "seeds-reading.json").read_text(encoding="utf-8"))["articles"]
    paths = {p.name: p for p in iter_seed_files()}
    score: dict[str, list[int]] = {}

    def mark(field: str, good: bool) -> None:
        score.setdefault(field, [0, 0])
        score[field][0] += int(good)
        score[field][1] += 1

    for expected in reading:
        a = parse_page(decode_bytes(paths[expected["file"]].read_bytes())[0])
        body = [p.text for p in a.paragraphs if p.kind == "body"]
        mark("title", a.title == expected["title"])
        mark("subtitles", a.subtitles == expected["subtitles"])
        mark("published", a.published == expected["published"])
        if "modified" in expected:
            mark("modified", a.modified == expected["modified"])
        mark("outlet", a.outlet == expected["outlet"])
        mark("reporters", [r.name for r in a.reporters] == expected["reporters"])
        mark("reporter emails", sorted(r.email for r in a.reporters if r.email)
             == sorted(expected.get("reporter_emails", [])))
        mark("dateline", a.dateline == expected["dateline"])
        mark("cities", a.cities == expected["cities"])
        for start in expected["body_starts"]:
            mark("body paragraphs once", sum(t.startswith(start) for t in body) == 1)
        for line in expected["not_body"]:
            mark("furniture kept out", not [t for t in body if t == line or (len(line) > 10 and line in t)])
    return "\n".join(f"{field:<22} {good}/{total}" for field, (good, total) in score.items())


if __name__ == "__main__":
    print(accuracy_report())


@pytest.mark.parametrize(
    "line",
    [
        "포항시 방문단이 스탠포드대를 견학했다. 포항시 제공",
        "<저작권자 ⓒ 연합뉴스, 무단 전재-재판매 및 DB 금지>",
        "자료사진", "사진=포항시", "[사진 포항시]", "▲ 이강덕 포항시장", "사진 제공 고양시",
        "성남시청 전경 / 연합뉴스", "2024.1.16 hong@yna.co.kr", "PHOTO by 고양시", "세계일보Ⓒ segye",
    ],
)
def test_the_caption_prefilter_keeps_every_caption_the_regex_finds(line: str) -> None:
    from store.clean import _CAPTION, _caption_credit

    assert _CAPTION.search(line) is not None
    assert _caption_credit(line)
    assert not _caption_credit(line.replace("사진", "").replace("제공", "").translate({ord(c): None for c in "▲/@ⓒⒸ"}).replace("PHOTO", "").replace("재판매", ""))
