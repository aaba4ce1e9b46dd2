"""Bytes -> clean Unicode text (placeholder: the cleaner owner fills this in)."""

from __future__ import annotations

import unicodedata


class DecodeError(ValueError):
    pass


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding used)."""
    if not data.strip():
        raise DecodeError("empty file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodeError("cannot decode") from exc
    return unicodedata.normalize("NFC", text), "utf-8"
