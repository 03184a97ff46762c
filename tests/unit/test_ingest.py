"""applicants.jsonl lines and window.toml: bad lines are findings, a bad window.toml raises."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import ApplicantForm, Assistant, Finding
from stages.ingest import is_blank, parse_applicant_line, parse_applicants, parse_window_toml

RUN = date(2026, 3, 5)

FULL = {
    "applicant_id": "2026120000017",
    "name": "欧阳晓彧",
    "id_type": "resident_id",
    "id_number": "120101199701257467",
    "gender": "女",
    "birth_date": "1997-01-25",
    "ethnicity": "汉族",
    "exam": {"code": "110", "category": "临床", "level": "执业医师"},
    "education": {
        "level": "本科",
        "school": "天津医科大学",
        "major": "临床医学",
        "graduation": "2020-06",
        "diploma_number": "100621202005001234",
        "study_mode": "全日制",
    },
    "work_unit": "天津市第一中心医院",
    "duty_status": "试用期",
    "region": "天津市",
    "site": "和平区",
    "phone": "13800000000",
    "wechat": "unknown key, kept",
}


def test_full_line() -> None:
    form = parse_applicant_line(json.dumps(FULL, ensure_ascii=False), 3)
    assert isinstance(form, ApplicantForm)
    assert form.applicant_id == "2026120000017"
    assert form.name == "欧阳晓彧"
    assert form.exam.category == "临床" and form.exam.level == "执业医师"
    assert form.education.graduation == "2020-06"
    assert form.education.diploma_number == "100621202005001234"
    assert form.assistant is None
    assert form.line_no == 3
    raw = json.loads(form.raw)
    assert raw["wechat"] == "unknown key, kept" and raw["phone"] == "13800000000"


def test_bom_numbers_and_assistant() -> None:
    obj = {
        "applicant_id": 2026120000018,
        "id_number": 120101199701257467,
        "assistant": {"qualification_number": "2019121101201011997012574", "practice_number": ""},
        "exam": "not an object",
    }
    form = parse_applicant_line("\ufeff" + json.dumps(obj) + "\r\n", 1)
    assert isinstance(form, ApplicantForm)
    assert form.applicant_id == "2026120000018"
    assert form.id_number == "120101199701257467"
    assert isinstance(form.assistant, Assistant)
    assert form.assistant.qualification_number == "2019121101201011997012574"
    assert form.exam.code == ""
    assert json.loads(form.raw)["exam"] == "not an object"
    empty_assistant = parse_applicant_line('{"applicant_id": "1", "assistant": {}}', 1)
    assert isinstance(empty_assistant, ApplicantForm) and empty_assistant.assistant is None


@pytest.mark.parametrize(
    ("line", "applicant_id", "fragment"),
    [
        ('{"applicant_id": "2026120000019", "name": "张三",', "2026120000019", "JSON"),
        ("not json at all", "line-4", "JSON"),
        ('["applicant_id", "1"]', "line-4", "对象"),
        ('"applicant_id": "2026120000020"', "2026120000020", "JSON"),
        ('"just a string"', "line-4", "对象"),
        ('{"name": "张三"}', "line-4", "applicant_id"),
        ('{"applicant_id": "  ", "name": "张三"}', "line-4", "applicant_id"),
        ('{"applicant_id": null}', "line-4", "applicant_id"),
        ('{"applicant_id": true}', "line-4", "applicant_id"),
        ('{"applicant_id": ["1"]}', "line-4", "applicant_id"),
    ],
)
def test_malformed_lines(line: str, applicant_id: str, fragment: str) -> None:
    result = parse_applicant_line(line, 4)
    assert isinstance(result, Finding)
    assert result.applicant_id == applicant_id
    assert (result.slot, result.field, result.status) == ("form", "line", "invalid")
    assert fragment in result.message and "第4行" in result.message


def test_blank_lines_are_skipped() -> None:
    assert is_blank("") and is_blank("  \t") and is_blank("\ufeff") and not is_blank("{}")
    lines = ["\ufeff" + json.dumps({"applicant_id": "1"}), "", "   ", '{"applicant_id": "2"}', "{"]
    out = list(parse_applicants(lines))
    assert [type(x).__name__ for x in out] == ["ApplicantForm", "ApplicantForm", "Finding"]
    assert isinstance(out[1], ApplicantForm) and out[1].line_no == 4
    assert isinstance(out[2], Finding) and out[2].applicant_id == "line-5"
    # a blank line handed over anyway is reported, not dropped
    assert isinstance(parse_applicant_line("", 9), Finding)


def test_window_toml_dates_and_strings() -> None:
    info = parse_window_toml(
        'window = "2026 春季"\nregion = "天津市"\nopens = 2026-01-05\ncloses = "2026-02-28"\n',
        "/w",
        RUN,
    )
    assert (info.root, info.name, info.region) == ("/w", "2026 春季", "天津市")
    assert (info.opens, info.closes, info.run_date) == (date(2026, 1, 5), date(2026, 2, 28), RUN)
    assert info.reference_date == date(2026, 2, 28)


def test_window_toml_empty_uses_run_date() -> None:
    info = parse_window_toml("", "/w", RUN)
    assert info.closes is None and info.reference_date == RUN
    assert parse_window_toml("\ufeffcloses = 2026-02-28T12:00:00\n", "/w", RUN).closes == date(
        2026, 2, 28
    )


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("closes = ", "not valid TOML"),
        ('closes = "2026-02-30"', "closes"),
        ('closes = "28/02/2026"', "YYYY-MM-DD"),
        ("closes = 20260228", "closes"),
        ("region = 12", "region"),
        ("opens = 2026-03-01\ncloses = 2026-02-28", "after"),
    ],
)
def test_window_toml_errors(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=fragment):
        parse_window_toml(text, "/w", RUN)


@given(st.text(max_size=80))
def test_any_line_is_a_form_or_a_finding(line: str) -> None:
    result = parse_applicant_line(line, 1)
    assert isinstance(result, ApplicantForm | Finding)


# -- issue 16: an id is data, never a path; implausible reference dates -------------------


@pytest.mark.parametrize(
    ("applicant_id", "fragment"),
    [
        ("/../../../../tmp/x", "斜杠"),
        ("a/b", "斜杠"),
        ("a\\b", "斜杠"),
        ("a\x00b", "控制字符"),
        ("a\nb", "控制字符"),
        ("\u202e123", "控制字符"),
        ("\ud800", "控制字符"),
        (".", "“.”"),
        ("..", "“.”"),
        (" 2026120000017", "空白"),
        ("2026120000017 ", "空白"),
        ("2026120000017\u3000", "空白"),
        ("1" * 65, "过长"),
    ],
)
def test_an_id_that_cannot_name_a_folder_is_a_finding_for_its_line(
    applicant_id: str, fragment: str
) -> None:
    line = json.dumps({**FULL, "applicant_id": applicant_id})
    result = parse_applicant_line(line, 7)
    assert isinstance(result, Finding), result
    assert result.applicant_id == "line-7"  # its own row, never the id as a path
    assert (result.slot, result.field, result.status) == ("form", "line", "invalid")
    assert result.check == "form.line.applicant_id"
    assert fragment in result.message and "第7行" in result.message
    assert result.observed and "\x00" not in result.observed and "\n" not in result.observed
    json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8")  # writable as it is


def test_ordinary_ids_are_kept_as_typed() -> None:
    for applicant_id in ("2026120000017", "A-17", "张三01", "x" * 64):
        form = parse_applicant_line(json.dumps({**FULL, "applicant_id": applicant_id}), 1)
        assert isinstance(form, ApplicantForm) and form.applicant_id == applicant_id


def test_a_lone_surrogate_anywhere_makes_the_line_a_finding() -> None:
    line = json.dumps({**FULL, "name": "张\ud800"})  # ascii-escaped: "\\ud800"
    result = parse_applicant_line(line, 3)
    assert isinstance(result, Finding) and result.applicant_id == "2026120000017"
    json.dumps(result.to_json(), ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("closes = 0001-01-01", "closes"),
        ("closes = 9999-12-31", "closes"),
        ("opens = 1999-12-31", "opens"),
        ("opens = 2028-03-06", "opens"),
    ],
)
def test_an_implausible_date_names_its_key(text: str, key: str) -> None:
    with pytest.raises(ValueError, match=f"{key} = .* implausible"):
        parse_window_toml(text, "/w", RUN)


def test_plausible_dates_at_the_bounds() -> None:
    info = parse_window_toml("opens = 2000-01-01\ncloses = 2028-03-05", "/w", RUN)
    assert (info.opens, info.closes) == (date(2000, 1, 1), date(2028, 3, 5))
    leap = parse_window_toml("closes = 2026-02-28", "/w", date(2024, 2, 29))
    assert leap.closes == date(2026, 2, 28)
