"""Bytes -> clean Unicode text, and which encoding it was.

Korean pages reach us as UTF-8, UTF-16 from Windows tools, CP949 (what
"EUC-KR" pages really use) and NFD from macOS file names and clipboards. The
order of guesses matters: a BOM is proof, strict UTF-8 almost never decodes
anything else by accident, a declared charset is the author's word, strict
CP949 is believed only when what it yields is mostly Hangul, and
charset-normalizer is the last resort.

After decoding the text is made safe to store and to draw in a terminal:
NFC (never NFKC, which would turn ㆍ and typed jamo into other characters),
NBSP to space, zero-width characters out, control characters and terminal
escape sequences removed. Text that merely looks like Rich markup stays as
written: escaping is the screen's job.
"""

from __future__ import annotations

import codecs
import re
import unicodedata


class DecodeError(ValueError):
    """Bytes that are not a text page; the message is the user-facing reason."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Names pages declare that mean Microsoft's superset of EUC-KR.
_CP949_ALIASES = {"euc-kr", "euckr", "euc_kr", "ks_c_5601-1987", "ks_c_5601", "ksc5601",
                  "x-windows-949", "windows-949", "cp949", "uhc", "ms949", "korean"}

_DECLARED = re.compile(rb"""(?i)(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""")

# Terminal escape sequences: CSI (ESC [ or 0x9B), OSC/DCS/APC/PM/SOS strings
# ended by BEL or ST (or, unterminated, by the end of the line: never more),
# and two-character ESC sequences.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?",
)
# C0 controls except tab and newline, DEL, C1 controls, bidi overrides/isolates,
# lone surrogates (a JSON "\ud800" escape: not a character, and no encoding has it).
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e]")
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u3000\u2000-\u200a]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
#: clean_text's steps in order: (pattern, replacement, the characters a match
#: can start with). Most pages hold none of those characters, or only NBSP:
#: one scan tells which steps a text needs, where five scans ran before.
_STEPS = (
    (_NEWLINES, "\n", re.compile(r"[\r\u2028\u2029\x85]")),
    (_ESCAPES, "", re.compile(r"[\x1b\x9b\x90\x98\x9d-\x9f]")),
    (_CONTROLS, "", _CONTROLS),
    (_ZERO_WIDTH, "", _ZERO_WIDTH),
    (_SPACES, " ", _SPACES),
)
_NEEDS_CLEANING = re.compile("[" + "".join(starts.pattern[1:-1] for _, _, starts in _STEPS) + "]")

#: Below this share of Hangul among non-ASCII letters, a strict CP949 decode is
#: more likely Latin-1 or random bytes that happen to be valid.
_MIN_HANGUL_SHARE = 0.8


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (clean text, encoding used). Raises DecodeError with a reason."""
    text, encoding = _decode(data)
    text = clean_text(text)
    if not text.strip():
        raise DecodeError("no text after decoding")
    return text, encoding


def clean_text(text: str) -> str:
    """NFC, plain spaces and newlines, no invisible or terminal-control characters."""
    found = "".join(set(_NEEDS_CLEANING.findall(text)))
    for pattern, replacement, starts in _STEPS:
        if found and starts.search(found):
            text = pattern.sub(replacement, text)
    return unicodedata.normalize("NFC", text)


def _decode(data: bytes) -> tuple[str, str]:
    if not data.strip(b" \t\r\n\x00"):
        raise DecodeError("empty file")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec.replace('-sig', '')} after its byte-order mark") from exc
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        raise DecodeError("binary file (contains NUL bytes), not a text page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        pass
    else:
        if _hangul_share(text) >= _MIN_HANGUL_SHARE:
            return text, "cp949"
    return _guess(data)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM shows NULs in every other byte of ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    for codec, zeros in (("utf-16-le", odd), ("utf-16-be", even)):
        if zeros >= half * 0.3:
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                continue
            if _printable_share(text) > 0.95:
                return text, codec
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    if name in _CP949_ALIASES:
        return "cp949"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _guess(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("binary or undecodable bytes (no text encoding fits)")
    text = str(best)
    if best.chaos > 0.3 or _printable_share(text) < 0.9:
        raise DecodeError("binary or undecodable bytes (no text encoding fits)")
    return text, best.encoding


def _hangul_share(text: str) -> float:
    """Share of Hangul among non-ASCII letters: CP949 text is mostly Hangul."""
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return 0.0
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e")
    return hangul / len(letters)


def _printable_share(text: str) -> float:
    if not text:
        return 0.0
    good = sum(1 for c in text if c.isprintable() or c in "\n\t\r")
    return good / len(text)
