"""Dates as Korean news pages print them, and what each one means.

A page carries many dates: the article's 입력/송고 stamp, its 수정 stamp, the
site's own 최종편집 stamp, the day the page was saved (weather widgets, the
date in the masthead), dates inside captions, and unfilled templates such as
``YYYY-mm-dd``. Only a label tells them apart, so every date is returned with
the role its label gives it and the caller decides which to believe.

Formats handled: 2024-01-16, 2024.01.16, 2024. 1. 16., 2019/01/12,
2023년 01월 09일, each optionally followed by a weekday in brackets and a
time (20:06, 20:06:31, 오후 8:06, 8시 6분, PM 8:06), ISO 8601 with 'T'.
All times are Korea Standard Time (+09:00).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

KST = "+09:00"

_WEEKDAY = r"(?:\s*[(\[（]\s*(?:[월화수목금토일](?:요일)?|mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?\s*[)\]）])?"
_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:[.\-/]|년)\s*(?P<m>\d{1,2})\s*(?:[.\-/]|월)\s*(?P<d>\d{1,2})(?!\d)"
    r"\s*(?:일|\.)?"
    + _WEEKDAY
    + r"(?:(?:\s*[|,]?\s*|T)(?P<ap1>오전|오후|AM|PM|am|pm)?\s*(?P<H>\d{1,2})\s*(?::|시)\s*(?P<M>\d{1,2})\s*분?"
    r"(?:\s*(?::|분)?\s*(?P<S>\d{1,2})\s*초?)?(?:\.\d+)?(?:\s*(?P<ap2>AM|PM|am|pm))?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)

#: Labels, longest first so 최종수정 is not read as 수정 and 최종편집 not as 편집.
_LABELS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [
            # the site's own clock, never the article's
            ("최종편집", "site"), ("최종업데이트", "site"), ("편집", "site"), ("현재시간", "site"),
            ("현재시각", "site"), ("오늘", "site"), ("today", "site"), ("접속", "site"),
            # the article's first publication
            ("입력", "published"), ("기사입력", "published"), ("입력일", "published"),
            ("입력시간", "published"), ("등록", "published"), ("등록일", "published"),
            ("승인", "published"), ("송고", "published"), ("게재", "published"),
            ("게재일", "published"), ("발행", "published"), ("발행일", "published"),
            ("작성", "published"), ("작성일", "published"), ("출고", "published"),
            ("posted", "published"), ("published", "published"), ("보도", "published"),
            ("기사전송", "published"), ("전송", "published"),
            # later edits
            ("수정", "modified"), ("최종수정", "modified"), ("수정일", "modified"),
            ("기사수정", "modified"), ("업데이트", "modified"), ("updated", "modified"),
            ("modified", "modified"), ("변경", "modified"),
            ("date", "published"), ("작성시간", "published"), ("기사작성", "published"),
            ("등록시간", "published"), ("승인시간", "published"),
        ],
        key=lambda item: -len(item[0]),
    )
)
_LABEL_BEFORE = re.compile(
    r"(?P<label>" + "|".join(re.escape(k) for k, _ in _LABELS) + r")\s*(?:일시|시간|날짜|일자)?\s*[:：|ㅣ]?\s*$",
    re.IGNORECASE,
)
_LABEL_AFTER = re.compile(r"^\s*(?P<label>송고|입력|등록|발행|작성|게재|승인|수정|출고)(?![가-힣])")
_ROLE = {k.lower(): role for k, role in _LABELS}

#: An unfilled template in place of a date (YYYY-mm-dd, {{date}}, %Y...).
TEMPLATE = re.compile(r"(?i)y{4}[-./년]?\s*m{1,2}|m{2}[-./]d{2}|hh:mm|\{\{[^}]*\}\}|%[YmdHM]|\$\{[^}]*\}")


@dataclass(frozen=True)
class DateMention:
    """One date printed on the page, with what its label says it is."""

    iso: str
    precision: str  # "minute" | "day"
    role: str | None  # published / modified / site / None when unlabelled
    start: int
    end: int


def find_dates(line: str) -> list[DateMention]:
    """Every valid date in a line, each with the role of its label."""
    found: list[DateMention] = []
    for match in _DATE.finditer(line):
        value = _to_iso(match)
        if value is None:
            continue
        iso, precision = value
        before = line[max(0, match.start() - 14) : match.start()]
        label = _LABEL_BEFORE.search(before)
        role = _ROLE.get(label.group("label").lower()) if label else None
        if role is None:
            after = _LABEL_AFTER.match(line[match.end() : match.end() + 6])
            if after:
                role = _ROLE.get(after.group("label"))
        found.append(DateMention(iso, precision, role, match.start(), match.end()))
    return found


def parse_date(text: str) -> tuple[str, str] | None:
    """The first date in a string such as a JSON field or an HTML meta tag."""
    if not text:
        return None
    match = _DATE.search(text)
    return _to_iso(match) if match else None


def _to_iso(match: re.Match[str]) -> tuple[str, str] | None:
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    try:
        datetime(year, month, day)
    except ValueError:
        return None
    if match["H"] is None:
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    hour, minute, second = int(match["H"]), int(match["M"]), int(match["S"] or 0)
    half = (match["ap1"] or match["ap2"] or "").lower()
    if half in ("오후", "pm") and hour < 12:
        hour += 12
    elif half in ("오전", "am") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return f"{year:04d}-{month:02d}-{day:02d}", "day"
    tz = match["tz"]
    offset = KST
    if tz and tz.upper() != "Z":
        offset = tz if ":" in tz else f"{tz[:3]}:{tz[3:]}"
    stamp = datetime(year, month, day, hour, minute, second)
    if tz and (tz.upper() == "Z" or offset != KST):
        from datetime import timedelta, timezone

        sign = 1 if offset.startswith("+") else -1
        zone = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6]))) if tz.upper() != "Z" else timezone.utc
        stamp = stamp.replace(tzinfo=zone).astimezone(timezone(timedelta(hours=9))).replace(tzinfo=None)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S") + KST, "minute"
