"""Ingest throughput: cleaning + metadata + storing, on a generated corpus.

    python bench/ingest.py [--pages 10000] [--keep DIR]

Makes a deterministic corpus from the five seed pages (names, numbers, dates
and cities varied so every page is its own article), then times, in the same
run and on the same files:

* baseline: read + decode + one INSERT of the raw text per page (own
  transaction, WAL), no cleaning - what storing costs at the least;
* reading: ingest's reading side inline (decode, cleaning, metadata, ids,
  search index bodies, near-duplicate signatures), nothing stored;
* writing: ingest's writing side on those articles (Corpus.save_article in a
  batch: tables, FTS indexes, search index, signatures);
* ingest, one process (in this process), and `valley-tui ingest --no-analyze`
  run as a user runs it, in a fresh process (two reading processes beside
  the writer), near-duplicate grouping included. A fresh process, because
  reading processes forked from this one would inherit (and page in) the
  heap the rows above left behind.

Prints pages/s and MB/s for each and the ratios of ingest to baseline and of
the parallel ingest to the one-process one. The baseline and `valley-tui
ingest` run `--repeat` times (each into a new database), interleaved, and
their medians are compared: this VM's speed drifts by a quarter within
minutes, so one run says little; every run is printed.
Target: ingest >= 500 pages/s on the 2-core dev machine (median).
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


def read_only(files: list[Path]) -> tuple[float, list]:
    """The reading side, inline: read + decode + clean + metadata + what storing
    derives from the text (ids, search index bodies, signatures)."""
    from store.ingest import read_events

    start = time.perf_counter()
    events = list(read_events(files, lambda key: None))
    return time.perf_counter() - start, events


def write_only(events: list, db_path: Path) -> float:
    """The writing side: Corpus.save_article on articles read beforehand, in
    ``Corpus.batch`` as ingest stores (FTS indexes, search index, signatures)."""
    from store.ingest import Articles, Started
    from store.records import Source

    corpus = Corpus(db_path)
    start = time.perf_counter()
    with corpus.batch():
        for event in events:
            if isinstance(event, Started):
                source = Source(event.key, event.raw, event.sha, event.encoding, "ok")
            elif isinstance(event, Articles):
                for parsed, derived in event.items:
                    corpus.save_article(parsed, source, derived)
    elapsed = time.perf_counter() - start
    corpus.close()
    return elapsed


def ingest_inline(folder: Path, db_path: Path) -> float:
    corpus = Corpus(db_path)
    start = time.perf_counter()
    ingest_paths(corpus, [folder], parallel=False)
    elapsed = time.perf_counter() - start
    corpus.close()
    return elapsed


def ingest_cli(folder: Path, db_path: Path) -> tuple[float, int]:
    """`valley-tui ingest --no-analyze` in a process of its own (start-up and
    imports included); returns seconds and its exit status."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--db", str(db_path), "ingest", "--no-analyze", str(folder)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )
    elapsed = time.perf_counter() - start
    if done.returncode:
        print(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else f"exit {done.returncode}", file=sys.stderr)
    return elapsed, done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="write the corpus and databases here and keep them")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the baseline and of valley-tui ingest")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="valley-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus_dir = work / "pages"
    if corpus_dir.exists():
        shutil.rmtree(corpus_dir)
    corpus_dir.mkdir()

    def fresh(name: str) -> Path:
        for suffix in ("", "-wal", "-shm"):
            Path(str(work / name) + suffix).unlink(missing_ok=True)
        return work / name

    try:
        size = generate(corpus_dir, args.pages)
        files = sorted(corpus_dir.glob("*.txt"))
        mb = size / 1e6
        print(f"corpus: {len(files)} pages, {mb:.1f} MB (~10% CP949), generated from {len(list(iter_seed_files()))} seeds;"
              f" {os.cpu_count()} cores", flush=True)

        def line(label: str, seconds: float) -> str:
            return f"{label:<52} {len(files) / seconds:7.0f} pages/s {mb / seconds:6.2f} MB/s  ({seconds:.2f} s)"

        def runs(label: str, seconds: list[float]) -> float:
            """One line per run, then the median's; returns the median."""
            for n, t in enumerate(seconds, start=1):
                print(line(f"  {label}, run {n}", t), flush=True)
            middle = statistics.median(seconds)
            print(line(f"{label} (median of {len(seconds)})", middle), flush=True)
            return middle

        t_read, events = read_only(files)
        print(line("reading: clean+metadata+derive (1 core)", t_read), flush=True)
        # The 10,000 articles held for writing are not garbage: out of the
        # collector's sight, or its full passes over them would be timed too
        # (doubling this row; ingest itself holds a few articles at a time).
        gc.freeze()
        t_write = write_only(events, fresh("write.db"))
        del events
        gc.unfreeze()
        gc.collect()
        print(line("writing: store+index (1 core)", t_write), flush=True)
        t_inline = ingest_inline(corpus_dir, fresh("inline.db"))
        print(line("ingest, one process", t_inline), flush=True)
        bases: list[float] = []
        ingests: list[float] = []
        statuses: list[int] = []
        for _ in range(max(1, args.repeat)):  # interleaved: both meet the same drift
            bases.append(baseline(files, fresh("baseline.db")))
            seconds, status = ingest_cli(corpus_dir, fresh("parallel.db"))
            ingests.append(seconds)
            statuses.append(status)
        t_base = runs("baseline read+decode+insert", bases)
        t_ingest = runs("valley-tui ingest (2 reading processes)", ingests)
        print(f"ingest / baseline throughput ratio: {t_base / t_ingest:.2f}x; parallel / one process: {t_inline / t_ingest:.2f}x"
              f"; ceiling if reading and writing overlapped perfectly on {os.cpu_count()} cores:"
              f" {len(files) / max(t_write, (t_read + t_write) / (os.cpu_count() or 1)):.0f} pages/s", flush=True)
        with Corpus(work / "parallel.db") as corpus:
            stored = corpus.count(include_hidden=True)
        print(f"stored articles: {stored}, exit status: {max(statuses)}", flush=True)
        target = 500
        rate = len(files) / t_ingest
        slowest = len(files) / max(ingests)
        print(f"target >= {target} pages/s: {'met' if rate >= target else 'NOT met'} (median {rate:.0f}, slowest run {slowest:.0f})",
              flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
