"""BigKinds import throughput: a generated news-search export, read and stored.

    python bench/bigkinds.py [--rows 10000] [--keep DIR]

Prints, all measured in this run on the same workbook:
  baseline   bare python-calamine iteration of every row (the reader's floor: no work)
  openpyxl   bare openpyxl read-only iteration, for reference (what the issue first named)
  parse      store.bigkinds.read_workbook (checks, header matching, rows -> ParsedArticle)
  ingest     store.ingest.ingest_paths into a fresh SQLite file, in a fresh process
             (parse + store + search index + excerpt matching + near-duplicate
             grouping), before analysis
  grouping   store.dedupe.group_copies alone, hashing every article again
and each figure's rows/s and its ratio to the baseline. Target: ingest >= 1,000 rows/s.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import fixtures_bigkinds as fx  # noqa: E402

from store import bigkinds, dedupe  # noqa: E402
from store.corpus import Corpus  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402

TARGET = 1000.0


def bare_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    n = sum(1 for _ in workbook.get_sheet_by_index(0).iter_rows()) - 1  # the header
    workbook.close()
    return n


def bare_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(min_row=2, values_only=True))
    wb.close()
    return n


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def ingest_in_fresh_process(book: Path, db: Path, rows: int) -> float:
    """Seconds `ingest_paths` takes in a new interpreter, as `valley-tui ingest`
    runs it (timed inside, without the interpreter's start): this process has
    written and read the workbook with openpyxl, and a reader forked from a
    heap that size pays copy-on-write faults the command never would."""
    out = subprocess.run(
        [sys.executable, __file__, "--ingest-only", str(book), str(db)],
        check=True, capture_output=True, text=True,
    ).stdout
    result = json.loads(out)
    assert result["added"] == rows and result["failed"] == 0, result
    return float(result["seconds"])


def ingest_only(book: Path, db: Path) -> None:
    report, seconds = timed(ingest_paths, Corpus(db), [book])
    print(json.dumps({"seconds": seconds, "added": report.added, "failed": report.failed}))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--keep", metavar="DIR", help="keep the workbook and database here")
    parser.add_argument("--ingest-only", nargs=2, metavar=("BOOK", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.ingest_only:
        ingest_only(Path(args.ingest_only[0]), Path(args.ingest_only[1]))
        return 0

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-bigkinds-"))
    folder.mkdir(parents=True, exist_ok=True)
    book = folder / f"NewsResult_{args.rows}.xlsx"
    _, made = timed(fx.write_news_search, book, fx.generated_rows(args.rows))
    print(f"workbook   {args.rows:,} rows, {book.stat().st_size / 1e6:.1f} MB, written in {made:.1f} s")

    n_base, t_base = timed(bare_calamine, book)
    n_openpyxl, t_openpyxl = timed(bare_openpyxl, book)
    (articles, _), t_parse = timed(bigkinds.read_workbook, book, book.read_bytes())
    assert n_base == n_openpyxl == len(articles) == args.rows, (n_base, n_openpyxl, len(articles))
    del articles  # 10,000 live articles would slow every garbage collection in the ingest below

    db = folder / "bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t_ingest = ingest_in_fresh_process(book, db, args.rows)
    corpus = Corpus(db)
    with corpus.db.conn:
        corpus.db.execute("DELETE FROM article_minhash")
    grouping, t_group = timed(dedupe.group_copies, corpus.db)
    listed = corpus.count()
    corpus.close()

    rate = lambda seconds: args.rows / seconds  # noqa: E731
    base = rate(t_base)
    print(f"baseline   {t_base:6.2f} s  {base:9,.0f} rows/s  (bare python-calamine)")
    for name, seconds in (("openpyxl", t_openpyxl), ("parse", t_parse), ("ingest", t_ingest), ("grouping", t_group)):
        print(f"{name:<10} {seconds:6.2f} s  {rate(seconds):9,.0f} rows/s  {base / rate(seconds):5.1f}x baseline time")
    print(
        f"clusters   {grouping.clusters} of {grouping.grouped} articles;"
        f" {listed:,} rows listed ({args.rows - listed} hidden or folded)"
    )
    verdict = "meets" if rate(t_ingest) >= TARGET else "MISSES"
    print(f"ingest {verdict} the target of {TARGET:,.0f} rows/s ({rate(t_ingest):,.0f} rows/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
