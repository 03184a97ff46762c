"""Read an upload window from disk (CONTRACT §2) into records: forms, uploads, and the
findings that reading itself produced (malformed lines, duplicate ids, folders without a form,
links and other entries under uploads/ that are not read).

Nothing outside the window is read: uploads/ is walked by file descriptor and lstat, never
through a link, and nothing but a regular file is opened (issue 16).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import stat
import tomllib
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from models import ApplicantForm, Finding, Upload, WindowInfo, checks
from models.errors import CertcheckError, ExitCode
from stages.form_checks import malformed_line_finding
from stages.ingest import parse_applicant_line, parse_window_toml
from stages.upload_rules import sniff

from .state import DiskLists, DiskMap, FileStat, Index, Scratch

log = logging.getLogger(__name__)
#: The keys of window.toml (CONTRACT §2, all optional).
WINDOW_KEYS = ("window", "region", "opens", "closes")


class WindowError(CertcheckError):
    """The window cannot be processed at all (the operator's problem, not an applicant's)."""

    exit_code = ExitCode.window


@dataclass
class Window:
    """`forms` and `uploads` are dicts, or mappings on disk (pipeline.state) when the window
    was loaded with a store (a run: issue 19, a national window is not held in memory)."""

    info: WindowInfo
    order: list[str]  # applicant ids in form order, then folders without a form line
    forms: Mapping[str, ApplicantForm]
    uploads: Mapping[str, list[Upload]]
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    stray: list[str] = field(default_factory=list)  # files outside uploads/<id>/<slot>/<file>
    #: loaded with `lazy`: the applicants' folders under uploads/ not walked yet
    walker: Walker | None = field(default=None, repr=False, compare=False)

    def upload_count(self) -> int:
        if isinstance(self.uploads, DiskLists):
            return self.uploads.count()
        return sum(len(v) for v in self.uploads.values())

    @property
    def complete(self) -> bool:
        """Are every applicant, upload and stray file known (the walk is done)?"""
        return self.walker is None or self.walker.done

    def applicants(self) -> Iterator[str]:
        """The applicants in `order`, each one's folder walked (its uploads hashed) just
        before it is handed out; then the walk of the folders without a form line, whose
        applicants are appended to `order` and handed out too. For a window loaded whole,
        just `order`."""
        k = 0
        while True:
            if k == len(self.order):
                if self.complete:
                    return
                assert self.walker is not None
                self.walker.finish(self)
                continue
            aid = self.order[k]
            if self.walker is not None:
                self.walker.prepare(self, aid)
            yield aid
            k += 1

    def close(self) -> None:
        if self.walker is not None:
            self.walker.close()


#: Files that operating systems and archivers leave beside real ones: ignored silently
#: (compared case-insensitively), as is every AppleDouble `._*` file. Any other file is an
#: upload whatever its name (`..IMG_0001.jpg`, `.hidden.jpg`).
JUNK_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
#: JSON Lines end at CR, LF or CRLF (a JSON string holds none of them unescaped); split
#: at line ends only: str.splitlines would also split inside a name holding U+2028 or U+0085
_BYTES_LINE_END = re.compile(rb"\r\n?|\n")
_BOM = b"\xef\xbb\xbf"
#: Folders below uploads/ deeper than this are listed as stray, not walked.
MAX_DEPTH = 16
_DIR_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
#: O_NOFOLLOW: a link swapped in after the walk is refused (ELOOP), never followed;
#: O_NONBLOCK: a FIFO swapped in does not hang the open (fstat then refuses it).
_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_SPECIAL_LABELS = {
    stat.S_IFIFO: "命名管道",
    stat.S_IFSOCK: "套接字",
    stat.S_IFCHR: "设备文件",
    stat.S_IFBLK: "设备文件",
}


def is_junk(name: str) -> bool:
    """A file the applicant never meant to upload (.DS_Store, Thumbs.db, desktop.ini, ._*)."""
    return name.lower() in JUNK_NAMES or name.startswith("._")


class NotRegularFile(OSError):
    """An upload that is not a regular file (a FIFO, socket or device) was about to be read."""


def _hash_fd(fd: int) -> tuple[str, int, str]:
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        raise NotRegularFile("not a regular file")
    h = hashlib.sha256()
    head = b""
    size = 0
    with os.fdopen(fd, "rb", closefd=False) as f:
        while chunk := f.read(1 << 20):
            if not head:
                head = chunk[:64]
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size, sniff(head)


def hash_file(path: Path) -> tuple[str, int, str]:
    """sha256, size and sniffed kind, reading the file once; a link is never followed."""
    fd = os.open(path, _FILE_FLAGS)
    try:
        return _hash_fd(fd)
    finally:
        os.close(fd)


def read_upload(root: str | Path, rel: str) -> bytes:
    """The bytes of the upload at `rel` (relative to the window), opened one path component
    at a time without following links: a file or folder replaced by a link after the window
    was listed raises OSError instead of reading outside the window."""
    parts = PurePosixPath(rel).parts
    if not parts or any(p in ("", ".", "..", "/") for p in parts):
        raise ValueError(f"not a path inside the window: {rel!r}")
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in parts[:-1]:
            child = os.open(part, _DIR_FLAGS, dir_fd=fd)
            os.close(fd)
            fd = child
        file_fd = os.open(parts[-1], _FILE_FLAGS, dir_fd=fd)
    finally:
        os.close(fd)
    try:
        if not stat.S_ISREG(os.fstat(file_fd).st_mode):
            raise NotRegularFile(f"{rel} is not a regular file")
        with os.fdopen(file_fd, "rb", closefd=False) as f:
            return f.read()
    finally:
        os.close(file_fd)


def _shown(parts: tuple[str, ...]) -> str:
    """A path relative to the window as text; a name that is not UTF-8 shows its bytes."""
    return "/".join(os.fsencode(p).decode("utf-8", "backslashreplace") for p in parts)


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # os.fsdecode kept undecodable bytes as surrogates
        return False
    return True


@dataclass
class Inventory:
    """What uploads/ holds: the uploads, the files at the wrong depth, and a finding for
    every entry that is not read (a link, a FIFO, a name that is not UTF-8). With `store`,
    the uploads are kept on disk; with `index`, an upload whose stat is the one recorded
    there is not read again to be hashed (issue 19: a re-run costs a stat and a lookup)."""

    uploads: dict[str, list[Upload]] = field(default_factory=dict)
    stray: list[str] = field(default_factory=list)
    refused: dict[str, list[Finding]] = field(default_factory=dict)
    on_disk: DiskLists[Upload] | None = None
    index: Index | None = None
    root: str = ""
    hashed: int = 0  # uploads read to be hashed (the others came from the index)
    #: lazy: the applicant folders directly under uploads/, walked later (`Walker`)
    folders: MutableMapping[str, int] | None = None
    #: each stray file's path parts (the walk's order is theirs sorted)
    stray_keys: list[tuple[str, ...]] = field(default_factory=list)
    #: the top-level name under uploads/ each refused entry sits in (`take_refused`)
    refused_in: dict[str, list[str]] = field(default_factory=dict)

    def add_stray(self, parts: tuple[str, ...], shown: str) -> None:
        self.stray.append(shown)
        self.stray_keys.append(parts)

    def take_refused(self, applicant_id: str) -> list[Finding]:
        """The applicant's refused entries, in the order a whole walk of uploads/ (name
        order) lists them, taken out."""
        found = self.refused.pop(applicant_id, [])
        tops = self.refused_in.pop(applicant_id, [])
        order = sorted(range(len(found)), key=lambda k: tops[k])  # stable
        return [found[k] for k in order]

    def add(self, upload: Upload) -> None:
        if self.on_disk is not None:
            self.on_disk.append(upload.applicant_id, upload)
        else:
            self.uploads.setdefault(upload.applicant_id, []).append(upload)

    def applicants(self) -> set[str]:
        """Every applicant with an upload or a refused entry."""
        have = self.on_disk if self.on_disk is not None else self.uploads
        return {*have, *self.refused}

    def listed(self) -> Mapping[str, list[Upload]]:
        return self.on_disk if self.on_disk is not None else self.uploads

    def refuse(self, parts: tuple[str, ...], why: str, detail: str = "") -> None:
        """`parts`: uploads, applicant folder, slot folder, …; the finding is the applicant's,
        for the slot it sits in (`other` for an entry directly under uploads/)."""
        shown = _shown(parts)
        applicant_id = _shown(parts[1:2])
        slot = _shown(parts[2:3]) if len(parts) >= 3 else "other"
        if why == "place" and len(parts) == 3:  # a file beside the slot folders
            slot = "other"
        name = _shown(parts[-1:])
        log.info("not read: %s (%s)", shown, why)
        self.refused.setdefault(applicant_id, []).append(
            _refused_finding(applicant_id, slot, shown, name, why, detail)
        )
        self.refused_in.setdefault(applicant_id, []).append(parts[1] if len(parts) > 1 else "")


def _refused_finding(
    applicant_id: str, slot: str, shown: str, name: str, why: str, detail: str
) -> Finding:
    if why == "symlink":
        check, expected, observed = checks.FILE_SYMLINK, "文件本身", f"链接，指向 {detail}"
        message = f"上传的“{name}”是一个链接（指向其他位置），系统不读取链接，请上传文件本身。"
    elif why == "special":
        check, expected, observed = checks.FILE_SPECIAL, "普通文件", detail
        message = f"上传的“{name}”不是普通文件（{detail}），系统不读取，请上传文件本身。"
    elif why == "place":
        check, expected, observed = checks.FILE_PLACE, "uploads/考生/材料栏目/文件", shown
        message = f"上传的“{name}”不在某一材料栏目中，系统未核对该文件，请上传到对应的材料栏目。"
    else:
        check, expected, observed = checks.FILE_NAME, "UTF-8 编码的文件名", shown
        message = f"上传的“{name}”的名称不是有效的UTF-8编码，系统无法识别，请重命名后重新上传。"
    if len(observed) > 200:
        observed = observed[:200] + "…"
    return checks.finding(
        check,
        applicant_id=applicant_id,
        slot=slot,
        file=shown,
        field="file",
        status="invalid",
        expected=expected,
        observed=observed,
        confidence=1.0,
        message=message,
    )


def _fail(parts: tuple[str, ...], exc: OSError) -> WindowError:
    """Our side cannot read the window (permissions, I/O): the operator's problem."""
    return WindowError(f"cannot read {_shown(parts)}: {exc.strerror or exc}")


