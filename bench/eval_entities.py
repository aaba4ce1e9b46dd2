"""Score the entity extractor on the bundled seeds against the hand reading.

    python bench/eval_entities.py [--verbose]
    python bench/eval_entities.py --pages /tmp/realpages [--verbose]   # also the real pages

--pages also scores the development set of real pages (bench/realpages/: people,
organisations, places, events and roles against its gold, places adjudicated by
one convention), by bench/realpages.py, with every miss and extra with --verbose.

Ingests the seeds into a fresh SQLite file, analyses them, and prints
precision, recall and F1 per type and the share of person roles right.
Targets: F1 >= 0.90 people, >= 0.85 organisations, places, events; roles
>= 90 %; every required initiative found.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from entity_scoring import evaluate, load_reading, report  # noqa: E402

from store.analysis import analyze  # noqa: E402
from store.corpus import Corpus  # noqa: E402
from store.ingest import ingest_paths  # noqa: E402
from store.paths import seeds_dir  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true", help="list misses and false positives")
    ap.add_argument("--reading", default=str(ROOT / "tests" / "data" / "seeds-reading.json"))
    ap.add_argument("--pages", type=Path, metavar="DIR", help="also score the real pages in DIR (bench/realpages/)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(Path(tmp) / "eval.db")
        ingest_paths(corpus, [seeds_dir()])
        analyze(corpus, workers=1)
        ev = evaluate(corpus.db, load_reading(Path(args.reading)))
        corpus.close()
    print(f"articles scored: {ev.articles}")
    print(report(ev))
    if args.verbose:
        for t, s in ev.types.items():
            if s.missed:
                print(f"{t} missed: {', '.join(s.missed)}")
            if s.extra:
                print(f"{t} extra: {', '.join(s.extra)}")
        for line in ev.wrong_roles:
            print(f"role: {line}")
    if args.pages:
        print(f"\n== real pages ({args.pages})", flush=True)
        command = [sys.executable, str(ROOT / "bench" / "realpages.py"), str(args.pages), "--entities"]
        return subprocess.run(command + (["--verbose"] if args.verbose else []), check=False).returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
