"""The static HTML report: ordering, counts, escaping and links a reviewer can follow offline."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
import pytest

import pipeline.report as report_module
from models import ApplicantForm, ApplicantResult, Education, Exam, Finding, Page, WindowInfo
from pipeline.report import applicant_page_name, write_report

WINDOW = WindowInfo(
    root="/data/window", name="2026年医师资格考试", region="天津市", closes=date(2026, 1, 31)
)
SCRIPT_NAME = "<script>alert(1)</script>"


def _finding(aid: str, slot: str, field: str, status: str = "pass", **kw: object) -> Finding:
    values: dict[str, object] = {
        "file": f"uploads/{aid}/{slot}/a.jpg" if slot not in ("form", "window") else None,
        "expected": None,
        "observed": None,
        "confidence": None,
        "message": "核对通过" if status == "pass" else "请人工核对",
    }
    values.update(kw)
    return Finding(applicant_id=aid, slot=slot, field=field, status=status, **values)  # type: ignore[arg-type]


def _page(aid: str, slot: str, rotation: int = 0) -> Page:
    return Page(
        upload_path=f"uploads/{aid}/{slot}/a.jpg",
        page_no=0,
        image_path=f"pages/{aid}/{slot}_0.jpg",
        width=800,
        height=500,
        rotation=rotation,
        skew=0.0,
        rotation_confidence=0.99,
        document_found=True,
    )


def _form(aid: str, name: str) -> ApplicantForm:
    return ApplicantForm(
        applicant_id=aid,
        name=name,
        id_type="resident_id",
        id_number="12010119970125746X",
        gender="女",
        birth_date="1997-01-25",
        exam=Exam(code="110", category="临床", level="执业医师"),
        education=Education(
            level="本科", school="天津医科大学", major="临床医学", graduation="2025-07"
        ),
        work_unit="天津市第一中心医院",
        duty_status="试用期",
    )


def _results() -> tuple[list[ApplicantResult], dict[str, ApplicantForm]]:
    clear = "2026120000001"  # everything passes
    mismatch = "2026120000002"  # name mismatch with evidence, diploma missing
    no_form = "2026120000003"  # an upload folder with no form line
    dot = "2026120000004"  # minority name with "·", three problems
    script = "2026120000005"  # a name that would be markup if not escaped
    question = "2026120000006"  # "?" for a character the form could not type; clear
    results = [
        ApplicantResult(
            clear,
            (
                _finding(
                    clear, "id_front", "name", expected="王芳", observed="王芳", confidence=0.98
                ),
                _finding(clear, "id_front", "orientation", observed="0"),
            ),
            pages=(_page(clear, "id_front"),),
        ),
        ApplicantResult(
            mismatch,
            (
                _finding(
                    mismatch,
                    "id_front",
                    "name",
                    "mismatch",
                    expected="张三",
                    observed="张山",
                    confidence=0.93,
                    message="身份证姓名与报名表不一致",
                    evidence=f"evidence/{mismatch}/id_front_name.jpg",
                ),
                _finding(mismatch, "id_front", "orientation", observed="90"),
                _finding(
                    mismatch, "diploma", "presence", "missing", file=None, message="未上传毕业证书"
                ),
            ),
            pages=(_page(mismatch, "id_front", rotation=90),),
        ),
        ApplicantResult(
            no_form,
            (
                _finding(no_form, "form", "line", "missing", message="报名信息中没有该考生"),
                _finding(no_form, "id_front", "orientation", observed="0"),
            ),
            pages=(_page(no_form, "id_front"),),
        ),
        ApplicantResult(
            dot,
            (
                _finding(
                    dot,
                    "id_front",
                    "name",
                    "unreadable",
                    expected="阿卜杜拉·买买提",
                    observed="阿卜杜拉买买提",
                    confidence=0.41,
                ),
                _finding(
                    dot,
                    "id_back",
                    "validity",
                    "expired",
                    expected="2026-01-31",
                    observed="2025-12-31",
                    confidence=0.9,
                ),
                _finding(dot, "photo", "file", "invalid", message="照片超过 40 KB"),
            ),
            pages=(_page(dot, "id_front"), _page(dot, "id_back"), _page(dot, "photo")),
        ),
        ApplicantResult(
            script,
            (
                _finding(
                    script,
                    "id_front",
                    "name",
                    "mismatch",
                    expected=SCRIPT_NAME,
                    observed="<b>x</b> & y",
                    confidence=0.8,
                ),
            ),
            pages=(_page(script, "id_front"),),
        ),
        ApplicantResult(
            question,
            (_finding(question, "id_front", "name", expected="王?明", observed="王玥明"),),
            pages=(_page(question, "id_front"),),
        ),
    ]
    forms = {
        aid: _form(aid, name)
        for aid, name in (
            (clear, "王芳"),
            (mismatch, "张三"),
            (dot, "阿卜杜拉·买买提"),
            (script, SCRIPT_NAME),
            (question, "王?明"),
        )
    }
    return results, forms


def _touch_images(out: Path, results: list[ApplicantResult]) -> None:
    """The pipeline writes page images and crops; stand-ins are enough to check links."""
    for r in results:
        paths = [p.image_path for p in r.pages] + [f.evidence for f in r.findings if f.evidence]
        for rel in paths:
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_bytes(b"\xff\xd8\xff\xd9")


class _Collector(HTMLParser):
    """Collects links, and the cell texts of the rows of tables with a given id or class."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for key in ("href", "src"):
            if a.get(key):
                self.links.append(a[key] or "")
        if tag == "table":
            self._table = a.get("id") or a.get("class") or ""
            self.tables.setdefault(self._table, [])
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._row is not None and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8"))
    return c


