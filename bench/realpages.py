"""Score reading, entities and search on the development set of real pages.

    python bench/realpages.py DIR [--entities] [--search] [--all] [--verbose]

DIR holds the pages' texts (rebuilt from bench/realpages/manifest.json, see
bench/realpages/README.md). The pages are ingested into a fresh database
through the CLI (`valley-tui ingest`), and what `valley-tui articles --json`,
`entities --json` and `search --json` say is compared with gold.json. Prints
per-field accuracy (overall and per outlet type), the issue's targets, and
the misses as `file: field: got ... / want ...`.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD = HERE / "realpages" / "gold.json"
MANIFEST = HERE / "realpages" / "manifest.json"
TARGETS = {"title": 0.97, "published": 0.95, "outlet": 0.95, "reporters": 0.92}
ENTITY_TARGETS = {"person": (0.90, 0.90), "organization": (0.80, 0.85), "place": (0.85, 0.90)}


def cli(db: Path, *args: str) -> str:
    cmd = [sys.executable, "-m", "tui.cli", "--db", str(db), *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout


def norm(text: str | None) -> str:
    return "".join((text or "").replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'").split())


def same_time(got: str | None, want: str | None) -> bool:
    if not want:
        return not got
    if not got:
        return False
    return got[: len(want)] == want[: len(got)][:16] or got[:16] == want[:16]


def score_reading(articles: dict[str, dict], gold: list[dict], types: dict[str, str]) -> tuple[dict, list[str]]:
    right: dict[str, list[bool]] = defaultdict(list)
    by_type: dict[tuple[str, str], list[bool]] = defaultdict(list)
    misses: list[str] = []
    body_lines = furniture_lines = 0
    for g in gold:
        f = g["file"]
        a = articles.get(f)
        if a is None:
            right["stored (not refused)"].append(False)
            misses.append(f"{f}: refused (no article)")
            continue
        right["stored (not refused)"].append(True)
        checks = {
            "title": (norm(a["title"]) == norm(g.get("title")), a["title"], g.get("title")),
            "published": (same_time(a["published"], g.get("published")), a["published"], g.get("published")),
            "modified": (same_time(a["modified"], g.get("modified")), a["modified"], g.get("modified")),
            "reporters": (
                {r["name"] for r in a["reporters"]} == {r["name"] for r in g.get("reporters", [])},
                [r["name"] for r in a["reporters"]],
                [r["name"] for r in g.get("reporters", [])],
            ),
            "dateline": ((a.get("dateline") or None) == (g.get("dateline") or None), a.get("dateline"), g.get("dateline")),
        }
        if g.get("outlet"):
            checks["outlet"] = (a["outlet"] == g["outlet"], a["outlet"], g["outlet"])
        body = [p["text"] for p in a["paragraphs"] if p["kind"] in ("body", "heading")]
        lead = g.get("lead")
        if lead:
            # the lead with or without its byline ('[한빛일보 홍길동 기자] …'): annotators differ
            kept = any(norm(p).startswith(norm(lead)) or norm(_LEAD_BYLINE.sub("", p)).startswith(norm(lead)) for p in body)
            checks["lead kept"] = (kept, body[0][:30] if body else None, lead)
        for field, (ok, got, want) in checks.items():
            right[field].append(ok)
            by_type[(field, types.get(f, "?"))].append(ok)
            if not ok:
                misses.append(f"{f}: {field}: got {got!r} / want {want!r}")
        body_lines += len(body)
        for junk in g.get("furniture", []):
            # a short furniture line ('홍길동 한빛시장' under a portrait) is in the body only as a
            # paragraph of its own, not as the words that start a sentence
            if any(norm(junk) and (norm(junk) == norm(p) or len(norm(junk)) >= 20 and norm(junk) in norm(p)) for p in body):
                furniture_lines += 1
                misses.append(f"{f}: furniture in body: {junk!r}")
    figures = {k: sum(v) / len(v) for k, v in right.items() if v}
    figures["furniture_share"] = furniture_lines / max(1, body_lines)
    figures["by_type"] = {f"{k[0]}/{k[1]}": sum(v) / len(v) for k, v in sorted(by_type.items())}
    return figures, misses


_LEAD_BYLINE = re.compile(r"^\s*(?:(?:[\[【](?:[^\]】(]|\([^()]*\)){1,40}[\]】]|\((?:[^()]|\([^()]*\)){1,40}\))\s*(?:[가-힣]{2,4}\s*(?:기자|특파원)\s*=\s*)?|.{1,40}?기자\s*[=|ㅣ>]\s*)")


def _match(got: str, want: str) -> bool:
    g, w = norm(got).replace("(주)", "").replace("㈜", ""), norm(want).replace("(주)", "").replace("㈜", "")
    return g == w or (len(w) >= 2 and (g.startswith(w) or w.startswith(g)) and abs(len(g) - len(w)) <= 2)


def _place_parts(name: str, got: list[dict]) -> list[int]:
    """A gold place written as a list ('충남 천안·아산' = 천안, 아산) or as an
    address down to its smallest unit ('성산구 완암동' = 완암동): the entities that
    found each listed place, or the smallest unit; [] unless all are found."""
    words = name.split()
    if "·" in words[-1]:
        wanted = words[-1].split("·")
    elif len(words) > 1 and words[-1][-1:] in "동리읍면구군시":
        wanted = [words[-1]]
    else:
        return []
    hits = [next((i for i, e in enumerate(got) if _names_match(e, part)), None) for part in wanted]
    return [] if None in hits else hits


def _names_match(entity: dict, name: str) -> bool:
    """The entity's name or one of its aliases (the forms the articles wrote) is `name`."""
    return any(_match(n, name) for n in [entity["name"], *entity.get("aliases", [])])


