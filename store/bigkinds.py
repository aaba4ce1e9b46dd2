"""BigKinds Excel exports -> ParsedArticles.

BigKinds (the Korea Press Foundation's news archive) gives researchers two kinds
of workbook:

* the news-search export (``NewsResult_YYYYMMDD-YYYYMMDD.xlsx``), 19 columns:
  뉴스 식별자, 일자, 언론사, 기고자, 제목, 통합 분류1-3, 사건/사고 분류1-3, 인물,
  위치, 기관, 키워드, 특성추출(가중치순 상위 50개), 본문, URL, 분석제외 여부;
* the visualisation export (``시각화분석결과_뉴스데이터_*.xlsx``, sheet
  ``news_data``), the same columns up to 본문, without URL and 분석제외 여부.

Columns are found by their header name, never by position, because BigKinds has
reordered and renamed them over the years and researchers delete the ones they
do not need. 본문 is only the first ~200 characters of the article, so every row
becomes an excerpt (``is_excerpt``) that a later full page completes (see
``store.dedupe``). BigKinds' own 인물/위치/기관 lists are kept as
``supplied_entities`` so they can be stored beside our own extraction.

A workbook is read whole before anything is stored: a malformed one (not a zip,
an old .xls, a zip bomb, an oversized file, a missing sheet or column) raises
``ValueError`` with a one-line reason and leaves the database untouched.
"""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from .records import Paragraph, ParsedArticle, Reporter

#: Who supplied the entities of a BigKinds row (recorded beside our own extraction).

#: Entity types for BigKinds' three lists, in the vocabulary of store.entity_store.
ENTITY_COLUMNS = (("people", "person"), ("places", "place"), ("organizations", "organization"))

#: A real export is capped by BigKinds at 20,000 rows (~10 MB); anything this big is not one.
MAX_FILE_BYTES = 32 * 1024 * 1024
#: What the zip may declare uncompressed, in total (a 20,000-row export is ~60 MB of XML).
MAX_UNCOMPRESSED_BYTES = 400 * 1024 * 1024
#: Spreadsheet XML compresses 5-20x; a member far beyond that is a bomb, not a workbook.
MAX_RATIO = 200
MAX_MEMBERS = 2000
#: How many rows at the top of a sheet (from its first non-empty one) may precede the header row.
HEADER_SEARCH_ROWS = 5

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: Header (spaces removed, NFC) -> field name. Numbered classification columns
#: are matched by prefix below.
_HEADERS = {
    "뉴스식별자": "news_id",
    "일자": "date",
    "언론사": "outlet",
    "기고자": "byline",
    "제목": "title",
    "인물": "people",
    "위치": "places",
    "기관": "organizations",
    "키워드": "keywords",
    "본문": "body",
    "url": "url",
    "분석제외여부": "exclusion",
}
_PREFIXES = (("특성추출", "features"), ("통합분류", "category"), ("사건/사고분류", "incident"))

#: Without these a sheet is not a BigKinds export we can use.
REQUIRED = ("일자", "언론사", "제목", "본문")
_REQUIRED_FIELDS = ("date", "outlet", "title", "body")

#: 분석제외 여부 values -> flags on the ParsedArticle. Only "duplicate" hides a row.
EXCLUSION_FLAGS = {
    "중복": "duplicate",
    "예외": "exception",
    "유효url없음": "no_valid_url",
    "본문확보": "body_secured",
}