@pytest.fixture()
def report(tmp_path: Path) -> tuple[Path, list[ApplicantResult]]:
    results, forms = _results()
    _touch_images(tmp_path, results)
    index = write_report(
        tmp_path, WINDOW, results, forms, versions={"certcheck": "0.1.0", "rapidocr": "3.10.0"}
    )
    return index, results


def test_index_lists_review_applicants_first_by_problem_count(report: tuple) -> None:
    index, _ = report
    assert index == index.parent.parent / "report" / "index.html"
    rows = [r for r in _parse(index).tables["list"] if r[0] != "报名序列号"]
    order = [r[0] for r in rows]
    assert order == [
        "2026120000004",
        "2026120000002",
        "2026120000003",
        "2026120000005",
        "2026120000001",
        "2026120000006",
    ]
    assert [r[2] for r in rows] == ["需人工审核"] * 4 + ["自动通过"] * 2
    assert [r[3] for r in rows] == ["3", "2", "1", "1", "0", "0"]
    assert rows[2][1] == "（无报名信息）"
    assert rows[3][1] == SCRIPT_NAME  # the parser unescapes: the text is shown as typed
    assert rows[0][1] == "阿卜杜拉·买买提" and rows[5][1] == "王?明"


def test_index_counts_by_verdict_and_finding_type(report: tuple) -> None:
    index, _ = report
    text = index.read_text(encoding="utf-8")
    assert re.search(r'class="num">4</div><div>需人工审核', text)
    assert re.search(r'class="num">2</div><div>自动通过', text)
    assert "2026年医师资格考试 · 天津市 报名材料审核报告" in text
    assert "2026-01-31" in text  # the reference date
    assert "rapidocr 3.10.0" in text  # versions in the footer
    types = {tuple(r) for r in _parse(index).tables["types"]}
    assert ("身份证人像面", "姓名", "不一致", "2", "2") in types
    assert ("毕业证书", "是否上传", "缺少材料", "1", "1") in types
    assert ("报名信息", "报名信息行", "缺少材料", "1", "1") in types
    assert ("身份证国徽面", "有效期", "已过期", "1", "1") in types
    assert ("报名照片", "文件", "无效", "1", "1") in types
    assert ("身份证人像面", "姓名", "无法识别", "1", "1") in types
    assert ("身份证人像面", "方向", "通过", "3", "3") in types  # passes, folded in <details>
    assert ("身份证人像面", "姓名", "通过", "2", "2") in types


def test_every_applicant_gets_a_page_with_form_and_findings(report: tuple) -> None:
    index, results = report
    pages = index.parent / "applicants"
    for r in results:
        assert (pages / f"{r.applicant_id}.html").is_file()

    page = (pages / "2026120000002.html").read_text(encoding="utf-8")
    parsed = _parse(pages / "2026120000002.html")
    form = dict(r for r in parsed.tables["form"] if len(r) == 2)
    assert form["姓名"] == "张三" and form["报考类别"] == "临床 执业医师（110）"
    assert form["工作单位"] == "天津市第一中心医院" and form["在岗情况"] == "试用期"
    problems = parsed.tables["findings"][1:3]
    assert problems[0][:7] == [
        "身份证人像面a.jpg",
        "姓名",
        "张三",
        "张山",
        "93%",
        "不一致",
        "身份证姓名与报名表不一致",
    ]
    assert problems[1][:2] == ["毕业证书", "是否上传"]
    assert 'src="../../evidence/2026120000002/id_front_name.jpg"' in page
    assert 'src="../../pages/2026120000002/id_front_0.jpg"' in page
    assert "已自动旋转校正 90°" in page
    # problems come before the uploaded materials, passes are folded away under each slot
    assert page.index("需人工审核的问题") < page.index("上传材料") < page.index("<details>")

    no_form = (pages / "2026120000003.html").read_text(encoding="utf-8")
    assert "没有找到该考生" in no_form and "报名信息中没有该考生" in no_form