def score_entities(entities: list[dict], gold: list[dict], ids: dict[str, str]) -> tuple[dict, list[str]]:
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in entities:
        for aid in {m["article_id"] for m in e.get("mentions", [])}:
            found[(aid, e["type"])].append(e)
    figures: dict[str, dict] = {}
    misses: list[str] = []
    keys = {"person": "people", "organization": "organizations", "place": "places", "event": "events"}
    roles_right = roles_all = 0
    for etype, key in keys.items():
        tp = fn = fp = 0
        for g in gold:
            if g.get(key) is None:  # not annotated: a page collected for reading and search only
                continue
            aid = ids.get(g["file"])
            got = found.get((aid, etype), []) if aid else []
            want = [w["name"] if isinstance(w, dict) else w for w in g.get(key, [])]
            used: set[int] = set()
            for w in g.get(key, []):
                name = w["name"] if isinstance(w, dict) else w
                hit = next((i for i, e in enumerate(got) if i not in used and _names_match(e, name)), None)
                if hit is None:  # two names of one entity in the gold ('국토교통부', '국토부'): one entity found
                    hit = next((i for i, e in enumerate(got) if _names_match(e, name)), None)
                if hit is None and etype == "place":
                    parts = _place_parts(name, got)  # '충남 천안·아산', '성산구 완암동': found as their parts
                    if parts:
                        used.update(parts)
                        hit = parts[0]
                if hit is None:
                    fn += 1
                    misses.append(f"{g['file']}: {etype} missed: {name}")
                    continue
                used.add(hit)
                tp += 1
                if etype == "person" and isinstance(w, dict) and w.get("role"):
                    roles_all += 1
                    role = got[hit].get("role") or ""
                    if role and (role in w["role"] or w["role"] in role):
                        roles_right += 1
                    else:
                        misses.append(f"{g['file']}: role of {name}: got {role or None!r} / want {w['role']!r}")
            for i, e in enumerate(got):
                if i not in used and not any(_names_match(e, n) for n in want):
                    fp += 1
                    misses.append(f"{g['file']}: {etype} extra: {e['name']}")
        p = tp / max(1, tp + fp)
        r = tp / max(1, tp + fn)
        figures[etype] = {"precision": p, "recall": r, "f1": 2 * p * r / max(1e-9, p + r)}
    figures["roles"] = roles_right / max(1, roles_all)
    return figures, misses


