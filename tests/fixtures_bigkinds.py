"""Workbook generators that follow BigKinds' documented export layouts.

There is no real BigKinds export on this machine, so tests and the benchmark
build workbooks with openpyxl: Korean in every column, and the odd rows real
exports have (blank rows, a missing date, numbers typed as ints, long text,
a 중복 row).
"""

from __future__ import annotations

import random
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

NEWS_HEADERS = [
    "뉴스 식별자", "일자", "언론사", "기고자", "제목",
    "통합 분류1", "통합 분류2", "통합 분류3",
    "사건/사고 분류1", "사건/사고 분류2", "사건/사고 분류3",
    "인물", "위치", "기관", "키워드", "특성추출(가중치순 상위 50개)", "본문", "URL", "분석제외 여부",
]  # fmt: skip
#: The visualisation export: 16 columns, ending at 본문 (no 특성추출, URL, 분석제외 여부).
VIS_HEADERS = [h for h in NEWS_HEADERS if h not in ("특성추출(가중치순 상위 50개)", "URL", "분석제외 여부")]
assert len(NEWS_HEADERS) == 19 and len(VIS_HEADERS) == 16 and VIS_HEADERS[-1] == "본문"


def row(**fields: Any) -> dict[str, Any]:
    """A row keyed by header name, with every column filled in Korean unless overridden."""
    base = {
        "뉴스 식별자": "01100101.20240116200600001",
        "일자": "20240116",
        "언론사": "한빛일보",
        "기고자": "김서연 기자",
        "제목": "천안시, 바이오 산업 육성 위해 해외 연구소와 협약",
        "통합 분류1": "지역>경북",
        "통합 분류2": "경제>산업_기업",
        "통합 분류3": "",
        "사건/사고 분류1": "사회>사건_사고",
        "사건/사고 분류2": "",
        "사건/사고 분류3": "",
        "인물": "박민준,김서연",
        "위치": "천안시,미국,보스턴",
        "기관": "천안시청,해양바이오연구원",
        "키워드": "천안시,바이오,산업,육성,해외,연구소,협약",
        "특성추출(가중치순 상위 50개)": "바이오,협약,연구소,천안시,육성",
        "본문": "천안시가 바이오 산업 육성을 위해 미국 보스턴의 해양바이오연구원과 업무협약을 맺었다."
        " 박민준 천안시장은 16일 현지에서 협약식을 열고 공동 연구와 인력 교류를 약속했다.",
        "URL": "https://www.hanbit-ilbo.example/news/articleView.html?idxno=1001",
        "분석제외 여부": "",
    }
    base.update(fields)
    return base


