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


def test_a_broken_contract_fails(tmp_path: Path):
    (tmp_path / "store").mkdir()
    (tmp_path / "tui").mkdir()
    (tmp_path / "store" / "__init__.py").write_text("from tui import screen  # reaches up: forbidden\n")
    (tmp_path / "tui" / "__init__.py").write_text("")
    (tmp_path / "tui" / "screen.py").write_text("")
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    contracts = config[config.index("[tool.importlinter]") :]
    (tmp_path / "pyproject.toml").write_text(contracts.replace(', "textual"', ""), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        (tmp_path / "pyproject.toml").read_text().replace("include_external_packages = true\n", ""), encoding="utf-8"
    )
    result = _lint(tmp_path)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