_LIST_SPLIT = re.compile(r"\s*[,;\n]\s*")
_BYLINE_SPLIT = re.compile(r"\s*[,;/·ㆍ\n]\s*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ROLE_SUFFIX = re.compile(r"\s*(객원기자|수습기자|선임기자|전문기자|특파원|기자|통신원|논설위원|위원|칼럼니스트)$")
_DATE_DIGITS = re.compile(r"^(\d{4})\D?(\d{1,2})\D?(\d{1,2})")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\r\n\s*\r\n")


@dataclass
class Layout:
    """Where each field sits in one sheet: found from the header row."""

    sheet: str
    columns: dict[str, int]  # field -> 0-based column index
    categories: list[int]
    incidents: list[int]

    @property
    def kind(self) -> str:
        return "news-search" if "url" in self.columns else "visualisation"


def read_workbook(path: Path, data: bytes) -> tuple[list[ParsedArticle], str | None]:
    """Every usable row of a BigKinds workbook, in sheet order; xlsx has no text encoding."""
    return list(iter_articles(data)), None


def iter_articles(data: bytes) -> Iterator[ParsedArticle]:
    """Validate the file, then yield one ParsedArticle per non-blank row."""
    check_container(data)
    workbook = _open(data)
    try:
        rows, layout = find_layout(workbook)
        for values in rows:  # the rows after the header
            article = row_to_article(values, layout)
            if article is not None:
                yield article
    finally:
        workbook.close()


def check_container(data: bytes) -> None:
    """Refuse what the workbook reader must never open: oversized files, non-zips, zip bombs.

    The zip's central directory declares each member's uncompressed size, and
    ``zipfile`` never inflates past it, so checking the declarations is enough.
    """
    if len(data) > MAX_FILE_BYTES:
        raise ValueError(
            f"file is {_mb(len(data))} MB; a BigKinds export is at most {_mb(MAX_FILE_BYTES)} MB"
        )
    if data.startswith(_OLE_MAGIC):
        raise ValueError("old Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ValueError("not an .xlsx workbook (not a zip file)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise ValueError(f"damaged .xlsx workbook ({exc})") from None
    if len(members) > MAX_MEMBERS:
        raise ValueError(f"zip holds {len(members)} files; not a workbook")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise ValueError(
            f"zip declares {_mb(total)} MB uncompressed (limit {_mb(MAX_UNCOMPRESSED_BYTES)} MB);"
            " refusing a possible zip bomb"
        )
    for m in members:
        if m.file_size > 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise ValueError(
                f"zip member {m.filename} expands {m.file_size // max(m.compress_size, 1)}x;"
                " refusing a possible zip bomb"
            )
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise ValueError("zip file is not an Excel workbook (no xl/workbook.xml)")


def _open(data: bytes) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except CalamineError as exc:  # a damaged or missing part
        raise ValueError(f"cannot open workbook: a damaged or missing part ({_one_line(exc)})") from None


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def find_layout(workbook: CalamineWorkbook) -> tuple[Iterator[list[Any]], Layout]:
    """The sheet holding BigKinds columns (``news_data`` first, then the others
    in order): its rows after the header row, and where each field sits."""
    names = list(workbook.sheet_names)
    ordered = sorted(names, key=lambda n: n.strip().lower() != "news_data")
    best_missing: tuple[str, list[str]] | None = None
    damaged = ""
    for name in ordered:
        try:
            rows = iter(workbook.get_sheet_by_name(name).iter_rows())
        except CalamineError as exc:  # a chart sheet, or a damaged sheet part
            why = "its part is missing" if str(exc) == name else _one_line(exc)
            damaged = damaged or f"sheet '{name}' is damaged ({why})"
            continue
        for values in itertools.islice(rows, HEADER_SEARCH_ROWS):
            layout = _layout_from_header(name, values)
            if layout is None:
                continue
            missing = [h for h, f in zip(REQUIRED, _REQUIRED_FIELDS) if f not in layout.columns]
            if not missing:
                return rows, layout
            if best_missing is None or len(missing) < len(best_missing[1]):
                best_missing = (name, missing)
    if best_missing is not None:
        sheet_name, missing = best_missing
        raise ValueError(f"sheet '{sheet_name}' lacks BigKinds column(s): {', '.join(missing)}")
    if damaged:
        raise ValueError(damaged)
    shown = ", ".join(f"'{n}'" for n in names[:5])
    raise ValueError(f"no sheet with BigKinds columns (제목, 본문, 일자, 언론사) in {shown}")


def _layout_from_header(sheet: str, values: Iterable[Any]) -> Layout | None:
    columns: dict[str, int] = {}
    categories: list[int] = []
    incidents: list[int] = []
    for index, value in enumerate(values or ()):
        if value is None:
            continue
        key = _header_key(str(value))
        field = _HEADERS.get(key)
        if field is None:
            for prefix, name in _PREFIXES:
                if key.startswith(prefix):
                    field = name
                    break
        if field == "category":
            categories.append(index)
        elif field == "incident":
            incidents.append(index)
        elif field is not None and field not in columns:
            columns[field] = index
    # A header row names at least two of the columns we need; a data row does not.
    if sum(f in columns for f in _REQUIRED_FIELDS) < 2:
        return None
    return Layout(sheet, columns, categories, incidents)


def _header_key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).lower()


def row_to_article(values: tuple[Any, ...], layout: Layout) -> ParsedArticle | None:
    """One sheet row -> ParsedArticle, or None for a blank row or one with no text at all."""

    def cell(field: str) -> str:
        index = layout.columns.get(field)
        if index is None or index >= len(values):
            return ""
        return _text(values[index])

    title = cell("title")
    body = cell("body")
    if not title and not body:
        return None
    paragraphs = [Paragraph(kind="body", text=t, index=i) for i, t in enumerate(_paragraphs(body))]
    if not title:
        title = paragraphs[0].text[:80]
    published = None
    date_index = layout.columns.get("date")
    if date_index is not None and date_index < len(values):
        published = parse_date(values[date_index])
    supplied: list[tuple[str, str]] = []
    for field, entity_type in ENTITY_COLUMNS:
        supplied.extend((entity_type, name) for name in split_list(cell(field)))
    url = cell("url") or None
    if url and not re.match(r"(?i)^https?://", url):
        url = None
    flags = exclusion_flags(cell("exclusion"))
    return ParsedArticle(
        title=title,
        paragraphs=paragraphs,
        published=published,
        published_precision="day" if published else None,
        outlet=cell("outlet") or None,
        reporters=parse_byline(cell("byline")),
        cities=cities_from_places([n for t, n in supplied if t == "place"], title, body),
        url=url,
        is_excerpt=bool(body),
        supplied_entities=supplied,
        flags=flags,
    )


def _text(value: Any) -> str:
    """A cell as clean NFC text: numbers (ids, dates typed as ints) become digits."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime, date)):
        return value.strftime("%Y%m%d")
    text = unicodedata.normalize("NFC", str(value))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("_x000D_", "")
    return text.strip()


def _paragraphs(body: str) -> list[str]:
    if not body:
        return []
    parts = _PARAGRAPH_BREAK.split(body) if _PARAGRAPH_BREAK.search(body) else body.split("\n")
    return [re.sub(r"[ \t]+", " ", p).strip() for p in parts if p.strip()]


def parse_date(value: Any) -> str | None:
    """일자 as written by BigKinds (20240116, as text or a number) or by Excel (a date)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    match = _DATE_DIGITS.match(str(value).strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return None


def split_list(text: str) -> list[str]:
    """'이강덕,포항시, 이강덕' -> ['이강덕', '포항시']: order kept, repeats and blanks dropped."""
    seen: dict[str, None] = {}
    for part in _LIST_SPLIT.split(text or ""):
        name = part.strip()
        if name and name not in seen:
            seen[name] = None
    return list(seen)


def parse_byline(text: str) -> list[Reporter]:
    """기고자 cells: '이영균 기자', '홍길동, 김철수 기자', '이동국 marisdy@asiae.co.kr'."""
    reporters: list[Reporter] = []
    for part in _BYLINE_SPLIT.split(text or ""):
        email_match = _EMAIL.search(part)
        email = email_match.group(0) if email_match else None
        name = _EMAIL.sub("", part).strip(" ()[]<>")
        role = "reporter"
        suffix = _ROLE_SUFFIX.search(name)
        if suffix:
            role = "correspondent" if suffix.group(1) == "특파원" else "reporter"
            name = name[: suffix.start()].strip()
        if not name and email:
            name = email.split("@")[0]
        if name and not any(r.name == name for r in reporters):
            reporters.append(Reporter(name=name, email=email, role=role))
    return reporters


def exclusion_flags(text: str) -> list[str]:
    """분석제외 여부 -> flags; unknown values are kept (lower-cased, spaces removed)."""
    flags = []
    for part in split_list(text):
        key = _header_key(part)
        flags.append(EXCLUSION_FLAGS.get(key, key))
    return flags


def cities_from_places(places: list[str], title: str, body: str) -> list[str]:
    """Cities the row is about: what ``store.cities`` finds in the title and excerpt,
    plus BigKinds' 위치 entries that are cities and that the excerpt names (an
    excerpt is too short for the "keeps coming back to it" rule)."""
    try:
        from .cities import cities_about, gazetteer
    except ImportError:  # without the gazetteer: 위치 entries written as cities
        cities_about, table = None, {}
    else:
        table = gazetteer()
    text = title + "\n" + body
    found = list(cities_about(title, body)) if cities_about else []
    for place in places:
        city = table.get(place) or table.get(place + "시")
        if city is None and not table and len(place) >= 3 and place.endswith("시"):
            city = place
        if city and city not in found and (place in text or city in text):
            found.append(city)
    return found


def _mb(n: int) -> int:
    return round(n / (1024 * 1024))
