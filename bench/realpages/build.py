"""Merge the collectors' parts (parts/*.json) into manifest.json and gold.json.

    python bench/realpages/build.py

Each part is a list of records: the manifest fields and a `gold` object
(see README.md). Prints how many pages, outlets and outlet types there are.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST_FIELDS = ("file", "url", "query", "outlet", "outlet_type", "region", "year")


def main() -> int:
    records = [r for part in sorted((HERE / "parts").glob("*.json")) for r in json.loads(part.read_text("utf-8"))]
    seen: set[str] = set()
    manifest, gold = [], []
    for r in records:
        if r["url"] in seen or r["file"] in {m["file"] for m in manifest}:
            print(f"skipped duplicate: {r['file']} {r['url']}")
            continue
        seen.add(r["url"])
        manifest.append({k: r.get(k) for k in MANIFEST_FIELDS})
        gold.append({"file": r["file"], **r["gold"]})
    dump = {"ensure_ascii": False, "indent": 1}
    (HERE / "manifest.json").write_text(json.dumps(manifest, **dump) + "\n", "utf-8")
    (HERE / "gold.json").write_text(json.dumps({"pages": gold}, **dump) + "\n", "utf-8")
    outlets = Counter(m["outlet"] for m in manifest)
    print(f"pages {len(manifest)}, outlets {len(outlets)}, queries {sum(len(g.get('queries', [])) for g in gold)}")
    print("by type:", dict(Counter(m["outlet_type"] for m in manifest)))
    print("by region:", dict(Counter(m["region"] for m in manifest if m["region"])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
