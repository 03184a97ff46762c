"""The static HTML report a reviewer opens in a browser.

Layout written under OUT (every link in it is relative, so OUT can be copied elsewhere or
opened from ``file://``; the pages link to the page images and evidence crops the pipeline
wrote elsewhere in OUT rather than copying them):

    report/index.html            overview: counts by verdict and problem type, then the
                                 applicants, review first (first PAGE_ROWS of them)
    report/list-<k>.html         further pages of that list, when longer than PAGE_ROWS
    report/type-<n>[-<k>].html   one list per problem type (slot × field × status): every
                                 finding of that type, form value beside the value read
    report/style.css             one shared stylesheet (a local file, nothing from the network)
    report/applicants/<applicant_id>.html

The stylesheet is a shared local file rather than inlined in every page: with 100,000
applicants, inlining would repeat it 100,000 times. Long lists are split into pages because a
browser takes tens of seconds to lay out a 100,000-row table. Pages are built with plain
string joins (no template engine) so that writing them costs little more than the file
writes themselves.
Everything the reviewer reads is Simplified Chinese; every value from a form, an upload or a
finding goes through ``html.escape`` and is otherwise shown exactly as it is.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from html import escape
from pathlib import Path
from urllib.parse import quote

from models import (
    FIELD_LABELS,
    SLOT_LABELS,
    SLOTS,
    STATUSES,
    ApplicantForm,
    ApplicantResult,
    Finding,
    Page,
    WindowInfo,
)

__all__ = [
    "FIELD_LABELS",
    "PAGE_ROWS",
    "ID_TYPE_LABELS",
    "STATUS_LABELS",
    "VERDICT_LABELS",
    "applicant_page_name",
    "field_label",
    "slot_label",
    "status_label",
    "write_report",
]

STATUS_LABELS: dict[str, str] = {
    "pass": "通过",
    "mismatch": "不一致",
    "unreadable": "无法识别",
    "missing": "缺少材料",
    "invalid": "无效",
    "expired": "已过期",
}

VERDICT_LABELS: dict[str, str] = {"review": "需人工审核", "clear": "自动通过"}

#: Chinese labels of finding fields; insertion order is the order reports list them.

ID_TYPE_LABELS: dict[str, str] = {
    "resident_id": "居民身份证",
    "passport": "护照",
    "hk_macao_pass": "港澳居民来往内地通行证",
    "taiwan_pass": "台湾居民来往大陆通行证",
    "military": "军官证/士兵证",
}

_SLOT_ORDER: dict[str, int] = {s: i for i, s in enumerate(("form", *SLOTS, "window"))}
_FIELD_ORDER: dict[str, int] = {f: i for i, f in enumerate(FIELD_LABELS)}
_STATUS_ORDER: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}
_SAFE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_.-]{0,100}")
_UNSAFE_CHARS = re.compile(r"[^0-9A-Za-z_.-]+")
_EMPTY = '<span class="muted">（未填写）</span>'
_NONE_READ = '<span class="muted">（未识别）</span>'
_NONE = '<span class="muted">—</span>'
_SUMMARY_ITEMS = 3
#: Threads writing applicant pages: creating 100,000 small files is bound by file-system
#: latency, which a few threads overlap (about 2.5x faster than one on a virtual disk).
_WRITERS = 4
_MAX_PENDING = 512  # pages built but not yet written, to bound memory


def slot_label(slot: str) -> str:
    return SLOT_LABELS.get(slot, slot)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field, field)


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


def applicant_page_name(applicant_id: str) -> str:
    """File name of an applicant's page: the id itself when it is a safe file name.

    Ids come from upload folder names, so an odd one (slashes, dots, spaces, CJK) must not
    escape the folder or collide: it is reduced to safe characters plus a short hash.
    """
    if _SAFE_ID.fullmatch(applicant_id) and not applicant_id.startswith("."):
        return applicant_id + ".html"
    digest = hashlib.sha1(applicant_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    stem = _UNSAFE_CHARS.sub("_", applicant_id).strip("._")[:60]
    return f"_{stem}-{digest}.html" if stem else f"_{digest}.html"


def _slot_key(slot: str) -> tuple[int, str]:
    return (_SLOT_ORDER.get(slot, len(_SLOT_ORDER)), slot)


def _type_key(key: tuple[str, str, str]) -> tuple[int, str, int, str, int, str]:
    slot, field, status = key
    return (
        *_slot_key(slot),
        _FIELD_ORDER.get(field, len(_FIELD_ORDER)),
        field,
        _STATUS_ORDER.get(status, len(_STATUS_ORDER)),
        status,
    )


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _text(value: str | None, *, empty: str = _EMPTY) -> str:
    """Escape a value for display; blank values show a grey placeholder instead."""
    if value is None:
        return _NONE
    return _e(value) if value.strip() else empty


def _confidence(value: float | None) -> str:
    if value is None:
        return _NONE
    return f"{value * 100:.0f}%"


def _status_badge(status: str) -> str:
    return f'<span class="st st-{_e(status)}">{_e(status_label(status))}</span>'


def _verdict_badge(verdict: str) -> str:
    return f'<span class="vd vd-{_e(verdict)}">{_e(VERDICT_LABELS.get(verdict, verdict))}</span>'


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
        return _e(quote(p, safe="/"))


# ------------------------------------------------------------------- index and list pages

#: Rows per list page. A browser lays out a few thousand table rows at once quickly; with
#: 100,000 in one table it hangs for tens of seconds, so long lists are split into pages.
PAGE_ROWS = 2000

_HEAD = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
"""

