"""Korean news outlets, their e-mail/web domains, and how to name one found on a page.

The table (``data/outlets.tsv``) is general knowledge of the Korean press:
national dailies, wires, broadcasters and their regional stations, business, IT
and internet-only media, and every region's papers, each with the names its site
and copyright lines use and its domains. Users add their own in
``outlets.toml`` in the data directory::

    [outlets]
    "포항뉴스" = ["phnews.co.kr"]

The page itself is trusted first (copyright line, bracket byline); the table
turns a domain into a name and gives an outlet its usual spelling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path


@dataclass(frozen=True)
class Outlet:
    """One row of the built-in table (``data/outlets.tsv``)."""

    name: str
    kind: str  # national|wire|broadcast|economic|it|regional|internet|magazine|english
    region: str = ""  # the 시·도 of a regional outlet
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()


OUTLET_KINDS = frozenset({"national", "wire", "broadcast", "economic", "it", "regional", "internet",
                          "magazine", "english"})


def parse_outlets(text: str, source: str = "outlets.tsv") -> list[Outlet]:
    """Rows of the tab-separated table: name, kind, region, aliases (a|b), domains (a|b).

    A data file rather than Python so that adding an outlet is a one-line edit
    and tests can check the table's shape on its own.
    """
    rows: list[Outlet] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")] + [""] * 5
        name, kind, region, aliases, domains = cols[:5]
        if not name or kind not in OUTLET_KINDS or len(line.split("\t")) > 5:
            raise ValueError(f"{source}:{number}: malformed outlet line: {line!r}")
        rows.append(Outlet(
            name=name, kind=kind, region=region,
            aliases=tuple(a.strip() for a in aliases.split("|") if a.strip()),
            domains=tuple(d.strip().lower() for d in domains.split("|") if d.strip()),
        ))
    return rows


@lru_cache(maxsize=1)
def builtin_outlets() -> tuple[Outlet, ...]:
    """The built-in table, read once from the package's ``data/outlets.tsv``."""
    text = resources.files(__package__).joinpath("data", "outlets.tsv").read_text(encoding="utf-8")
    return tuple(parse_outlets(text))


#: name -> domains of the built-in table (the user's outlets.toml adds to it in outlet_table()).
KNOWN_OUTLETS: dict[str, tuple[str, ...]] = {o.name: o.domains for o in builtin_outlets()}

#: What a copyright line or bracket byline may call an outlet that is not its name.
_ALIASES: dict[str, str] = {a: o.name for o in builtin_outlets() for a in o.aliases}

#: Words that end the name of a Korean outlet; used for outlets no table knows.
OUTLET_SUFFIX = r"(?:뉴스|일보|신문|경제|방송|타임즈|타임스|저널|투데이|데일리|미디어|매일|포스트|TV|tv|닷컴|통신|프레스|리포트|인사이트|코리아|신보|경제신문|헤럴드|News|news)"


def user_table_path() -> Path:
    from .paths import data_dir

    return data_dir() / "outlets.toml"


@lru_cache(maxsize=1)
def outlet_table() -> dict[str, tuple[str, ...]]:
    """The built-in table plus the user's outlets.toml, if there is one and it parses."""
    table = dict(KNOWN_OUTLETS)
    try:
        path = user_table_path()
        if path.is_file():
            from .toml_files import loads

            data = loads(path.read_text(encoding="utf-8"))
            for name, domains in (data.get("outlets") or {}).items():
                if isinstance(domains, str):
                    domains = [domains]
                table[str(name)] = tuple(str(d).lower() for d in domains or ())
    except (OSError, ValueError):
        pass  # a broken user file must not stop ingest; the built-in table still works
    return table


@lru_cache(maxsize=1)
def _by_domain() -> dict[str, str]:
    return {d: name for name, domains in outlet_table().items() for d in domains}


@lru_cache(maxsize=1)
def _by_folded_name() -> dict[str, str]:
    folded = {name.casefold(): name for name in outlet_table()}
    folded.update({k.casefold(): v for k, v in _ALIASES.items()})
    return folded


def outlet_for_domain(domain: str) -> str | None:
    """'marisdy@asiae.co.kr' or 'www.asiae.co.kr' -> 아시아경제."""
    host = domain.lower().rsplit("@", 1)[-1].strip(". /")
    host = re.sub(r"^(?:www|m|news|mobile)\.", "", host)
    table = _by_domain()
    while host:
        if host in table:
            return table[host]
        if "." not in host:
            return None
        host = host.split(".", 1)[1]
    return None


def canonical_outlet(name: str) -> str:
    """The usual spelling of an outlet name found on a page ('cbn뉴스' stays as the table says, or as written)."""
    cleaned = name.strip(" \t-·|,.:()[]<>")
    return _by_folded_name().get(cleaned.casefold(), cleaned)


def known_outlet_in(text: str) -> str | None:
    """A table outlet named anywhere in a short line (copyright lines with slogans).

    The longest name or alias found wins ('KBS부산' over 'KBS'). A name's Latin
    end must not run on into other Latin letters ('OBS' is not in 'JOBS'), and
    aliases count only when long enough not to be a word ('한경닷컴' does,
    '한경' does not).
    """
    best: str | None = None
    best_len = 0
    folded = text.casefold()
    for word, length, name in _words(tuple(outlet_table())):
        if length > best_len and _stands_in(word, folded):
            best, best_len = name, length
    return best


def _letter(ch: str) -> str:
    """'latin', 'hangul' or '' : what a name's edge must not run on into."""
    if ch.isascii() and ch.isalpha():
        return "latin"
    return "hangul" if "가" <= ch <= "힣" else ""


def _stands_in(word: str, text: str) -> bool:
    """`word` occurs in `text` as itself: its Latin ends do not run on into other
    Latin letters ('OBS' is not in 'JOBS') and its Hangul start begins a word
    ('조선일보' is not the one in '디지틀조선일보'). Plain string search: hundreds of
    names are tried on every copyright line."""
    first, last = _letter(word[0]), _letter(word[-1])
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        left_ok = not first or start == 0 or _letter(text[start - 1]) != first
        right_ok = last != "latin" or end == len(text) or _letter(text[end]) != "latin"
        if left_ok and right_ok:
            return True
        start = text.find(word, start + 1)
    return False


@lru_cache(maxsize=4)
def _words(names: tuple[str, ...]) -> tuple[tuple[str, int, str], ...]:
    """(folded word, length, outlet) for every name and every alias long enough to trust."""
    out = [(name.casefold(), len(name), name) for name in names]
    for alias, name in _ALIASES.items():
        latin = re.fullmatch(r"[A-Za-z0-9 .&'-]+", alias) is not None
        if len(alias) >= (4 if latin else 3):
            out.append((alias.casefold(), len(alias), name))
    return tuple(out)


def looks_like_outlet(name: str) -> bool:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 20:
        return False
    if cleaned.casefold() in _by_folded_name():
        return True
    match = re.search(OUTLET_SUFFIX + r"$", cleaned)
    return match is not None and match.start() > 0  # 'TV' alone, or '일보' alone, names no outlet
