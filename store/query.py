"""What a user typed in the search box, taken apart: free text, "quoted
phrases" and `name:value` filters.

Parsing never fails: an unbalanced quote quotes to the end, an unknown
`name:` stays text, and nothing here ever reaches FTS syntax (search.py
turns the parts into escaped index codes).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: Filter names the search understands.
FILTERS = ("city", "outlet", "year", "person", "org")
MAX_QUERY = 500

_TOKEN = re.compile(r'"([^"]*)(?:"|$)|(\S+)')
_FILTER = re.compile(r"^(%s):(.*)$" % "|".join(FILTERS), re.IGNORECASE)


@dataclass
class ParsedQuery:
    text: str  # free text, spaces kept (search treats spacing as optional)
    phrases: list[str] = field(default_factory=list)  # exact, as typed
    filters: dict[str, list[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.phrases and not self.filters


def clean(raw: str) -> str:
    """NFC (never NFKC), control characters out, capped length."""
    raw = unicodedata.normalize("NFC", raw or "")
    raw = "".join(ch if ch.isprintable() or ch == " " else " " for ch in raw)
    return raw[:MAX_QUERY]


def parse_query(raw: str) -> ParsedQuery:
    """'포항 "영일만 밸리" year:2019' -> text='포항', phrases=['영일만 밸리'], filters={'year': ['2019']}."""
    text_parts: list[str] = []
    phrases: list[str] = []
    filters: dict[str, list[str]] = {}
    for m in _TOKEN.finditer(clean(raw)):
        if m.group(1) is not None:
            phrase = m.group(1).strip()
            if phrase:
                phrases.append(phrase)
            continue
        token = m.group(2)
        f = _FILTER.match(token)
        if f and f.group(2).strip('"'):
            filters.setdefault(f.group(1).lower(), []).append(f.group(2).strip('"'))
        elif not (f and not f.group(2)):
            text_parts.append(token)
    return ParsedQuery(text=" ".join(text_parts), phrases=phrases, filters=filters)
