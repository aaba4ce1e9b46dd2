"""How long opening the comparison takes on a generated corpus, beside plain SQL over its facts.

    python bench/compare.py                  # 2,000 stories + ~1,600 copies
    python bench/compare.py --articles 500   # quicker
    python bench/compare.py --old c981b34    # also the whole-corpus computation of that commit (the last before facts)

Builds a corpus with bench/search.py's generator (the seeds' sentences with
substituted names and numbers, twelve cities, eight outlets), adds wire copies
(a twentieth of the stories run again by 2-30 outlets, a few words rewritten),
groups copies as ingest does, then:

- reads every article's comparison facts (`comparison.facts.refill`: the work
  analysis now does once per article, or a first comparison on an old database);
- opens the comparison cold in a fresh process (facts stored; its peak RSS is
  the comparison's own) and prints the time beside the baseline, a plain
  `SELECT city, cell, count(*) … GROUP BY` over the facts table;
- adds 100 articles as ingest stores them and opens it again (only those are read);
- writes `compare --markdown` (time, lines);
- with `--old REF`: the same corpus compared by the store/ of git REF (before
  facts were stored: every article read and every copy aligned at `c`), in a
  fresh process, for its time and peak RSS.

Targets (issue 21, 2 cores): opening <= 1 s, RSS <= 400 MB, markdown <= 10 s at 100k.
"""

from __future__ import annotations

import argparse
import json
import random
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import CITIES, OUTLETS, build, mutate, peak_rss_mb, seed_sentences  # noqa: E402

from store import dedupe  # noqa: E402
from store.comparison import facts  # noqa: E402
from store.corpus import Corpus  # noqa: E402
from store.records import Paragraph, ParsedArticle  # noqa: E402


def child(path: Path) -> None:
    """A fresh process: open the comparison, then the Markdown report; print JSON."""
    corpus = Corpus(path)
    t = time.perf_counter()
    result = corpus.compare()
    open_s = time.perf_counter() - t
    t = time.perf_counter()
    count = corpus.db.execute("SELECT city, cell, count(*) FROM comparison_facts GROUP BY city, cell").fetchall()
    base_s = time.perf_counter() - t
    t = time.perf_counter()
    text = corpus.compare_markdown(result)
    md_s = time.perf_counter() - t
    shown = sum(len(v) for table in result.values() for k, v in table.items() if isinstance(v, list))
    more = sum(sum(table["more"].values()) for table in result.values())
    print(json.dumps({"open_s": open_s, "base_s": base_s, "groups": len(count), "md_s": md_s,
                      "md_lines": text.count("\n"), "shown": shown, "more": more, "rss_mb": peak_rss_mb()}))


def fresh(path: Path) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


_OLD_CHILD = """
import json, sys, time
from store.corpus import Corpus
corpus = Corpus(sys.argv[1])
t = time.perf_counter()
corpus.compare()
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(json.dumps({"open_s": time.perf_counter() - t, "rss_mb": hwm / 1024}))
"""


