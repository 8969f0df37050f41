"""The Dask engine of ``govstats extract``: same rows as one process, Parquet written."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.dask

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    """A local cluster of two single-threaded worker processes (no dashboard)."""
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as c:
        yield c


def test_dask_engine_output_is_identical_to_one_process(cluster, seeds_dir, tmp_path):
    import pandas as pd

    from govstats import pipeline
    from govstats.store import read_table

    local, remote = tmp_path / "local", tmp_path / "dask"
    pipeline.extract(seeds_dir, local, n_jobs=1, cache=False)
    s = pipeline.extract(seeds_dir, remote, scheduler=cluster.scheduler_address, cache=False)
    assert s.n_files == 5
    for t in pipeline.TABLES:
        assert (remote / f"{t}.jsonl").read_bytes() == (local / f"{t}.jsonl").read_bytes()
        assert (remote / f"{t}.parquet").is_file()
        pd.testing.assert_frame_equal(read_table(remote, t), read_table(local, t))


def test_dask_engine_uses_the_cache_too(cluster, seeds_dir, tmp_path):
    from govstats import pipeline

    pipeline.extract(seeds_dir, tmp_path, engine="dask", scheduler=cluster.scheduler_address)
    again = pipeline.extract(seeds_dir, tmp_path, scheduler=cluster.scheduler_address)
    assert again.cached_files == 5


def test_dask_engine_starts_its_own_local_cluster(seeds_dir, tmp_path):
    from govstats import pipeline

    s = pipeline.extract(seeds_dir, tmp_path, engine="dask", n_jobs=2, cache=False)
    assert s.counts["articles"] > 0 and (tmp_path / "indicators.parquet").is_file()