_INDEX = (
    _HEAD
    + """<header>
<h1>{title}</h1>
<p class="meta">{meta}</p>
</header>
<main>
<section>
<h2>审核概况</h2>
<div class="cards">
<div class="card card-review"><div class="num">{n_review}</div><div>需人工审核</div></div>
<div class="card card-clear"><div class="num">{n_clear}</div><div>自动通过</div></div>
<div class="card"><div class="num">{n_total}</div><div>考生合计</div></div>
</div>
{notes}
</section>
<section>
<h2>问题类型统计</h2>
{types}
</section>
<section>
<h2>考生名单</h2>
{list}
</section>
</main>
<footer>{footer}</footer>
<script>{script}</script>
</body>
</html>
"""
)

_LIST_PAGE = (
    _HEAD
    + """<nav><a href="index.html">← 返回审核报告总览</a></nav>
<header>
<h1>{heading}</h1>
<p class="meta">{meta}</p>
</header>
<main>
<section>
{list}
</section>
</main>
<nav><a href="index.html">← 返回审核报告总览</a></nav>
<script>{script}</script>
</body>
</html>
"""
)

# A few lines of vanilla JS: filter the rows of this page by text and verdict, and open an
# applicant's page by 报名序列号. Without JS every row is still shown.
_SCRIPT = """
(function () {
  var q = document.getElementById('q'), v = document.getElementById('v');
  var n = document.getElementById('n'), go = document.getElementById('go');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#list tbody tr'));
  var texts = null, timer = 0;
  function apply() {
    if (!texts) texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var s = q.value.trim().toLowerCase(), w = v ? v.value : '', shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var ok = (!w || rows[i].getAttribute('data-v') === w) && (!s || texts[i].indexOf(s) >= 0);
      rows[i].hidden = !ok; if (ok) shown++;
    }
    n.textContent = shown;
  }
  q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  if (v) v.addEventListener('change', apply);
  go.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var id = document.getElementById('gid').value.trim();
    if (/^[0-9A-Za-z][0-9A-Za-z_.-]*$/.test(id)) location.href = 'applicants/' + id + '.html';
    else if (id) alert('报名序列号格式不正确，请在名单中查找。');
  });
})();
"""

_APPLICANT_HEAD = (
    "<thead><tr><th>报名序列号</th><th>姓名</th><th>结论</th><th>待审核项</th>"
    "<th>问题摘要</th><th>详情</th></tr></thead>"
)
_TYPE_HEAD = (
    "<thead><tr><th>报名序列号</th><th>姓名</th><th>文件</th><th>报名表填写</th>"
    "<th>材料识别结果</th><th>置信度</th><th>说明</th><th>证据</th></tr></thead>"
)


