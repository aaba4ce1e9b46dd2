"""Analysis throughput beside kiwipiepy's bare tokenizer, in the same run.

    python bench/analyze.py [--copies 20]

1. bare: Kiwi.tokenize over every paragraph, one process, model already loaded.
2. pipeline, one core: the whole extractor (`analyse_one`) over the same text,
   same process: the rules' cost on top of tokenizing (target: lose <= 25 %).
3. analyze(): the real step on a SQLite file holding the seeds `--copies`
   times, with one worker and with two worker processes (model loading,
   SQLite writes and all), to show both cores are used.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store import analysis  # noqa: E402
from store.corpus import Corpus  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402
from store.paths import seeds_dir  # noqa: E402


def _copy_articles(corpus: Corpus, copies: int) -> None:
    """Store each seed `copies` times under new ids, so analysis sees distinct articles."""
    db = corpus.db
    originals = [r[0] for r in db.execute("SELECT id FROM articles")]
    cols = [d[0] for d in db.execute("SELECT * FROM articles LIMIT 0").description if d[0] not in ("num", "id")]
    with corpus.transaction() as conn:
        for n in range(1, copies):
            for aid in originals:
                new = f"{aid[:10]}{n:06d}"
                conn.execute(
                    f"INSERT INTO articles(id, {', '.join(cols)}) SELECT ?, {', '.join(cols)} FROM articles WHERE id = ?",
                    [new, aid],
                )
                conn.execute(
                    "INSERT INTO paragraphs(article_id, idx, kind, text)"
                    " SELECT ?, idx, kind, text FROM paragraphs WHERE article_id = ?",
                    [new, aid],
                )


def _cpu() -> float:
    """CPU seconds used by this process and its finished children (the workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=60, help="how many times to store each seed (default 60)")
    ap.add_argument("--rounds", type=int, default=9, help="passes over the seeds for the per-core figures")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Corpus(Path(tmp) / "base.db")
        ingest_paths(base, [seeds_dir()])
        payloads = [analysis._payload(base, aid, {}) for aid in [r[0] for r in base.db.execute("SELECT id FROM articles")]]
        texts = [t for p in payloads for _, kind, t in p["paragraphs"] if kind != "byline" and t.strip()]
        chars = sum(len(t) for t in texts)

        from store.extract import morph

        t0 = time.perf_counter()
        morph.kiwi()
        morph.tokenize(texts[:5])  # Kiwi finishes loading on its first call
        load = time.perf_counter() - t0
        # Interleaved rounds, best of each: the machine is shared, so the
        # fastest round is the one least disturbed by other work.
        bares, pipes = [], []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            morph.tokenize(texts)
            bares.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for p in payloads:
                analysis.analyse_one(p)
            pipes.append(time.perf_counter() - t0)
        bare, pipe = min(bares), min(pipes)
        # The rules alone, on text Kiwi has already tokenised: the part of the
        # pipeline that is ours, measured without Kiwi's share of the noise.
        from store.extract.article import extract_article
        from store.extract.found import Doc, Para

        tokens = [morph.tokenize([t for _, k, t in p["paragraphs"] if k != "byline" and t.strip()]) for p in payloads]
        rules = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            for p, toks in zip(payloads, tokens):
                paras = [(i, t) for i, k, t in p["paragraphs"] if k != "byline" and t.strip()]
                doc = Doc(p["id"], [Para(i, t, morph.words(t, tk)) for (i, t), tk in zip(paras, toks)])
                extract_article(doc)
            rules.append(time.perf_counter() - t0)
        rules_only = min(rules)
        n_chars = chars
        n_articles = len(payloads)
        print(f"text: {len(payloads)} articles, {chars} chars; best of {args.rounds} rounds; Kiwi load {load:.2f} s")
        print(f"bare kiwipiepy tokenize, 1 core : {n_chars / bare:10.0f} chars/s  {n_articles / bare:7.2f} articles/s")
        print(f"extractor pipeline,      1 core : {n_chars / pipe:10.0f} chars/s  {n_articles / pipe:7.2f} articles/s")
        print(f"pipeline / bare per core        : {bare / pipe:10.1%}  (end to end, best rounds)")
        print(
            f"rules alone (words + extraction): {n_chars / rules_only:10.0f} chars/s"
            f"  = {rules_only / bare:.1%} of bare tokenize time -> pipeline at most"
            f" {1 / (1 + rules_only / bare):.1%} of bare"
        )

        rates = {}
        analysis.POOL_THRESHOLD = 1  # measure the pool even on a small corpus
        for workers in (1, 2):
            corpus = Corpus(Path(tmp) / f"w{workers}.db")
            ingest_paths(corpus, [seeds_dir()])
            _copy_articles(corpus, args.copies)
            total_chars = corpus.db.execute("SELECT sum(length(text)) FROM paragraphs").fetchone()[0]
            stamps: dict[int, float] = {}
            cpu0 = _cpu()
            t0 = time.perf_counter()
            n = analysis.analyze(
                corpus, workers=workers, progress=lambda done, _t: stamps.setdefault(done, time.perf_counter())
            )
            took = time.perf_counter() - t0
            cpu = _cpu() - cpu0
            # Steady state: from the moment every worker has its model loaded
            # and delivered (article 4 x workers) to the last article.
            k = 4 * workers
            steady = (n - k) / (stamps[n] - stamps[k]) if n > k and stamps[n] > stamps[k] else float("nan")
            rates[workers] = steady
            per_article_chars = total_chars / n
            print(
                f"analyze(), {workers} worker{'s' if workers > 1 else ' '}, {n} articles: {took:6.2f} s in all"
                f" (start-up {stamps.get(k, t0) - t0:5.2f} s);"
                f" steady {steady * per_article_chars:9.0f} chars/s {steady:7.2f} articles/s;"
                f" CPU {cpu:6.2f} s = {cpu / took:.2f} cores busy on average"
            )
            corpus.close()
        print(
            f"steady two workers / one: {rates[2] / rates[1]:.2f}x on {os.cpu_count()} cores"
            " (the machine is shared; load varies)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
