"""Form checks: one finding per check that ran, passes included, each with a Chinese sentence."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models import ApplicantForm, Education, Finding, Rules
from stages.form_checks import age_on, check_form, malformed_line_finding
from stages.idnumber import check_char

REF = date(2026, 3, 1)
RULES = Rules()
GOOD_ID = "120101199701257467"  # 1997-01-25, sequence digit 6: female
CJK = re.compile(r"[\u4e00-\u9fff]")

GOOD = ApplicantForm(
    applicant_id="2026120000017",
    name="欧阳晓彧",
    id_type="resident_id",
    id_number=GOOD_ID,
    gender="女",
    birth_date="1997-01-25",
    education=Education(level="本科", graduation="2020-06"),
    duty_status="试用期",
)


def run(form: ApplicantForm = GOOD, rules: Rules = RULES, ref: date = REF) -> list[Finding]:
    return list(check_form(form, rules, ref))


def by_check(findings: list[Finding], check: str) -> Finding:
    matches = [f for f in findings if f.check == check]
    assert len(matches) == 1, (check, [f.check for f in findings])
    return matches[0]


def assert_well_formed(findings: list[Finding], typed_text_is_plain: bool = True) -> None:
    for f in findings:
        assert f.slot == "form" and f.file is None
        assert f.field in {"name", "id_number", "gender", "birth_date", "graduation"}
        assert f.check.startswith("form.")
        assert f.message and CJK.search(f.message), f
        assert f.message.endswith("。"), f.message
        if typed_text_is_plain:  # one sentence, unless the applicant typed a "。" themselves
            assert f.message.count("。") == 1, f.message
        assert f.confidence in (1.0, None)


def test_good_form_passes_every_check() -> None:
    findings = run()
    assert_well_formed(findings)
    assert all(f.status == "pass" for f in findings), [f for f in findings if f.needs_review]
    checks = [f.check for f in findings]
    assert checks == [
        "form.name.format",
        "form.id_number.format",
        "form.id_number.checksum",
        "form.id_number.birth_code",
        "form.gender.value",
        "form.gender.matches_id",
        "form.birth_date.format",
        "form.birth_date.matches_id",
        "form.birth_date.age",
        "form.graduation.format",
        "form.graduation.not_future",
    ]
    assert all(f.applicant_id == GOOD.applicant_id for f in findings)


@pytest.mark.parametrize(
    ("name", "status"),
    [("Zhang San", "invalid"), ("", "invalid"), ("·张三", "invalid"), ("王?", "pass")],
)
def test_name_check(name: str, status: str) -> None:
    f = by_check(run(replace(GOOD, name=name)), "form.name.format")
    assert f.field == "name" and f.status == status
    assert_well_formed([f])


def test_checksum_message_names_both_characters() -> None:
    bad = GOOD_ID[:17] + "3"
    findings = run(replace(GOOD, id_number=bad))
    assert_well_formed(findings)
    f = by_check(findings, "form.id_number.checksum")
    assert f.status == "invalid" and f.field == "id_number"
    assert (f.expected, f.observed) == ("7", "3")
    assert f.message == "身份证号校验位错误：按前17位计算应为7，报名表填写为3。"
    # the digits are still readable, so the cross-checks still run
    assert by_check(findings, "form.birth_date.matches_id").status == "pass"
    assert by_check(findings, "form.gender.matches_id").status == "pass"


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("", "未填写"),
        ("1201011997012574", "18位"),
        ("12010119970125746Y", "其他字符"),
        ("120101970125746", "15位"),
    ],
)
def test_id_format_problems(number: str, fragment: str) -> None:
    findings = run(replace(GOOD, id_number=number))
    assert_well_formed(findings)
    f = by_check(findings, "form.id_number.format")
    assert f.status == "invalid" and f.field == "id_number"
    assert fragment in f.message
    assert not [x for x in findings if x.check == "form.id_number.checksum"]


def test_legacy15_offers_the_upgrade() -> None:
    f = by_check(run(replace(GOOD, id_number="120101970125746")), "form.id_number.format")
    body = "12010119970125746"
    assert body + check_char(body) in f.message


def test_lower_case_x_is_fine() -> None:
    body = next(
        b for b in (f"12010119970125{n:03d}" for n in range(0, 1000, 2)) if check_char(b) == "X"
    )
    findings = run(replace(GOOD, id_number=body + "x"))
    assert by_check(findings, "form.id_number.checksum").observed == "X"
    assert all(f.status == "pass" for f in findings), [
        f.message for f in findings if f.needs_review
    ]


def test_birth_code_not_a_real_date() -> None:
    body = "12010119970230746"
    f = by_check(run(replace(GOOD, id_number=body + check_char(body))), "form.id_number.birth_code")
    assert f.status == "invalid" and "19970230" in f.message


def test_birth_code_in_the_future() -> None:
    body = "12010120260302746"
    findings = run(replace(GOOD, id_number=body + check_char(body), birth_date="2026-03-02"))
    assert_well_formed(findings)
    f = by_check(findings, "form.id_number.birth_code")
    assert f.status == "invalid" and "晚于" in f.message


def test_birth_date_mismatch() -> None:
    findings = run(replace(GOOD, birth_date="1997-01-26"))
    f = by_check(findings, "form.birth_date.matches_id")
    assert f.status == "mismatch" and f.field == "birth_date"
    assert (f.expected, f.observed) == ("1997-01-26", "1997-01-25")
    assert_well_formed(findings)


def test_gender_mismatch_and_bad_gender() -> None:
    f = by_check(run(replace(GOOD, gender="男")), "form.gender.matches_id")
    assert f.status == "mismatch" and f.field == "gender"
    assert (f.expected, f.observed) == ("男", "女")
    findings = run(replace(GOOD, gender="F"))
    assert by_check(findings, "form.gender.value").status == "invalid"
    assert not [x for x in findings if x.check == "form.gender.matches_id"]
    assert "未填写" in by_check(run(replace(GOOD, gender="")), "form.gender.value").message


@pytest.mark.parametrize(
    ("born", "status", "age"),
    [
        ("2008-03-01", "pass", "18"),  # eighteenth birthday on the reference date
        ("2008-03-02", "invalid", "17"),
        ("1950-03-02", "pass", "75"),
        ("1950-03-01", "invalid", "76"),
    ],
)
def test_age_limits(born: str, status: str, age: str) -> None:
    d = date.fromisoformat(born)
    body = f"120101{d:%Y%m%d}746"
    findings = run(replace(GOOD, id_number=body + check_char(body), birth_date=born))
    assert_well_formed(findings)
    f = by_check(findings, "form.birth_date.age")
    assert f.field == "birth_date" and f.status == status and f.observed == age
    assert f"{age}岁" in f.message


def test_age_uses_rules() -> None:
    f = by_check(run(rules=Rules(min_age=30)), "form.birth_date.age")
    assert f.status == "invalid" and "30" in f.message


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("1997/01/25", "YYYY-MM-DD"), ("1997-1-25", "YYYY-MM-DD"), ("1997-02-30", "有效日期"),
     ("", "未填写"), ("2027-01-01", "晚于")],
)  # fmt: skip
def test_birth_date_format(value: str, fragment: str) -> None:
    findings = run(replace(GOOD, birth_date=value))
    assert_well_formed(findings)
    f = by_check(findings, "form.birth_date.format")
    assert f.status == "invalid" and fragment in f.message
    assert not [x for x in findings if x.check == "form.birth_date.matches_id"]
    # the age is then taken from the (valid) id number
    assert by_check(findings, "form.birth_date.age").status == "pass"


@pytest.mark.parametrize(
    ("value", "status", "check"),
    [
        ("2020.06", "invalid", "form.graduation.format"),
        ("2020-6", "invalid", "form.graduation.format"),
        ("2020-13", "invalid", "form.graduation.format"),
        ("", "invalid", "form.graduation.format"),
        ("2026-03", "pass", "form.graduation.not_future"),
        ("2026-07", "pass", "form.graduation.not_future"),  # 应届: with the pledge (003)
        ("2027-01", "invalid", "form.graduation.not_future"),
    ],
)
def test_graduation(value: str, status: str, check: str) -> None:
    form = replace(GOOD, education=Education(level="本科", graduation=value))
    findings = run(form)
    assert_well_formed(findings)
    f = by_check(findings, check)
    assert f.status == status and f.field == "graduation"


def test_graduation_this_year_for_current_graduate_students() -> None:
    form = replace(
        GOOD,
        duty_status="当年毕业研究生",
        education=Education(level="研究生", graduation="2026-06"),
    )
    assert by_check(run(form), "form.graduation.not_future").status == "pass"
    form = replace(form, education=Education(level="研究生", graduation="2027-06"))
    assert by_check(run(form), "form.graduation.not_future").status == "invalid"


def test_mentorship_without_graduation() -> None:
    form = replace(GOOD, education=Education(level="师承或确有专长"))
    f = by_check(run(form), "form.graduation.format")
    assert f.status == "pass"


def test_other_id_types_are_not_checked_as_resident_ids() -> None:
    form = replace(GOOD, id_type="passport", id_number="E12345678")
    findings = run(form)
    assert_well_formed(findings)
    f = by_check(findings, "form.id_number.unchecked")
    assert f.status == "pass" and "护照" in f.message
    assert not [x for x in findings if x.check == "form.id_number.checksum"]
    assert not [x for x in findings if x.check == "form.gender.matches_id"]
    assert by_check(findings, "form.birth_date.age").status == "pass"
    empty = by_check(run(replace(form, id_number="")), "form.id_number.format")
    assert empty.status == "invalid"


def test_unknown_id_type() -> None:
    f = by_check(run(replace(GOOD, id_type="driver_licence")), "form.id_type.known")
    assert f.status == "invalid" and "driver_licence" in f.message


def test_region_code_never_rejected() -> None:
    body = "99999919970125746"  # no such region: still a valid number
    findings = run(replace(GOOD, id_number=body + check_char(body)))
    assert all(f.status == "pass" for f in findings)


def test_age_on() -> None:
    assert age_on(date(2000, 2, 29), date(2018, 2, 28)) == 17
    assert age_on(date(2000, 2, 29), date(2018, 3, 1)) == 18


def test_malformed_line_finding() -> None:
    f = malformed_line_finding(7, "{oops" * 100, "不是有效的JSON", None)
    assert f.applicant_id == "line-7"
    assert (f.slot, f.field, f.status, f.file) == ("form", "line", "invalid", None)
    assert f.observed is not None and len(f.observed) <= 201
    assert "第7行" in f.message and f.message.endswith("。")
    assert malformed_line_finding(3, "x", "空行", "2026001").applicant_id == "2026001"


form_text = st.one_of(
    st.text(max_size=20),
    st.text(alphabet="0123456789Xx-? ·张三", max_size=20),
)


@settings(max_examples=60)
@given(form_text, form_text, form_text, form_text, form_text, form_text)
def test_never_raises_and_always_well_formed(
    name: str, id_type: str, number: str, gender: str, born: str, graduation: str
) -> None:
    form = ApplicantForm(
        applicant_id="x",
        name=name,
        id_type=id_type,
        id_number=number,
        gender=gender,
        birth_date=born,
        education=Education(graduation=graduation),
    )
    findings = run(form)
    assert_well_formed(findings, typed_text_is_plain=False)
    assert len({f.check for f in findings}) == len(findings)
