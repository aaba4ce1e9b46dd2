"""Near-duplicates: wire copies, rewritten press releases, portal copies, excerpts.

Korean news repeats itself. One press release is rewritten by a dozen outlets,
a Yonhap story reappears on every portal, and a BigKinds row is only the first
lines of an article we may also hold in full. Two mechanisms handle that:

* **Clusters** (``group_copies``): MinHash LSH (``minhash``) over character
  4-gram shingles of the cleaned body, spaces and punctuation removed, so that
  spacing and quote styles do not matter. Candidate pairs must also be within
  ``WINDOW_DAYS`` of each other. Clusters are the connected components; the
  canonical article is the earliest (visible, then full text first). Each
  member's ``articles.cluster_id`` holds the canonical's id; an article with no
  copies keeps ``cluster_id`` NULL. Excerpts are short, so they are also
  compared on the article's lead (its first ``LEAD_CHARS`` characters).
  Signatures are kept in ``article_minhash`` so regrouping after an ingest only
  hashes the new articles.

* **Excerpt completion** (excerpts.py): a full page replaces the stored
  excerpt it completes; it uses this module's normalising and signatures.

The clusters are read by clusters.py (one row per story in the list, search
results folded, a fact counted once per story).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import sqlite_utils

from .records import ParsedArticle
from .schema import Migration, run_script

#: Changing this (or `shingle_ids`, or `minhash`) needs a migration that empties article_minhash.
SHINGLE = 4
#: Estimated Jaccard similarity above which two bodies are copies. A press release
#: rewritten with a new lead and reordered paragraphs scores ~0.6; two different
#: releases from the same city hall in the same week ~0.15.
THRESHOLD = 0.4
#: Copies without a date on one side must be near-identical instead.
UNDATED_THRESHOLD = 0.8
#: Leads of an excerpt and of a page: compared only when one side is an excerpt.
LEAD_CHARS = 150
LEAD_THRESHOLD = 0.6
WINDOW_DAYS = 3
#: Too short to say anything (a title-only row).
MIN_CHARS = 30


_NOT_WORD = re.compile(r"[\W_]+")


def _v1(db: sqlite_utils.Database) -> None:
    run_script(db, 
        """
        CREATE TABLE IF NOT EXISTS article_minhash (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            body BLOB,
            lead BLOB
        );
        CREATE INDEX IF NOT EXISTS articles_cluster ON articles(cluster_id);
        """
    )


def _v2(db: sqlite_utils.Database) -> None:
    """Signatures made with SHA-1 shingle hashes are rehashed with CRC-32."""
    db.execute("DELETE FROM article_minhash")


def _v3(db: sqlite_utils.Database) -> None:
    """Signatures made by datasketch from CRC-32 shingle hashes are rebuilt
    by `minhash` from `shingle_ids` (uint32 values)."""
    db.execute("DELETE FROM article_minhash")


def _v4(db: sqlite_utils.Database) -> None:
    """Excerpt matching looks for excerpts (or full pages) within days of a
    date: with only `published` indexed, every new page scanned all the
    articles of its week, excerpts or not (quadratic on a big day's news);
    undated ones are matched by title."""
    db.execute("CREATE INDEX IF NOT EXISTS articles_excerpt_published ON articles(is_excerpt, published)")
    db.execute("CREATE INDEX IF NOT EXISTS articles_excerpt_title ON articles(is_excerpt, title)")


MIGRATIONS: list[Migration] = [_v1, _v2, _v3, _v4]


# -- text ----------------------------------------------------------------
def normalize(text: str) -> str:
    """Letters and digits only, NFC: spacing, punctuation and quote styles vanish."""
    return _NOT_WORD.sub("", unicodedata.normalize("NFC", text))


@lru_cache(maxsize=1)
def _alnum_bmp() -> Any:
    """str.isalnum of every BMP character (what `_NOT_WORD` keeps), as a table."""
    import numpy as np

    return np.fromiter((chr(c).isalnum() for c in range(0x10000)), dtype=bool, count=0x10000)


def normalize_all(texts: Sequence[str]) -> list[str]:
    """`normalize` of many texts at once: a table lookup over their code points
    in numpy, a third of the regex's time on Korean text (which it asks of the
    Unicode database character by character)."""
    import numpy as np

    texts = [unicodedata.normalize("NFC", t) for t in texts]
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32)
    if points.size and int(points.max()) > 0xFFFF:  # beyond the table: rare enough for the regex
        return [_NOT_WORD.sub("", t) for t in texts]
    keep = _alnum_bmp()[points]
    kept = points[keep].tobytes().decode("utf-32-le")
    bounds = np.concatenate(([0], np.cumsum(keep)))[np.cumsum([0] + [len(t) for t in texts])].tolist()
    return [kept[a:b] for a, b in zip(bounds, bounds[1:])]


#: Odd 64-bit multiplier (the golden ratio's) that mixes code points into a shingle id.
_MIX = 0x9E3779B97F4A7C15
#: Shingle ids per numpy pass: bounds the (permutations x ids) matrix to 8 MB
#: (faster than larger passes: the matrix stays nearer the CPU).
_IDS_PER_PASS = 1 << 14


def shingle_ids(texts: Sequence[str], k: int = SHINGLE) -> tuple[Any, Any]:
    """32-bit ids of the `k`-character shingles of many texts at once:
    (ids of all texts, concatenated; how many each text has). A text shorter
    than `k` has none.

    Computed in numpy over the code points of all texts joined, because the
    per-call overhead of numpy, not the arithmetic, is what a short text
    (a BigKinds excerpt) costs. Stable across runs and platforms (wrapping
    uint64 arithmetic); `minhash` mixes the ids again before permuting."""
    import numpy as np

    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    counts = np.maximum(lengths - k + 1, 0)
    points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = max(len(points) - k + 1, 0)
    ids = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(k):
            ids = ids * np.uint64(_MIX) + points[offset : offset + n]
    ids = (ids ^ (ids >> np.uint64(32))) & np.uint64(0xFFFFFFFF)
    # keep the shingles that start and end inside one text
    text_starts = np.cumsum(lengths) - lengths
    id_starts = np.cumsum(counts) - counts
    keep = np.arange(counts.sum()) - np.repeat(id_starts - text_starts, counts)
    return ids[keep], counts


def signatures_of(texts: Sequence[str]) -> Any:
    """MinHash signatures of normalised texts: one row of minhash.NUM_PERM
    uint32 per text."""
    import numpy as np

    from . import minhash

    out = np.empty((len(texts), minhash.NUM_PERM), dtype=np.uint32)
    first = 0
    while first < len(texts):  # as many texts per pass as fit the bound (at least one)
        last, size = first + 1, len(texts[first])
        while last < len(texts) and size + len(texts[last]) <= _IDS_PER_PASS:
            size += len(texts[last])
            last += 1
        ids, counts = shingle_ids(texts[first:last])
        out[first:last] = minhash.signatures(ids, counts)
        first = last
    return out


def signature(text: str) -> Any:
    """MinHash of one normalised text."""
    return signatures_of([text])[0]


def body_text(conn: sqlite3.Connection, aid: str) -> str:
    rows = conn.execute(
        "SELECT text FROM paragraphs WHERE article_id = ? AND kind = 'body' ORDER BY idx", [aid]
    ).fetchall()
    return "\n".join(r[0] for r in rows)


def day_of(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


# -- clusters ----------------------------------------------------------------
@dataclass
class GroupReport:
    articles: int = 0
    hashed: int = 0
    clusters: int = 0
    grouped: int = 0  # articles that belong to a cluster of two or more
    changed: int = 0  # rows whose cluster_id changed


@dataclass
class _Item:
    id: str
    num: int
    published: str | None
    hidden: int
    is_excerpt: int
    body: Any  # MinHash signature (numpy uint32) or None
    lead: Any
    day: date | None = None


def group_copies(db: sqlite_utils.Database | sqlite3.Connection) -> GroupReport:
    """Hash new articles, then recompute every cluster and store cluster ids."""
    conn = db.conn if isinstance(db, sqlite_utils.Database) else db
    report = GroupReport()
    report.hashed = _hash_missing(conn)
    items = _load(conn)
    report.articles = len(items)
    components = _Components(items)
    _join_copies(items, components)
    find = components.find
    members: dict[str, list[_Item]] = {}
    for item in items:
        members.setdefault(find(item.id), []).append(item)
    wanted: dict[str, str | None] = {}
    for group in members.values():
        if len(group) == 1:
            wanted[group[0].id] = None
            continue
        report.clusters += 1
        report.grouped += len(group)
        canonical = min(group, key=_canonical_key)
        for item in group:
            wanted[item.id] = canonical.id
    current = dict(conn.execute("SELECT id, cluster_id FROM articles").fetchall())
    updates = [(cid, aid) for aid, cid in wanted.items() if current.get(aid) != cid]
    if updates:
        with conn:
            conn.executemany("UPDATE articles SET cluster_id = ? WHERE id = ?", updates)
    report.changed = len(updates)
    return report


class _Components:
    """Union-find over the items in which every item knows its root at once
    (quick-find; a union relabels the smaller side, so n log n relabels at
    worst). A wire story copied 2,000 times meets itself in every band: with
    roots at hand, whether such a bucket is one component already is one
    numpy comparison instead of 2,000 find() calls (most of grouping's time)."""

    def __init__(self, items: Sequence[_Item]) -> None:
        import numpy as np

        self.ids = [item.id for item in items]
        self.position = {aid: n for n, aid in enumerate(self.ids)}
        self.root = np.arange(len(items))
        self.members: dict[int, list[int]] = {}  # a root's members, once it has more than itself

    def find(self, aid: str) -> str:
        return self.ids[self.root[self.position[aid]]]

    def union(self, a: str, b: str) -> None:
        ra, rb = (int(self.root[self.position[x]]) for x in (a, b))
        if ra == rb:
            return
        if len(self.members.get(ra, (ra,))) > len(self.members.get(rb, (rb,))):
            ra, rb = rb, ra  # ra: the smaller side, relabelled
        moved = self.members.pop(ra, [ra])
        self.root[moved] = rb
        self.members.setdefault(rb, [rb]).extend(moved)

    def joined(self, positions: Any) -> bool:
        """Whether the items at these positions are one component already."""
        roots = self.root[positions]
        return bool((roots == roots[0]).all())


def _canonical_key(item: _Item) -> tuple[Any, ...]:
    return (item.hidden, item.published is None, item.published or "", item.is_excerpt, item.num)


def _hash_missing(conn: sqlite3.Connection) -> int:
    missing = [
        r[0]
        for r in conn.execute(
            "SELECT a.id FROM articles a LEFT JOIN article_minhash m ON m.article_id = a.id"
            " WHERE m.article_id IS NULL"
        )
    ]
    rows = []
    for first in range(0, len(missing), 256):
        ids = missing[first : first + 256]
        rows += [(aid, *sig) for aid, sig in zip(ids, signatures([body_text(conn, aid) for aid in ids]))]
    if rows:
        with conn:
            conn.executemany(
                "INSERT OR REPLACE INTO article_minhash(article_id, body, lead) VALUES (?, ?, ?)", rows
            )
    return len(rows)


def signatures(bodies: Sequence[str]) -> list[tuple[bytes | None, bytes | None]]:
    """The stored MinHash signatures (body, lead) of articles' body texts;
    (None, None) for one too short to compare. Pure functions of the texts,
    so ingest's reading process computes them beside the cleaning, a chunk
    of articles at a time."""
    texts = normalize_all(bodies)
    long_enough = [t for t in texts if len(t) >= MIN_CHARS]
    values = iter(signatures_of([part for t in long_enough for part in (t, t[:LEAD_CHARS])]))
    return [
        (next(values).tobytes(), next(values).tobytes()) if len(t) >= MIN_CHARS else (None, None)
        for t in texts
    ]


def parsed_body(parsed: ParsedArticle) -> str:
    """What `body_text` returns once `parsed` is stored."""
    return "\n".join(p.text for p in parsed.paragraphs if p.kind == "body")


def save_signatures(conn: sqlite3.Connection, aid: str, sigs: tuple[bytes | None, bytes | None]) -> None:
    """Store a new article's signatures (inside its write), so grouping after
    an ingest has nothing left to hash."""
    # Not INSERT OR REPLACE: that runs in a statement savepoint (see corpus._Batch).
    # A stale row can only be left by a tool that deleted articles without foreign keys.
    conn.execute("DELETE FROM article_minhash WHERE article_id = ?", [aid])
    conn.execute("INSERT INTO article_minhash(article_id, body, lead) VALUES (?, ?, ?)", [aid, *sigs])


def _load(conn: sqlite3.Connection) -> list[_Item]:
    import numpy as np

    def revive(blob: bytes | None) -> Any:
        return None if blob is None else np.frombuffer(blob, dtype=np.uint32)

    return [
        _Item(aid, num, published, hidden, excerpt, revive(body), revive(lead), day_of(published))
        for aid, num, published, hidden, excerpt, body, lead in conn.execute(
            "SELECT a.id, a.num, a.published, a.hidden, a.is_excerpt, m.body, m.lead"
            " FROM articles a JOIN article_minhash m ON m.article_id = a.id ORDER BY a.num"
        )
    ]


#: Dated articles are indexed in blocks of this many days; a block is queried
#: against itself and its neighbours, so only articles close in time are ever
#: compared (>= WINDOW_DAYS). Keeps a corpus of years of similar city-hall
#: releases from turning every month's release into a candidate pair.
BLOCK_DAYS = 7


def _join_copies(items: Sequence[_Item], components: _Components) -> None:
    """Union every candidate pair that `_copies` accepts, in near-linear time.

    Candidates are two items that collide in an LSH band of their bodies (or of
    their leads when one is an excerpt), read off the band buckets directly, and a pair already in one component is never
    compared: a wire story copied 2,000 times costs 2,000 comparisons per band,
    not 2,000,000 (the pairwise walk took minutes on 10,000 pages). Time blocks
    are not needed here: a pair in non-adjacent blocks is > WINDOW_DAYS apart,
    which `_copies` rejects anyway.
    """
    import numpy as np

    find, union = components.find, components.union
    hashed = [i for i in items if i.body is not None]
    at = np.array([components.position[i.id] for i in hashed], dtype=np.int64)  # hashed -> items
    refused: set[tuple[str, str]] = set()

    def bucket_pass(buckets: Iterable[Any], allowed: Any) -> None:
        for members in buckets:
            if components.joined(at[members]):
                continue  # nothing to join: a story copied many times meets itself in every band
            bucket = [hashed[i] for i in members]
            # time block -> component root -> its members seen so far in this bucket;
            # a dated item meets its own and the neighbouring blocks, and the undated.
            blocks: dict[int | None, dict[str, list[_Item]]] = {}
            for x in bucket:
                rx = find(x.id)
                kx = None if x.day is None else x.day.toordinal() // BLOCK_DAYS
                near = list(blocks) if kx is None else (kx - 1, kx, kx + 1, None)
                for k in near:
                    groups = blocks.get(k)
                    if not groups:
                        continue
                    for root, seen in _regroup(groups, find).items():
                        if find(root) == rx:
                            continue
                        for y in seen:
                            pair = (x.id, y.id) if x.id < y.id else (y.id, x.id)
                            if pair in refused or not allowed(x, y):
                                continue
                            if _copies(x, y):
                                union(x.id, y.id)
                                rx = find(x.id)
                                break
                            refused.add(pair)
                blocks.setdefault(kx, {}).setdefault(rx, []).append(x)

    def buckets(threshold: float, signature: Any) -> Iterable[Any]:
        """Positions in `hashed` of items that share a band of their
        signatures, band by band; buckets of one are left out. Banding in
        numpy: the dict-per-band loop cost more than the comparisons it feeds."""
        from .minhash import lsh_bands

        if len(hashed) < 2:
            return
        bands, rows = lsh_bands(threshold)
        matrix = np.stack([signature(item) for item in hashed])
        key_type = np.dtype((np.void, matrix.dtype.itemsize * rows))
        for band in range(bands):
            keys = np.ascontiguousarray(matrix[:, band * rows : (band + 1) * rows]).view(key_type).ravel()
            _, bucket, sizes = np.unique(keys, return_inverse=True, return_counts=True)
            bucket = bucket.ravel()
            shared = np.flatnonzero(sizes[bucket] > 1)  # ascending: items keep their order
            if not len(shared):
                continue
            shared = shared[np.argsort(bucket[shared], kind="stable")]
            yield from np.split(shared, np.flatnonzero(np.diff(bucket[shared])) + 1)

    bucket_pass(buckets(THRESHOLD, lambda i: i.body), lambda x, y: True)
    excerpt = np.array([bool(i.is_excerpt) for i in hashed], dtype=bool)
    if excerpt.any():
        bucket_pass(
            (m for m in buckets(LEAD_THRESHOLD, lambda i: i.lead) if excerpt[m].any()),
            _lead_candidates,
        )


def _regroup(groups: dict[str, list[_Item]], find: Any) -> dict[str, list[_Item]]:
    """Re-key `groups` by current component roots (joining lists that merged), in place."""
    if all(find(root) == root for root in groups):
        return dict(groups)
    merged: dict[str, list[_Item]] = {}
    for root, seen in groups.items():
        merged.setdefault(find(root), []).extend(seen)
    groups.clear()
    groups.update(merged)
    return dict(groups)


def _lead_candidates(x: _Item, y: _Item) -> bool:
    """Whether the leads of x and y are compared: an excerpt asks
    the leads of its pool (everything when it is undated; else the dated)."""
    return any(e.is_excerpt and (e.day is None or o.day is not None) for e, o in ((x, y), (y, x)))


def _copies(a: _Item, b: _Item) -> bool:
    """Similar enough, and close enough in time, to be the same story."""
    dated = a.day is not None and b.day is not None
    if dated and abs((a.day - b.day).days) > WINDOW_DAYS:
        return False
    from .minhash import similarity as estimate

    similarity = estimate(a.body, b.body)
    if a.is_excerpt or b.is_excerpt:
        similarity = max(similarity, estimate(a.lead, b.lead) if a.lead is not None else 0.0)
        needed = LEAD_THRESHOLD
    else:
        needed = THRESHOLD
    return similarity >= (needed if dated else UNDATED_THRESHOLD)