def _open_file(
    name: str, dir_fd: int, parts: tuple[str, ...], inv: Inventory, st: os.stat_result
) -> None:
    """Hash one upload at uploads/<id>/<slot>/<file> (never through a link); one whose lstat
    is the one the index recorded is not read (its hash comes from the index)."""
    shown = _shown(parts)
    fstat = FileStat.of(st)
    if inv.index is not None:
        known = inv.index.upload(inv.root, shown, fstat)
        if known is not None:
            inv.add(Upload(parts[1], parts[2], shown, st.st_size, known[0], known[1]))
            return
    try:
        fd = os.open(name, _FILE_FLAGS, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # became a link since it was listed
            inv.refuse(parts, "symlink", "（未知）")
            return
        raise _fail(parts, exc) from exc
    try:
        digest, size, kind = _hash_fd(fd)
    except NotRegularFile:
        inv.refuse(parts, "special", "非普通文件")
        return
    except OSError as exc:
        raise _fail(parts, exc) from exc
    finally:
        os.close(fd)
    inv.hashed += 1
    if inv.index is not None and size == st.st_size:
        inv.index.record_upload(inv.root, shown, fstat, digest, kind)
    inv.add(Upload(parts[1], parts[2], shown, size, digest, kind))


def _entry(dir_fd: int, parts: tuple[str, ...], inv: Inventory) -> None:
    """One entry of a folder under uploads/, by its lstat: nothing is followed."""
    name = parts[-1]
    if not _utf8(name):
        inv.refuse(parts, "name")
        return
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:  # gone since the folder was listed
        return
    except OSError as exc:
        raise _fail(parts, exc) from exc
    if stat.S_ISDIR(st.st_mode):
        if len(parts) > MAX_DEPTH:
            inv.add_stray(parts, _shown(parts) + "/")
        elif len(parts) == 2 and inv.folders is not None:
            inv.folders[name] = 1  # an applicant's folder: walked when it is its turn
        else:
            _walk(dir_fd, parts, inv)
    elif is_junk(name):
        log.debug("ignored (not an upload): %s", _shown(parts))
    elif stat.S_ISLNK(st.st_mode):
        try:
            target = os.fsencode(os.readlink(name, dir_fd=dir_fd)).decode("utf-8", "replace")
        except OSError:
            target = "（未知）"
        inv.refuse(parts, "symlink", target)
    elif not stat.S_ISREG(st.st_mode):
        inv.refuse(parts, "special", _SPECIAL_LABELS.get(stat.S_IFMT(st.st_mode), "非普通文件"))
    elif len(parts) == 2:  # a file directly under uploads/: nobody's
        inv.add_stray(parts, _shown(parts))
    elif len(parts) != 4:  # in an applicant's folder but not in a slot's: said to them
        inv.add_stray(parts, _shown(parts))
        inv.refuse(parts, "place")
    else:
        _open_file(name, dir_fd, parts, inv, st)


def _walk(parent_fd: int, parts: tuple[str, ...], inv: Inventory) -> None:
    """The folder `parts[-1]` of `parent_fd`, opened without following a link, in name order
    (the order the uploads of an applicant are numbered in)."""
    try:
        fd = os.open(parts[-1], _DIR_FLAGS, dir_fd=parent_fd)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):  # became a link since it was listed
            inv.refuse(parts, "symlink", "（未知）")
            return
        raise _fail(parts, exc) from exc
    try:
        with os.scandir(fd) as entries:
            names = sorted(e.name for e in entries)
        for name in names:
            _entry(fd, (*parts, name), inv)
    except OSError as exc:
        raise _fail(parts, exc) from exc
    finally:
        os.close(fd)


