"""One run of a govstats command: its id, its temporary files, its interrupts, its workers.

* **Run id.** ``RUN_ID`` is ``<pid>-<start>``: the process id and its start time (clock
  ticks since boot from ``/proc/<pid>/stat`` on Linux, else the wall clock in ms), so a
  recycled pid never looks like the same run.
* **Temporary files** are named ``.<final name>.<run id>.tmp`` (:func:`tmp_path`) beside
  the file they become. :func:`remove_stale` deletes those of runs that are no longer
  alive (and only those: two concurrent runs into one folder keep each other's files),
  including DuckDB's ``….tmp.wal`` and names of older releases (``.<name>.<pid>.tmp``).
* **Interrupts.** :func:`handle_signals` makes SIGINT and SIGTERM raise
  :class:`Interrupted` (a ``KeyboardInterrupt``) in the main thread, so ``finally``
  blocks remove temporary files and stop workers; :func:`interrupted` tells the command
  line afterwards that any exception on the way out was caused by it (DuckDB, for one,
  turns a ``KeyboardInterrupt`` into its own ``InvalidInputException``).
* **Workers** (:func:`init_worker`) ignore SIGINT (the parent decides), ask the kernel
  to SIGKILL them when the parent dies (``PR_SET_PDEATHSIG`` on Linux) and, as a
  fallback, exit as soon as their parent has changed; :func:`terminate_pool` ends a
  ``ProcessPoolExecutor``'s workers at once.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

logger = logging.getLogger(__name__)

__all__ = [
    "RUN_ID",
    "Interrupted",
    "run_id",
    "tmp_path",
    "is_alive",
    "remove_stale",
    "handle_signals",
    "interrupted",
    "init_worker",
    "terminate_pool",
]


def _start_ticks(pid: int) -> str | None:
    """Start time of process ``pid`` in clock ticks since boot (Linux), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name (field 2) may hold spaces and parentheses: split after the last ")"
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else None  # field 22 of stat(5)


def run_id(pid: int | None = None) -> str:
    """``<pid>-<start>`` of this process (or of ``pid``, which must be alive)."""
    pid = os.getpid() if pid is None else pid
    start = _start_ticks(pid)
    if start is None:  # no /proc: the wall clock at import, in ms
        start = f"t{int(_T0 * 1000)}"
    return f"{pid}-{start}"


_T0 = time.time()
#: The id of this process's run (recomputed in a forked child: see :func:`current`).
RUN_ID = run_id()
_RUN_PID = os.getpid()


def current() -> str:
    """This process's run id (a forked worker has its own)."""
    global RUN_ID, _RUN_PID
    if os.getpid() != _RUN_PID:
        RUN_ID, _RUN_PID = run_id(), os.getpid()
    return RUN_ID


def tmp_path(path: str | Path, *, tag: str = "tmp") -> Path:
    """The temporary name for ``path`` in this run: ``.<name>.<run id>.<tag>`` beside it."""
    path = Path(path)
    return path.with_name(f".{path.name}.{current()}.{tag}")


# .<name>.<pid>-<start>.<tag>[.wal] (this release) or .<name>.<pid>.tmp[.wal] (older ones)
_TMP_RE = re.compile(
    r"^\..+\.(?P<pid>\d+)(?:-(?P<start>t?\d+))?\.(?:tmp|stage|running\.ipynb)(?:\.wal)?$"
)


def is_alive(pid: int, start: str | None = None) -> bool:
    """Whether process ``pid`` runs (and, when ``start`` is given, is the one that started then)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    if start is None or start.startswith("t"):
        return True
    now = _start_ticks(pid)
    return now is None or now == start


def remove_stale(folder: str | Path) -> list[Path]:
    """Delete the temporary files of dead runs in ``folder`` (not recursive); return them.

    A file is stale when the run named in it is no longer alive. Files of live runs
    (this one included) and files that do not follow the naming scheme are kept.
    """
    folder = Path(folder)
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _TMP_RE.match(entry.name)
        if not m or not entry.is_file(follow_symlinks=False):
            continue
        if is_alive(int(m["pid"]), m["start"]):
            continue
        try:
            os.unlink(entry.path)
        except OSError as e:
            logger.warning("could not remove stale temporary file %s (%s)", entry.path, e)
            continue
        removed.append(Path(entry.path))
    if removed:
        logger.info("removed %d temporary file(s) of interrupted runs in %s", len(removed), folder)
    return removed


# ----------------------------------------------------------------------------- interrupts


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM arrived; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_received: list[int] = []


def interrupted() -> int | None:
    """The signal number that interrupted this run, or None."""
    return _received[-1] if _received else None


def _on_signal(signum: int, frame) -> None:
    first = not _received
    _received.append(signum)
    if first:  # raise once; a second Ctrl-C while cleaning up must not cut the cleanup short
        raise Interrupted(signum)


@contextmanager
def handle_signals() -> Iterator[None]:
    """While inside, SIGINT and SIGTERM raise :class:`Interrupted` in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    _received.clear()
    for s, h in old.items():
        if h is not signal.SIG_IGN:  # a signal ignored by whoever started us stays ignored
            signal.signal(s, _on_signal)
    try:
        yield
    finally:
        for s, h in old.items():
            signal.signal(s, h)


# ----------------------------------------------------------------------------- workers

_PR_SET_PDEATHSIG = 1


def _set_pdeathsig(sig: int = signal.SIGKILL) -> bool:
    """Ask Linux to send ``sig`` to this process when its parent exits."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):  # pragma: no cover - no prctl
        return False


def _watch_parent(parent: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent:  # re-parented: the parent is gone
            os._exit(1)


def init_worker(poll: float = 0.5) -> None:
    """Call first in a pool worker: end with the parent, leave SIGINT to the parent.

    A killed parent (SIGKILL runs no ``finally``) would otherwise leave its workers
    running for as long as their queue lasts.
    """
    parent = os.getppid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _set_pdeathsig()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent, poll), daemon=True).start()


def terminate_pool(executor) -> None:
    """Stop a ``ProcessPoolExecutor`` now: SIGTERM its workers, then shut it down."""
    procs = list((getattr(executor, "_processes", None) or {}).values())
    for p in procs:
        with suppress(OSError, AttributeError):
            p.terminate()
    # the queue's feeder thread may be blocked writing a large batch into a pipe that no
    # worker reads any more; never wait for it at exit (cpython gh-94777)
    queue = getattr(executor, "_call_queue", None)
    if queue is not None:
        with suppress(Exception):
            queue.cancel_join_thread()
    manager = getattr(executor, "_executor_manager_thread", None)  # None after shutdown
    executor.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with suppress(OSError, AssertionError, AttributeError):
            p.join(timeout=5)
    # let the pool's manager thread see its dead workers and close its pipes now; then the
    # interpreter's exit hook must not wake it through a closed pipe (an "Exception
    # ignored … Bad file descriptor" at exit, or a hang, on Python < 3.12)
    if manager is not None:
        manager.join(timeout=5)
        if not manager.is_alive():
            with suppress(Exception):
                from concurrent.futures import process

                process._threads_wakeups.pop(manager, None)
