"""The local cluster is private (issue 16): TLS with this run's credentials, no dashboard or
HTTP routes, scratch space inside OUT."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import urllib.request
from pathlib import Path

import distributed
import psutil
import pytest
from dask.distributed import Client
from distributed.security import Security

from models.errors import ExitCode
from pipeline import cluster, outdir
from pipeline.cli import main
from pipeline.cluster import local_client

# distributed adds its defaults to dask's config when imported (see test_cli)
assert distributed.__version__


def _worker_dirs(dask_worker: distributed.Worker) -> tuple[str, str, str]:
    return dask_worker.local_directory, tempfile.gettempdir(), os.environ.get("TMPDIR", "")


def _gc_diagnosis_on() -> bool:
    from distributed.gc import _gc_diagnosis

    return bool(_gc_diagnosis.enabled)


def test_the_local_cluster_is_private_and_writes_inside_out(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with outdir.scratch(out) as work, local_client(1, work) as client:
        cluster = client.cluster
        address = cluster.scheduler_address
        assert address.startswith("tls://127.0.0.1:")
        # no dashboard, and the HTTP server Dask always starts is not on 8787 and serves nothing
        assert cluster.dashboard_link == ""
        scheduler = cluster.scheduler
        assert "dashboard" not in scheduler.services
        assert scheduler.http_application.applications == []
        # this process listens only where the scheduler and the nannies speak TLS
        nannies = [w.address for w in cluster.workers.values()]
        tls = {int(a.rsplit(":", 1)[1]) for a in [address, *nannies]}
        mine = psutil.Process().net_connections(kind="tcp")
        assert {c.laddr.port for c in mine if c.status == psutil.CONN_LISTEN} <= tls
        # a client without this run's credentials cannot connect
        with pytest.raises((OSError, TimeoutError)):
            Client("tcp://" + address.removeprefix("tls://"), timeout="3s")
        with pytest.raises((OSError, TimeoutError)):
            Client(address, security=Security.temporary(), timeout="3s")  # another run's
        # the workers' scratch space and temporary files are inside OUT
        (dirs,) = client.run(_worker_dirs).values()
        assert all(Path(d).is_relative_to(out) for d in dirs), dirs
        # Ctrl-C is the main process's: the workers ignore SIGINT (no tracebacks from them)
        assert list(client.run(signal.getsignal, signal.SIGINT).values()) == [signal.SIG_IGN]
        # no GC callback of Dask's in the workers (it printed tracebacks in deep recursions)
        assert list(client.run(_gc_diagnosis_on).values()) == [False] and not _gc_diagnosis_on()
    assert not (out / ".work").exists()


# -- the dashboard on request (issue 19) -------------------------------------------------------


def test_the_dashboard_on_request_is_served_on_loopback_and_its_link_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with (
        cluster.dashboard("127.0.0.1:0"),
        outdir.scratch(out) as work,
        local_client(1, work) as client,
    ):
        link = client.cluster.dashboard_link
        assert link.startswith("http://127.0.0.1:") and link.endswith("/status"), link
        with urllib.request.urlopen(link, timeout=30) as page:
            assert page.status == 200 and b"bokeh" in page.read().lower()
        # the cluster itself stays private: TLS, workers without routes
        assert client.cluster.scheduler_address.startswith("tls://127.0.0.1:")
    assert f"Dask dashboard: {link}" in capsys.readouterr().err
    assert cluster._dashboard is None  # the next cluster is private again


def test_dashboard_flag_errors_exit_2_before_out_is_touched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    window, out = tmp_path / "window", tmp_path / "out"
    window.mkdir()
    run = ["run", str(window), "--out", str(out), "--dashboard"]
    assert main([*run, "--sync"]) == ExitCode.bad_args
    assert "--sync" in capsys.readouterr().err
    assert main([*run, "--scheduler", "tcp://127.0.0.1:1"]) == ExitCode.bad_args
    assert "docs/cluster.md" in capsys.readouterr().err
    monkeypatch.setitem(sys.modules, "bokeh", None)  # the extra not installed
    assert main(run) == ExitCode.bad_args
    assert "pip install 'certcheck[dashboard]'" in capsys.readouterr().err
    assert not out.exists()