def inventory(
    root: Path, store: Scratch | None = None, index: Index | None = None, lazy: bool = False
) -> Inventory:
    """Walk uploads/ without following any link (file or folder) and without opening anything
    that is not a regular file: nothing outside the window is read. `lazy`: only uploads/
    itself is listed; the applicants' folders are left in `folders` for a `Walker`."""
    inv = Inventory(on_disk=store.lists("uploads") if store else None, index=index)
    if lazy:
        inv.folders = store.map("folders") if store else {}
    inv.root = str(root.resolve())
    base = root / "uploads"
    try:
        st = os.lstat(base)
    except FileNotFoundError:
        return inv
    except OSError as exc:
        raise _fail(("uploads",), exc) from exc
    if stat.S_ISLNK(st.st_mode):
        raise WindowError(
            f"{base} is a link: uploads/ must be a folder inside the window "
            "(links are never followed, so nothing outside the window is read)"
        )
    if not stat.S_ISDIR(st.st_mode):
        return inv
    root_fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        _walk(root_fd, ("uploads",), inv)
    finally:
        os.close(root_fd)
    return inv


class Walker:
    """The walk of uploads/ an applicant at a time (issue 19: the first task is submitted
    before a national window's uploads are all hashed). uploads/ itself is listed when the
    window is loaded (its files, links and odd entries found then); each applicant's folder
    is walked when the run comes to it (`prepare`), the folders without a form line at the
    end (`finish`). The uploads, findings, stray files and `order` are then what a whole walk
    gives (tested): a folder's entries are the same, the stray files sorted by path as the
    walk in name order lists them."""

    def __init__(self, root: Path, inv: Inventory, forms: Mapping[str, ApplicantForm]) -> None:
        self.inv, self.forms = inv, forms
        self.store: Scratch | None = None
        self.done = False
        self.fd: int | None = None
        base = root / "uploads"
        if inv.folders:  # a folder replaced by a link after the listing is refused: O_NOFOLLOW
            try:
                self.fd = os.open(base, _DIR_FLAGS)
            except OSError as exc:
                raise _fail(("uploads",), exc) from exc

    def _walk(self, name: str) -> None:
        assert self.inv.folders is not None and self.fd is not None
        del self.inv.folders[name]
        with self.store.batch() if self.store else nullcontext():
            _walk(self.fd, ("uploads", name), self.inv)

    def prepare(self, window: Window, applicant_id: str) -> None:
        """Walk the applicant's folder (if it has one) and add its refused entries to its
        findings, as a whole walk does for an applicant with a form line."""
        if self.inv.folders is not None and applicant_id in self.inv.folders:
            self._walk(applicant_id)
        refused = self.inv.take_refused(applicant_id)
        if refused:
            window.findings.setdefault(applicant_id, []).extend(refused)

    def finish(self, window: Window) -> None:
        """The folders no applicant in `order` named: their applicants (with an upload or a
        refused entry, in name order) appended to `order`, each with a finding that its
        form line is missing; the stray files put in the walk's order."""
        inv = self.inv
        left = sorted(inv.folders) if inv.folders else []
        for name in left:
            self._walk(name)
        have = inv.listed()
        found = {name for name in left if name in have or name in inv.refused}
        for applicant_id in sorted(found | set(inv.refused)):
            known = applicant_id in self.forms or applicant_id in window.findings
            if not known:
                window.findings.setdefault(applicant_id, []).append(_missing_form(applicant_id))
            refused = inv.take_refused(applicant_id)
            if refused:
                window.findings.setdefault(applicant_id, []).extend(refused)
            if not known:
                window.order.append(applicant_id)
        order = sorted(range(len(inv.stray)), key=lambda k: inv.stray_keys[k])
        window.stray[:] = [inv.stray[k] for k in order]
        self.done = True
        self.close()
        if inv.hashed:
            log.info("window: %d uploads read to be hashed", inv.hashed)

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _missing_form(applicant_id: str) -> Finding:
    return checks.finding(
        checks.FORM_LINE_MISSING,
        applicant_id=applicant_id,
        slot="form",
        file=None,
        field="line",
        status="missing",
        expected="applicants.jsonl 中有该考生的报名信息",
        observed=None,
        confidence=1.0,
        message="该考生上传了材料，但报名信息文件中没有对应的报名记录，无法核对。",
    )