def sample_rows() -> list[dict[str, Any] | None]:
    """Six data rows and one blank row (None), with the usual oddities."""
    long_body = (
        "동해시가 수소 도시 조성 계획을 발표했다. " * 120
    ).strip()  # ~2,900 characters: longer than any real excerpt
    return [
        row(),
        None,  # a blank row in the middle of the sheet
        row(
            **{
                "뉴스 식별자": 1100201.0,  # identifiers read back as numbers
                "일자": 20230118,  # a date typed as an int
                "언론사": "새벽경제",
                "기고자": "이도윤 marisdy@saebyeok.example",
                "제목": "춘천시장 “세계적 ‘항만 밸리’ 만들겠다”",
                "인물": "정하늘",
                "위치": "춘천시,라스베이거스",
                "기관": "춘천시청,창업진흥원",
                "본문": "정하늘 춘천시장이 라스베이거스에서 열린 전시회에서 항만 밸리 구상을 밝혔다.\n"
                "춘천시는 창업진흥원과 함께 스타트업 전시관을 운영했다.",
                "URL": "https://saebyeok.example/a/2023011800001",
            }
        ),
        row(
            **{
                "일자": None,  # no date at all
                "제목": "동해시 수소 도시 계획 전문",
                "인물": "",
                "위치": "동해",
                "기관": "",
                "본문": long_body,
                "URL": "",
                "분석제외 여부": "유효 URL 없음",
            }
        ),
        row(
            **{
                "뉴스 식별자": "01100101.20240116200600002",
                "제목": "천안시, 바이오 산업 육성 위해 해외 연구소와 협약 (종합)",
                "분석제외 여부": "중복",  # kept, hidden by default
                "URL": "https://www.hanbit-ilbo.example/news/articleView.html?idxno=1002",
            }
        ),
        row(
            **{
                "뉴스 식별자": "02100601.20240201090000001",
                "일자": "20240201",
                "언론사": "중앙마루",
                "기고자": "최유나·한지호 기자",
                "제목": "청주시 인공지능 거점 선정…내년 착공",
                "인물": "한지호,최유나,오세훈민",
                "위치": "청주시,북해",
                "기관": "과학기술정보통신부,청주시",
                "본문": "청주시가 인공지능 거점 도시로 선정됐다. 내년 착공에 들어간다.",
                "URL": "https://maru.example/article/55501",
                "분석제외 여부": "예외",
            }
        ),
        row(
            **{
                "뉴스 식별자": "",
                "일자": "2024-02-05",
                "언론사": "바른뉴스",
                "기고자": "",
                "제목": "  ",  # no title: the excerpt's start stands in
                "인물": "",
                "위치": "",
                "기관": "",
                "키워드": "",
                "본문": "제목 없이 본문만 남은 기사입니다. 천안시 관계자가 밝혔다.",
                "URL": "http://bareun.example/1",
            }
        ),
    ]


def write_workbook(
    path: Path,
    rows: Iterable[dict[str, Any] | None],
    *,
    headers: Sequence[str] = NEWS_HEADERS,
    sheet: str = "sheet",
    preamble: Sequence[Sequence[Any]] = (),
    extra_sheets: Sequence[str] = (),
) -> Path:
    """Write rows (None = a blank row) under `headers` with openpyxl's write-only mode."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for name in extra_sheets:
        ws = wb.create_sheet(name)
        ws.append(["메모"])
        ws.append(["내려받은 날짜: 2024년 2월 1일"])
    ws = wb.create_sheet(sheet)
    for line in preamble:
        ws.append(list(line))
    ws.append(list(headers))
    for r in rows:
        if r is None:
            ws.append([])
        else:
            ws.append([r.get(h) if r.get(h) != "" else None for h in headers])
    wb.save(path)
    return path


def write_news_search(path: Path, rows: Iterable[dict[str, Any] | None] | None = None, **kw: Any) -> Path:
    return write_workbook(path, sample_rows() if rows is None else rows, **kw)


def write_visualisation(path: Path, rows: Iterable[dict[str, Any] | None] | None = None) -> Path:
    return write_workbook(
        path, sample_rows() if rows is None else rows, headers=VIS_HEADERS, sheet="news_data"
    )


def write_zip_bomb(path: Path, megabytes: int = 20) -> Path:
    """A zip that looks like an .xlsx whose sheet inflates ~1000x (zeros deflate well)."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as member:
            for _ in range(megabytes):
                member.write(chunk)
    return path


def write_lying_zip(path: Path, source: Path) -> Path:
    """A real workbook whose central directory claims each member is ~4 GB uncompressed."""
    data = bytearray(source.read_bytes())
    start = 0
    while (at := data.find(b"PK\x01\x02", start)) != -1:
        data[at + 24 : at + 28] = (0xFFFFFF00).to_bytes(4, "little")  # uncompressed size
        start = at + 4
    path.write_bytes(bytes(data))
    return path


