"""The same-image check over a window: the index in this process, precise verification of
its candidates in parallel.

`stages.window_checks.same_images` (pure) builds the band index on the workers'
fingerprints and proposes candidate pairs (bounded per upload, see `stages.imagehash`);
this module decides them by aligning the two files (`imagehash.align`), in chunks on a
process pool or a Dask client. Within a chunk each upload is decoded and prepared once;
chunks are cut from the pairs in upload order, so an upload's pairs mostly share a chunk.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, ItemsView, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import suppress
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from models import ApplicantResult, Finding
from stages import imagehash, window_checks

from . import versions
from .state import Index
from .window import Window, read_upload

log = logging.getLogger(__name__)

Key = window_checks.Key
#: applicant id -> result, in form order; maybe disk-backed (read once where possible)
Results = Mapping[str, ApplicantResult]
Loader = Callable[[str], np.ndarray | None]
#: pairs per verification task: large enough that a task's uploads are prepared once for
#: several of their pairs, small enough to spread over the workers
CHUNK = 64
#: fewer candidate pairs than this are verified in this process (a pool costs ~1 s to start)
POOL_MIN = 2 * CHUNK


def reread(root: str, path: str) -> np.ndarray | None:
    """An upload under WINDOW `root`, decoded and prepared for `imagehash.align`; None when it
    cannot be read now (then the fingerprints decide: never blamed on the applicant)."""
    try:
        return imagehash.prepare_upload(read_upload(Path(root), path))
    except (OSError, ValueError) as exc:
        log.warning("same-image check cannot reread %s: %s", path, exc)
        return None


def verify_chunk(load: Loader, pairs: Sequence[tuple[str, str]]) -> list[bool | None]:
    """Whether each pair of upload paths is one image, each upload prepared once."""
    cache: dict[str, np.ndarray | None] = {}

    def prepared(path: str) -> np.ndarray | None:
        if path not in cache:
            cache[path] = load(path)
        return cache[path]

    out: list[bool | None] = []
    for a, b in pairs:
        pa, pb = prepared(a), prepared(b)
        out.append(None if pa is None or pb is None else imagehash.align(pa, pb).copy)
    return out


def _chunks(pairs: list[tuple[str, str]]) -> list[list[int]]:
    """Pair positions cut into chunks of CHUNK, ordered by their first upload."""
    order = sorted(range(len(pairs)), key=lambda k: pairs[k])
    return [order[k : k + CHUNK] for k in range(0, len(order), CHUNK)]


def verify_all(
    load: Loader, pairs: list[tuple[str, str]], jobs: int = 1, client: Any = None
) -> list[bool | None]:
    """`verify_chunk` over all pairs: on `client` (a dask.distributed Client) when given,
    else on a pool of `jobs` processes when there are enough pairs, else here. `load` must
    pickle (a module-level function or a partial of one)."""
    chunks = _chunks(pairs)
    work = [[pairs[k] for k in chunk] for chunk in chunks]
    if client is not None and work:
        futures = client.map(partial(verify_chunk, load), work, pure=False)
        results = client.gather(futures)
    elif jobs > 1 and len(pairs) >= POOL_MIN:
        # spawned, not forked: the caller may hold threads (a Dask client, a progress bar)
        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(min(jobs, len(work)), mp_context=ctx) as pool:
            results = list(pool.map(partial(verify_chunk, load), work))
    else:
        results = [verify_chunk(load, w) for w in work]
    out: list[bool | None] = [None] * len(pairs)
    for chunk, decided in zip(chunks, results, strict=True):
        for k, same in zip(chunk, decided, strict=True):
            out[k] = same
    return out


class Verified:
    """The candidate pairs verified by earlier runs into OUT (issue 19: a re-run verifies
    only the pairs an upload changed in): each decision kept in OUT/.index by the two
    uploads' sha256 and the code, sealed with a key derived from the run's audit key, so a
    row edited behind the run is not used. A verification is a function of the two files'
    bytes and the code: a decision taken from here is the one verifying again would give.
    An upload that could not be read (None) is never recorded."""

    def __init__(self, index: Index, secret: bytes, window: Window) -> None:
        self.index, self.secret, self.window = index, secret, window
        self.code = versions.source_hash()
        self.reused = 0
        index.keep_verified(self.code)

    def _sha(self, key: Key) -> str | None:
        aid, _slot, path = key
        return next((u.sha256 for u in self.window.uploads.get(aid, []) if u.path == path), None)

    def get(self, a: Key, b: Key) -> bool | None:
        sa, sb = self._sha(a), self._sha(b)
        if sa is None or sb is None:
            return None
        same = self.index.verified(self.code, sa, sb, self.secret)
        self.reused += same is not None
        return same

    def put(self, a: Key, b: Key, same: bool) -> None:
        sa, sb = self._sha(a), self._sha(b)
        if sa is not None and sb is not None:
            self.index.record_verified(self.code, sa, sb, same, self.secret)


def window_same_images(
    records: Iterable[tuple[str, str, str, str]],
    readings: Mapping[str, Mapping[str, str]],
    load: Loader | None,
    jobs: int | None = None,
    client: Any = None,
    stats: dict[str, int] | None = None,
    verified: Verified | None = None,
) -> list[Finding]:
    """`window_checks.same_images` with its candidates verified by `verify_all` (from the
    files `load` prepares), or by the fingerprints alone when `load` is None. `verified`:
    the decisions of earlier runs, used instead of opening the files again."""
    verify_many = None
    if load is not None:
        n = jobs or os.cpu_count() or 1

        def verify_many(pairs: list[tuple[Key, Key]]) -> list[bool | None]:
            out = [verified.get(a, b) if verified else None for a, b in pairs]
            todo = [k for k, same in enumerate(out) if same is None]
            fresh = verify_all(load, [(pairs[k][0][2], pairs[k][1][2]) for k in todo], n, client)
            for k, same in zip(todo, fresh, strict=True):
                out[k] = same
                if same is not None and verified is not None:
                    verified.put(*pairs[k], same)
            return out

    return list(window_checks.same_images(records, readings, stats=stats, verify_many=verify_many))


def _id_values(window: Window) -> Iterator[tuple[str, str, str]]:
    """(applicant, field, value) of the identifiers no two forms may share."""
    for aid, form in window.forms.items():
        yield aid, "id_number", form.id_number
        yield aid, "diploma_number", form.education.diploma_number


#: the fields `window_checks.duplicate_values` compares, in the order it reports them
DUPLICATE_FIELDS = ("id_number", "diploma_number")


def duplicate_ids(
    records: Iterable[tuple[str, str, str]], db: sqlite3.Connection | None = None
) -> Iterator[Finding]:
    """`window_checks.duplicate_values` over `records`; with `db` (the run's scratch store,
    pipeline.state), the values are grouped in a table there (issue 19: a national window's
    identifiers are never all held): only the groups of two or more applicants are read
    back, each handed whole to `duplicate_values`, so the findings are its own, field by
    field. An applicant's findings come in the same order (ID number, then diploma)."""
    if db is None:
        yield from window_checks.duplicate_values(records)
        return
    table = f"dup_{secrets.token_hex(4)}"
    db.execute(f"CREATE TABLE {table} (field TEXT, norm BLOB, aid BLOB, raw BLOB)")
    try:
        rows = (
            (field, _blob(value.strip().upper()), _blob(aid), _blob(value))
            for aid, field, value in records
            if field in DUPLICATE_FIELDS and value.strip().upper()
        )
        db.execute("BEGIN")
        db.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?)", rows)
        db.execute("COMMIT")
        db.execute(f"CREATE INDEX {table}_v ON {table} (field, norm)")
        for field in DUPLICATE_FIELDS:
            groups = db.execute(
                f"SELECT norm FROM {table} WHERE field = ? GROUP BY norm HAVING count(*) > 1",
                (field,),
            ).fetchall()  # the shared values only: a handful, whatever the window's size
            for (norm,) in groups:
                members = db.execute(
                    f"SELECT aid, raw FROM {table} WHERE field = ? AND norm = ? ORDER BY rowid",
                    (field, norm),
                )
                group = [(_str(aid), field, _str(raw)) for aid, raw in members]
                yield from window_checks.duplicate_values(group)
    finally:
        with suppress(sqlite3.Error):
            if db.in_transaction:
                db.execute("ROLLBACK")
            db.execute(f"DROP TABLE IF EXISTS {table}")