def test_values_are_escaped_and_kept_as_typed(report: tuple) -> None:
    index, _ = report
    for path in [index, *sorted((index.parent / "applicants").glob("*.html"))]:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>x</b>" not in text, path
    page = (index.parent / "applicants" / "2026120000005.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt; &amp; y" in page
    assert "阿卜杜拉·买买提" in (index.parent / "applicants" / "2026120000004.html").read_text(
        encoding="utf-8"
    )
    assert "王?明" in (index.parent / "applicants" / "2026120000006.html").read_text(
        encoding="utf-8"
    )


def test_links_are_relative_and_resolve(report: tuple) -> None:
    index, _ = report
    files = [*sorted(index.parent.glob("*.html")), *sorted(index.parent.glob("applicants/*"))]
    assert len(files) > 6 + 6  # index, a list per problem type, a page per applicant
    checked = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text  # nothing from the network
        assert "<script>alert" not in text and "<b>x</b>" not in text
        for link in _parse(path).links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc and not link.startswith("/"), link
            if not parts.path:  # "#fragment" within the page
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_file(), (path.name, link)
            checked += 1
    assert checked > 20


def test_odd_ids_stay_inside_the_report_folder(tmp_path: Path) -> None:
    odd = ["../../etc/passwd", "a b/c", "张三", ".hidden", ""]
    results = [ApplicantResult(aid, (_finding(aid, "form", "line", "invalid"),)) for aid in odd]
    index = write_report(tmp_path, WindowInfo(root=""), results, {})
    pages = index.parent / "applicants"
    names = {applicant_page_name(aid) for aid in odd}
    assert len(names) == len(odd)
    assert {p.name for p in pages.iterdir()} == names
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    assert applicant_page_name("2026120000017") == "2026120000017.html"
    for link in _parse(index).links:
        if not link.startswith("#"):
            assert (index.parent / unquote(link)).resolve().is_file(), link


def test_empty_window(tmp_path: Path) -> None:
    index = write_report(tmp_path, WindowInfo(root=""), [], {})
    text = index.read_text(encoding="utf-8")
    assert "没有需要人工审核的问题" in text and re.search(r'class="num">0</div><div>考生合计', text)


def test_problem_type_lists_show_form_and_read_values(report: tuple) -> None:
    index, _ = report
    links = [link for link in _parse(index).links if link.startswith("type-")]
    assert len(links) == 6  # one per problem type in the overview, none for passes
    name_mismatch = index.parent / links[1]  # form first, then 身份证人像面 · 姓名 · 不一致
    assert "身份证人像面 · 姓名 · 不一致（2 条）" in name_mismatch.read_text(encoding="utf-8")
    rows = [r for r in _parse(name_mismatch).tables["list"] if r[0] != "报名序列号"]
    assert [r[:6] for r in rows] == [
        ["2026120000002", "张三", "a.jpg", "张三", "张山", "93%"],
        ["2026120000005", SCRIPT_NAME, "a.jpg", SCRIPT_NAME, "<b>x</b> & y", "80%"],
    ]


def test_long_lists_are_split_into_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report_module, "PAGE_ROWS", 4)
    results, forms = _results()
    extra = [
        ApplicantResult(f"20261300000{i:02d}", (_finding(f"20261300000{i:02d}", "photo", "file"),))
        for i in range(5)
    ]
    index = write_report(tmp_path, WINDOW, results + extra, forms)
    order = []
    for name in ("index.html", "list-2.html", "list-3.html"):
        parsed = _parse(index.parent / name)
        order += [r[0] for r in parsed.tables["list"] if r[0] != "报名序列号"]
        assert "第 " in (index.parent / name).read_text(encoding="utf-8")  # the pager
    assert not (index.parent / "list-4.html").exists()
    assert order[:4] == ["2026120000004", "2026120000002", "2026120000003", "2026120000005"]
    assert len(order) == 11 and len(set(order)) == 11
    assert re.search(r'class="num">11</div><div>考生合计', index.read_text(encoding="utf-8"))

    monkeypatch.setattr(report_module, "PAGE_ROWS", 2000)  # a rerun into the same OUT
    write_report(tmp_path, WINDOW, results, forms)
    assert not (index.parent / "list-2.html").exists()


