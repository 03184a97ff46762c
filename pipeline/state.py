"""Per-applicant state on disk (issue 19: the main process's memory flat in window size).

A national window has 800,000 applicants: their forms, uploads, keys, part records and slim
readings are kept in SQLite files instead of dicts, and read back one applicant at a time.

- `Scratch`: this run's own store in `OUT/.work` (removed with it at the end of the run). Its
  mappings (`DiskMap`, `DiskLists`) hold pickled records: only this process writes them.
- `Index`: what outlives the run, in `OUT/.index/index.sqlite`: the stat cache of the uploads
  (path, size, mtime, ctime, inode → sha256), the part index (applicant → key, digest,
  the part file's stat, its slim record as JSON) and the report's applicant pages (file →
  the digest of what it was rendered from, its stat). Never pickled (OUT is not ours alone); an
  entry is trusted only when the file's stat is unchanged and its ctime is older than the
  entry by more than `RACY_NS` (a file changed within the same clock tick as it was recorded
  is read again: git's "racy clean" rule).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import pickle
import sqlite3
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping, MutableMapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

V = TypeVar("V")

#: A file whose ctime is this close to (or after) the moment its entry was recorded may have
#: changed within the same timestamp tick: its entry is not trusted.
RACY_NS = 2_000_000_000
#: Values a DiskMap keeps at hand (the last ones read or set).
RECENT = 64
INDEX = ".index"
INDEX_FILE = "index.sqlite"
#: Rows written between two commits of the persisted index (a killed run keeps the rest).
COMMIT_EVERY = 2000


def _key(text: str) -> bytes:
    """An id as SQLite stores it: UTF-8 bytes (a lone surrogate kept), compared with memcmp,
    which sorts as Python sorts str (by code point)."""
    return text.encode("utf-8", "surrogatepass")


def _text(data: bytes) -> str:
    return bytes(data).decode("utf-8", "surrogatepass")


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")  # readers never wait on the writer
    db.execute("PRAGMA synchronous=NORMAL")
    return db


class Scratch:
    """One SQLite file of this run's own records (under OUT/.work: gone after the run)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=OFF")  # scratch: nothing to recover after a kill
        self.db.execute("PRAGMA synchronous=OFF")
        self._tables = 0

    def table(self, name: str = "") -> str:
        self._tables += 1
        return f"t{self._tables}_{name}" if name else f"t{self._tables}"

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for many writes (loading a national window's forms: a
        transaction per row cost a third of the load)."""
        if self.db.in_transaction:
            yield
            return
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            if self.db.in_transaction:
                self.db.execute("COMMIT")

    def map(self, name: str = "") -> DiskMap[Any]:
        return DiskMap(self, self.table(name))

    def lists(self, name: str = "") -> DiskLists[Any]:
        return DiskLists(self, self.table(name))

    def close(self) -> None:
        with suppress(sqlite3.Error):
            self.db.close()


class DiskMap(MutableMapping[str, V], Generic[V]):
    """A dict on disk: keys kept in the order they were first set, or by `pos` when given
    (e.g. an applicant's place in the window: iterated in form order whatever order the
    results came in). Values are pickled (this run's own records only) and never None.
    Hand out only immutable values (frozen records, tuples): the last few are shared."""

    def __init__(self, store: Scratch, table: str) -> None:
        self.db, self.table = store.db, table
        #: the last few values read or set: an applicant's record is asked for several
        #: times in a row (its task, its page, its audit records)
        self._recent: OrderedDict[str, V | None] = OrderedDict()
        self.db.execute(
            f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, pos INTEGER, "
            "k BLOB UNIQUE NOT NULL, v BLOB NOT NULL)"
        )
        self.db.execute(f"CREATE INDEX {table}_pos ON {table} (pos, id)")

    def _remember(self, key: str, value: V | None) -> None:
        self._recent[key] = value
        self._recent.move_to_end(key)
        if len(self._recent) > RECENT:
            self._recent.popitem(last=False)

    def set(self, key: str, value: V, pos: int | None = None) -> None:
        self._remember(key, value)
        self.db.execute(
            f"INSERT INTO {self.table} (pos, k, v) VALUES (?, ?, ?) "
            "ON CONFLICT (k) DO UPDATE SET v = excluded.v",
            (pos, _key(key), pickle.dumps(value, pickle.HIGHEST_PROTOCOL)),
        )

    def __setitem__(self, key: str, value: V) -> None:
        self.set(key, value)

    def add_new(self, key: str, value: V, pos: int | None = None) -> bool:
        """Set `key` unless it is set already (then nothing changes): False when it was.
        One statement, no read first (the window's forms: a duplicate line is rare)."""
        cur = self.db.execute(
            f"INSERT INTO {self.table} (pos, k, v) VALUES (?, ?, ?) ON CONFLICT (k) DO NOTHING",
            (pos, _key(key), pickle.dumps(value, pickle.HIGHEST_PROTOCOL)),
        )
        if cur.rowcount != 1:
            return False
        self._remember(key, value)
        return True

    def __delitem__(self, key: str) -> None:
        self._recent.pop(key, None)
        cur = self.db.execute(f"DELETE FROM {self.table} WHERE k = ?", (_key(key),))
        if cur.rowcount == 0:
            raise KeyError(key)

    def _lookup(self, key: str) -> V | None:
        if key in self._recent:
            self._recent.move_to_end(key)
            return self._recent[key]
        row = self.db.execute(f"SELECT v FROM {self.table} WHERE k = ?", (_key(key),)).fetchone()
        value: V | None = None if row is None else pickle.loads(row[0])
        self._remember(key, value)
        return value

    def __getitem__(self, key: str) -> V:
        value = self._lookup(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._lookup(key) is not None

    def __len__(self) -> int:
        return int(self.db.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])

    def _rows(self, what: str) -> Iterator[tuple[Any, ...]]:
        """Rows in order, fetched a batch at a time on a cursor of their own."""
        cur = self.db.execute(f"SELECT {what} FROM {self.table} ORDER BY pos, id")
        while batch := cur.fetchmany(512):
            yield from batch

    def __iter__(self) -> Iterator[str]:
        return (_text(k) for (k,) in self._rows("k"))

    def items(self) -> Iterator[tuple[str, V]]:  # type: ignore[override]
        return ((_text(k), pickle.loads(v)) for k, v in self._rows("k, v"))

    def values(self) -> Iterator[V]:  # type: ignore[override]
        return (pickle.loads(v) for (v,) in self._rows("v"))


class DiskLists(Mapping[str, list[V]], Generic[V]):
    """A dict of lists on disk (an applicant's uploads): `append` one item at a time; a key
    reads back its items in the order they were appended."""

    def __init__(self, store: Scratch, table: str) -> None:
        self.db, self.table = store.db, table
        self.db.execute(
            f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, k BLOB NOT NULL, v BLOB NOT NULL)"
        )
        self.db.execute(f"CREATE INDEX {table}_k ON {table} (k, id)")

    def append(self, key: str, value: V) -> None:
        self.db.execute(
            f"INSERT INTO {self.table} (k, v) VALUES (?, ?)",
            (_key(key), pickle.dumps(value, pickle.HIGHEST_PROTOCOL)),
        )

    def __getitem__(self, key: str) -> list[V]:
        rows = self.db.execute(
            f"SELECT v FROM {self.table} WHERE k = ? ORDER BY id", (_key(key),)
        ).fetchall()
        if not rows:
            raise KeyError(key)
        return [pickle.loads(v) for (v,) in rows]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, str):
            return False
        row = self.db.execute(f"SELECT 1 FROM {self.table} WHERE k = ? LIMIT 1", (_key(key),))
        return row.fetchone() is not None

    def __len__(self) -> int:
        return int(self.db.execute(f"SELECT count(DISTINCT k) FROM {self.table}").fetchone()[0])

    def __iter__(self) -> Iterator[str]:
        cur = self.db.execute(f"SELECT k FROM {self.table} GROUP BY k ORDER BY min(id)")
        while batch := cur.fetchmany(512):
            yield from (_text(k) for (k,) in batch)

    def count(self) -> int:
        """Every item under every key."""
        return int(self.db.execute(f"SELECT count(*) FROM {self.table}").fetchone()[0])


