"""Where the map step of ``govstats extract`` runs: this process, a pool, or Dask.

:class:`Mapper` takes the parent's jobs in order, ships each job's unit of work
(:class:`govstats.docmap.Unit`) to a worker and yields ``(job, result)`` in input
order, with at most two units per worker in flight. The pool (or the cluster) is
started at the first job that has work, so a run served from the cache starts none.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from .docmap import init_worker, map_unit, run_unit
from .sources import MAX_BYTES, Columns

__all__ = ["Mapper", "n_workers", "ordered_map"]


def ordered_map(
    submit: Callable[[Any], Any],
    chunks: Iterable[Any],
    *,
    window: int,
    result: Callable[[Any], Any],
) -> Iterator[Any]:
    """Run chunks with at most ``window`` in flight, yielding results in input order."""
    it = iter(chunks)
    pending: deque = deque(submit(c) for c in islice(it, window))
    while pending:
        fut = pending.popleft()
        res = result(fut)
        nxt = next(it, None)
        if nxt is not None:
            pending.append(submit(nxt))
        yield res


def n_workers(n_jobs: int) -> int:
    """Worker processes for ``n_jobs`` (0 or -1: one per core)."""
    if not isinstance(n_jobs, int) or n_jobs < -1:
        raise ValueError(f"n_jobs={n_jobs!r}: expected a positive int, or 0 / -1 for every core")
    return (os.cpu_count() or 1) if n_jobs in (0, -1) else n_jobs


class Mapper:
    """Context manager giving ``run(jobs) -> iterator of (job, result)`` for an engine.

    A job is anything with a ``unit`` attribute (None: nothing to compute, its result
    is None); the result of a unit is :func:`govstats.docmap.run_unit`'s.
    """

    def __init__(
        self,
        engine: str,
        workers: int,
        scheduler: str | None,
        lexicon_spec: tuple[str, ...] | None,
        tokens: bool,
        lex,
        *,
        columns: Columns,
        fingerprint: str | None,
        max_bytes: int = MAX_BYTES,
    ) -> None:
        self.engine, self.n_workers, self.scheduler = engine, workers, scheduler
        self.lexicon_spec, self.tokens, self.lex = lexicon_spec, tokens, lex
        self.columns, self.fp, self.max_bytes = columns, fingerprint, max_bytes
        self._close: list[Callable[[], None]] = []
        self._submit: Callable[[Any], Any] | None = None
        self._tok = None
        self._failed = False

    def __enter__(self) -> Mapper:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self._failed = exc_type is not None  # interrupted or failed: stop workers at once
        for fn in reversed(self._close):
            fn()

    @property
    def in_process(self) -> bool:
        return self.engine == "local" and self.n_workers == 1

    def tokenizer(self):
        """This process's tokenizer (for the few documents the parent computes itself)."""
        if self.tokens and self._tok is None:
            from .tokens import Tokenizer

            self._tok = Tokenizer()
        return self._tok

    def local(self, unit):
        """Run one unit in this process."""
        return run_unit(unit, self.lex, self.tokenizer(), self.columns, self.fp, self.max_bytes)

    def run(self, jobs: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
        if self.in_process:
            for job in jobs:
                yield job, (self.local(job.unit) if job.unit is not None else None)
            return

        def submit(job):
            if job.unit is None:
                return job, None
            if self._submit is None:
                self._start()
            return job, self._submit(job.unit)

        def result(pair):
            job, fut = pair
            return job, (fut.result() if fut is not None else None)

        yield from ordered_map(submit, jobs, window=2 * self.n_workers, result=result)

    def start(self) -> None:
        """Start the workers now (they load the lexicon and tokenizer meanwhile)."""
        if not self.in_process and self._submit is None:
            self._start()

    def _start(self) -> None:
        args = (self.lexicon_spec, self.tokens, self.columns, self.fp, self.max_bytes)
        if self.engine == "dask":
            client = self._dask_client()
            self._submit = lambda u: client.submit(map_unit, u, *args, pure=False)
            return
        from concurrent.futures import ProcessPoolExecutor

        from .runs import terminate_pool

        ex = ProcessPoolExecutor(
            max_workers=self.n_workers,
            initializer=init_worker,
            initargs=(self.lexicon_spec, self.tokens),
        )

        def close() -> None:
            # interrupted or failed: end the workers at once; otherwise let them finish,
            # unless an interrupt arrives while waiting for them
            if self._failed:
                terminate_pool(ex)
                return
            try:
                ex.shutdown(wait=True, cancel_futures=True)
            except BaseException:
                terminate_pool(ex)
                raise

        self._close.append(close)
        self._submit = lambda u: ex.submit(map_unit, u, *args)

    def _dask_client(self):
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover
            raise ImportError(
                "engine='dask' needs dask.distributed: pip install 'govstats[dask]'"
            ) from None
        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(
                n_workers=self.n_workers,
                processes=True,
                threads_per_worker=1,
                host="127.0.0.1",
                dashboard_address=":0",  # any free port: never clash with another cluster
            )
            self._close.append(cluster.close)
            client = Client(cluster)
        self._close.append(client.close)
        return client