def score_search(db: Path, gold: list[dict], ids: dict[str, str]) -> tuple[dict, list[str]]:
    from store.corpus import Corpus

    corpus = Corpus(db)
    ranks: list[int | None] = []
    misses: list[str] = []
    for g in gold:
        want = ids.get(g["file"])
        for q in g.get("queries", []):
            hits = corpus.search(q["q"], limit=10)  # what `valley-tui search --json` returns
            order = [h.article_id for h in hits]
            rank = next((i for i, h in enumerate(hits) if want in (h.article_id, *h.copies)), None)
            ranks.append(rank)
            top = "; ".join((h.title or h.text)[:25] for h in hits[:3])
            if rank is None:
                misses.append(f"{g['file']}: search {q['q']!r}: not in top 10 ({len(order)} hits: {top})")
            elif rank > 0:
                misses.append(f"{g['file']}: search {q['q']!r}: rank {rank + 1} (above it: {top})")
    n = max(1, len(ranks))
    return {
        "queries": len(ranks),
        "recall@1": sum(r == 0 for r in ranks) / n,
        "recall@10": sum(r is not None for r in ranks) / n,
        "mrr": sum(1 / (r + 1) for r in ranks if r is not None) / n,
    }, misses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--entities", action="store_true")
    ap.add_argument("--search", action="store_true")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    gold = json.loads(GOLD.read_text("utf-8"))["pages"]
    types = {m["file"]: m["outlet_type"] for m in json.loads(MANIFEST.read_text("utf-8"))}
    gold = [g for g in gold if (args.dir / g["file"]).exists()]
    out: dict[str, object] = {"pages": len(gold)}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "real.db"
        report = subprocess.run(
            [sys.executable, "-m", "tui.cli", "--db", str(db), "ingest", *[str(args.dir / g["file"]) for g in gold]],
            capture_output=True, text=True, check=False,
        )
        articles_json = json.loads(cli(db, "articles", "--json") or "[]")
        by_file: dict[str, dict] = {}
        for a in articles_json:
            for src in a.get("sources") or [a.get("source")]:
                if src:
                    by_file[Path(src).name] = a
        # copies folded under another story are not listed by `articles`: read them by their source
        from store.corpus import Corpus

        corpus = Corpus(db)
        for path, aid in corpus.db.execute("SELECT path, article_id FROM sources WHERE article_id IS NOT NULL"):
            if Path(path).name not in by_file and (article := corpus.article(aid)) is not None:
                by_file[Path(path).name] = article.to_json()
        corpus.close()
        ids = {f: a["id"] for f, a in by_file.items()}
        sections: list[tuple[str, dict, list[str]]] = []
        figures, misses = score_reading(by_file, gold, types)
        sections.append(("reading", figures, misses))
        if args.entities or args.all:
            ents = json.loads(cli(db, "entities", "--json") or "[]")
            sections.append(("entities", *score_entities(ents, gold, ids)))
        if args.search or args.all:
            sections.append(("search", *score_search(db, gold, ids)))
    for name, figures, misses in sections:
        out[name] = figures
        if args.json:
            continue
        print(f"== {name} ({len(gold)} pages)")
        for key, value in figures.items():
            if key == "by_type":
                for k, v in value.items():
                    print(f"   {k:28} {v:6.1%}")
            elif isinstance(value, dict):
                line = "  ".join(f"{k} {v:.3f}" for k, v in value.items())
                target = ENTITY_TARGETS.get(key)
                note = f"  (target R {target[0]:.0%} P {target[1]:.0%})" if target else ""
                print(f"  {key:14} {line}{note}")
            elif isinstance(value, float):
                target = TARGETS.get(key)
                mark = "" if target is None else ("  met" if value >= target else f"  MISSED (target {target:.0%})")
                print(f"  {key:14} {value:6.1%}{mark}")
            else:
                print(f"  {key:14} {value}")
        shown = misses if args.verbose else misses[:40]
        for m in shown:
            print("   -", m)
        if len(misses) > len(shown):
            print(f"   ... {len(misses) - len(shown)} more (--verbose)")
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    if report.returncode not in (0, 1):
        print(report.stderr[-2000:], file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
