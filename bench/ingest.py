"""Ingest throughput: cleaning + metadata + storing, on a generated corpus.

    python bench/ingest.py [--pages 10000] [--keep DIR]

Makes a deterministic corpus from the five seed pages (names, numbers, dates
and cities varied so every page is its own article), then times, in the same
run and on the same files:

* baseline: read + decode + one INSERT of the raw text per page (own
  transaction, WAL), no cleaning - what storing costs at the least;
* clean: read + decode + parse_page (cleaning and metadata), nothing stored;
* store: Corpus.save_article on pages parsed beforehand, in ``Corpus.batch``
  as ingest stores - the storing share (FTS triggers, search index,
  near-duplicate hooks); and the first 1,000 pages into fresh files, batched
  and one transaction per article, to show what batching saves;
* grouping: the near-duplicate pass ingest runs once at the end;
* ingest: the real `ingest_paths` into a fresh Corpus, as
  `valley-tui ingest --no-analyze` does (no entity analysis).

Prints pages/s and MB/s for each and the ratio of ingest to baseline.
Target: ingest >= 500 pages/s on the 2-core dev machine.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.clean import parse_page  # noqa: E402
from store.corpus import Corpus  # noqa: E402
from store.decode import decode_bytes  # noqa: E402
from store.ingest import ingest_paths, iter_seed_files  # noqa: E402

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
SYLLABLES = "민서준현우지도윤하은수영재호성진경태희연동"
CITIES = ["포항", "고양", "과천", "성남", "수원", "창원", "김해", "청주"]
_NAME = re.compile(r"(?<![가-힣])(이영균|이동국|이재영|김인유|최찬흥|고중오|김인철)(?![가-힣])")
_NUMBER = re.compile(r"(?<![\d.:/])(\d{1,3})(?![\d.:/])")


def generate(out: Path, pages: int) -> int:
    """Write `pages` varied copies of the seeds into `out`; return total bytes."""
    seeds = [p.read_text(encoding="utf-8") for p in iter_seed_files()]
    rng = random.Random(20240116)
    total = 0
    for i in range(pages):
        text = seeds[i % len(seeds)]
        names: dict[str, str] = {}

        def name(m: re.Match[str]) -> str:
            if m.group(1) not in names:
                names[m.group(1)] = rng.choice(SURNAMES) + rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
            return names[m.group(1)]

        text = _NAME.sub(name, text)
        text = _NUMBER.sub(lambda m: str(int(m.group(1)) + rng.randint(0, 3)), text)
        if i % 3 == 0:
            src, dst = rng.sample(CITIES, 2)
            text = text.replace(src, dst)
        text = text.replace("밝혔다.", f"밝혔다. (자료 {i}번)", 1)
        try:
            data = text.encode("cp949" if i % 10 == 0 else "utf-8")
        except UnicodeEncodeError:  # a character CP949 lacks: keep this page UTF-8
            data = text.encode("utf-8")
        (out / f"page{i:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def baseline(files: list[Path], db_path: Path) -> float:
    conn = sqlite3.connect(str(db_path))
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE pages (id INTEGER PRIMARY KEY, path TEXT UNIQUE, text TEXT)")
    start = time.perf_counter()
    for path in files:
        text, _ = decode_bytes(path.read_bytes())
        with conn:
            conn.execute("INSERT INTO pages(path, text) VALUES (?, ?)", [str(path), text])
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def clean_only(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        text, _ = decode_bytes(path.read_bytes())
        parse_page(text)
    return time.perf_counter() - start


def store_only(files: list[Path], db_path: Path) -> float:
    """Save already-parsed articles: the storing share (indexes, triggers, dedupe hooks)."""
    from store.records import Source

    parsed = []
    for path in files:
        text, encoding = decode_bytes(path.read_bytes())
        parsed.append((parse_page(text), Source(str(path), str(path), "0" * 64, encoding, "ok")))
    corpus = Corpus(db_path)
    start = time.perf_counter()
    with corpus.batch():  # as ingest_paths stores: many whole articles per commit
        for article, source in parsed:
            corpus.save_article(article, source)
    elapsed = time.perf_counter() - start
    corpus.close()
    return elapsed


def store_first(files: list[Path], db_path: Path, limit: int, *, batched: bool) -> float:
    """Seconds per article storing the first `limit` pages into a fresh file, in a
    batch or each article in its own transaction (the old way): same pages, same size."""
    from store.records import Source

    parsed = []
    for path in files[:limit]:
        text, encoding = decode_bytes(path.read_bytes())
        parsed.append((parse_page(text), Source(str(path), str(path), "0" * 64, encoding, "ok")))
    corpus = Corpus(db_path)
    start = time.perf_counter()
    with corpus.batch() if batched else contextlib.nullcontext():
        for article, source in parsed:
            corpus.save_article(article, source)
    elapsed = time.perf_counter() - start
    corpus.close()
    return elapsed / len(parsed)


def grouping(db_path: Path) -> float | None:
    """The near-duplicate pass ingest runs once at the end of a batch (if present)."""
    try:
        from store.dedupe import group_copies
    except ImportError:
        return None
    corpus = Corpus(db_path)
    start = time.perf_counter()
    group_copies(corpus.db)
    elapsed = time.perf_counter() - start
    corpus.close()
    return elapsed


def ingest(folder: Path, db_path: Path) -> tuple[float, int, int]:
    corpus = Corpus(db_path)
    start = time.perf_counter()
    report = ingest_paths(corpus, [folder])
    elapsed = time.perf_counter() - start
    stored = corpus.count(include_hidden=True)
    corpus.close()
    return elapsed, report.failed, stored


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the corpus and databases here and keep them")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="valley-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus_dir = work / "pages"
    if corpus_dir.exists():
        shutil.rmtree(corpus_dir)
    corpus_dir.mkdir()
    for db in ("baseline.db", "store.db", "single.db", "batched.db", "ingest.db"):
        for suffix in ("", "-wal", "-shm"):
            Path(str(work / db) + suffix).unlink(missing_ok=True)
    try:
        size = generate(corpus_dir, args.pages)
        files = sorted(corpus_dir.glob("*.txt"))
        mb = size / 1e6
        print(f"corpus: {len(files)} pages, {mb:.1f} MB (~10% CP949), generated from {len(list(iter_seed_files()))} seeds", flush=True)

        t_base = baseline(files, work / "baseline.db")
        t_clean = clean_only(files)
        t_store = store_only(files, work / "store.db")
        first = min(1000, len(files))
        t_single = store_first(files, work / "single.db", first, batched=False)
        t_batched = store_first(files, work / "batched.db", first, batched=True)
        t_group = grouping(work / "store.db")
        t_ingest, failed, stored = ingest(corpus_dir, work / "ingest.db")

        def line(label: str, seconds: float) -> str:
            return f"{label:<34} {len(files) / seconds:8.0f} pages/s {mb / seconds:7.2f} MB/s  ({seconds:.2f} s)"

        print(line("baseline read+decode+insert", t_base), flush=True)
        print(line("clean+metadata (no store)", t_clean), flush=True)
        print(line("store only (Corpus.save_article)", t_store), flush=True)
        print(f"{f'  first {first}: batched':<34} {1 / t_batched:8.0f} pages/s", flush=True)
        print(f"{f'  first {first}: one transaction each':<34} {1 / t_single:8.0f} pages/s"
              f"  (batched is {t_single / t_batched:.1f}x faster)", flush=True)
        if t_group is not None:
            print(line("near-duplicate grouping (batch end)", t_group), flush=True)
        print(line("ingest: clean+metadata+store", t_ingest), flush=True)
        print(f"ingest / baseline throughput ratio: {t_base / t_ingest:.2f}x"
              f"  (ingest costs {1000 * (t_ingest - t_base) / len(files):.2f} ms/page more than the baseline)")
        print(f"stored articles: {stored}, failed files: {failed}", flush=True)
        target = 500
        rate = len(files) / t_ingest
        print(f"target >= {target} pages/s: {'met' if rate >= target else 'NOT met'} ({rate:.0f})", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