def _duplicate(form: ApplicantForm, first_line: int) -> Finding:
    return checks.finding(
        checks.FORM_LINE_DUPLICATE,
        applicant_id=form.applicant_id,
        slot="form",
        file=None,
        field="line",
        status="invalid",
        expected="报名序列号在本批次中唯一",
        observed=f"第 {form.line_no} 行与第 {first_line} 行重复",
        confidence=1.0,
        message=f"报名序列号重复：第 {form.line_no} 行与第 {first_line} 行相同，"
        "只核对了第一条记录。",
    )


def _warn_unknown_keys(toml_path: Path, text: str) -> None:
    """A misspelled key (`close = …`) would otherwise silently fall back to the run date. It is
    a warning, not an error: CONTRACT §2 lists the keys but does not forbid others, and a
    window that outside tools wrote with an extra key is still readable."""
    unknown = sorted(set(tomllib.loads(text.lstrip("\ufeff"))) - set(WINDOW_KEYS))
    if unknown:
        log.warning(
            "%s: unknown key(s) %s ignored; window.toml knows %s",
            toml_path,
            ", ".join(unknown),
            ", ".join(WINDOW_KEYS),
        )


def _open_window_file(root: Path, name: str) -> int | None:
    """An fd on window.toml or applicants.jsonl (None when absent). Checked with lstat
    before it is opened: a FIFO would hang the run, a link to outside the window would read
    a file that is not the window's."""
    path = root / name
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise WindowError(f"{path}: {exc.strerror or exc}") from exc
    real = path
    if stat.S_ISLNK(st.st_mode):
        real = path.resolve()
        if not real.is_relative_to(root.resolve()):
            raise WindowError(f"{path} is a link to {real}, outside the window: refused")
        try:
            st = os.stat(real)
        except OSError as exc:
            raise WindowError(f"{path} is a link to {real}: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(st.st_mode):
        raise WindowError(f"{path} is not a regular file (a folder, FIFO, socket or device)")
    try:
        fd = os.open(real, _FILE_FLAGS)
    except OSError as exc:
        raise WindowError(f"{path}: {exc.strerror or exc}") from exc
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped since the lstat
            raise WindowError(f"{path} is not a regular file")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _window_file(root: Path, name: str) -> bytes | None:
    """The bytes of window.toml or applicants.jsonl (None when absent)."""
    fd = _open_window_file(root, name)
    if fd is None:
        return None
    try:
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError as exc:
        raise WindowError(f"{root / name}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


_CHUNK = 1 << 20


def _raw_lines(fd: int, path: Path) -> Iterator[bytes]:
    """The file's lines (without their ends), read a chunk at a time: JSON Lines end at CR,
    LF or CRLF; a leading BOM is dropped."""
    rest = b""
    start = True
    try:
        with os.fdopen(fd, "rb", closefd=False) as f:
            while chunk := f.read(_CHUNK):
                data = rest + chunk
                if start:
                    if len(data) < len(_BOM) and _BOM.startswith(data):
                        rest = data
                        continue
                    data = data.removeprefix(_BOM)
                    start = False
                held = data.endswith(b"\r")  # maybe the first half of a CRLF: kept
                pieces = _BYTES_LINE_END.split(data[:-1] if held else data)
                rest = pieces.pop() + (b"\r" if held else b"")
                yield from pieces
    except OSError as exc:
        raise WindowError(f"{path}: {exc.strerror or exc}") from exc
    yield from _BYTES_LINE_END.split(rest.removeprefix(_BOM) if start else rest)


class _Utf8Lines:
    """applicants.jsonl's lines; None for a line that is not UTF-8 (a form pasted in GBK):
    that line is a finding and the others are read (CONTRACT §2: a malformed line is a
    finding for that line). A file none of whose lines is UTF-8 is not a window's file:
    `bad` and `good` tell afterwards."""

    def __init__(self, fd: int, path: Path) -> None:
        self.fd, self.path = fd, path
        self.bad = self.good = False

    def __iter__(self) -> Iterator[str | None]:
        for raw in _raw_lines(self.fd, self.path):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                self.bad = True
                yield None
                continue
            self.good = self.good or line != ""
            yield line


def _whole_file_error(root: Path, path: Path) -> WindowError:
    """The error for a file none of whose lines is UTF-8 (read again: a rare path)."""
    data = _window_file(root, path.name) or b""
    try:
        data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError as exc:
        return WindowError(f"{path} is not UTF-8: {exc}")
    return WindowError(f"{path} is not UTF-8")


FormsOut = dict[str, ApplicantForm] | DiskMap[ApplicantForm]


def _read_forms(
    lines: Iterable[str | None], forms: FormsOut | None = None
) -> tuple[FormsOut, dict[str, list[Finding]], list[str]]:
    """Forms, the findings reading them gave, and the ids in line order (linear: a dict
    keeps the order, so 50,000 lines take a second, not minutes). `forms`: where the forms
    go (a mapping on disk for a run), a dict when None."""
    forms = {} if forms is None else forms
    findings: dict[str, list[Finding]] = {}
    order: dict[str, None] = {}
    for line_no, line in enumerate(lines, start=1):
        if line is None:
            bad = malformed_line_finding(line_no, "（无法显示）", "不是UTF-8编码，可能是GBK", None)
            findings.setdefault(bad.applicant_id, []).append(bad)
            order.setdefault(bad.applicant_id)
            continue
        if not line.strip():
            continue
        parsed = parse_applicant_line(line, line_no)
        if isinstance(parsed, Finding):
            findings.setdefault(parsed.applicant_id, []).append(parsed)
            order.setdefault(parsed.applicant_id)
            continue
        if isinstance(forms, DiskMap):
            new = forms.add_new(parsed.applicant_id, parsed)
        elif new := parsed.applicant_id not in forms:
            forms[parsed.applicant_id] = parsed
        if not new:
            findings.setdefault(parsed.applicant_id, []).append(
                _duplicate(parsed, forms[parsed.applicant_id].line_no)
            )
            continue
        order.setdefault(parsed.applicant_id)
    return forms, findings, list(order)


def load_window(
    root: Path,
    run_date: date | None = None,
    *,
    store: Scratch | None = None,
    index: Index | None = None,
    lazy: bool = False,
) -> Window:
    """Everything in the window; raises WindowError only when it cannot be read at all.
    `store`: the forms and uploads are kept on disk there rather than in dicts (a run,
    issue 19); `index`: the uploads' stat cache (pipeline.state.Index). `lazy`: the
    applicants' folders are walked as `Window.applicants` hands them out (a run, issue 19:
    the first result before the window is hashed whole); `close` the window after."""
    root = Path(root)
    run_date = run_date or date.today()
    if not root.is_dir():
        raise WindowError(f"window folder not found: {root}")
    toml_path = root / "window.toml"
    toml_bytes = _window_file(root, "window.toml")
    try:
        text = toml_bytes.decode("utf-8") if toml_bytes is not None else ""
        info = parse_window_toml(text, str(root), run_date)
    except ValueError as exc:  # UnicodeDecodeError included
        raise WindowError(f"{toml_path}: {exc}") from exc
    _warn_unknown_keys(toml_path, text)
    jsonl = root / "applicants.jsonl"
    fd = _open_window_file(root, "applicants.jsonl")
    if fd is None:
        raise WindowError(f"{jsonl} not found: a window needs its applicants.jsonl (CONTRACT §2)")
    try:
        lines = _Utf8Lines(fd, jsonl)
        with store.batch() if store else nullcontext():
            forms, findings, order = _read_forms(lines, store.map("forms") if store else None)
    finally:
        os.close(fd)
    if lines.bad and not lines.good:
        raise _whole_file_error(root, jsonl)
    inv = inventory(root, store, index, lazy)
    if lazy:
        walker = Walker(root, inv, forms)
        walker.store = store
        return Window(info, order, forms, inv.listed(), findings, inv.stray, walker)
    known = set(order)
    for applicant_id in sorted(inv.applicants()):
        if applicant_id not in known:  # no form line: say so first
            findings.setdefault(applicant_id, []).append(_missing_form(applicant_id))
        if applicant_id in inv.refused:
            findings.setdefault(applicant_id, []).extend(inv.refused[applicant_id])
        if applicant_id not in known:
            known.add(applicant_id)
            order.append(applicant_id)
    if inv.hashed:
        log.info("window: %d uploads read to be hashed", inv.hashed)
    return Window(info, order, forms, inv.listed(), findings, inv.stray)
