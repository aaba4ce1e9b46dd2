"""Search-as-you-type speed on a synthetic corpus made from the seeds.

    python bench/search.py                    # 10,000 and 100,000 articles
    python bench/search.py --sizes 2000       # quick, while developing
    python bench/search.py --reindex          # cached corpora: time only the search index rebuild

For each size: builds (or reuses, see --rebuild) a deterministic corpus from
the seeds' sentences with typos and substituted names and numbers, bulk
inserted straight into a Corpus database; times the search index build;
then, in a fresh process (so its peak RSS is the searcher's own), replays
queries typed one syllable at a time (initial-consonant queries consonant by
consonant, Latin letter by letter) through `Searcher` and prints p50/p95 per
keystroke, beside the p95 of a plain FTS5 trigram MATCH on `paragraphs_fts`
for the same final queries (the floor), and peak RSS.

Targets (2-core machine, issue #19): p95 <= 15 ms at 100k, <= 60 ms at 1M;
RSS <= 400 MB at 1M; database size per article no larger than 16-17 KB.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store import hangul
from store.corpus import Corpus

#: Final queries of each kind the issue names; replayed keystroke by keystroke.
QUERIES = [
    "영일만 밸리", "영일만밸리", "포항시가", "성남시의", "통일한국", "통일 한국", "실리콘밸리",
    "스탠퍼드", "라스베가스", "벤쿠버", "김종천", "과천동 개발", "이강덕 포항시장",
    "ㅇㅇㅁ", "ㄱㅈㅊ", "영ㅇㅁ", "dudlfaks", "vhgkd", "pohang", "seongnam", "ces2019", "kic",
    '"영일만 밸리"', "city:포항 영일만", "year:2019 과천",
    # keyword queries: terms in different paragraphs, and one with no full match
    "은수미 밴쿠버", "과천 김종천 CES", "포항 스탠포드대 방문단", "김종천 라스베가스",
    "권혁원 샌프란시스코 시애틀", "포항 영일만 없는낱말",
]
FAMILY = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = "민서준호지우현수영재성진하은도연태경동희"
CITIES = ["포항", "고양", "과천", "성남", "수원", "대구", "울산", "창원", "전주", "청주", "세종", "부산"]
OUTLETS = ["연합뉴스", "아시아경제", "세계일보", "경북일보", "경기일보", "뉴시스", "매일신문", "한겨레"]


def seed_sentences() -> list[str]:
    from store.ingest import ingest_paths
    from store.paths import seeds_dir

    with tempfile.TemporaryDirectory() as tmp:
        c = Corpus(Path(tmp) / "seeds.db")
        ingest_paths(c, [seeds_dir()])
        texts = [r[0] for r in c.db.execute("SELECT text FROM paragraphs WHERE kind = 'body'")]
        c.close()
    out: list[str] = []
    for t in texts:
        for s in re.split(r"(?<=[.!?])\s+", t):
            if len(s) >= 25 and sum(hangul.is_syllable(ch) for ch in s) >= 10:
                out.append(s)
    return sorted(set(out))


def mutate(sentence: str, rng: random.Random) -> str:
    """Substituted names and numbers, an occasional jamo typo."""
    s = re.sub(r"\d+", lambda m: str(rng.randint(1, 10 ** len(m.group()) - 1)), sentence)
    if rng.random() < 0.3:
        name = rng.choice(FAMILY) + rng.choice(GIVEN) + rng.choice(GIVEN)
        s = re.sub(r"(?<![가-힣])[가-힣]{3}(?= (?:시장|기자|교수|국장|의장|장관))", name, s, count=1)
    if rng.random() < 0.2:
        s = s.replace(rng.choice(CITIES), rng.choice(CITIES))
    if rng.random() < 0.08:
        idx = [i for i, ch in enumerate(s) if hangul.is_syllable(ch)]
        if idx:
            i = rng.choice(idx)
            cho, jung, jong = hangul.split_syllable(s[i])
            jung = rng.choice(hangul.JUNGSEONG)
            s = s[:i] + hangul.join_syllable(cho, jung, jong) + s[i + 1 :]
    return s


def build(path: Path, n_articles: int, sentences: list[str], workers: int | None = None) -> dict[str, float]:
    """Bulk insert through the Corpus schema; returns timings."""
    from store import search_index

    if path.exists():
        path.unlink()
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    corpus = Corpus(path)
    conn = corpus.db.conn
    rng = random.Random(20240116)
    t0 = time.perf_counter()
    # The core FTS triggers fire per row; a bulk load rebuilds once instead.
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('paragraphs', 'articles', 'search_text')"
    ).fetchall()
    conn.execute("BEGIN")
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    articles = []
    paragraphs = []
    for n in range(n_articles):
        aid = f"{n:016x}"
        day = 1 + n * 3000 // max(n_articles, 1)  # spread over ~8 years, in order
        year = 2016 + day // 365
        published = f"{year}-{1 + (day % 365) // 31:02d}-{1 + day % 28:02d}T09:00:00+09:00"
        city = rng.choice(CITIES)
        title = mutate(rng.choice(sentences), rng)[:60]
        articles.append(
            (aid, title, "[]", published, "minute", None, rng.choice(OUTLETS), None, "[]", city,
             json.dumps([city + "시"], ensure_ascii=False), None, 0, 0, "2026-01-01T00:00:00+00:00")
        )
        for i in range(rng.randint(6, 10)):
            text = " ".join(mutate(rng.choice(sentences), rng) for _ in range(rng.randint(1, 2)))
            paragraphs.append((aid, i, "body", text))
    conn.executemany(
        "INSERT INTO articles(id, title, subtitles, published, published_precision, modified, outlet,"
        " wire_source, reporters, dateline, cities, url, is_excerpt, hidden, ingested_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        articles,
    )
    conn.executemany("INSERT INTO paragraphs(article_id, idx, kind, text) VALUES (?,?,?,?)", paragraphs)
    # The rows live in the database now; keeping them alive (~0.8 GB of
    # tuples at 100k) only makes every later allocation slower.
    n_paragraphs = len(paragraphs)
    del articles, paragraphs
    tc = time.perf_counter()
    conn.execute("INSERT INTO paragraphs_fts(paragraphs_fts) VALUES ('rebuild')")
    core_fts_s = time.perf_counter() - tc
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
    conn.execute("COMMIT")
    t1 = time.perf_counter()
    conn.execute("BEGIN")
    for name, sql in triggers:
        if not name.startswith("search_"):
            conn.execute(sql)
    for name, sql in triggers:
        if name.startswith("search_") and name != "search_text_ai":
            conn.execute(sql)
    parts: dict[str, float] = {}
    n_indexed = search_index.rebuild(conn, timings=parts, workers=workers)
    conn.execute("COMMIT")
    t2 = time.perf_counter()
    corpus.close()
    size = sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return {
        "articles": n_articles,
        "paragraphs": n_paragraphs,
        "indexed": n_indexed,
        "load_s": t1 - t0,
        "index_s": t2 - t1,
        "core_fts_s": core_fts_s,
        "index_bodies_s": parts.get("bodies_s", 0.0),
        "index_text_s": parts.get("text_s", 0.0),
        "index_fts_s": parts.get("fts_s", 0.0),
        "db_mb": size / 1e6,
    }


def reindex(path: Path, workers: int | None) -> dict[str, float]:
    """Time `search_index.rebuild` alone on a cached corpus (the index as the
    current code builds it; opening the corpus first runs any pending
    migration, timed apart)."""
    from store import search_index

    t = time.perf_counter()
    corpus = Corpus(path)
    migrate_s = time.perf_counter() - t
    conn = corpus.db.conn
    parts: dict[str, float] = {}
    conn.execute("BEGIN")
    t = time.perf_counter()
    n = search_index.rebuild(conn, timings=parts, workers=workers)
    conn.execute("COMMIT")
    index_s = time.perf_counter() - t
    corpus.close()
    return {
        "indexed": n,
        "index_s": index_s,
        "migrate_s": migrate_s,
        "index_bodies_s": parts.get("bodies_s", 0.0),
        "index_text_s": parts.get("text_s", 0.0),
        "index_fts_s": parts.get("fts_s", 0.0),
    }


def keystrokes(query: str) -> list[str]:
    """What the box holds after each keystroke the replay counts."""
    core = query
    if all(hangul.is_consonant(ch) for ch in core):
        return [core[: i + 1] for i in range(len(core))]
    return [query[: i + 1] for i in range(len(query)) if not query[i].isspace()]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return 0.0
    k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[k]


def peak_rss_mb() -> float:
    """This process's own peak RSS (VmHWM; ru_maxrss survives exec on Linux
    and would report the parent's build)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path, limit: int) -> dict[str, float]:
    """Runs in a fresh process: keystroke replay + FTS floor + peak RSS."""
    from store.search import Searcher, search

    corpus = Corpus(path)
    corpus.search("워밍업")  # imports and first-page cache, as the app would have
    per_key: list[float] = []
    fresh: list[float] = []
    finals: list[float] = []
    hits_of: dict[str, int] = {}
    searcher = Searcher(path, limit=limit)
    gc.freeze()  # as the app does once its database and Searcher are open (tui/app.py)
    for query in QUERIES:
        searcher.invalidate()
        for step in keystrokes(query):
            t = time.perf_counter()
            hits = searcher.search(step)
            per_key.append((time.perf_counter() - t) * 1000)
        hits_of[query] = len(hits or [])
        t = time.perf_counter()
        search(corpus, query, limit=limit)
        finals.append((time.perf_counter() - t) * 1000)
    rss_searcher = peak_rss_mb()
    warm: list[float] = []
    for query in QUERIES:
        for step in keystrokes(query):
            t = time.perf_counter()
            search(corpus, step, limit=limit)
            fresh.append((time.perf_counter() - t) * 1000)
    searcher = Searcher(path, limit=limit)  # again, on a warm page cache
    for query in QUERIES:
        searcher.invalidate()
        for step in keystrokes(query):
            t = time.perf_counter()
            searcher.search(step)
            warm.append((time.perf_counter() - t) * 1000)
    floor: list[float] = []
    conn = sqlite3.connect(path)
    for _ in range(3):
        for query in QUERIES:
            text = query.replace('"', "")
            fts = '"' + text.replace('"', '""') + '"'
            t = time.perf_counter()
            conn.execute(
                "SELECT p.id, p.text FROM paragraphs_fts f JOIN paragraphs p ON p.id = f.rowid"
                " WHERE paragraphs_fts MATCH ? LIMIT ?",
                [fts, limit],
            ).fetchall()
            floor.append((time.perf_counter() - t) * 1000)
    rss = peak_rss_mb()
    return {
        "keystrokes": len(per_key),
        "p50": statistics.median(per_key),
        "p95": percentile(per_key, 0.95),
        "max": max(per_key),
        "warm_p50": statistics.median(warm),
        "warm_p95": percentile(warm, 0.95),
        "fresh_p50": statistics.median(fresh),
        "fresh_p95": percentile(fresh, 0.95),
        "final_p95": percentile(finals, 0.95),
        "floor_p95": percentile(floor, 0.95),
        "rss_mb": rss,
        "rss_searcher_mb": rss_searcher,
        "hits": hits_of,  # type: ignore[dict-item]
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    ap.add_argument("--dir", default=os.path.join(tempfile.gettempdir(), "valley-bench"))
    ap.add_argument("--rebuild", action="store_true", help="rebuild corpora even if cached")
    ap.add_argument("--limit", type=int, default=50)
    ap.add_argument(
        "--reindex", action="store_true", help="on cached corpora, rebuild and time only the search index"
    )
    ap.add_argument("--workers", type=int, default=None, help="worker processes for the search index build")
    ap.add_argument("--measure", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(Path(args.measure), args.limit), ensure_ascii=False))
        return 0
    out_dir = Path(args.dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sentences: list[str] | None = None
    for size in [int(s) for s in args.sizes.split(",") if s.strip()]:
        path = out_dir / f"search-{size}.db"
        meta = path.with_suffix(".json")
        if args.rebuild or not path.exists() or not meta.exists():
            sentences = sentences or seed_sentences()
            info = build(path, size, sentences, args.workers)
            info["build_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            meta.write_text(json.dumps(info))
        elif args.reindex:
            info = json.loads(meta.read_text())
            info.update(reindex(path, args.workers))
            meta.write_text(json.dumps(info))
        info = json.loads(meta.read_text())
        proc = subprocess.run(
            [sys.executable, __file__, "--measure", str(path), "--limit", str(args.limit)],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            print(f"error: {path}: measurement failed\n{proc.stderr}", file=sys.stderr)
            return 1
        m = json.loads(proc.stdout.strip().splitlines()[-1])
        print(
            f"== {size:,} articles, {info['paragraphs']:,} paragraphs, db {info['db_mb']:.0f} MB"
            f" ({info['db_mb'] * 1000 / size:.1f} KB per article)"
        )
        print(f"   bulk load + core FTS {info['load_s']:.1f} s; search index build {info['index_s']:.1f} s")
        if "core_fts_s" in info:
            print(
                f"   core paragraphs_fts rebuild {info['core_fts_s']:.1f} s vs search index {info['index_s']:.1f} s"
                f" (x{info['index_s'] / max(info['core_fts_s'], 1e-9):.2f}; waiting for bodies"
                f" {info['index_bodies_s']:.1f} s, search_text {info.get('index_text_s', 0.0):.1f} s,"
                f" FTS {info['index_fts_s']:.1f} s)"
            )
        if "migrate_s" in info:
            print(f"   (index rebuilt on the cached corpus; opening it ran migrations in {info['migrate_s']:.1f} s)")
        print(
            f"   per keystroke ({m['keystrokes']} keys, Searcher, first pass): p50 {m['p50']:.1f} ms  p95 {m['p95']:.1f} ms"
            f"  max {m['max']:.1f} ms"
        )
        print(f"   per keystroke, stateless search(): p50 {m['fresh_p50']:.1f} ms  p95 {m['fresh_p95']:.1f} ms")
        print(f"   per keystroke, Searcher again (warm): p50 {m['warm_p50']:.1f} ms  p95 {m['warm_p95']:.1f} ms")
        print(
            f"   final queries p95 {m['final_p95']:.1f} ms vs plain FTS5 trigram MATCH p95 {m['floor_p95']:.1f} ms"
            f" (x{m['final_p95'] / max(m['floor_p95'], 0.001):.1f})"
        )
        print(
            f"   peak RSS: {m['rss_searcher_mb']:.0f} MB after the Searcher replay,"
            f" {m['rss_mb']:.0f} MB at the end (after stateless runs and the FTS floor)"
        )
        print("   hits: " + ", ".join(f"{q}={n}" for q, n in m["hits"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
