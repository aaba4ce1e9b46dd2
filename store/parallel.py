"""CPU work in other processes, results in order: one mechanism for the store.

The search index build (index bodies of paragraph chunks) and entity analysis
(one article at a time) both hand pure functions to worker processes while
this process keeps the SQLite connection and writes. `ordered_map` gives them:

* results in the order of the inputs, so the writer's work is deterministic;
* one input in flight per worker, so memory stays flat and no pipe can fill
  up both ways;
* workers that are plain `python -c` interpreters importing only `store` and
  the function's module. Not multiprocessing: spawn imports the caller's
  main script again in every worker (a user's unguarded script would run
  twice over), and fork would copy an app's threads and open transaction;
* no hang when a worker dies or cannot start: the work is done here instead.

(Ingest's reading processes are not this: they stream each file's events as
the file is read, and must stop when the writer is killed; see store.ingest.)
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_WORKER = "from store.parallel import _worker_main; _worker_main()"
_FRAME = struct.Struct("<Q")
Worker = subprocess.Popen  # a worker process with pipes on stdin and stdout


def cores() -> int:
    """Cores this process may use (its CPU affinity where the OS tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def ordered_map(fn: Callable[[T], R], items: Iterable[T], *, workers: int) -> Iterator[R]:
    """`fn(item)` for each item, in order, computed by `workers` processes
    (in this one when `workers` <= 1). `fn` must be a module-level function:
    workers import it by name. An exception raised by `fn` reaches the
    caller; a worker that fails (killed, no interpreter) leaves its item and
    all later ones to this process."""
    todo = iter(items)
    procs = _start(workers) if workers > 1 else []
    pending: deque[tuple[T, Worker | None]] = deque()
    try:
        for proc in procs:  # one item each to begin with
            item = next(todo, _END)
            if item is _END:
                break
            pending.append((item, _send(proc, fn, item)))
        while pending:
            item, proc = pending.popleft()
            outcome = _receive(proc) if proc is not None else None
            if outcome is None:  # a worker failed: no more workers
                _stop(procs)
                procs = []
                pending = deque((i, None) for i, _ in pending)
                result = fn(item)
            elif outcome[0] == "raised":
                raise outcome[1]
            else:
                result = outcome[1]
            if procs and proc is not None:
                more = next(todo, _END)
                if more is not _END:
                    pending.append((more, _send(proc, fn, more)))
            yield result
        yield from map(fn, todo)  # what no worker took (there were none, or they failed)
    finally:
        _stop(procs)


_END = object()


def _start(n: int) -> list[Worker]:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)  # where `store` imports from
    # The caller's path too: the worker imports `fn` from wherever the caller did.
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, *sys.path, env.get("PYTHONPATH", "")) if p)
    procs: list[Worker] = []
    try:
        for _ in range(n):
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-c", _WORKER],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,  # a failing worker is replaced by this process
                    env=env,
                )
            )
    except OSError:  # no processes here: compute in this one
        _stop(procs)
        return []
    return procs


def _send(proc: Worker, fn: Callable[[Any], Any], item: Any) -> Worker | None:
    """Hand one item to a worker; None if it cannot take it."""
    try:
        data = pickle.dumps((fn, item), protocol=pickle.HIGHEST_PROTOCOL)
        assert proc.stdin is not None
        proc.stdin.write(_FRAME.pack(len(data)) + data)
        proc.stdin.flush()
    except (OSError, ValueError, pickle.PicklingError):
        return None
    return proc


def _receive(proc: Worker) -> tuple[str, Any] | None:
    """("done", result) or ("raised", exception) for the item a worker holds;
    None if the worker failed."""
    try:
        assert proc.stdout is not None
        head = proc.stdout.read(_FRAME.size)
        if len(head) != _FRAME.size:
            return None
        (size,) = _FRAME.unpack(head)
        data = proc.stdout.read(size)
        if len(data) != size:
            return None
        outcome = pickle.loads(data)
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return None
    return outcome if isinstance(outcome, tuple) and len(outcome) == 2 else None


def _stop(procs: list[Worker]) -> None:
    for proc in procs:
        try:
            if proc.stdin is not None:
                proc.stdin.close()  # EOF: the worker exits
        except OSError:
            pass
    for proc in procs:
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _worker_main() -> None:
    """A worker: length-prefixed pickled (fn, item) in on stdin, the outcome
    out on stdout, until EOF."""
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    while True:
        head = inp.read(_FRAME.size)
        if len(head) != _FRAME.size:
            return
        (size,) = _FRAME.unpack(head)
        fn, item = pickle.loads(inp.read(size))
        try:
            outcome: tuple[str, Any] = ("done", fn(item))
        except Exception as exc:  # the caller re-raises it
            outcome = ("raised", exc)
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(_FRAME.pack(len(data)) + data)
        out.flush()