def write_damaged(path: Path, source: Path, change: Any) -> Path:
    """`source` with each part replaced by `change(name, data)` (None drops the part)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info, data)
    return path


_OUTLETS = ["한빛일보", "새벽경제", "중앙마루", "바른뉴스", "동녘신문", "푸른방송", "해오름뉴스", "누리경제"]
_CITIES = ["천안시", "춘천시", "동해시", "청주시", "전주시", "여수시"]
_TOPICS = ["바이오", "이차전지", "수소", "인공지능", "반도체", "스마트시티", "메타버스", "우주항공"]
_VERBS = ["협약을 맺었다", "투자를 유치했다", "계획을 발표했다", "방문단을 파견했다", "기업 설명회를 열었다"]
_NAMES = ["김서연", "이도윤", "박민준", "최유나", "정하늘", "한지호", "오세아", "윤가람"]


def generated_rows(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """n varied rows for the benchmark: distinct text, Korean everywhere."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        city, topic, verb = rng.choice(_CITIES), rng.choice(_TOPICS), rng.choice(_VERBS)
        person, reporter, outlet = rng.choice(_NAMES), rng.choice(_NAMES), rng.choice(_OUTLETS)
        year, month, day = rng.randint(2019, 2024), rng.randint(1, 12), rng.randint(1, 28)
        pool = [
            f"{city}가 {topic} 산업 육성을 위해 {verb}.",
            f"{person} {city}장은 {month}월 {day}일 기자회견에서 {rng.randint(10, 990)}억원 규모의 사업비를 밝혔다.",
            f"{city}는 {rng.randint(2, 40)}개 기업과 {rng.randint(100, 5000)}명의 일자리를 기대하고 있다.",
            f"이번 사업은 {topic} 분야 {rng.choice(['연구소', '대학', '공기업', '스타트업'])}과 함께 추진된다.",
            f"시의회 {rng.choice(_NAMES)} 의원은 예산 {rng.randint(3, 90)}%가 {rng.choice(['인건비', '시설비', '연구비'])}에 쓰인다며 우려를 나타냈다.",
            f"{rng.choice(['주민', '상인', '학부모', '청년'])} 단체는 {rng.choice(['교통', '환경', '주거', '일자리'])} 문제를 먼저 해결해야 한다고 주장했다.",
            f"지난 {rng.randint(2015, 2023)}년에도 비슷한 계획이 발표됐지만 {rng.choice(['예산 부족', '부지 문제', '기업 이탈', '정권 교체'])}으로 무산된 바 있다.",
            f"전문가들은 {rng.choice(['규제 완화', '인재 유치', '교통망 확충', '금융 지원'])}가 성패를 가를 것이라고 내다봤다.",
            f"{rng.choice(['경기', '경북', '충남', '전북', '강원'])}도는 {rng.randint(1, 30)}억원을 보태기로 했다.",
            f"현장에는 {rng.randint(50, 900)}여명이 참석해 {rng.choice(['설명회', '토론회', '착공식', '협약식'])}를 지켜봤다.",
        ]
        sentences = rng.sample(pool, rng.randint(4, 6)) + [f"(기사 번호 {i})"]
        rng.shuffle(sentences)
        rows.append(
            row(
                **{
                    "뉴스 식별자": f"{rng.randint(1000000, 9999999):08d}.{year}{month:02d}{day:02d}{i:09d}",
                    "일자": year * 10000 + month * 100 + day if i % 3 == 0 else f"{year}{month:02d}{day:02d}",
                    "언론사": outlet,
                    "기고자": f"{reporter} 기자",
                    "제목": f"{city}, {topic} {verb.split('을')[0].split('를')[0]} — {i}번째 소식",
                    "인물": f"{person},{reporter}",
                    "위치": f"{city},{rng.choice(['미국', '독일', '일본', '싱가포르'])}",
                    "기관": f"{city}청,{topic}진흥원",
                    "키워드": ",".join([city, topic, "산업", "육성", verb.split()[0]]),
                    "특성추출(가중치순 상위 50개)": ",".join([topic, city, person] * 5),
                    "본문": " ".join(sentences),
                    "URL": f"https://news.example/{outlet}/{i}",
                    "분석제외 여부": "중복" if i % 50 == 49 else "",
                }
            )
        )
    return rows
