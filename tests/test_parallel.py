"""store.parallel: results in order, bounded, and never a hang when workers fail."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store import parallel


def _square(n: int) -> int:
    return n * n


def _dies_in_a_worker(item: tuple[int, int]) -> int:
    """Kills the worker process it runs in; in the calling process, it works."""
    n, caller = item
    if os.getpid() != caller:
        os._exit(3)
    return n * 2


def test_results_come_in_order_from_other_processes():
    assert list(parallel.ordered_map(_square, range(50), workers=2)) == [n * n for n in range(50)]
    assert list(parallel.ordered_map(_square, [], workers=2)) == []
    assert list(parallel.ordered_map(_square, range(5), workers=1)) == [0, 1, 4, 9, 16]


def test_a_dying_worker_leaves_the_work_to_the_caller():
    items = [(n, os.getpid()) for n in range(20)]
    assert list(parallel.ordered_map(_dies_in_a_worker, items, workers=2)) == [n * 2 for n in range(20)]


def test_no_processes_at_all_means_the_work_is_done_here(monkeypatch: pytest.MonkeyPatch, tmp_path):
    monkeypatch.setattr(parallel.sys, "executable", str(tmp_path / "no-such-python"))
    assert list(parallel.ordered_map(_square, range(10), workers=2)) == [n * n for n in range(10)]


def test_workers_do_not_run_the_callers_main_script(tmp_path):
    """A script without a __main__ guard must not run again in the workers."""
    marks = tmp_path / "marks"
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import sys, os\n"
        f"sys.path[:0] = [{str(Path(__file__).parent)!r}, {str(Path(__file__).parent.parent)!r}]\n"
        f"open({str(marks)!r}, 'a').write(str(os.getpid()) + '\\n')\n"
        "from store import parallel\n"
        "import test_parallel\n"
        "print(list(parallel.ordered_map(test_parallel._square, range(6), workers=2)))\n"
    )
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "[0, 1, 4, 9, 16, 25]", out.stderr
    assert len(marks.read_text().split()) == 1


def test_an_error_in_the_work_reaches_the_caller():
    with pytest.raises(TypeError):
        list(parallel.ordered_map(_square, [1, "x", 3], workers=2))
