"""Our numpy MinHash: its estimates, its banding, and that stored signatures
keep their meaning (a change there needs a migration in store/dedupe.py)."""

from __future__ import annotations

import hashlib
import random

import numpy as np
import pytest

from store import dedupe, minhash


def test_similarity_estimates_jaccard_of_the_shingle_sets():
    rng = random.Random(7)
    words = [f"단어{n}" for n in range(400)]
    base = " ".join(rng.choice(words) for _ in range(600))
    for keep in (1.0, 0.8, 0.5, 0.2):
        changed = " ".join(w if rng.random() < keep else "다른말" for w in base.split())
        a, b = (dedupe.normalize(t) for t in (base, changed))
        sa, sb = (set(dedupe.shingle_ids([t])[0].tolist()) for t in (a, b))
        truth = len(sa & sb) / len(sa | sb)
        estimate = minhash.similarity(dedupe.signature(a), dedupe.signature(b))
        assert abs(estimate - truth) < 0.12, (keep, truth, estimate)


def test_unrelated_texts_are_far_apart_and_a_text_equals_itself():
    a = dedupe.normalize("포항시는 영일만 밸리 조성을 위해 미국 실리콘밸리를 방문했다고 밝혔다")
    b = dedupe.normalize("성남시는 판교 테크노밸리에서 아시아 실리콘밸리 포럼을 열었다고 전했다")
    assert minhash.similarity(dedupe.signature(a), dedupe.signature(a)) == 1.0
    assert minhash.similarity(dedupe.signature(a), dedupe.signature(b)) < 0.2


def test_shingles_of_many_texts_stay_inside_each_text():
    ids, counts = dedupe.shingle_ids(["가나다라마", "", "바사", "아자차카"])
    assert counts.tolist() == [2, 0, 0, 1]
    alone = [dedupe.shingle_ids([t])[0].tolist() for t in ("가나다라마", "아자차카")]
    assert ids.tolist() == alone[0] + alone[1]


def test_signatures_by_the_chunk_equal_one_by_one(monkeypatch):
    rng = random.Random(3)
    syllables = "포항고양과천성남영일만밸리실리콘통일한국"
    texts = ["".join(rng.choice(syllables) for _ in range(rng.choice([0, 2, 40, 900, 3000]))) for _ in range(60)]
    monkeypatch.setattr(dedupe, "_IDS_PER_PASS", 5000)  # several passes, one text larger than a pass
    together = dedupe.signatures_of(texts)
    for text, row in zip(texts, together):
        assert np.array_equal(row, dedupe.signature(text))
    empty = minhash.signatures(np.zeros(0, dtype=np.uint64), np.array([0, 0]))
    assert empty.dtype == np.uint32 and empty.shape == (2, minhash.NUM_PERM) and (empty == 2**32 - 1).all()


@pytest.mark.parametrize(
    ("threshold", "expected"),
    # what datasketch 2.0's MinHashLSH chose for 128 permutations
    [(0.4, (32, 4)), (0.6, (18, 7)), (0.8, (9, 13)), (0.5, (25, 5)), (0.9, (5, 25))],
)
def test_lsh_bands_balance_false_positives_and_negatives_as_datasketch(threshold, expected):
    assert minhash.lsh_bands(threshold) == expected


def test_stored_signatures_keep_their_meaning():
    """If this fails, signatures in existing databases mean something else now:
    add a migration to store/dedupe.py that empties article_minhash, then
    update the digest."""
    values = dedupe.signature(dedupe.normalize("포항시가 영일만 밸리를 세계적인 혁신 클러스터로 키우겠다고 밝혔다."))
    assert hashlib.sha256(values.tobytes()).hexdigest()[:16] == "40b241f9350ee0a1"
