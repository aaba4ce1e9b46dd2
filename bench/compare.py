"""How long the comparison takes, beside the cost of just reading its articles.

    python bench/compare.py                  # seeds, then the seeds x 200 (1,000 articles)
    python bench/compare.py --copies 20      # quick, while developing

For each corpus: the baseline is reading every article of the compared cities
through `Corpus.article` (what any comparison must at least do); the figure is
`Corpus.compare()` over the default four cities, computed from scratch, and
again with the data unchanged (served from the in-process cache). Prints the
times, the ratio to the baseline and articles per second. The grown corpus copies the seed articles with a numbered
title (distinct ids, same text), so the work per article is the seeds' own.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store import compare as compare_module  # noqa: E402
from store.compare import DEFAULT_CITIES  # noqa: E402
from store.corpus import Corpus  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402
from store.paths import seeds_dir  # noqa: E402
from store.records import Paragraph, ParsedArticle  # noqa: E402


def grow(corpus: Corpus, copies: int) -> None:
    seeds = list(corpus.all_articles())
    for n in range(1, copies):
        for a in seeds:
            corpus.save_article(
                ParsedArticle(
                    title=f"{a.title} #{n}",
                    paragraphs=[Paragraph(p.kind, p.text) for p in a.paragraphs],
                    published=a.published,
                    outlet=a.outlet,
                    cities=a.cities,
                    url=None,
                )
            )


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def measure(corpus: Corpus, label: str, repeat: int) -> None:
    cities = list(DEFAULT_CITIES)

    def read_all() -> None:
        seen = set()
        for city in cities:
            for s in corpus.articles(city=city):
                if s.id not in seen:
                    seen.add(s.id)
                    corpus.article(s.id)

    def cold() -> None:
        compare_module._CACHE.clear()
        corpus.compare(cities)

    n = corpus.count()
    cold()  # warm the regex caches
    base = timed(read_all, repeat)
    full = timed(cold, repeat)
    cached = timed(lambda: corpus.compare(cities), repeat)
    print(
        f"{label:>10}: {n:6d} articles | read {base * 1000:8.1f} ms | compare {full * 1000:8.1f} ms"
        f" (x{full / base:5.1f} of read, {n / full:5.0f} articles/s) | again, unchanged data {cached * 1000:6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(Path(tmp) / "bench.db")
        ingest_paths(corpus, [seeds_dir()])
        measure(corpus, "seeds", args.repeat)
        if args.copies > 1:
            grow(corpus, args.copies)
            measure(corpus, f"x{args.copies}", args.repeat)
        corpus.close()
        # One run-on page (300 KB, no sentence breaks): every look-back is bounded, so
        # this stays linear instead of quadratic.
        corpus = Corpus(Path(tmp) / "runon.db")
        blob = ("포항시 방문단은 ‘영일만 밸리’를 방문해 “긴 인용문 " + "가나다라 " * 20 + "”라고 30개사와 협약 MOU ") * 2000
        corpus.save_article(ParsedArticle(title="포항시 긴 글", paragraphs=[Paragraph("body", blob)], cities=["포항시"]))
        measure(corpus, "run-on", 1)
        corpus.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