def _page_names(stem: str, n_rows: int) -> list[str]:
    """File names of the pages of one list: stem.html, stem-2.html, …"""
    n_pages = max(1, -(-n_rows // PAGE_ROWS))
    return [f"{stem}.html"] + [f"{stem}-{k}.html" for k in range(2, n_pages + 1)]


def _pager(names: Sequence[str], current: int) -> str:
    """Links to the other pages of a list: all of them when few, else first, last and nearby."""
    if len(names) <= 1:
        return ""
    last = len(names) - 1
    shown = sorted({0, last, *range(max(0, current - 4), min(last, current + 4) + 1)})
    parts: list[str] = []
    prev = -1
    for i in shown:
        if i > prev + 1:
            parts.append("…")
        if i == current:
            parts.append(f"<b>{i + 1}</b>")
        else:
            parts.append(f'<a href="{_e(quote(names[i]))}">{i + 1}</a>')
        prev = i
    return f'<nav class="pager">第 {current + 1} / {len(names)} 页：{" ".join(parts)}</nav>'


def _list_block(
    rows: Sequence[str], head: str, names: Sequence[str], current: int, *, verdicts: bool
) -> str:
    """One page of a list: filters, pager, the table of this page's rows, pager again."""
    start = current * PAGE_ROWS
    page_rows = rows[start : start + PAGE_ROWS]
    scope = "本页" if len(names) > 1 else ""
    verdict_select = (
        '<label>结论 <select id="v"><option value="">全部</option>'
        '<option value="review">需人工审核</option><option value="clear">自动通过</option>'
        "</select></label>"
        if verdicts
        else ""
    )
    unit = "人" if verdicts else "条"
    hint = f'<p class="hint">共 {len(rows)} {unit}，每页 {PAGE_ROWS} {unit}。</p>'
    if len(names) <= 1:
        hint = ""
    pager = _pager(names, current)
    return (
        f"{hint}"
        '<div class="filters">'
        f'<label>在{scope}名单中筛选 <input id="q" type="search" placeholder="报名序列号或姓名">'
        f"</label>{verdict_select}"
        f'<span class="muted">显示 <b id="n">{len(page_rows)}</b> {unit}</span>'
        '<form id="go">按报名序列号打开 <input id="gid" name="gid" size="16">'
        ' <button type="submit">打开</button></form>'
        f"</div>\n{pager}\n"
        f'<table id="list" class="list">{head}<tbody>\n'
        + "\n".join(page_rows)
        + f"\n</tbody></table>\n{pager}"
    )


def _write_list(
    report_dir: Path,
    names: Sequence[str],
    rows: Sequence[str],
    head: str,
    title: str,
    heading: str,
    meta: str,
    *,
    verdicts: bool,
    first: int = 0,
) -> None:
    """Write pages `first`.. of a list as stand-alone pages (the index holds page 0 itself)."""
    for i in range(first, len(names)):
        html = _LIST_PAGE.format(
            title=_e(title),
            heading=heading,
            meta=meta,
            list=_list_block(rows, head, names, i, verdicts=verdicts),
            script=_SCRIPT,
        )
        (report_dir / names[i]).write_text(html, encoding="utf-8")


def _index_meta(window: WindowInfo) -> str:
    parts = []
    if window.region:
        parts.append(f"考区：{_e(window.region)}")
    if window.opens and window.closes:
        parts.append(f"报名时间：{window.opens.isoformat()} 至 {window.closes.isoformat()}")
    elif window.closes:
        parts.append(f"报名截止：{window.closes.isoformat()}")
    elif window.opens:
        parts.append(f"报名开始：{window.opens.isoformat()}")
    parts.append(f"有效期核对基准日：{_e(window.reference_date.isoformat())}")
    if window.run_date:
        parts.append(f"运行日期：{_e(window.run_date.isoformat())}")
    return "　|　".join(parts)


def _type_title(key: tuple[str, str, str]) -> str:
    slot, field, status = key
    return f"{slot_label(slot)} · {field_label(field)} · {status_label(status)}"


def _types_table(
    counts: Mapping[tuple[str, str, str], list[int]], pages: Mapping[tuple[str, str, str], str]
) -> str:
    """Counts per (slot, field, status): problems in a table linking to their lists, passes
    folded away."""

    def rows(keys: Iterable[tuple[str, str, str]]) -> str:
        out = []
        for key in keys:
            slot, field, status = key
            n_findings, n_applicants = counts[key]
            num = str(n_findings)
            if key in pages:
                num = f'<a href="{_e(quote(pages[key]))}">{n_findings}</a>'
            out.append(
                f"<tr><td>{_e(slot_label(slot))}</td><td>{_e(field_label(field))}</td>"
                f"<td>{_status_badge(status)}</td><td class=num>{num}</td>"
                f"<td class=num>{n_applicants}</td></tr>"
            )
        return "\n".join(out)

    head = (
        "<thead><tr><th>材料</th><th>核对项</th><th>结论</th><th>条数</th><th>涉及考生</th>"
        "</tr></thead>"
    )
    keys = sorted(counts, key=_type_key)
    problems = [k for k in keys if k[2] != "pass"]
    passes = [k for k in keys if k[2] == "pass"]
    html = []
    if problems:
        html.append('<p class="hint">点击“条数”可查看有该问题的全部考生及识别结果。</p>')
        html.append(f'<table class="types">{head}<tbody>\n{rows(problems)}\n</tbody></table>')
    else:
        html.append('<p class="ok">没有需要人工审核的问题。</p>')
    if passes:
        html.append(
            f"<details><summary>已通过的核对项（{len(passes)} 类）</summary>"
            f'<table class="types">{head}<tbody>\n{rows(passes)}\n</tbody></table>'
            "</details>"
        )
    return "\n".join(html)


def _footer(window: WindowInfo, versions: Mapping[str, str] | None) -> str:
    parts = ["本报告由 certcheck 自动生成，仅供人工审核参考，结论以审核人员核对为准。"]
    if versions:
        items = "；".join(f"{_e(k)} {_e(v)}" for k, v in sorted(versions.items()))
        parts.append(f"引擎与模型版本：{items}")
    if window.root:
        parts.append(f"报名材料目录：{_e(window.root)}")
    return "<br>".join(parts)


def _name_cell(form: ApplicantForm | None) -> str:
    return '<span class="muted">（无报名信息）</span>' if form is None else _text(form.name)


def _index_row(
    result: ApplicantResult, form: ApplicantForm | None, problems: list[Finding], href: str
) -> str:
    verdict = result.verdict
    summary = "；".join(
        f"{slot_label(f.slot)}·{field_label(f.field)}（{status_label(f.status)}）"
        for f in problems[:_SUMMARY_ITEMS]
    )
    if len(problems) > _SUMMARY_ITEMS:
        summary += f" 等{len(problems)}项"
    return (
        f'<tr data-v="{_e(verdict)}">'
        f'<td><a href="{href}">{_e(result.applicant_id)}</a></td>'
        f"<td>{_name_cell(form)}</td><td>{_verdict_badge(verdict)}</td>"
        f"<td class=num>{len(problems)}</td><td class=sum>{_e(summary)}</td>"
        f'<td><a href="{href}">查看</a></td></tr>'
    )


def _type_row(f: Finding, form: ApplicantForm | None, href: str, link: _Linker) -> str:
    """One finding in the list of its type, with what the form says and what was read."""
    file = posixpath.basename(f.file.replace("\\", "/")) if f.file else ""
    return (
        f'<tr><td><a href="{href}">{_e(f.applicant_id)}</a></td><td>{_name_cell(form)}</td>'
        f'<td class="file">{_e(file)}</td>{_finding_cells(f, link, with_status=False)}</tr>'
    )


# ------------------------------------------------------------------------ applicant page


_APPLICANT = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="stylesheet" href="../style.css">
</head>
<body>
<nav><a href="../index.html">← 返回考生名单</a></nav>
<header>
<h1>{heading} {verdict}</h1>
<p class="meta">报名序列号：{applicant_id}　|　{window}</p>
</header>
<main>
<section>
<h2>报名表填写内容</h2>
{form}
</section>
<section>
<h2>需人工审核的问题（{n_problems} 项）</h2>
{problems}
</section>
<section>
<h2>上传材料</h2>
{materials}
</section>
</main>
<nav><a href="../index.html">← 返回考生名单</a></nav>
</body>
</html>
"""


def _form_table(form: ApplicantForm) -> str:
    edu = form.education
    exam = " ".join(p for p in (form.exam.category, form.exam.level) if p)
    if form.exam.code:
        exam = f"{exam}（{form.exam.code}）" if exam else form.exam.code
    id_type = ID_TYPE_LABELS.get(form.id_type, form.id_type)
    rows: list[tuple[str, str]] = [
        ("姓名", _text(form.name)),
        (
            "证件号码",
            _text(form.id_number)
            + (f'<span class="muted">（{_e(id_type)}）</span>' if id_type else ""),
        ),
        ("性别", _text(form.gender)),
        ("出生日期", _text(form.birth_date)),
        ("报考类别", _text(exam)),
        ("学历", _text(edu.level)),
        ("毕业学校", _text(edu.school)),
        ("专业", _text(edu.major)),
        ("毕业时间", _text(edu.graduation)),
        ("毕业证书编号", _text(edu.diploma_number)),
        ("工作单位", _text(form.work_unit)),
        ("在岗情况", _text(form.duty_status)),
    ]
    if form.assistant is not None:
        rows.append(("助理医师资格证书编码", _text(form.assistant.qualification_number)))
        rows.append(("助理医师执业证书编码", _text(form.assistant.practice_number)))
    if form.region or form.site:
        rows.append(("考区 / 考点", _text(" / ".join(p for p in (form.region, form.site) if p))))
    cells = "\n".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="form">\n{cells}\n</table>'


def _finding_cells(f: Finding, link: _Linker, *, with_status: bool = True) -> str:
    """The cells a reviewer compares: form value, value read, confidence, verdict, note, crop."""
    if f.evidence:
        href = link(f.evidence)
        ev = (
            f'<a href="{href}" target="_blank">'
            f'<img class="ev" src="{href}" alt="证据截图" loading="lazy"></a>'
        )
    else:
        ev = _NONE
    observed = _text(f.observed, empty=_NONE)
    if f.field == "orientation" and f.observed and f.observed.isdigit():
        observed += "°"  # the contract's "90" is a clockwise angle in degrees
    status = f"<td>{_status_badge(f.status)}</td>" if with_status else ""
    return (
        f"<td>{_text(f.expected, empty=_NONE)}</td><td>{observed}</td>"
        f"<td class=num>{_confidence(f.confidence)}</td>{status}"
        f"<td>{_e(f.message)}</td><td>{ev}</td>"
    )


def _finding_rows(findings: Sequence[Finding], link: _Linker, *, with_slot: bool) -> str:
    out = []
    for f in findings:
        slot = ""
        if with_slot:
            file = posixpath.basename(f.file.replace("\\", "/")) if f.file else ""
            file_html = f'<div class="file">{_e(file)}</div>' if file else ""
            slot = f"<td>{_e(slot_label(f.slot))}{file_html}</td>"
        out.append(
            f'<tr class="r-{_e(f.status)}">{slot}<td>{_e(field_label(f.field))}</td>'
            f"{_finding_cells(f, link)}</tr>"
        )
    return "\n".join(out)


def _findings_table(findings: Sequence[Finding], link: _Linker, *, with_slot: bool) -> str:
    head = "<th>材料</th>" if with_slot else ""
    return (
        f'<table class="findings"><thead><tr>{head}<th>核对项</th><th>报名表填写</th>'
        "<th>材料识别结果</th><th>置信度</th><th>结论</th><th>说明</th><th>证据</th></tr></thead>"
        f"<tbody>\n{_finding_rows(findings, link, with_slot=with_slot)}\n</tbody></table>"
    )


def _slot_of_upload(upload_path: str, file_slots: Mapping[str, str]) -> str:
    """The slot of an upload: as the findings name it, else from uploads/<id>/<slot>/<file>."""
    if upload_path in file_slots:
        return file_slots[upload_path]
    parts = upload_path.replace("\\", "/").split("/")
    return parts[-2] if len(parts) >= 2 else "other"


def _page_figure(page: Page, link: _Linker) -> str:
    href = link(page.image_path)
    notes = [f"第 {page.page_no + 1} 页"]
    if page.rotation % 360:
        notes.append(f"已自动旋转校正 {page.rotation % 360}°")
    if not page.document_found:
        notes.append("未定位到证件边缘")
    return (
        f'<figure><a href="{href}" target="_blank" title="点击查看原尺寸">'
        f'<img class="page" src="{href}" alt="{_e(notes[0])}" loading="lazy"></a>'
        f"<figcaption>{'，'.join(notes)}</figcaption></figure>"
    )


_NOT_UPLOADS = ("form", "window")


def _materials(result: ApplicantResult, link: _Linker) -> str:
    """One block per uploaded slot: its page images, then its passes folded away."""
    file_slots = {f.file: f.slot for f in result.findings if f.file}
    pages_by_slot: dict[str, dict[str, list[Page]]] = {}
    for page in result.pages:
        if not page.image_path:
            continue
        slot = _slot_of_upload(page.upload_path, file_slots)
        pages_by_slot.setdefault(slot, {}).setdefault(page.upload_path, []).append(page)
    findings_by_slot: dict[str, list[Finding]] = {}
    for f in result.findings:
        findings_by_slot.setdefault(f.slot, []).append(f)

    sections = []
    for slot in sorted(pages_by_slot.keys() | findings_by_slot.keys(), key=_slot_key):
        if slot in _NOT_UPLOADS:
            continue
        findings = findings_by_slot.get(slot, [])
        n_problems = sum(1 for f in findings if f.needs_review)
        badge = f' <span class="st st-mismatch">{n_problems} 项需审核</span>' if n_problems else ""
        body = []
        uploads = pages_by_slot.get(slot, {})
        for upload_path in sorted(uploads):
            figures = "".join(
                _page_figure(p, link) for p in sorted(uploads[upload_path], key=lambda p: p.page_no)
            )
            name = posixpath.basename(upload_path.replace("\\", "/"))
            body.append(
                f'<div class="upload"><div class="file">文件：{_e(name)}</div>'
                f'<div class="pages">{figures}</div></div>'
            )
        if not uploads:
            missing = any(f.field == "presence" and f.status == "missing" for f in findings)
            text = "考生未上传该材料。" if missing else "没有可显示的页面图像。"
            body.append(f'<p class="muted">{text}</p>')
        passes = [f for f in findings if not f.needs_review]
        if passes:
            body.append(
                f"<details><summary>已通过的核对项（{len(passes)} 项）</summary>"
                f"{_findings_table(passes, link, with_slot=False)}</details>"
            )
        sections.append(
            f'<div class="slot" id="slot-{_e(quote(slot))}"><h3>{_e(slot_label(slot))}{badge}</h3>'
            f"{''.join(body)}</div>"
        )
    return "\n".join(sections) if sections else '<p class="muted">没有上传材料。</p>'


def _applicant_page(
    result: ApplicantResult,
    form: ApplicantForm | None,
    problems: list[Finding],
    window_line: str,
    link: _Linker,
) -> str:
    aid = result.applicant_id
    if form is None:
        heading = "（无报名信息）"
        title = f"{aid} · 考生材料核对"
        form_html = (
            '<p class="warn">报名信息中没有找到该考生的记录（可能是上传了材料但没有对应的报名信息，'
            "或报名信息行格式有误），请人工核对。</p>"
        )
    else:
        heading = _text(form.name, empty="（姓名未填写）")
        title = f"{form.name} {aid} · 考生材料核对"
        form_html = _form_table(form)
    passes = [f for f in result.findings if f.slot in _NOT_UPLOADS and not f.needs_review]
    if passes:
        form_html += (
            f"<details><summary>报名信息核对已通过（{len(passes)} 项）</summary>"
            f"{_findings_table(passes, link, with_slot=True)}</details>"
        )
    if problems:
        problems_html = _findings_table(problems, link, with_slot=True)
    else:
        problems_html = '<p class="ok">所有核对项均已通过。</p>'
    return _APPLICANT.format(
        title=_e(title),
        heading=heading,
        verdict=_verdict_badge(result.verdict),
        applicant_id=_e(aid),
        window=window_line,
        form=form_html,
        n_problems=len(problems),
        problems=problems_html,
        materials=_materials(result, link),
    )


def _write_text(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)


def _untyped_row(result: ApplicantResult, form: ApplicantForm, href: str) -> str:
    """One applicant whose form name has a `?`: what each material showed in its place."""
    seen = [
        f"{_e(slot_label(f.slot))}：{_e(f.observed)}"
        for f in sorted(result.findings, key=lambda f: _slot_key(f.slot))
        if f.field == "name" and f.slot != "form" and f.observed
    ]
    return (
        f'<tr><td><a href="{href}">{_e(result.applicant_id)}</a></td><td>{_e(form.name)}</td>'
        f"<td>{'<br>'.join(seen) or _NONE_READ}</td></tr>"
    )


def _problems(result: ApplicantResult) -> list[Finding]:
    """Non-pass findings, in slot order (form first), keeping the pipeline's order within."""
    return sorted((f for f in result.findings if f.needs_review), key=lambda f: _slot_key(f.slot))


# ----------------------------------------------------------------------------- entry point


def write_report(
    out: Path,
    window: WindowInfo,
    results: Sequence[ApplicantResult],
    forms: Mapping[str, ApplicantForm],
    *,
    versions: Mapping[str, str] | None = None,
) -> Path:
    """Write out/report/index.html and out/report/applicants/<applicant_id>.html; return the index.

    Also writes report/style.css and, when a list is longer than PAGE_ROWS, its further pages
    (list-2.html, …), plus one list per problem type (type-<n>.html, …). Applicant pages are
    written first and the index last, so a report whose index exists is complete. Image links
    point at the files the pipeline wrote under OUT (paths relative to OUT in the records).
    """
    out = Path(out)
    report_dir = out / "report"
    pages_dir = report_dir / "applicants"
    pages_dir.mkdir(parents=True, exist_ok=True)
    (report_dir / "style.css").write_text(_CSS, encoding="utf-8")
    for stale in [*report_dir.glob("list-*.html"), *report_dir.glob("type-*.html")]:
        stale.unlink()  # from an earlier run into the same OUT: the index would not link them

    page_link = _Linker(out, pages_dir)
    list_link = _Linker(out, report_dir)
    place = " · ".join(p for p in (window.name, window.region) if p)
    window_line = _e(place or "报名材料审核")

    counts: dict[tuple[str, str, str], list[int]] = {}  # type -> [findings, applicants]
    type_rows: dict[tuple[str, str, str], list[tuple[int, str, str]]] = {}
    entries: list[tuple[int, str, str]] = []  # (problems, applicant_id, index row)
    seen: set[str] = set()
    n_review = n_no_form = 0
    untyped: list[str] = []  # applicants whose form name stands "?" for a character
    pages_path = os.fspath(pages_dir)
    pending: deque[Future[None]] = deque()
    written: set[str] = set()
    with ThreadPoolExecutor(_WRITERS, thread_name_prefix="report") as writers:
        for result in results:
            aid = result.applicant_id
            seen.add(aid)
            form = forms.get(aid)
            problems = _problems(result)
            keys: set[tuple[str, str, str]] = set()
            for f in result.findings:
                key = (f.slot, f.field, f.status)
                c = counts.get(key)
                if c is None:
                    c = counts[key] = [0, 0]
                c[0] += 1
                if key not in keys:
                    keys.add(key)
                    c[1] += 1
            page_name = applicant_page_name(aid)
            if page_name in written:  # a duplicated id: keep both pages, never race on one
                page_name = f"{page_name[:-5]}-{len(written)}.html"
            written.add(page_name)
            href = _e("applicants/" + quote(page_name))
            for f in problems:
                row = _type_row(f, form, href, list_link)
                type_rows.setdefault((f.slot, f.field, f.status), []).append(
                    (-len(problems), aid, row)
                )
            if problems:
                n_review += 1
            if form is None:
                n_no_form += 1
            html = _applicant_page(result, form, problems, window_line, page_link)
            pending.append(writers.submit(_write_text, os.path.join(pages_path, page_name), html))
            if len(pending) > _MAX_PENDING:
                pending.popleft().result()  # also re-raises a failed write here
            entries.append((-len(problems), aid, _index_row(result, form, problems, href)))
            if form is not None and ("?" in form.name or "？" in form.name):
                untyped.append(_untyped_row(result, form, href))
        while pending:
            pending.popleft().result()

    title = f"{place} 报名材料审核报告" if place else "报名材料审核报告"
    meta = _index_meta(window)

    # One list per problem type, in the order of the overview table.
    type_pages: dict[tuple[str, str, str], str] = {}
    for n, tkey in enumerate(sorted(type_rows, key=_type_key), start=1):
        found = type_rows[tkey]
        found.sort(key=lambda e: (e[0], e[1]))
        names = _page_names(f"type-{n}", len(found))
        type_pages[tkey] = names[0]
        label = _type_title(tkey)
        heading = f"{_e(label)}（{len(found)} 条）"
        _write_list(
            report_dir,
            names,
            [e[2] for e in found],
            _TYPE_HEAD,
            f"{label} · {title}",
            heading,
            meta,
            verdicts=False,
        )

    # Review first (most problems first), then the clear ones; ties by applicant id.
    entries.sort(key=lambda e: (e[0], e[1]))
    rows = [e[2] for e in entries]
    names = ["index.html", *_page_names("list", len(rows))[1:]]
    _write_list(
        report_dir,
        names,
        rows,
        _APPLICANT_HEAD,
        title,
        f"{_e(title)} · 考生名单",
        meta,
        verdicts=True,
        first=1,
    )

    notes = []
    if n_no_form:
        notes.append(f'<p class="warn">其中 {n_no_form} 名考生没有对应的报名信息，请人工核对。</p>')
    n_unprocessed = sum(1 for aid in forms if aid not in seen)
    if n_unprocessed:
        notes.append(
            f'<p class="warn">报名信息中另有 {n_unprocessed} 名考生没有处理结果，未列入本报告。</p>'
        )
    if untyped:
        notes.append(
            f"<h2>报名表姓名含“?”的考生（{len(untyped)} 人）</h2>"
            "<p>“?”代替报名系统无法录入的生僻字，须由考区汇总上报国家医学考试中心完善信息。"
            "下表列出各材料上该处识别到的字（识别引擎可能给出近似字，请以证件原件为准）。</p>"
            '<table id="untyped"><thead><tr><th>考生</th><th>报名表姓名</th>'
            "<th>材料上识别的姓名</th></tr></thead><tbody>" + "".join(untyped) + "</tbody></table>"
        )
    index_html = _INDEX.format(
        title=_e(title),
        meta=meta,
        n_review=n_review,
        n_clear=len(entries) - n_review,
        n_total=len(entries),
        notes="\n".join(notes),
        types=_types_table(counts, type_pages),
        list=_list_block(rows, _APPLICANT_HEAD, names, 0, verdicts=True),
        footer=_footer(window, versions),
        script=_SCRIPT,
    )
    index = report_dir / "index.html"
    index.write_text(index_html, encoding="utf-8")
    return index


_CSS = """\
:root { --line: #d9dde3; --muted: #7a8190; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { margin: 0; padding: 0 24px 24px; background: var(--bg); color: #1f2329; font-size: 15px;
  line-height: 1.6; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
header { padding: 16px 0 4px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 10px; border-left: 4px solid #2f6fde; padding-left: 8px; }
h3 { font-size: 17px; margin: 0 0 8px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 16px;
  margin: 14px 0; }
nav { padding: 12px 0 0; }
a { color: #2358c4; }
.meta, .hint, .muted, footer { color: var(--muted); }
.hint { margin: 0 0 8px; font-size: 14px; }
footer { font-size: 13px; padding: 8px 0; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
thead th { background: #eef1f5; position: sticky; top: 0; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.sum { color: #444; font-size: 14px; }
table.types { width: auto; min-width: 50%; }
table.form { width: auto; min-width: 50%; }
table.form th { background: #f3f5f8; width: 9em; white-space: nowrap; font-weight: normal;
  color: #555; }
tr.r-mismatch td, tr.r-invalid td { background: #fff6f5; }
tr.r-unreadable td, tr.r-expired td, tr.r-missing td { background: #fffaf0; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin-bottom: 8px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 10px 20px; min-width: 150px;
  background: #fafbfc; }
.card .num { font-size: 28px; font-weight: bold; }
.card-review .num { color: #c9371f; }
.card-clear .num { color: #1d8a4a; }
.st, .vd { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 13px;
  white-space: nowrap; color: #fff; background: #888; vertical-align: middle; }
h1 .vd { font-size: 15px; padding: 2px 10px; }
.st-pass, .vd-clear { background: #1d8a4a; }
.st-mismatch, .vd-review { background: #c9371f; }
.st-unreadable { background: #d17a00; }
.st-missing { background: #7b4bb7; }
.st-invalid { background: #8f1d1d; }
.st-expired { background: #8a5a00; }
.warn { background: #fff4e5; border: 1px solid #f0c36d; padding: 8px 12px; border-radius: 4px; }
.ok { color: #1d8a4a; }
.filters { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin: 0 0 10px; }
.filters input { font: inherit; padding: 3px 8px; width: 16em; }
.filters select, .filters button, .filters form input { font: inherit; }
.filters form { margin: 0 0 0 auto; }
.pager { margin: 8px 0; }
.pager a, .pager b { display: inline-block; min-width: 2em; text-align: center; }
td.file { color: var(--muted); font-size: 13px; }
img.ev { max-width: 260px; max-height: 90px; border: 1px solid var(--line); display: block; }
.slot { border-top: 1px solid var(--line); padding: 12px 0; }
.slot:first-child { border-top: 0; padding-top: 0; }
.file { color: var(--muted); font-size: 13px; word-break: break-all; }
.pages { display: flex; gap: 12px; flex-wrap: wrap; margin: 6px 0; }
figure { margin: 0; }
img.page { max-width: 420px; max-height: 320px; border: 1px solid var(--line); display: block;
  background: #fff; }
figcaption { color: var(--muted); font-size: 13px; }
details { margin-top: 8px; }
summary { cursor: pointer; color: #2358c4; }
details table { margin-top: 6px; }
"""
