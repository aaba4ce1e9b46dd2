"""Regenerate store/extract/data/korea_subdivisions.txt: the names of every
current Korean 읍·면·동·리 (legal and administrative), from the code lists
the Ministry of the Interior publishes (법정동코드, 행정동코드) as bundled in
the PublicDataReader package.

    pip download --no-deps PublicDataReader==1.1.1.post2 -d /tmp/pdr
    python bench/tools/make_subdivisions.py /tmp/pdr/PublicDataReader-*.whl

Only names still in use (no 말소일자) and ending in a division's suffix are kept.
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "store" / "extract" / "data" / "korea_subdivisions.txt"
HEADER = """\
# Every current Korean 읍·면·동·리 name (legal and administrative divisions), one per line,
# from the Ministry of the Interior's code lists (법정동코드, 행정동코드) as bundled in
# PublicDataReader 1.1.1. Regenerate with bench/tools/make_subdivisions.py.
# Many are ordinary words too (이동, 합동): the extractor takes one as a place only where
# the analyser reads a proper noun or an address surrounds it.
"""
_NAME = re.compile(r"[가-힣]+[0-9]*(?:동|읍|면|리|가)")


def names(wheel: Path) -> set[str]:
    out: set[str] = set()
    with zipfile.ZipFile(wheel) as zf:
        for member, columns in (("code_bdong.json", ("읍면동명", "동리명")), ("code_hdong.json", ("읍면동명",))):
            table = json.loads(zf.read(f"PublicDataReader/raw/{member}"))
            for row, ended in table["말소일자"].items():
                if isinstance(ended, str) and ended:
                    continue
                for column in columns:
                    name = table[column].get(row)
                    if isinstance(name, str) and _NAME.fullmatch(name):
                        out.add(name)
    return out


if __name__ == "__main__":
    found = names(Path(sys.argv[1]))
    OUT.write_text(HEADER + "\n".join(sorted(found)) + "\n", encoding="utf-8")
    print(f"{len(found)} names -> {OUT}")
