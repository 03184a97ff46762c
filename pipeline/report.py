"""The static HTML report a reviewer opens in a browser.

Layout written under OUT (every link in it is relative, so OUT can be copied elsewhere or
opened from ``file://``; the pages link to the page images and evidence crops the pipeline
wrote elsewhere in OUT rather than copying them):

    report/index.html            overview: counts by verdict and problem type, then the
                                 applicants, review first (first PAGE_ROWS of them)
    report/list-<k>.html         further pages of that list, when longer than PAGE_ROWS
    report/type-<n>[-<k>].html   one list per problem type (slot × field × status): every
                                 finding of that type, form value beside the value read
    report/static/report.css     one shared stylesheet and one small script (local files,
    report/static/report.js      nothing from the network)
    report/applicants/<applicant_id>.html

The pages are Jinja2 templates (``pipeline/templates``: ``base.html``, which a web app can
extend too, and ``report/*.html``) with autoescape on: this module only turns results into
plain view data (labels resolved, links made relative) and the templates display it. The
stylesheet and script are shared files rather than inlined in every page: with 100,000
applicants, inlining would repeat them 100,000 times. Long lists are split into pages because
a browser takes tens of seconds to lay out a 100,000-row table.
Everything the reviewer reads is Simplified Chinese; every value from a form, an upload or a
finding is autoescaped and otherwise shown exactly as it is.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import posixpath
import sqlite3
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import astuple, dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol, overload
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from models import (
    FIELD_LABELS,
    ID_TYPE_LABELS,
    SLOT_LABELS,
    SLOTS,
    STATUS_LABELS,
    STATUSES,
    VERDICT_LABELS,
    ApplicantForm,
    ApplicantResult,
    Finding,
    Page,
    WindowInfo,
)
from models.paths import safe_name

from . import outdir

__all__ = [
    "FIELD_LABELS",
    "PAGE_ROWS",
    "ID_TYPE_LABELS",
    "STATIC_FILES",
    "STATUS_LABELS",
    "VERDICT_LABELS",
    "applicant_page_name",
    "environment",
    "field_label",
    "slot_label",
    "status_label",
    "write_report",
]

#: The files under pipeline/static that every report gets a copy of, in report/static/.
STATIC_FILES = ("report.css", "report.js")

#: Rows per list page. A browser lays out a few thousand table rows at once quickly; with
#: 100,000 in one table it hangs for tens of seconds, so long lists are split into pages.
PAGE_ROWS = 2000

_SLOT_ORDER: dict[str, int] = {s: i for i, s in enumerate(("form", *SLOTS, "window"))}
_FIELD_ORDER: dict[str, int] = {f: i for i, f in enumerate(FIELD_LABELS)}
_STATUS_ORDER: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}
_SUMMARY_ITEMS = 3
_NOT_UPLOADS = ("form", "window")
#: Threads writing applicant pages: creating 100,000 small files is bound by file-system
#: latency, which a few threads overlap (about 2.5x faster than one on a virtual disk).
_WRITERS = 4
_MAX_PENDING = 512  # pages built but not yet written, to bound memory

_TypeKey = tuple[str, str, str]  # (slot, field, status)


def slot_label(slot: str) -> str:
    return SLOT_LABELS.get(slot, slot)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def applicant_page_name(applicant_id: str) -> str:
    """File name of an applicant's page: the id's safe name (models.paths), so an odd id
    (slashes, dots, spaces, CJK) neither escapes the folder nor collides with another."""
    return safe_name(applicant_id) + ".html"


@functools.cache
def environment() -> Environment:
    """The Jinja2 environment of pipeline/templates, shared so templates compile once.

    Autoescape is on for .html, so no value is escaped by hand; StrictUndefined turns a
    misspelt name in a template into an error instead of an empty cell.
    """
    return Environment(
        loader=PackageLoader("pipeline", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _slot_key(slot: str) -> tuple[int, str]:
    return (_SLOT_ORDER.get(slot, len(_SLOT_ORDER)), slot)


def _type_key(key: _TypeKey) -> tuple[int, str, int, str, int, str]:
    slot, field, status = key
    return (
        *_slot_key(slot),
        _FIELD_ORDER.get(field, len(_FIELD_ORDER)),
        field,
        _STATUS_ORDER.get(status, len(_STATUS_ORDER)),
        status,
    )


@functools.lru_cache(maxsize=4096)
def _basename(path: str | None) -> str:
    """The file name of an upload path (cached: an upload's findings all name it)."""
    return posixpath.basename(path.replace("\\", "/")) if path else ""


class _Linker:
    """Turns paths relative to OUT into relative, URL-quoted links from one report folder."""

    def __init__(self, out: Path, from_dir: Path) -> None:
        self._out = os.path.abspath(out)
        self._from = os.path.abspath(from_dir)
        self._prefix = posixpath.join(*os.path.relpath(self._out, self._from).split(os.sep), "")

    def __call__(self, path: str) -> str:
        p = path.replace("\\", "/")
        if os.path.isabs(path):  # not the contract, but keep the link relative anyway
            p = "/".join(os.path.relpath(path, self._from).split(os.sep))
        else:
            p = self._prefix + p.lstrip("/")
        return quote(p, safe="/")


# ------------------------------------------------------------------------------ view data
# What the templates display: plain text (escaped by the templates), labels already in
# Chinese, links already relative. None means "nothing to show" and becomes a grey dash.


@dataclass(slots=True)
class FindingView:
    """One finding as a table row shows it."""

    slot: str
    file: str  # the upload's file name, "" when the finding has none
    field: str
    status: str  # the status code, for the row's and badge's CSS class
    status_text: str
    expected: str | None
    observed: str | None
    confidence: str | None  # "93%"
    message: str
    evidence: str | None  # link to the evidence crop


@dataclass(slots=True)
class FormRow:
    label: str
    value: str | None  # blank: "（未填写）"
    note: str = ""  # shown grey after the value, e.g. the kind of ID


@dataclass(slots=True)
class FigureView:
    href: str
    alt: str
    caption: str


@dataclass(slots=True)
class UploadView:
    name: str
    figures: list[FigureView]


@dataclass(slots=True)
class SlotView:
    """One uploaded material on an applicant's page: its pages, then its passes."""

    anchor: str
    label: str
    n_problems: int
    uploads: list[UploadView]
    missing: bool  # no upload and a "missing" finding: the applicant did not upload it
    passes: list[FindingView]


@dataclass(slots=True)
class ApplicantPage:
    applicant_id: str
    has_form: bool
    name: str
    verdict: str
    verdict_text: str
    place: str
    form_rows: list[FormRow]
    form_passes: list[FindingView]
    problems: list[FindingView]
    materials: list[SlotView]


@dataclass(slots=True)
class ApplicantRow:
    """One applicant in the list on the index and its further pages."""

    applicant_id: str
    href: str
    name: str | None  # None: no form line for this applicant
    verdict: str
    verdict_text: str
    n_problems: int
    summary: str


@dataclass(slots=True)
class TypeRow:
    """One finding in the list of its problem type."""

    applicant_id: str
    href: str
    name: str | None
    finding: FindingView


@dataclass(slots=True)
class UntypedRow:
    """An applicant whose form name has a `?`, and what each material showed in its place."""

    applicant_id: str
    href: str
    name: str
    seen: list[str]


@dataclass(slots=True)
class TypeCount:
    slot: str
    field: str
    status: str
    status_text: str
    n_findings: int
    n_applicants: int
    href: str | None  # the type's list, for problems


@dataclass(slots=True)
class TypesView:
    problems: list[TypeCount]
    passes: list[TypeCount]


@dataclass(slots=True)
class PagerItem:
    number: int | None  # None: a gap ("…")
    href: str | None  # None: the current page


@dataclass(slots=True)
class ListPage:
    """One page of a long list: its rows and the way to the other pages."""

    kind: str  # "applicants" or "types"
    rows: Sequence[ApplicantRow | TypeRow]
    total: int
    per_page: int
    current: int  # from 1
    n_pages: int
    pager: list[PagerItem]


# ------------------------------------------------------------------------- applicant page


def _finding_view(f: Finding, link: _Linker) -> FindingView:
    observed = f.observed if f.observed and f.observed.strip() else None
    if observed and f.field == "orientation" and observed.isdigit():
        observed += "°"  # the contract's "90" is a clockwise angle in degrees
    return FindingView(
        slot=slot_label(f.slot),
        file=_basename(f.file),
        field=field_label(f.field),
        status=f.status,
        status_text=status_label(f.status),
        expected=f.expected if f.expected and f.expected.strip() else None,
        observed=observed,
        confidence=None if f.confidence is None else f"{f.confidence * 100:.0f}%",
        message=f.message,
        evidence=link(f.evidence) if f.evidence else None,
    )


def _form_rows(form: ApplicantForm) -> list[FormRow]:
    edu = form.education
    exam = " ".join(p for p in (form.exam.category, form.exam.level) if p)
    if form.exam.code:
        exam = f"{exam}（{form.exam.code}）" if exam else form.exam.code
    rows = [
        FormRow("姓名", form.name),
        FormRow("证件号码", form.id_number, ID_TYPE_LABELS.get(form.id_type, form.id_type)),
        FormRow("性别", form.gender),
        FormRow("出生日期", form.birth_date),
        FormRow("报考类别", exam),
        FormRow("学历", edu.level),
        FormRow("毕业学校", edu.school),
        FormRow("专业", edu.major),
        FormRow("毕业时间", edu.graduation),
        FormRow("毕业证书编号", edu.diploma_number),
        FormRow("工作单位", form.work_unit),
        FormRow("在岗情况", form.duty_status),
    ]
    if form.assistant is not None:
        rows.append(FormRow("助理医师资格证书编码", form.assistant.qualification_number))
        rows.append(FormRow("助理医师执业证书编码", form.assistant.practice_number))
    if form.region or form.site:
        rows.append(FormRow("考区 / 考点", " / ".join(p for p in (form.region, form.site) if p)))
    return rows


def _slot_of_upload(upload_path: str, file_slots: Mapping[str, str]) -> str:
    """The slot of an upload: as the findings name it, else from uploads/<id>/<slot>/<file>."""
    if upload_path in file_slots:
        return file_slots[upload_path]
    parts = upload_path.replace("\\", "/").split("/")
    return parts[-2] if len(parts) >= 2 else "other"


def _figure(page: Page, link: _Linker) -> FigureView:
    notes = [f"第 {page.page_no + 1} 页"]
    if page.rotation % 360:
        notes.append(f"已自动旋转校正 {page.rotation % 360}°")
    if not page.document_found:
        notes.append("未定位到证件边缘")
    return FigureView(href=link(page.image_path), alt=notes[0], caption="，".join(notes))


def _materials(result: ApplicantResult, link: _Linker) -> list[SlotView]:
    """One block per uploaded slot: its page images, then its passes folded away."""
    file_slots = {f.file: f.slot for f in result.findings if f.file}
    pages_by_slot: dict[str, dict[str, list[Page]]] = {}
    for page in result.pages:
        if page.image_path:
            slot = _slot_of_upload(page.upload_path, file_slots)
            pages_by_slot.setdefault(slot, {}).setdefault(page.upload_path, []).append(page)
    findings_by_slot: dict[str, list[Finding]] = {}
    for f in result.findings:
        findings_by_slot.setdefault(f.slot, []).append(f)

    views = []
    for slot in sorted(pages_by_slot.keys() | findings_by_slot.keys(), key=_slot_key):
        if slot in _NOT_UPLOADS:
            continue
        findings = findings_by_slot.get(slot, [])
        uploads = pages_by_slot.get(slot, {})
        upload_views = [
            UploadView(
                name=_basename(path),
                figures=[_figure(p, link) for p in sorted(uploads[path], key=lambda p: p.page_no)],
            )
            for path in sorted(uploads)
        ]
        views.append(
            SlotView(
                anchor=quote(slot),
                label=slot_label(slot),
                n_problems=sum(1 for f in findings if f.needs_review),
                uploads=upload_views,
                missing=any(f.field == "presence" and f.status == "missing" for f in findings),
                passes=[_finding_view(f, link) for f in findings if not f.needs_review],
            )
        )
    return views


def _applicant_page(
    result: ApplicantResult,
    form: ApplicantForm | None,
    problems: list[Finding],
    place: str,
    link: _Linker,
) -> ApplicantPage:
    form_passes = [f for f in result.findings if f.slot in _NOT_UPLOADS and not f.needs_review]
    verdict = result.verdict
    return ApplicantPage(
        applicant_id=result.applicant_id,
        has_form=form is not None,
        name=form.name if form is not None else "",
        verdict=verdict,
        verdict_text=VERDICT_LABELS.get(verdict, verdict),
        place=place,
        form_rows=_form_rows(form) if form is not None else [],
        form_passes=[_finding_view(f, link) for f in form_passes],
        problems=[_finding_view(f, link) for f in problems],
        materials=_materials(result, link),
    )


def _problems(result: ApplicantResult) -> list[Finding]:
    """Non-pass findings, in slot order (form first), keeping the pipeline's order within."""
    return sorted((f for f in result.findings if f.needs_review), key=lambda f: _slot_key(f.slot))


def _summary(problems: Sequence[Finding]) -> str:
    summary = "；".join(
        f"{slot_label(f.slot)}·{field_label(f.field)}（{status_label(f.status)}）"
        for f in problems[:_SUMMARY_ITEMS]
    )
    if len(problems) > _SUMMARY_ITEMS:
        summary += f" 等{len(problems)}项"
    return summary


# ---------------------------------------------------------------------- collecting the lists


class _Spool:
    """The list rows of a report, kept on disk (an anonymous temporary file) while the
    applicant pages are written: with 800,000 applicants the rows are gigabytes. Their sort
    keys, and the ids and page names seen, go to a temporary SQLite database (on disk, in
    the run's scratch folder), so the memory a report takes does not grow with the window
    (issue 19). Rows are written with pwrite and read with pread: a read never moves where
    the next row goes."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by write_report
        self._end = 0
        # "": a private temporary database, on disk once it outgrows its small page cache
        self.db = sqlite3.connect("", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("BEGIN")
        self.db.execute("CREATE TABLE rows (list INT, neg INT, aid BLOB, at INT, len INT)")
        self.db.execute("CREATE TABLE seen (aid BLOB PRIMARY KEY)")
        self.db.execute("CREATE TABLE written (name BLOB PRIMARY KEY)")
        self._lists = 0

    def add(self, row: list[Any]) -> tuple[int, int]:
        data = json.dumps(row, ensure_ascii=False).encode()
        at = self._end
        os.pwrite(self._file.fileno(), data, at)
        self._end += len(data)
        return at, len(data)

    def read(self, at: int, length: int) -> list[Any]:
        row: list[Any] = json.loads(os.pread(self._file.fileno(), length, at))
        return row

    def key(self, list_id: int, problems: int, applicant_id: str, at: tuple[int, int]) -> None:
        """A row of list `list_id`, sorted by (-problems, applicant id), then as added."""
        self.db.execute(
            "INSERT INTO rows VALUES (?, ?, ?, ?, ?)", (list_id, -problems, _b(applicant_id), *at)
        )

    def sorted_rows(self, list_id: int) -> tuple[str, int]:
        """The rows of a list in their order, as a table whose row ids count from 1."""
        self._lists += 1
        table = f"sorted{self._lists}"
        self.db.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, at INT, len INT)")
        self.db.execute(
            f"INSERT INTO {table} (at, len) SELECT at, len FROM rows WHERE list = ? "
            "ORDER BY neg, aid, rowid",
            (list_id,),
        )
        n = self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return table, int(n)

    def close(self) -> None:
        self._file.close()
        self.db.close()


def _b(text: str) -> bytes:
    """An id as the database keeps it: compared bytewise, UTF-8 sorts as Python sorts str."""
    return text.encode("utf-8", "surrogatepass")


class _Rows(Sequence[Any]):
    """A list's rows in their order, read back from the spool a page at a time."""

    def __init__(self, spool: _Spool, list_id: int, decode: Callable[[list[Any]], Any]) -> None:
        self._spool, self._decode = spool, decode
        self._table, self._n = spool.sorted_rows(list_id)

    def __len__(self) -> int:
        return self._n

    def _read(self, start: int, stop: int) -> list[Any]:
        rows = self._spool.db.execute(
            f"SELECT at, len FROM {self._table} WHERE id > ? AND id <= ? ORDER BY id",
            (start, stop),
        ).fetchall()
        return [self._decode(self._spool.read(at, length)) for at, length in rows]

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            start, stop, step = i.indices(self._n)
            if step != 1:
                return [self[k] for k in range(start, stop, step)]
            return self._read(start, stop) if stop > start else []
        k = i + self._n if i < 0 else i
        if not 0 <= k < self._n:
            raise IndexError(i)
        return self._read(k, k + 1)[0]


def _type_row(row: list[Any]) -> TypeRow:
    return TypeRow(row[0], row[1], row[2], FindingView(*row[3]))


def _applicant_row(row: list[Any]) -> ApplicantRow:
    return ApplicantRow(*row)


#: The applicants' list in the spool's database (the problem types' lists count from 1).
_APPLICANTS = 0


@dataclass
class _Lists:
    """What the index and the lists need, gathered while the applicant pages are written."""

    spool: _Spool = field(default_factory=_Spool)
    counts: dict[_TypeKey, list[int]] = field(default_factory=dict)  # [findings, applicants]
    type_ids: dict[_TypeKey, int] = field(default_factory=dict)  # the list of each type
    untyped: list[UntypedRow] = field(default_factory=list)  # form names with "?"
    n_written: int = 0
    n_review: int = 0
    n_no_form: int = 0

    def page_name(self, applicant_id: str) -> str:
        """The applicant's page; a duplicated id keeps both pages, never racing on one."""
        name = applicant_page_name(applicant_id)
        db = self.spool.db
        if db.execute("SELECT 1 FROM written WHERE name = ?", (_b(name),)).fetchone():
            name = f"{name[:-5]}-{self.n_written}.html"
        cur = db.execute("INSERT OR IGNORE INTO written VALUES (?)", (_b(name),))
        self.n_written += cur.rowcount  # the names written (a set's size)
        return name

    def unseen(self, forms: Mapping[str, ApplicantForm]) -> int:
        """The applicants with a form whom no result came for."""
        db = self.spool.db
        query = "SELECT 1 FROM seen WHERE aid = ?"
        return sum(1 for aid in forms if db.execute(query, (_b(aid),)).fetchone() is None)

    def add(
        self,
        result: ApplicantResult,
        form: ApplicantForm | None,
        problems: list[Finding],
        href: str,
        link: _Linker,
    ) -> None:
        aid = result.applicant_id
        spool = self.spool
        spool.db.execute("INSERT OR IGNORE INTO seen VALUES (?)", (_b(aid),))
        keys: set[_TypeKey] = set()
        for f in result.findings:
            key = (f.slot, f.field, f.status)
            c = self.counts.setdefault(key, [0, 0])
            c[0] += 1
            if key not in keys:
                keys.add(key)
                c[1] += 1
        name = form.name if form is not None else None
        for f in problems:
            at = spool.add([aid, href, name, astuple(_finding_view(f, link))])
            list_id = self.type_ids.setdefault((f.slot, f.field, f.status), len(self.type_ids) + 1)
            spool.key(list_id, len(problems), aid, at)
        self.n_review += bool(problems)
        self.n_no_form += form is None
        verdict = result.verdict
        entry = ApplicantRow(
            applicant_id=aid,
            href=href,
            name=name,
            verdict=verdict,
            verdict_text=VERDICT_LABELS.get(verdict, verdict),
            n_problems=len(problems),
            summary=_summary(problems),
        )
        spool.key(_APPLICANTS, len(problems), aid, spool.add(list(astuple(entry))))
        if form is not None and ("?" in form.name or "？" in form.name):
            self.untyped.append(_untyped_row(result, form, href))


def _untyped_row(result: ApplicantResult, form: ApplicantForm, href: str) -> UntypedRow:
    seen = [
        f"{slot_label(f.slot)}：{f.observed}"
        for f in sorted(result.findings, key=lambda f: _slot_key(f.slot))
        if f.field == "name" and f.slot != "form" and f.observed
    ]
    return UntypedRow(result.applicant_id, href, form.name, seen)


def _write_text(path: str, text: str) -> None:
    outdir.write_text(Path(path), text)  # whole or not at all (write then rename)


class PageCache(Protocol):
    """Where a page rendered from the same inputs as last time is found (pipeline.state.Index):
    an unchanged applicant's page is not rendered again (issue 19, incremental re-runs)."""

    def fresh(self, path: str, digest: str) -> bool: ...

    def record(self, path: str, digest: str) -> None: ...


@functools.cache
def _page_code() -> str:
    """What renders a page besides its inputs: the product's sources and the templates."""
    from . import versions

    h = hashlib.sha256(versions.source_hash().encode())
    for path in sorted(resources.files("pipeline").joinpath("templates").iterdir(), key=str):
        _hash_tree(h, path)
    return h.hexdigest()


def _hash_tree(h: Any, path: Any) -> None:
    if path.is_dir():
        for child in sorted(path.iterdir(), key=str):
            _hash_tree(h, child)
    else:
        h.update(str(path).encode())
        h.update(path.read_bytes())


def _page_digest(
    result: ApplicantResult, form: ApplicantForm | None, place: str, out: Path, name: str
) -> str:
    """The digest of everything an applicant's page is rendered from."""
    inputs = (_page_code(), os.path.abspath(out), name, place, form, result.findings, result.pages)
    return hashlib.sha256(repr(inputs).encode("utf-8", "surrogatepass")).hexdigest()


def _write_applicants(
    out: Path,
    pages_dir: Path,
    results: Iterable[ApplicantResult],
    forms: Mapping[str, ApplicantForm],
    place: str,
    cache: PageCache | None = None,
) -> _Lists:
    """Write every applicant's page (rendered here, written by a few threads); gather the
    lists on the way. With `cache`, a page whose inputs are the ones it was last rendered
    from, and whose file is unchanged, is kept as it is."""
    template = environment().get_template("report/applicant.html")
    page_link = _Linker(out, pages_dir)
    list_link = _Linker(out, pages_dir.parent)
    lists = _Lists()
    pages_path = os.fspath(pages_dir)
    pending: deque[tuple[Future[None], str, str]] = deque()

    def done(item: tuple[Future[None], str, str]) -> None:
        future, path, digest = item
        future.result()  # also re-raises a failed write here
        if cache is not None:
            cache.record(path, digest)

    with ThreadPoolExecutor(_WRITERS, thread_name_prefix="report") as writers:
        for result in results:
            form = forms.get(result.applicant_id)
            problems = _problems(result)
            page_name = lists.page_name(result.applicant_id)
            lists.add(result, form, problems, "applicants/" + quote(page_name), list_link)
            path = os.path.join(pages_path, page_name)
            digest = ""
            if cache is not None:
                digest = _page_digest(result, form, place, out, page_name)
                if cache.fresh(path, digest):
                    continue
            page = _applicant_page(result, form, problems, place, page_link)
            html = template.render(a=page, static="../static/")
            pending.append((writers.submit(_write_text, path, html), path, digest))
            if len(pending) > _MAX_PENDING:
                done(pending.popleft())
        while pending:
            done(pending.popleft())
    return lists


# ------------------------------------------------------------------- index and list pages


def _page_names(stem: str, n_rows: int) -> list[str]:
    """File names of the pages of one list: stem.html, stem-2.html, …"""
    n_pages = max(1, -(-n_rows // PAGE_ROWS))
    return [f"{stem}.html"] + [f"{stem}-{k}.html" for k in range(2, n_pages + 1)]


def _pager(names: Sequence[str], current: int) -> list[PagerItem]:
    """Links to the other pages of a list: all of them when few, else first, last and nearby."""
    last = len(names) - 1
    shown = sorted({0, last, *range(max(0, current - 4), min(last, current + 4) + 1)})
    items: list[PagerItem] = []
    prev = -1
    for i in shown:
        if i > prev + 1:
            items.append(PagerItem(None, None))
        items.append(PagerItem(i + 1, None if i == current else quote(names[i])))
        prev = i
    return items


def _list_page(
    kind: str, rows: Sequence[ApplicantRow | TypeRow], names: Sequence[str], current: int
) -> ListPage:
    start = current * PAGE_ROWS
    return ListPage(
        kind=kind,
        rows=rows[start : start + PAGE_ROWS],
        total=len(rows),
        per_page=PAGE_ROWS,
        current=current + 1,
        n_pages=len(names),
        pager=_pager(names, current) if len(names) > 1 else [],
    )


def _write_list(
    report_dir: Path,
    kind: str,
    names: Sequence[str],
    rows: Sequence[ApplicantRow | TypeRow],
    context: Mapping[str, Any],
    *,
    first: int = 0,
) -> None:
    """Write pages `first`.. of a list as stand-alone pages (the index holds page 0 itself)."""
    template = environment().get_template("report/list.html")
    for i in range(first, len(names)):
        html = template.render(context, listing=_list_page(kind, rows, names, i), static="static/")
        outdir.write_text(report_dir / names[i], html)


def _type_title(key: _TypeKey) -> str:
    slot, field, status = key
    return f"{slot_label(slot)} · {field_label(field)} · {status_label(status)}"


def _write_type_lists(
    report_dir: Path,
    type_ids: Mapping[_TypeKey, int],
    spool: _Spool,
    title: str,
    meta: list[str],
) -> dict[_TypeKey, str]:
    """One list per problem type, in the order of the overview table; returns their pages."""
    type_pages: dict[_TypeKey, str] = {}
    for n, key in enumerate(sorted(type_ids, key=_type_key), start=1):
        found = _Rows(spool, type_ids[key], _type_row)
        names = _page_names(f"type-{n}", len(found))
        type_pages[key] = names[0]
        label = _type_title(key)
        context = {
            "title": f"{label} · {title}",
            "heading": f"{label}（{len(found)} 条）",
            "meta": meta,
        }
        _write_list(report_dir, "types", names, found, context)
    return type_pages


def _index_meta(window: WindowInfo) -> list[str]:
    parts = []
    if window.region:
        parts.append(f"考区：{window.region}")
    if window.opens and window.closes:
        parts.append(f"报名时间：{window.opens.isoformat()} 至 {window.closes.isoformat()}")
    elif window.closes:
        parts.append(f"报名截止：{window.closes.isoformat()}")
    elif window.opens:
        parts.append(f"报名开始：{window.opens.isoformat()}")
    parts.append(f"有效期核对基准日：{window.reference_date.isoformat()}")
    if window.run_date:
        parts.append(f"运行日期：{window.run_date.isoformat()}")
    return parts


def _types_view(counts: Mapping[_TypeKey, list[int]], pages: Mapping[_TypeKey, str]) -> TypesView:
    """Counts per (slot, field, status): problems link to their lists, passes apart."""
    views = [
        TypeCount(
            slot=slot_label(key[0]),
            field=field_label(key[1]),
            status=key[2],
            status_text=status_label(key[2]),
            n_findings=counts[key][0],
            n_applicants=counts[key][1],
            href=quote(pages[key]) if key in pages else None,
        )
        for key in sorted(counts, key=_type_key)
    ]
    return TypesView(
        problems=[v for v in views if v.status != "pass"],
        passes=[v for v in views if v.status == "pass"],
    )


def _prepare_folder(report_dir: Path) -> None:
    """Copy the stylesheet and script beside the report; drop lists an earlier run left."""
    static = report_dir / "static"
    static.mkdir(parents=True, exist_ok=True)
    source = resources.files("pipeline").joinpath("static")
    for name in STATIC_FILES:
        outdir.write_bytes(static / name, source.joinpath(name).read_bytes())
    stale = [*report_dir.glob("list-*.html"), *report_dir.glob("type-*.html")]
    for path in [*stale, report_dir / "style.css"]:  # style.css: the stylesheet's old place
        path.unlink(missing_ok=True)  # the index would not link them


# ----------------------------------------------------------------------------- entry point


def write_report(
    out: Path,
    window: WindowInfo,
    results: Iterable[ApplicantResult],
    forms: Mapping[str, ApplicantForm],
    *,
    versions: Mapping[str, str] | None = None,
    cache: PageCache | None = None,
) -> Path:
    """Write out/report/index.html and out/report/applicants/<applicant_id>.html; return the index.

    Also writes report/static/ (stylesheet and script) and, when a list is longer than
    PAGE_ROWS, its further pages (list-2.html, …), plus one list per problem type
    (type-<n>.html, …). Applicant pages are written first and the index last, so a report
    whose index exists is complete. Image links point at the files the pipeline wrote under
    OUT (paths relative to OUT in the records).
    """
    out = Path(out)
    report_dir = out / "report"
    pages_dir = report_dir / "applicants"
    pages_dir.mkdir(parents=True, exist_ok=True)
    _prepare_folder(report_dir)
    place = " · ".join(p for p in (window.name, window.region) if p)
    lists = _write_applicants(out, pages_dir, results, forms, place or "报名材料审核", cache)
    try:
        return _write_lists(report_dir, window, forms, lists, place, versions)
    finally:
        lists.spool.close()


def _write_lists(
    report_dir: Path,
    window: WindowInfo,
    forms: Mapping[str, ApplicantForm],
    lists: _Lists,
    place: str,
    versions: Mapping[str, str] | None,
) -> Path:
    """The lists by problem type, the applicants' list and the index (written last)."""
    title = f"{place} 报名材料审核报告" if place else "报名材料审核报告"
    meta = _index_meta(window)
    type_pages = _write_type_lists(report_dir, lists.type_ids, lists.spool, title, meta)

    # Review first (most problems first), then the clear ones; ties by applicant id.
    rows = _Rows(lists.spool, _APPLICANTS, _applicant_row)
    names = ["index.html", *_page_names("list", len(rows))[1:]]
    context = {"title": title, "heading": f"{title} · 考生名单", "meta": meta}
    _write_list(report_dir, "applicants", names, rows, context, first=1)

    template = environment().get_template("report/index.html")
    index_html = template.render(
        title=title,
        meta=meta,
        n_review=lists.n_review,
        n_clear=len(rows) - lists.n_review,
        n_total=len(rows),
        n_no_form=lists.n_no_form,
        n_unprocessed=lists.unseen(forms),
        untyped=lists.untyped,
        types=_types_view(lists.counts, type_pages),
        listing=_list_page("applicants", rows, names, 0),
        versions=sorted(versions.items()) if versions else [],
        root=window.root,
        static="static/",
    )
    index = report_dir / "index.html"
    outdir.write_text(index, index_html)
    return index
