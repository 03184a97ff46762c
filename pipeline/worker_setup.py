"""Set-up run in every local worker process as it starts (a Dask preload, pipeline.cluster).

Ctrl-C is the main process's to handle: it closes the cluster and exits with 130. A terminal
sends SIGINT to the whole process group, workers included; ignored here, it no longer makes
each worker print a KeyboardInterrupt traceback while the main process shuts them down.

Dask's GC diagnosis (a callback on every garbage collection that logs long pauses) is turned
off: a collection that falls inside a deep recursion — pdfminer resolving a PDF of nested
objects until Python's recursion limit, which the upload's own finding then reports — made
the callback itself fail and print a traceback on the operator's terminal.
"""

from __future__ import annotations

import signal


def dask_setup(worker: object) -> None:
    """Called by Dask in the worker process's main thread, before the worker takes tasks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from distributed.gc import disable_gc_diagnosis

    disable_gc_diagnosis(force=True)  # enabled by the worker's start, before preloads run