def test_a_duplicated_id_keeps_both_pages(tmp_path: Path) -> None:
    aid = "2026120000009"
    results = [
        ApplicantResult(aid, (_finding(aid, "photo", "file", message="第一份"),)),
        ApplicantResult(aid, (_finding(aid, "photo", "file", "invalid", message="第二份"),)),
    ]
    index = write_report(tmp_path, WINDOW, results, {})
    links = {link for link in _parse(index).links if link.startswith("applicants/")}
    assert len(links) == 2
    texts = [(index.parent / link).read_text(encoding="utf-8") for link in sorted(links)]
    assert sorted("第一份" in t for t in texts) == [False, True]
    assert sorted("第二份" in t for t in texts) == [False, True]


def test_index_lists_names_with_a_question_mark_for_the_regions_report(report: tuple) -> None:
    # 002: the region collects names with "?" and completes them with the national centre
    index, _ = report
    rows = _parse(index).tables["untyped"]
    assert rows[0] == ["考生", "报名表姓名", "材料上识别的姓名"]
    assert rows[1:] == [["2026120000006", "王?明", "身份证人像面：王玥明"]]


def test_markup_anywhere_is_escaped(tmp_path: Path) -> None:
    # autoescape covers every value a page shows, not only names: window, versions, files,
    # readings, notes, form fields
    evil = "<script>x()</script> & <i>"
    aid = "2026120000010"
    window = WindowInfo(root=f"/data/{evil}", name=evil, region="A&B", closes=date(2026, 1, 31))
    finding = _finding(
        aid,
        "diploma",
        "school",
        "mismatch",
        file=f"uploads/{aid}/diploma/<i>&.jpg",
        expected=evil,
        observed="R&D <b>",
        message=evil,
    )
    form = _form(aid, "王?明")
    form = dataclasses.replace(form, work_unit=evil)
    results = [ApplicantResult(aid, (finding,))]
    index = write_report(tmp_path, window, results, {aid: form}, versions={evil: "1.0 & up"})
    pages = sorted(index.parent.glob("*.html")) + sorted(index.parent.glob("applicants/*.html"))
    assert len(pages) == 3
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "<script>x()" not in text and "<i>" not in text and "<b>" not in text, path
        assert re.search(r"&(?!amp;|lt;|gt;|#3[49];|quot;)", text) is None, path  # bare "&"
    index_text = index.read_text(encoding="utf-8")
    assert "&lt;script&gt;x()&lt;/script&gt; &amp; &lt;i&gt;" in index_text  # title, footer
    assert "A&amp;B" in index_text and "1.0 &amp; up" in index_text
    page = (index.parent / "applicants" / f"{aid}.html").read_text(encoding="utf-8")
    assert "R&amp;D &lt;b&gt;" in page
    parsed = _parse(index.parent / "applicants" / f"{aid}.html")
    assert dict(r for r in parsed.tables["form"] if len(r) == 2)["工作单位"] == evil
    assert parsed.tables["findings"][1][:4] == ["毕业证书<i>&.jpg", "毕业学校", evil, "R&D <b>"]


def test_stylesheet_and_script_are_written_beside_the_report(report: tuple) -> None:
    index, _ = report
    static = index.parent / "static"
    for name in report_module.STATIC_FILES:
        package_copy = Path(report_module.__file__).parent / "static" / name
        assert (static / name).read_bytes() == package_copy.read_bytes()
    assert "@media print" in (static / "report.css").read_text(encoding="utf-8")
    pages = ["index.html", "type-1.html", "applicants/2026120000001.html"]
    for path in [index.parent / name for name in pages]:
        text = path.read_text(encoding="utf-8")
        assert "<style" not in text  # nothing inlined: one shared stylesheet and script
        links = [link for link in _parse(path).links if "static/" in link]
        assert sorted(Path(link).name for link in links) == ["report.css", "report.js"], path
        assert all((path.parent / link).resolve().is_file() for link in links)


def test_templates_fail_on_an_undefined_name() -> None:
    env = report_module.environment()
    names = env.list_templates()
    assert {"base.html", "report/index.html", "report/list.html", "report/applicant.html"} <= set(
        names
    )
    for name in names:
        env.get_template(name)  # every template compiles
    assert env.get_template("base.html").render(static="/static/").count("/static/report.") == 2
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("base.html").render()  # `static` forgotten
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ a.no_such_field }}").render(a=report_module.PagerItem(1, None))
    # autoescape is on for .html templates, so a value is never trusted as markup
    macros = env.get_template("report/_macros.html").module
    assert str(macros.text("<b>")) == "&lt;b&gt;"  # type: ignore[attr-defined]