def old_path(path: Path, ref: str, tmp: Path) -> dict[str, float]:
    """The comparison as `ref`'s code computes it, on a copy of the corpus
    without the facts component and with the old cache table (that code
    refuses a schema newer than its own)."""
    repo = Path(__file__).resolve().parent.parent
    code = tmp / "old"
    code.mkdir()
    archive = subprocess.run(["git", "-C", str(repo), "archive", ref, "store"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(code)], input=archive.stdout, check=True)
    copy = tmp / "old.db"
    shutil.copy(path, copy)
    conn = sqlite3.connect(copy)
    with conn:
        conn.execute("DROP TABLE comparison_facts")
        conn.execute("DROP TABLE comparison_read")
        conn.execute("DELETE FROM schema_versions WHERE component = 'comparison_facts'")
        # ... and its whole-result cache, as it was before v2 dropped it
        conn.execute("UPDATE schema_versions SET version = 1 WHERE component = 'comparisons'")
        conn.execute("CREATE TABLE comparisons (cities TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, result TEXT NOT NULL)")
    conn.close()
    env = {**os.environ, "PYTHONPATH": str(code)}
    out = subprocess.run([sys.executable, "-c", _OLD_CHILD, str(copy)], capture_output=True, text=True, env=env, cwd=code)
    if out.returncode:  # e.g. a ref whose schema is older than the corpus's other components
        raise SystemExit(f"the old path failed: {out.stderr.strip().splitlines()[-1]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def add_copies(corpus: Corpus, share: float, rng: random.Random) -> int:
    """Wire copies: `share` of the stories again under other outlets, numbers rewritten."""
    conn = corpus.db.conn
    stories = conn.execute("SELECT id, title, published, cities FROM articles").fetchall()
    picked = rng.sample(stories, int(len(stories) * share))
    articles, paragraphs = [], []
    for aid, title, published, cities in picked:
        texts = conn.execute("SELECT idx, kind, text FROM paragraphs WHERE article_id = ? ORDER BY idx", [aid]).fetchall()
        for n in range(rng.randint(2, 30)):
            copy = f"{aid}-{n}"
            articles.append((copy, f"{title} ({n})", published, rng.choice(OUTLETS), cities))
            shift = str.maketrans("0123456789", "".join(str((d + n) % 10) for d in range(10)))
            paragraphs.extend((copy, idx, kind, text.translate(shift) if idx % 3 == 1 else text) for idx, kind, text in texts)
    with conn:
        conn.executemany(
            "INSERT INTO articles(id, title, published, outlet, cities, ingested_at) VALUES (?, ?, ?, ?, ?, '2026-01-01')",
            articles,
        )
        conn.executemany("INSERT INTO paragraphs(article_id, idx, kind, text) VALUES (?, ?, ?, ?)", paragraphs)
    return len(articles)


def add_articles(corpus: Corpus, n: int, sentences: list[str]) -> None:
    rng = random.Random(7)
    for i in range(n):
        city = rng.choice(CITIES[:4])
        corpus.save_article(
            ParsedArticle(
                title=f"{mutate(rng.choice(sentences), rng)[:50]} ({i})",
                paragraphs=[Paragraph("body", mutate(rng.choice(sentences), rng), k) for k in range(rng.randint(6, 10))],
                published=f"2025-0{1 + i % 9}-{1 + i % 28:02d}T09:00:00+09:00",
                outlet=rng.choice(OUTLETS),
                cities=[city + "시"],
            )
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="stories generated (copies come on top)")
    parser.add_argument("--copies", type=float, default=0.05, help="share of stories run again by other outlets")
    parser.add_argument("--old", metavar="REF", help="also time the comparison of this git commit's store/")
    parser.add_argument("--keep", type=Path, metavar="DB", help="also copy the corpus built here to DB (to profile it)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    sentences = seed_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "compare.db"
        build(path, args.articles, sentences)
        corpus = Corpus(path)
        copies = add_copies(corpus, args.copies, random.Random(11))
        dedupe.group_copies(corpus.db)
        grouped = corpus.db.execute("SELECT count(*) FROM articles WHERE cluster_id IS NOT NULL AND cluster_id != id").fetchone()[0]
        t = time.perf_counter()
        n = facts.refill(corpus)
        fill_s = time.perf_counter() - t
        rows = corpus.db.execute("SELECT count(*) FROM comparison_facts").fetchone()[0]
        print(f"{n:,} articles ({copies:,} copies made, {grouped:,} grouped as copies): facts read in {fill_s:6.1f} s ({n / fill_s:5.0f} articles/s, {rows:,} rows)"
              " — once per article, at analysis")
        cold = fresh(path)
        print(f"  open the comparison (fresh process): {cold['open_s'] * 1000:7.1f} ms"
              f" | baseline GROUP BY over the facts {cold['base_s'] * 1000:6.1f} ms (x{cold['open_s'] / cold['base_s']:.1f})"
              f" | {cold['shown']} entries shown, {cold['more']:,} behind '+N more' | peak RSS {cold['rss_mb']:.0f} MB")
        if args.old:
            old = old_path(path, args.old, Path(tmp))
            print(f"  the old path ({args.old}, fresh process): {old['open_s']:7.1f} s"
                  f" (x{old['open_s'] / cold['open_s']:.0f} of the new) | peak RSS {old['rss_mb']:.0f} MB")
        add_articles(corpus, 100, sentences)
        t = time.perf_counter()
        corpus.compare()
        grown_s = time.perf_counter() - t
        print(f"  after adding 100 articles: {grown_s * 1000:7.1f} ms (reads the 100, then aggregates)")
        again = fresh(path)
        print(f"  then in a fresh process: {again['open_s'] * 1000:7.1f} ms | peak RSS {again['rss_mb']:.0f} MB")
        print(f"  compare --markdown: {again['md_s'] * 1000:7.1f} ms, {again['md_lines']} lines")
        corpus.close()
        if args.keep:
            shutil.copy(path, args.keep)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