def _blob(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def _str(data: bytes) -> str:
    return bytes(data).decode("utf-8", "surrogatepass")


def window_findings(
    window: Window,
    results: Results,
    db: sqlite3.Connection | None = None,
    verified: Verified | None = None,
) -> dict[str, list[Finding]]:
    """The cross-applicant findings by applicant: one ID or diploma number on two forms
    (grouped by value: `duplicate_ids`, in `db` when given), the same image on two uploads
    (`window_same_images`, verified from the files under WINDOW). `results` is iterated
    once, for its small records only (fingerprints, identifying readings): it may be read
    from disk as it goes. Only applicants with a finding are in the answer. `verified`:
    pairs decided by earlier runs (`Verified`)."""
    extra: dict[str, list[Finding]] = {}
    for f in duplicate_ids(_id_values(window), db):
        extra.setdefault(f.applicant_id, []).append(f)
    prints: list[tuple[str, str, str, str]] = []
    read: dict[str, dict[str, str]] = {}
    for aid, r in results.items():
        prints.extend((aid, *fp) for fp in r.fingerprints)
        for path, reading in r.readings:
            if reading.field in window_checks.IDENTIFYING:
                read.setdefault(path, {}).setdefault(reading.field, reading.value)
    stats: dict[str, int] = {}
    started = time.perf_counter()
    load = partial(reread, str(window.info.root))
    for f in window_same_images(prints, read, load, stats=stats, verified=verified):
        extra.setdefault(f.applicant_id, []).append(f)
    if verified is not None:
        stats["verified_before"] = verified.reused
    log.info(
        "same-image check: %s, %.1f s",
        ", ".join(f"{k} {v}" for k, v in stats.items()),
        time.perf_counter() - started,
    )
    return extra


class WithFindings(Mapping[str, ApplicantResult]):
    """`results` with `extra` findings appended to theirs, as a view: nothing is copied and
    `results` is read again only if the view is (so a disk-backed mapping stays on disk)."""

    def __init__(self, results: Results, extra: Mapping[str, Sequence[Finding]]) -> None:
        self.results, self.extra = results, extra

    def __getitem__(self, aid: str) -> ApplicantResult:
        return self._with(aid, self.results[aid])

    def __iter__(self) -> Iterator[str]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)

    def items(self) -> ItemsView[str, ApplicantResult]:
        return _Items(self)

    def _with(self, aid: str, r: ApplicantResult) -> ApplicantResult:
        more = self.extra.get(aid)
        return replace(r, findings=(*r.findings, *more)) if more else r


class _Items(ItemsView[str, ApplicantResult]):
    """Iterated in one pass over the results' own items (the base class would look each key
    up again: a second read of a disk-backed mapping)."""

    _mapping: WithFindings

    def __iter__(self) -> Iterator[tuple[str, ApplicantResult]]:
        view = self._mapping
        return ((aid, view._with(aid, r)) for aid, r in view.results.items())
