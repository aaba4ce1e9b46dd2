"""MinHash signatures and LSH banding, in numpy.

Why not datasketch: importing it imports scipy (1.5-1.8 s, in every ingest and
in its reading process), and the stored signatures would change meaning with
its version (2.0 changed the hashing scheme). What we need of it is small: the
affine-permutation MinHash over 32-bit shingle ids (the scheme datasketch 2.0
calls affine32: a MurmurHash3 finaliser, then ``a * x + b`` modulo 2^32 for
each of the permutations), the Jaccard estimate, and the banding that balances
false positives and false negatives for a threshold.

Changing `NUM_PERM`, `SEED` or the scheme changes every signature: the store
must then rebuild its signatures (a migration in dedupe).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

NUM_PERM = 128
SEED = 1
_MAX = np.uint32(0xFFFFFFFF)


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of each permutation, as column vectors. RandomState's stream is
    frozen by NumPy's compatibility policy, so they are the same everywhere."""
    rng = np.random.RandomState(SEED)
    a = rng.randint(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32) | np.uint32(1)
    b = rng.randint(0, 2**32, size=NUM_PERM, dtype=np.uint64).astype(np.uint32)
    return a[:, None], b[:, None]


def _fmix32(x: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: spreads weakly mixed ids before the affine maps."""
    x = x ^ (x >> np.uint32(16))
    x = x * np.uint32(0x85EBCA6B)
    x = x ^ (x >> np.uint32(13))
    x = x * np.uint32(0xC2B2AE35)
    return x ^ (x >> np.uint32(16))


def signatures(ids: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Signatures of many sets at once: `ids` holds the 32-bit ids of every
    set, one after another, `counts` how many each set has. One row of
    NUM_PERM minimum hash values (uint32) per set; an empty set's are all
    the maximum."""
    out = np.full((len(counts), NUM_PERM), _MAX, dtype=np.uint32)
    filled = counts > 0
    if not filled.any():
        return out
    a, b = _permutations()
    values = np.empty((NUM_PERM, len(ids)), dtype=np.uint32)  # in place: half the time of a * x + b
    with np.errstate(over="ignore"):
        np.multiply(a, _fmix32(ids.astype(np.uint32))[None, :], out=values)
        np.add(values, b, out=values)
    starts = (np.cumsum(counts) - counts)[filled]
    out[filled] = np.minimum.reduceat(values, starts, axis=1).T
    return out


def similarity(x: np.ndarray, y: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two sets behind two signatures."""
    return float(np.count_nonzero(x == y)) / len(x)


@lru_cache(maxsize=8)
def lsh_bands(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows per band) that minimise the equally weighted areas of false
    positives (similarity below `threshold` that still collide in some band)
    and false negatives (above it that never collide): the same choice as
    datasketch's MinHashLSH, integrated on a fine grid instead of with scipy."""
    pairs = np.array([(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)])
    grid = (np.arange(500) + 0.5) / 500  # midpoints of [0, 1]
    # 1 - (1 - s^r)^b, through logs: array powers are slow
    collide = -np.expm1(pairs[:, 0:1] * np.log1p(-np.exp(pairs[:, 1:2] * np.log(grid[None, :]))))
    error = np.where(grid < threshold, collide, 1.0 - collide).sum(axis=1)
    bands, rows = pairs[int(np.argmin(error))]  # the first of equals, as a loop over (b, r) would
    return int(bands), int(rows)