# -- what outlives the run ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FileStat:
    """What says a file is the one an entry was recorded for, without reading it."""

    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int
    dev: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileStat:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev)


@dataclass(frozen=True, slots=True)
class PartEntry:
    key: str
    digest: str
    run: str
    slim: Any  # the slim record as JSON (pipeline.run)


class Index:
    """OUT/.index/index.sqlite: the stat cache of uploads and the index of parts. Rows are
    committed every `COMMIT_EVERY` writes and at `close`: a killed run loses at most the
    last few, which the next run reads again."""

    def __init__(self, out: Path) -> None:
        folder = out / INDEX
        folder.mkdir(exist_ok=True)
        path = folder / INDEX_FILE
        try:
            self.db = _connect(path)
            self._schema()
        except sqlite3.DatabaseError:  # damaged (not ours to trust): start afresh
            with suppress(sqlite3.Error):
                self.db.close()
            for name in (INDEX_FILE, f"{INDEX_FILE}-wal", f"{INDEX_FILE}-shm"):
                (folder / name).unlink(missing_ok=True)
            self.db = _connect(path)
            self._schema()
        self._pending = 0
        self.db.execute("BEGIN")

    def _schema(self) -> None:
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS uploads (root BLOB, path BLOB, size INT, mtime INT, "
            "ctime INT, ino INT, dev INT, at INT, sha256 TEXT, kind TEXT, "
            "PRIMARY KEY (root, path))"
        )
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS parts (aid BLOB PRIMARY KEY, key TEXT, digest TEXT, "
            "run TEXT, size INT, mtime INT, ctime INT, ino INT, dev INT, at INT, slim TEXT)"
        )
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS pages (path BLOB PRIMARY KEY, digest TEXT, size INT, "
            "mtime INT, ctime INT, ino INT, dev INT, at INT)"
        )
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS verified (code TEXT, a TEXT, b TEXT, same INT, "
            "mac TEXT, PRIMARY KEY (code, a, b))"
        )
        for table in ("uploads", "parts", "pages"):  # the rows a commit stamps
            self.db.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_unstamped ON {table} (at) WHERE at = 0"
            )

    def _wrote(self) -> None:
        self._pending += 1
        if self._pending >= COMMIT_EVERY:
            self.commit(stamp=False)

    def commit(self, stamp: bool = True) -> None:
        """Commit; with `stamp`, the rows written since the last stamp get this moment as
        the time they were recorded (a file changed after its row was written and before
        now is then seen as racy). Unstamped rows are never trusted: a run killed between
        two stamps reads those files again."""
        if stamp:
            at = time.time_ns()
            for table in ("uploads", "parts", "pages"):
                self.db.execute(f"UPDATE {table} SET at = ? WHERE at = 0", (at,))
        self.db.execute("COMMIT")
        self._pending = 0
        self.db.execute("BEGIN")

    def close(self) -> None:
        with suppress(sqlite3.Error):
            self.commit()
            self.db.execute("COMMIT")
        with suppress(sqlite3.Error):
            self.db.close()

    @staticmethod
    def _fresh(st: FileStat, row: tuple[Any, ...]) -> bool:
        """The stat is the recorded one and the file had not changed within a tick of the
        moment it was recorded."""
        size, mtime, ctime, ino, dev, at = row
        same = (st.size, st.mtime_ns, st.ctime_ns, st.ino, st.dev) == (size, mtime, ctime, ino, dev)
        return same and st.ctime_ns + RACY_NS < at

    # -- the uploads' stat cache

    def upload(self, root: str, rel: str, st: FileStat) -> tuple[str, str] | None:
        """The (sha256, kind) of an unchanged upload, None when it must be read."""
        row = self.db.execute(
            "SELECT size, mtime, ctime, ino, dev, at, sha256, kind FROM uploads "
            "WHERE root = ? AND path = ?",
            (_key(root), _key(rel)),
        ).fetchone()
        if row is None or not self._fresh(st, row[:6]):
            return None
        return str(row[6]), str(row[7])

    def record_upload(self, root: str, rel: str, st: FileStat, sha256: str, kind: str) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO uploads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_key(root), _key(rel), st.size, st.mtime_ns, st.ctime_ns, st.ino, st.dev,
             0, sha256, kind),
        )  # fmt: skip
        self._wrote()

    # -- the part index

    def part(self, applicant_id: str, st: FileStat) -> PartEntry | None:
        """The recorded key, digest, run and slim record of an unchanged part file."""
        row = self.db.execute(
            "SELECT size, mtime, ctime, ino, dev, at, key, digest, run, slim FROM parts "
            "WHERE aid = ?",
            (_key(applicant_id),),
        ).fetchone()
        if row is None or not self._fresh(st, row[:6]):
            return None
        try:
            slim = json.loads(row[9])
        except ValueError:
            return None
        return PartEntry(str(row[6]), str(row[7]), str(row[8]), slim)

    def has_parts(self) -> bool:
        """Has any part been recorded (OUT was run into before)?"""
        return self.db.execute("SELECT 1 FROM parts LIMIT 1").fetchone() is not None

    def forget_part(self, applicant_id: str) -> None:
        self.db.execute("DELETE FROM parts WHERE aid = ?", (_key(applicant_id),))
        self.commit()

    def record_part(self, applicant_id: str, st: FileStat, entry: PartEntry) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO parts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_key(applicant_id), entry.key, entry.digest, entry.run, st.size, st.mtime_ns,
             st.ctime_ns, st.ino, st.dev, 0, json.dumps(entry.slim, ensure_ascii=False)),
        )  # fmt: skip
        self._wrote()

    # -- the report's applicant pages (pipeline.report.PageCache)

    def fresh(self, path: str, digest: str) -> bool:
        """Is the page at `path` the one rendered from inputs whose digest is `digest`?"""
        row = self.db.execute(
            "SELECT size, mtime, ctime, ino, dev, at, digest FROM pages WHERE path = ?",
            (_key(path),),
        ).fetchone()
        if row is None or row[6] != digest:
            return False
        try:
            st = FileStat.of(os.lstat(path))
        except OSError:
            return False
        return self._fresh(st, row[:6])

    def record(self, path: str, digest: str) -> None:
        try:
            st = FileStat.of(os.lstat(path))
        except OSError:
            return
        self.db.execute(
            "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (_key(path), digest, st.size, st.mtime_ns, st.ctime_ns, st.ino, st.dev, 0),
        )
        self._wrote()

    # -- the same-image check's verified pairs (pipeline.similar.Verified)

    def keep_verified(self, code: str) -> None:
        """Forget the pairs verified by other code than `code`."""
        self.db.execute("DELETE FROM verified WHERE code != ?", (code,))

    def verified(self, code: str, a: str, b: str, secret: bytes) -> bool | None:
        """Were the uploads of content `a` and `b` found one image (None: not recorded,
        or the row is not one this run's key sealed: OUT is not ours alone)?"""
        row = self.db.execute(
            "SELECT same, mac FROM verified WHERE code = ? AND a = ? AND b = ?", (code, a, b)
        ).fetchone()
        if row is None or not isinstance(row[1], str):
            return None
        if not hmac.compare_digest(row[1], _seal(secret, code, a, b, int(row[0]))):
            return None
        return bool(row[0])

    def record_verified(self, code: str, a: str, b: str, same: bool, secret: bytes) -> None:
        mac = _seal(secret, code, a, b, int(same))
        self.db.execute(
            "INSERT OR REPLACE INTO verified VALUES (?, ?, ?, ?, ?)", (code, a, b, int(same), mac)
        )
        self._wrote()


def _seal(secret: bytes, code: str, a: str, b: str, same: int) -> str:
    return hmac.new(secret, f"{code}|{a}|{b}|{same}".encode(), hashlib.sha256).hexdigest()
