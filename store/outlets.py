"""Korean news outlets, their e-mail/web domains, and how to name one found on a page.

The table is general knowledge of the Korean press (national dailies, wires,
broadcasters, business papers, large regional papers). Users add their own in
``outlets.toml`` in the data directory::

    [outlets]
    "포항뉴스" = ["phnews.co.kr"]

The page itself is trusted first (copyright line, bracket byline); the table
turns a domain into a name and gives an outlet its usual spelling.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

KNOWN_OUTLETS: dict[str, tuple[str, ...]] = {
    "연합뉴스": ("yna.co.kr", "yonhapnews.co.kr"),
    "연합뉴스TV": ("yonhapnewstv.co.kr",),
    "뉴시스": ("newsis.com",),
    "뉴스1": ("news1.kr",),
    "조선일보": ("chosun.com",),
    "중앙일보": ("joongang.co.kr", "joins.com"),
    "동아일보": ("donga.com",),
    "한겨레": ("hani.co.kr",),
    "경향신문": ("khan.co.kr", "kyunghyang.com"),
    "한국일보": ("hankookilbo.com",),
    "서울신문": ("seoul.co.kr",),
    "세계일보": ("segye.com",),
    "국민일보": ("kmib.co.kr",),
    "문화일보": ("munhwa.com",),
    "내일신문": ("naeil.com",),
    "매일경제": ("mk.co.kr", "mkinternet.com"),
    "한국경제": ("hankyung.com",),
    "서울경제": ("sedaily.com",),
    "머니투데이": ("mt.co.kr", "moneytoday.co.kr"),
    "아시아경제": ("asiae.co.kr",),
    "헤럴드경제": ("heraldcorp.com", "heraldm.com"),
    "파이낸셜뉴스": ("fnnews.com",),
    "이데일리": ("edaily.co.kr",),
    "아주경제": ("ajunews.com", "ajunews.co.kr"),
    "전자신문": ("etnews.com", "etnews.co.kr"),
    "디지털타임스": ("dt.co.kr",),
    "뉴스핌": ("newspim.com",),
    "이투데이": ("etoday.co.kr",),
    "뉴데일리": ("newdaily.co.kr",),
    "데일리안": ("dailian.co.kr",),
    "노컷뉴스": ("nocutnews.co.kr", "cbs.co.kr"),
    "오마이뉴스": ("ohmynews.com",),
    "프레시안": ("pressian.com",),
    "시사저널": ("sisajournal.com",),
    "조선비즈": ("chosunbiz.com",),
    "비즈니스포스트": ("businesspost.co.kr",),
    "지디넷코리아": ("zdnet.co.kr",),
    "블로터": ("bloter.net",),
    "더팩트": ("tf.co.kr",),
    "뉴스토마토": ("etomato.com", "newstomato.com"),
    "에너지경제": ("ekn.kr",),
    "KBS": ("kbs.co.kr",),
    "MBC": ("mbc.co.kr", "imbc.com"),
    "SBS": ("sbs.co.kr",),
    "YTN": ("ytn.co.kr",),
    "JTBC": ("jtbc.co.kr", "joongang.co.kr/jtbc"),
    "MBN": ("mbn.co.kr",),
    "채널A": ("ichannela.com",),
    "TV조선": ("tvchosun.com",),
    "한국경제TV": ("wowtv.co.kr",),
    "경북일보": ("kyongbuk.co.kr",),
    "경북매일": ("kbmaeil.com",),
    "경북도민일보": ("hidomin.com",),
    "매일신문": ("imaeil.com",),
    "영남일보": ("yeongnam.com",),
    "대구일보": ("idaegu.com", "idaegu.co.kr"),
    "경기일보": ("kyeonggi.com",),
    "경인일보": ("kyeongin.com",),
    "중부일보": ("joongboo.com",),
    "인천일보": ("incheonilbo.com",),
    "부산일보": ("busan.com",),
    "국제신문": ("kookje.co.kr",),
    "경남신문": ("knnews.co.kr",),
    "경남도민일보": ("idomin.com",),
    "울산매일": ("iusm.co.kr",),
    "강원일보": ("kwnews.co.kr",),
    "강원도민일보": ("kado.net",),
    "전북일보": ("jjan.kr",),
    "전남일보": ("jnilbo.com",),
    "광주일보": ("kwangju.co.kr",),
    "무등일보": ("honam.co.kr",),
    "대전일보": ("daejonilbo.com",),
    "중도일보": ("joongdo.co.kr",),
    "충청투데이": ("cctoday.co.kr",),
    "제주일보": ("jejuilbo.net",),
    "한라일보": ("ihalla.com",),
}

#: What a copyright line or bracket byline may call an outlet that is not its name.
_ALIASES = {"연합": "연합뉴스", "yonhap": "연합뉴스", "newsis": "뉴시스", "news1": "뉴스1",
            "매경": "매일경제", "한경": "한국경제", "헤럴드": "헤럴드경제", "hankyoreh": "한겨레",
            "한겨레신문": "한겨레", "경향": "경향신문", "중앙": "중앙일보", "조선": "조선일보"}

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
    """A table outlet named anywhere in a short line (copyright lines with slogans)."""
    best: str | None = None
    for name in outlet_table():
        if name in text and (best is None or len(name) > len(best)):
            best = name
    return best


def looks_like_outlet(name: str) -> bool:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 20:
        return False
    if cleaned.casefold() in _by_folded_name():
        return True
    return re.search(OUTLET_SUFFIX + r"$", cleaned) is not None
