"""Hangul arithmetic the search relies on: keystrokes, IME composition,
keyboard mapping, initials and Revised Romanization."""

from __future__ import annotations

import pytest

from store import hangul
from store.jamo_codes import (
    bodies_of,
    code_offsets,
    index_body,
    initial_codes,
    jamo_codes,
)


def test_split_and_join_roundtrip_every_syllable() -> None:
    for n in range(hangul.SYLLABLE_BASE, hangul.SYLLABLE_LAST + 1):
        ch = chr(n)
        assert hangul.join_syllable(*hangul.split_syllable(ch)) == ch


def test_keystrokes_split_compounds_but_keep_doubles() -> None:
    assert hangul.keystrokes("왕닭") == "ㅇㅗㅏㅇㄷㅏㄹㄱ"
    assert hangul.keystrokes("까닭") == "ㄲㅏㄷㅏㄹㄱ"
    assert hangul.keystrokes("포항 CES") == "ㅍㅗㅎㅏㅇ CES"


@pytest.mark.parametrize(
    "jamo, text",
    [
        ("ㅇㅕㅇㅇㅣㄹㅁㅏㄴ", "영일만"),
        ("ㅍㅗㅎ", "퐇"),
        ("ㅍㅗㅎㅏ", "포하"),
        ("ㄷㅏㄹㄱㅇㅣ", "닭이"),
        ("ㄷㅏㄹㄱㅏ", "달가"),  # a compound final splits when a vowel follows
        ("ㄱㅗㅏㅊㅓㄴ", "과천"),
        ("ㅇㅇㅁ", "ㅇㅇㅁ"),
        ("ㅇㅣㄹ", "일"),
    ],
)
def test_compose_like_a_2beolsik_ime(jamo: str, text: str) -> None:
    assert hangul.compose(jamo) == text


def test_compose_inverts_keystrokes_for_real_text() -> None:
    for word in ["포항시", "영일만밸리", "고양", "과천동", "성남시의", "밴쿠버", "통일한국", "닭갈비"]:
        assert hangul.compose(hangul.keystrokes(word)) == word


@pytest.mark.parametrize(
    "typed, meant",
    [("vhgkd", "포항"), ("vhgk", "포하"), ("duddlfaks", "영일만"), ("rhkcjs", "과천"), ("rlawhdcjs", "김종천")],
)
def test_from_keyboard(typed: str, meant: str) -> None:
    assert hangul.from_keyboard(typed) == meant


@pytest.mark.parametrize("latin", ["kic", "ces", "pohang", "seongnam", "", "123"])
def test_from_keyboard_leaves_english_alone(latin: str) -> None:
    assert hangul.from_keyboard(latin) is None


def test_initials() -> None:
    assert hangul.initials("영일만 밸리") == "ㅇㅇㅁ ㅂㄹ"
    assert hangul.initials("CES") == "CES"


def test_syllables_extending_a_half_typed_syllable() -> None:
    assert hangul.syllables_extending("달") == "달닭닮닯닰닱닲닳"
    ext = hangul.syllables_extending("호")
    assert ext[0] == "호" and "화" in ext and "홍" in ext and "회" in ext and "후" not in ext
    assert hangul.syllables_extending("항") == "항"


@pytest.mark.parametrize(
    "word, roman",
    [("포항", "pohang"), ("성남", "seongnam"), ("고양", "goyang"), ("과천", "gwacheon"), ("부산", "busan")],
)
def test_romanize_and_read_back(word: str, roman: str) -> None:
    assert hangul.romanize(word) == roman
    readings = hangul.read_romanized(roman)
    assert any(all(ch in opts for ch, opts in zip(word, r)) and len(r) == len(word) for r in readings)


def test_read_romanized_rejects_non_rr() -> None:
    assert hangul.read_romanized("kic") == []
    assert hangul.read_romanized("ces") == []
    assert hangul.read_romanized("포항") == []


def test_index_codes_separate_initials_from_finals() -> None:
    # 포항의 must not contain the codes of 포하 + 의 (final ㅇ vs initial ㅇ).
    assert jamo_codes("포하의") not in jamo_codes("포항")
    assert jamo_codes("포항") not in jamo_codes("포하의")
    # Spaces and punctuation vanish; Latin folds to lower case.
    assert jamo_codes("영일만 밸리") == jamo_codes("영일만밸리")
    assert jamo_codes("CES 2019") == "ces2019"
    assert initial_codes("영일만") == jamo_codes("ㅇㅇㅁ")
    assert "|" in index_body("포항")


def test_code_offsets_map_back_to_characters() -> None:
    text = "美 포항, CES"
    offsets = code_offsets(text)
    assert len(offsets) == len(jamo_codes(text))
    assert {text[i] for i in offsets} == set("美포항CES")


def test_bodies_of_a_chunk_equal_index_body_of_each_text() -> None:
    """The chunk-at-once path (numpy) gives exactly `index_body`'s strings,
    whatever the characters: every BMP character, NFD text, fullwidth, Latin
    case, compound jamo, and texts it leaves to the slow path (beyond the BMP)."""
    import unicodedata

    every = [chr(c) for c in range(0x10000) if not 0xD800 <= c <= 0xDFFF]
    texts = ["".join(every[i : i + 97]) for i in range(0, len(every), 97)]
    texts += [
        "", "포항 CES2019", "ＡＢＣ１２３ 가", unicodedata.normalize("NFD", "포항시가 영일만 밸리"),
        "漢字 한자 ΑΒΓ абв Ǆ ǅ İstanbul ß ﬁ", "ㄳㅘㅢ ㄱ ㅏ 닭 왕 퐇", "\x00\t\n",
    ]
    assert bodies_of(texts) == [index_body(t) for t in texts]
    beyond = texts[-7:] + ["😀 이모지 포항 𝐀𝐁"]
    assert bodies_of(beyond * 20) == [index_body(t) for t in beyond * 20]
