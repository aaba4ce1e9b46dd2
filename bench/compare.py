"""How long the comparison takes, beside the cost of just reading its articles.

    python bench/compare.py                  # seeds, then the seeds x 200 (1,000 articles)
    python bench/compare.py --copies 20      # quick, while developing

For each corpus: the baseline is reading every article of the compared cities
through `Corpus.article` (what any comparison must at least do); the figure is
`Corpus.compare()` over the default four cities, computed from scratch, in a
next session (kept in the database), and again in the same process. Prints the
times, the ratio to the baseline and articles per second. The grown corpora
copy the seed articles with a numbered title (distinct ids), grouped into
stories as ingest groups them: once with the same text, once rewritten (other
figures), where each fact's evidence must be aligned in every copy.
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
from store import dedupe  # noqa: E402
from store.compare import DEFAULT_CITIES  # noqa: E402
from store.corpus import Corpus  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402
from store.paths import seeds_dir  # noqa: E402
from store.records import Paragraph, ParsedArticle  # noqa: E402


def grow(corpus: Corpus, copies: int, *, rewrite: bool = False) -> None:
    """Copies of each seed, grouped with it as ingest groups them. `rewrite`:
    each copy's digits change (a rewritten release quotes other figures), so
    a fact's span is no longer found verbatim in the copies and has to be
    aligned in each of them."""
    seeds = list(corpus.all_articles())
    for n in range(1, copies):
        shift = str.maketrans("0123456789", "".join(str((d + n) % 10) for d in range(10)))
        for a in seeds:
            corpus.save_article(
                ParsedArticle(
                    title=f"{a.title} #{n}",
                    paragraphs=[Paragraph(p.kind, p.text.translate(shift) if rewrite else p.text) for p in a.paragraphs],
                    published=a.published,
                    outlet=a.outlet,
                    cities=a.cities,
                    url=None,
                )
            )
    dedupe.group_copies(corpus.db)


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def measure(corpus: Corpus, label: str, repeat: int) -> None:
    cities = list(DEFAULT_CITIES)

    ids = [aid for (aid,) in corpus.db.execute("SELECT id FROM articles WHERE hidden = 0")]

    def read_all() -> None:
        for aid in ids:
            corpus.article(aid)

    def next_session() -> None:  # kept in the database, not in this process
        compare_module._CACHE.clear()
        corpus.compare(cities)

    def cold() -> None:
        with corpus.db.conn:
            corpus.db.execute("DELETE FROM comparisons")
        next_session()

    n = len(ids)
    cold()  # warm the regex caches
    base = timed(read_all, repeat)
    full = timed(cold, repeat)
    stored = timed(next_session, repeat)
    cached = timed(lambda: corpus.compare(cities), repeat)
    print(
        f"{label:>14}: {n:6d} articles | read {base * 1000:8.1f} ms | compare {full * 1000:8.1f} ms"
        f" (x{full / base:5.1f} of read, {n / full:5.0f} articles/s) | next session {stored * 1000:6.1f} ms"
        f" | again {cached * 1000:6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for rewrite in (False, True):
            corpus = Corpus(Path(tmp) / f"bench-{rewrite}.db")
            ingest_paths(corpus, [seeds_dir()])
            if not rewrite:
                measure(corpus, "seeds", args.repeat)
            if args.copies > 1:
                grow(corpus, args.copies, rewrite=rewrite)
                measure(corpus, f"x{args.copies}{' rewritten' if rewrite else ''}", args.repeat)
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
