"""The import contracts in pyproject.toml ([tool.importlinter]) hold, and a
broken one is caught (so the check cannot pass by accident)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")

pytestmark = pytest.mark.skipif(LINT is None, reason="import-linter is not installed (pip install '.[test]')")


def _lint(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    return subprocess.run([LINT, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False)


def test_the_contracts_hold():
    result = _lint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("store/records.py", "import tui.clipboard", "store never imports the screen"),
        ("store/hangul.py", "import textual", "store never imports the screen"),
        ("tui/clipboard.py", "import store.search", "tui uses store only by its face"),
        ("store/records.py", "import store.corpus", "store layers:"),
        ("store/clean.py", "import store.entity_store", "store layers:"),
    ],
)
def test_a_broken_contract_fails(tmp_path: Path, module: str, line: str, contract: str):
    """The real tree with one import that reaches the wrong way: that contract breaks."""
    for package in ("store", "tui"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{line}  # reaches the wrong way\n", encoding="utf-8")
    result = _lint(tmp_path)
    assert result.returncode != 0
    broken = [row for row in " ".join(result.stdout.split()).split(" KEPT ") if "BROKEN" in row]
    assert len(broken) == 1 and contract in broken[0].split(" BROKEN")[0], result.stdout
