"""OUT's own safety: one run at a time, whole files only, scratch space inside OUT, and every
failure to write OUT reported as the run's failure (exit 6), never as an applicant's finding.

- `locked(out)`: an exclusive `flock` on `OUT/.lock` for the whole run. The kernel drops it
  when the process ends, however it ends (kill -9 included), so a lock is never stale; the
  file names the holder's pid and start time for the message a second run prints.
- `write_bytes` / `write_text` / `Staged`: write to `.<name>.tmp` in the same folder, then
  `os.replace` it into place, so a reader (or a run killed in the middle) sees the old whole
  file or the new whole file, never half of one. `clean_stale` removes the `.tmp` files a
  killed run left; it runs under the lock, so it never removes a live run's.
- `scratch(out)`: OUT/.work/ as the temporary directory of this process and of the workers it
  starts (Dask's local directory, TMPDIR for the engines' temporary files, XDG_CACHE_HOME for
  libraries' caches), removed at the end:
  a run writes nothing outside OUT.
- `writing(what)`: an OSError under it (full disk, read-only OUT, a file where a folder must
  be) becomes an `OutputError` naming the path.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from models.errors import OutputError

LOCK = ".lock"
WORK = ".work"
TMP_SUFFIX = ".tmp"


def tmp_path(path: Path) -> Path:
    """Where `path` is written before it is renamed into place: the same folder (the same
    filesystem, so the rename is atomic), a name of this process's own (a worker a killed run
    left behind never writes into the re-run's temporary file)."""
    return path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")


def _fsync(fh: IO[bytes] | IO[str]) -> None:
    fh.flush()
    os.fsync(fh.fileno())


def write_bytes(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Replace `path` with `data` whole; `durable`: on disk before the rename (power loss)."""
    tmp = tmp_path(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            if durable:
                _fsync(fh)
        os.replace(tmp, path)
    except BaseException:
        with suppress(OSError):
            tmp.unlink()
        raise


def write_text(path: Path, text: str, *, encoding: str = "utf-8", durable: bool = False) -> None:
    write_bytes(path, text.encode(encoding), durable=durable)


class Staged:
    """Several files written to temporary names, then renamed into place one right after the
    other (`commit`): the files of one run are replaced together, not one phase apart."""

    def __init__(self) -> None:
        self._moves: list[tuple[Path, Path]] = []

    @contextmanager
    def open(
        self, path: Path, *, encoding: str = "utf-8", newline: str | None = None
    ) -> Iterator[IO[str]]:
        tmp = tmp_path(path)
        try:
            with open(tmp, "w", encoding=encoding, newline=newline) as fh:
                yield fh
                _fsync(fh)
        except BaseException:
            with suppress(OSError):
                tmp.unlink()
            raise
        self._moves.append((tmp, path))

    def write_text(self, path: Path, text: str) -> None:
        with self.open(path) as fh:
            fh.write(text)

    def write_bytes(self, path: Path, data: bytes) -> None:
        tmp = tmp_path(path)
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
                _fsync(fh)
        except BaseException:
            with suppress(OSError):
                tmp.unlink()
            raise
        self._moves.append((tmp, path))

    def adopt(self, tmp: Path, path: Path) -> None:
        """A file the caller wrote (whole, synced) at `tmp_path(path)`, renamed with the rest."""
        self._moves.append((tmp, path))

    def pending(self, path: Path) -> Path:
        """Where `path` is staged (its content before the commit), e.g. to hash it."""
        return next(tmp for tmp, final in self._moves if final == path)

    def commit(self) -> None:
        for tmp, path in self._moves:
            os.replace(tmp, path)
        self._moves.clear()

    def discard(self) -> None:
        for tmp, _ in self._moves:
            with suppress(OSError):
                tmp.unlink()
        self._moves.clear()


@contextmanager
def writing(what: str) -> Iterator[None]:
    """Turn an OSError while writing OUT into the run's OutputError (exit 6)."""
    try:
        yield
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise OutputError(
            f"cannot write {what}{where}: {exc.strerror or exc}; the run stopped and nothing "
            "written under this error is kept: fix OUT (space, permissions) and run again"
        ) from exc


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold OUT for this run; a second run on the same OUT raises OutputError at once."""
    path = out / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot create the lock file {path}: {exc.strerror or exc}") from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "pid unknown"
            raise OutputError(
                f"{out} is in use by another certcheck run ({holder}); wait for it to end "
                "or give another --out"
            ) from None
        started = datetime.now(UTC).isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {started}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the flock


def clean_stale(out: Path) -> int:
    """Remove what a killed run left half-done: `*.tmp` files and the scratch folder. Call it
    under the lock. Returns how many files were removed."""
    shutil.rmtree(out / WORK, ignore_errors=True)
    removed = 0
    for path in out.rglob(f"*{TMP_SUFFIX}"):
        if path.is_file() and not path.is_symlink():
            with suppress(OSError):
                path.unlink()
                removed += 1
    return removed


@contextmanager
def scratch(out: Path) -> Iterator[Path]:
    """OUT/.work/ as this process's temporary directory (inherited by the worker processes it
    starts); removed, with whatever the engines left there, at the end."""
    work = out / WORK
    # TMPDIR for the engines' temporary files (Tesseract's images); XDG_CACHE_HOME for what
    # libraries keep in the user's cache (onnxruntime's usage database under ~/.cache)
    folders = {"TMPDIR": work / "tmp", "XDG_CACHE_HOME": work / "cache"}
    with writing("the scratch folder OUT/.work"):
        for folder in folders.values():
            folder.mkdir(parents=True, exist_ok=True)
    saved_env = {name: os.environ.get(name) for name in folders}
    saved_dir = tempfile.tempdir
    os.environ.update({name: str(folder) for name, folder in folders.items()})
    tempfile.tempdir = str(folders["TMPDIR"])
    try:
        yield work
    finally:
        tempfile.tempdir = saved_dir
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        shutil.rmtree(work, ignore_errors=True)
