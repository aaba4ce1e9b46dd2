"""Decoding: every way a Korean page arrives as bytes, and what is never stored."""

from __future__ import annotations

import codecs
import os
import unicodedata

import pytest

from store.decode import DecodeError, decode_bytes

PAGE = "포항시, ‘영일만 밸리’ 조성\n\n경북 포항시가 16일 밝혔다. 과천ㆍ성남도 참여한다.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (PAGE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + PAGE.encode("utf-8"), "utf-8"),
        (PAGE.encode("utf-16"), "utf-16"),
        (PAGE.encode("utf-16-le"), "utf-16-le"),
        (PAGE.encode("utf-32"), "utf-32"),
        (PAGE.encode("cp949"), "cp949"),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    text, used = decode_bytes(data)
    assert text == PAGE
    assert used == encoding


def test_declared_charset_wins_and_euc_kr_means_cp949():
    # '똠' is outside EUC-KR proper but in CP949, which is what 'euc-kr' pages really use
    html = '<html><head><meta charset="euc-kr"></head><body>똠양꿍 포항시</body></html>'
    text, used = decode_bytes(html.encode("cp949"))
    assert used == "cp949" and "똠양꿍" in text


def test_nfd_becomes_nfc_but_never_nfkc():
    nfd = unicodedata.normalize("NFD", PAGE + "ㄱㄴ ㆍ ①\n")
    text, _ = decode_bytes(nfd.encode("utf-8"))
    assert text == unicodedata.normalize("NFC", PAGE + "ㄱㄴ ㆍ ①\n")
    assert "ㆍ" in text and "①" in text and "ㄱㄴ" in text


def test_invisible_and_control_characters_are_removed():
    raw = "포항\u00a0시\u200b가 \x1b[31m빨간\x1b[0m 글씨\x07 \x1b]0;title\x07밝혔다.\r\n\u202e끝\x00"
    # a NUL makes a file binary, so check the text path on the rest
    text, _ = decode_bytes(raw.replace("\x00", "").encode("utf-8"))
    assert text == "포항 시가 빨간 글씨 밝혔다.\n끝"


def test_unterminated_escape_never_swallows_the_page():
    text, _ = decode_bytes("첫 줄 \x1b]0;제목\n둘째 줄 본문입니다.\n".encode("utf-8"))
    assert text == "첫 줄 \n둘째 줄 본문입니다.\n"


def test_rich_markup_is_kept_as_written():
    raw = "[bold red]경고[/] [link=https://x]링크[/link] 본문입니다."
    text, _ = decode_bytes(raw.encode("utf-8"))
    assert text == raw


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"  \n\t\n", "empty"),
        (bytes(range(256)) * 20, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(500), "binary"),
    ],
)
def test_binary_and_empty_files_are_refused_with_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_random_bytes_without_nul_are_refused():
    import random

    rng = random.Random(7)
    data = bytes(rng.choice([b for b in range(256) if b]) for _ in range(4000))
    with pytest.raises(DecodeError):
        decode_bytes(data)


def test_skipping_steps_a_text_does_not_need_changes_nothing():
    """clean_text runs only the steps whose characters a text holds; on texts
    mixing every kind of character it must equal all five steps in order."""
    import random

    from store.decode import _STEPS, clean_text

    def every_step(text: str) -> str:
        for pattern, replacement, _ in _STEPS:
            text = pattern.sub(replacement, text)
        return unicodedata.normalize("NFC", text)

    special = [chr(c) for c in [*range(0x20), *range(0x7F, 0xA1), 0xAD, 0x180E, *range(0x2000, 0x2070), 0x3000, 0xD800, 0xFEFF]]
    alphabet = special + list("ab[]\\P^_;0?@~ 포항\n\t") + ["\u1100", "\u1161"]
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert clean_text(text) == every_step(text), repr(text)
    assert clean_text("포항\u00a0시") == "포항 시"  # the common case: NBSP alone
