"""Checks of the online form (报名信息) on its own, before any upload is read.

One Finding per check that ran, passes included (CONTRACT §3), slot "form", no file. The form
is what the applicant typed, so confidence is 1.0; messages are one Chinese sentence for a
reviewer who does not know what a checksum is.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from datetime import date
from typing import NamedTuple

from models import ID_TYPE_LABELS, ApplicantForm, Finding, Rules, Status, checks
from stages import idnumber
from stages.certnumbers import qualification_problems
from stages.dates import parse_year_month
from stages.names import UNTYPABLE, name_problems

#: The form's own checks (models.checks registry).
for _id in (
    "form.birth_date.age",
    "form.birth_date.format",
    "form.birth_date.matches_id",
    "form.eligibility.local_graduate",
    "form.gender.matches_id",
    "form.gender.value",
    "form.graduation.format",
    "form.graduation.not_future",
    "form.id_number.birth_code",
    "form.id_number.checksum",
    "form.id_number.format",
    "form.id_number.unchecked",
    "form.id_type.known",
    "form.name.format",
    "form.practice_number",
    "form.qualification_number",
    "form.registration.cutoff",
):
    checks.register(_id)

MENTORSHIP_LEVEL = "师承或确有专长"
CURRENT_GRADUATE = "当年毕业研究生"

_BIRTH_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_GRAD_RE = re.compile(r"[0-9]{4}-[0-9]{2}")


def _finding(
    form: ApplicantForm,
    field: str,
    status: Status,
    expected: str | None,
    observed: str | None,
    message: str,
    check: str,
    confidence: float | None = 1.0,
) -> Finding:
    return checks.finding(
        checks.get(check),
        applicant_id=form.applicant_id,
        slot="form",
        file=None,
        field=field,
        status=status,
        expected=expected,
        observed=observed,
        confidence=confidence,
        message=message,
    )


def age_on(born: date, on: date) -> int:
    """Completed years of age on a day (a birthday counts on the day itself)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _iso(d: date) -> str:
    return d.isoformat()


class _IdFacts(NamedTuple):
    """What the id number says about its holder, for the checks that compare the form with it.

    `birth` is the birth date the number encodes when that is a real date; `fully_valid`
    says the number passed every check, so its date is the one the age is counted from.
    """

    birth: date | None = None
    sex: str | None = None
    fully_valid: bool = False


def check_form(form: ApplicantForm, rules: Rules, reference_date: date) -> Iterator[Finding]:
    """Every form check, in a stable order: name, id number, gender, birth date, graduation."""
    yield _check_name(form)
    id_facts = yield from _check_id(form, reference_date)
    yield from _check_gender(form, id_facts.sex)
    birth = yield from _check_birth_date(form, reference_date, id_facts.birth)
    age_birth, source = _age_basis(id_facts, birth, reference_date)
    if age_birth is not None:
        yield _check_age(form, rules, reference_date, age_birth, source)

    yield from _check_graduation(form, reference_date)
    if form.assistant is not None:
        yield from _check_assistant(form, rules)
    yield from _check_local_graduate(form, rules)


def _check_id(form: ApplicantForm, reference_date: date) -> Generator[Finding, None, _IdFacts]:
    """The id type and number; returns what a resident id number says about its holder.

    Only a 居民身份证 number has a format the system can check (and a birth date and sex to
    compare the form with); other documents' numbers are only required to be there.
    """
    id_type = form.id_type.strip()
    number = form.id_number.strip()
    if id_type not in ("", "resident_id") and id_type not in ID_TYPE_LABELS:
        yield _finding(
            form, "id_number", "invalid", "/".join(ID_TYPE_LABELS), form.id_type,
            f"证件类型「{form.id_type}」不是报名系统可选的证件类型。", "form.id_type.known",
        )  # fmt: skip
    elif id_type not in ("", "resident_id"):
        label = ID_TYPE_LABELS[id_type]
        if not number:
            yield _finding(
                form, "id_number", "invalid", None, form.id_number,
                f"证件类型为{label}，但报名表未填写证件号码。", "form.id_number.format",
            )  # fmt: skip
        else:
            yield _finding(
                form, "id_number", "pass", None, form.id_number,
                f"证件类型为{label}，系统不校验其号码格式，请以证件为准核对。",
                "form.id_number.unchecked", confidence=None,
            )  # fmt: skip
    else:
        parsed = idnumber.parse(form.id_number, today=reference_date)
        yield from _check_resident_id(form, parsed, reference_date)
        if isinstance(parsed, idnumber.IdParts):
            return _IdFacts(parsed.birth_date, parsed.sex, True)
        return _IdFacts(parsed.birth_date, parsed.sex)
    return _IdFacts()


def _check_gender(form: ApplicantForm, id_sex: str | None) -> Iterator[Finding]:
    """The gender's value, then (when both are known) whether the id number agrees with it."""
    gender = form.gender.strip()
    gender_ok = gender in ("男", "女")
    if gender_ok:
        yield _finding(
            form, "gender", "pass", "男/女", form.gender,
            f"性别填写为「{gender}」，格式正确。", "form.gender.value",
        )  # fmt: skip
    else:
        msg = (
            "报名表未填写性别。"
            if not gender
            else f"性别应填写「男」或「女」，报名表填写为「{form.gender}」。"
        )
        yield _finding(form, "gender", "invalid", "男/女", form.gender, msg, "form.gender.value")
    if gender_ok and id_sex is not None:
        if gender == id_sex:
            yield _finding(
                form, "gender", "pass", gender, id_sex,
                f"报名表性别「{gender}」与身份证号第17位一致。", "form.gender.matches_id",
            )  # fmt: skip
        else:
            yield _finding(
                form, "gender", "mismatch", gender, id_sex,
                f"报名表性别为「{gender}」，但身份证号第17位表示「{id_sex}」。",
                "form.gender.matches_id",
            )  # fmt: skip


def _check_birth_date(
    form: ApplicantForm, reference_date: date, id_birth: date | None
) -> Generator[Finding, None, date | None]:
    """The birth date's format, then whether the id number's date agrees; returns the form's
    birth date when it is a usable date (the age may be counted from it)."""
    form_birth = _check_birth_format(form, reference_date)
    yield form_birth[0]
    birth = form_birth[1]
    if birth is not None and id_birth is not None:
        if birth == id_birth:
            yield _finding(
                form, "birth_date", "pass", _iso(birth), _iso(id_birth),
                "报名表出生日期与身份证号中的出生日期一致。", "form.birth_date.matches_id",
            )  # fmt: skip
        else:
            yield _finding(
                form, "birth_date", "mismatch", _iso(birth), _iso(id_birth),
                f"报名表出生日期为{_iso(birth)}，但身份证号中的出生日期为{_iso(id_birth)}。",
                "form.birth_date.matches_id",
            )  # fmt: skip
    return birth


def _age_basis(
    id_facts: _IdFacts, birth: date | None, reference_date: date
) -> tuple[date | None, str]:
    """The birth date the age is counted from, and where it comes from (for the message).

    The number's date when the number is fully valid, else whatever date is usable.
    """
    if id_facts.fully_valid and id_facts.birth is not None:
        return id_facts.birth, "身份证号中的出生日期"
    if birth is not None:
        return birth, "报名表出生日期"
    if id_facts.birth is not None and id_facts.birth <= reference_date:
        return id_facts.birth, "身份证号中的出生日期"
    return None, ""


def _check_name(form: ApplicantForm) -> Finding:
    expected = "汉字（可含「·」与「?」）"
    problems = name_problems(form.name)
    if problems:
        shown = f"「{form.name}」" if form.name.strip() else ""
        return _finding(
            form, "name", "invalid", expected, form.name,
            f"报名表姓名{shown}不符合要求：{'，'.join(problems)}。", "form.name.format",
        )  # fmt: skip
    if any(q in form.name for q in UNTYPABLE):
        msg = f"姓名「{form.name.strip()}」中含有无法录入的字（?），需对照证件核对该字。"
    else:
        msg = f"姓名「{form.name.strip()}」格式符合要求。"
    return _finding(form, "name", "pass", expected, form.name, msg, "form.name.format")


def _check_resident_id(
    form: ApplicantForm, parsed: idnumber.IdParts | idnumber.IdProblem, reference_date: date
) -> Iterator[Finding]:
    typed = form.id_number
    fmt = "form.id_number.format"
    if isinstance(parsed, idnumber.IdProblem) and parsed.kind in (
        "empty", "length", "format", "legacy15",
    ):  # fmt: skip
        n = parsed.number
        if parsed.kind == "empty":
            msg = "报名表未填写身份证号。"
        elif parsed.kind == "length":
            msg = f"身份证号应为18位，报名表填写的号码为{len(n)}位。"
        elif parsed.kind == "format":
            msg = f"身份证号应为17位数字加1位数字或X，报名表填写的「{typed}」含有其他字符。"
        else:
            upgraded = ""
            if parsed.birth_date is not None:
                upgraded = f"（对应的18位号码应为{idnumber.upgrade15(n)}）"
            msg = f"报名表填写的是15位旧身份证号，应填写18位号码{upgraded}。"
        yield _finding(form, "id_number", "invalid", "18位居民身份证号", typed, msg, fmt)
        return
    number = parsed.number
    yield _finding(
        form, "id_number", "pass", "18位居民身份证号", typed, "身份证号为18位，格式正确。", fmt
    )
    expected_check = idnumber.check_char(number[:17])
    if expected_check == number[17]:
        yield _finding(
            form, "id_number", "pass", expected_check, number[17],
            "身份证号校验位正确。", "form.id_number.checksum",
        )  # fmt: skip
    else:
        yield _finding(
            form, "id_number", "invalid", expected_check, number[17],
            f"身份证号校验位错误：按前17位计算应为{expected_check}，报名表填写为{number[17]}。",
            "form.id_number.checksum",
        )  # fmt: skip
    code = number[6:14]
    born = idnumber.birth_date_of(code)
    check = "form.id_number.birth_code"
    if born is None:
        yield _finding(
            form, "id_number", "invalid", "有效日期", code,
            f"身份证号中的出生日期码「{code}」不是有效日期。", check,
        )  # fmt: skip
    elif born > reference_date:
        yield _finding(
            form, "id_number", "invalid", f"不晚于{_iso(reference_date)}", _iso(born),
            f"身份证号中的出生日期{_iso(born)}晚于审核基准日{_iso(reference_date)}。", check,
        )  # fmt: skip
    else:
        yield _finding(
            form, "id_number", "pass", "有效日期", _iso(born),
            "身份证号中的出生日期码是有效日期。", check,
        )  # fmt: skip


def _check_birth_format(form: ApplicantForm, reference_date: date) -> tuple[Finding, date | None]:
    typed = form.birth_date
    value = typed.strip()
    check = "form.birth_date.format"
    if not value:
        return _finding(
            form, "birth_date", "invalid", "YYYY-MM-DD", typed, "报名表未填写出生日期。", check
        ), None
    if not _BIRTH_RE.fullmatch(value):
        return _finding(
            form, "birth_date", "invalid", "YYYY-MM-DD", typed,
            f"出生日期应按YYYY-MM-DD格式填写，报名表填写为「{typed}」。", check,
        ), None  # fmt: skip
    try:
        born = date.fromisoformat(value)
    except ValueError:
        return _finding(
            form, "birth_date", "invalid", "YYYY-MM-DD", typed,
            f"报名表出生日期「{value}」不是有效日期。", check,
        ), None  # fmt: skip
    if born > reference_date:
        return _finding(
            form, "birth_date", "invalid", f"不晚于{_iso(reference_date)}", typed,
            f"报名表出生日期{value}晚于审核基准日{_iso(reference_date)}。", check,
        ), None  # fmt: skip
    return _finding(
        form, "birth_date", "pass", "YYYY-MM-DD", typed, "出生日期格式正确。", check
    ), born


def _check_age(
    form: ApplicantForm, rules: Rules, reference_date: date, born: date, source: str
) -> Finding:
    age = age_on(born, reference_date)
    expected = f"{rules.min_age}-{rules.max_age}"
    ref = _iso(reference_date)
    if rules.min_age <= age <= rules.max_age:
        return _finding(
            form, "birth_date", "pass", expected, str(age),
            f"按{source}计算，审核基准日{ref}时年龄为{age}岁，符合报考年龄要求。",
            "form.birth_date.age",
        )  # fmt: skip
    return _finding(
        form, "birth_date", "invalid", expected, str(age),
        f"按{source}计算，审核基准日{ref}时年龄为{age}岁，"
        f"不在{rules.min_age}至{rules.max_age}岁的报考范围内。",
        "form.birth_date.age",
    )  # fmt: skip


def _check_graduation(form: ApplicantForm, reference_date: date) -> Iterator[Finding]:
    typed = form.education.graduation
    value = typed.strip()
    check = "form.graduation.format"
    if not value:
        if form.education.level.strip() == MENTORSHIP_LEVEL:
            yield _finding(
                form, "graduation", "pass", None, typed,
                "学历为师承或确有专长，未填写毕业时间，不作核对。", check, confidence=None,
            )  # fmt: skip
        else:
            yield _finding(
                form, "graduation", "invalid", "YYYY-MM", typed, "报名表未填写毕业时间。", check
            )
        return
    month = int(value[5:7]) if _GRAD_RE.fullmatch(value) else 0
    if not 1 <= month <= 12:
        yield _finding(
            form, "graduation", "invalid", "YYYY-MM", typed,
            f"毕业时间应按YYYY-MM格式填写，报名表填写为「{typed}」。", check,
        )  # fmt: skip
        return
    yield _finding(form, "graduation", "pass", "YYYY-MM", typed, "毕业时间格式正确。", check)
    year = int(value[:4])
    ref = _iso(reference_date)
    check = "form.graduation.not_future"
    expected = f"不晚于{reference_date.year:04d}-{reference_date.month:02d}"
    if (year, month) <= (reference_date.year, reference_date.month):
        yield _finding(
            form, "graduation", "pass", expected, value,
            f"毕业时间{value}不晚于审核基准日{ref}。", check,
        )  # fmt: skip
    elif year == reference_date.year:
        yield _finding(
            form, "graduation", "pass", f"不晚于{reference_date.year}-12", value,
            f"考生为应届毕业生（毕业时间{value}在本年度内），须提交应届毕业生报考承诺书。", check,
        )  # fmt: skip
    else:
        yield _finding(
            form, "graduation", "invalid", expected, value,
            f"报名表毕业时间{value}晚于审核基准日{ref}。", check,
        )  # fmt: skip


def _check_assistant(form: ApplicantForm, rules: Rules) -> Iterator[Finding]:
    """The 执业助理医师 block: the 资格证书编码 must be the holder's, the 执业证书编码 15 digits,
    and the registration early enough for the exam year (《医师法》第九条)."""
    a = form.assistant
    assert a is not None
    if a.qualification_number:
        problems = qualification_problems(
            a.qualification_number, form.id_number, a.qualification_date
        )
        yield _finding(
            form, "qualification_number", "invalid" if problems else "pass",
            "年份+代码+本人身份证号", a.qualification_number,
            f"报名表资格证书编码{'；'.join(problems)}。" if problems
            else "报名表资格证书编码的年份与证件号码与本人信息一致。",
            "form.qualification_number",
        )  # fmt: skip
    if a.practice_number:
        ok = bool(re.fullmatch(r"[0-9]{15}", a.practice_number.strip()))
        yield _finding(
            form, "practice_number", "pass" if ok else "invalid", "15位数字", a.practice_number,
            "报名表执业证书编码格式正确。" if ok
            else f"报名表执业证书编码「{a.practice_number}」不是15位数字。",
            "form.practice_number",
        )  # fmt: skip
    level = form.education.level.strip()
    cutoff = dict(rules.registration_cutoffs).get(level)
    ym = parse_year_month(a.registration_date) if a.registration_date else None
    if cutoff and ym:
        last = date.fromisoformat(cutoff)
        ok = (ym[0], ym[1]) <= (last.year, last.month)
        yield _finding(
            form, "registration", "pass" if ok else "invalid", f"不晚于 {cutoff}",
            a.registration_date,
            f"执业注册时间{a.registration_date}符合{level}学历报考的注册时间要求。" if ok
            else f"执业注册时间{a.registration_date}晚于{level}学历报考{rules.exam_year}年执业医师"
            f"的注册截止日期{cutoff}。",
            "form.registration.cutoff",
        )  # fmt: skip


def _check_local_graduate(form: ApplicantForm, rules: Rules) -> Iterator[Finding]:
    """辽宁 (003 7(1)): 毕业当年报考的研究生仅限省内院校."""
    if not rules.local_graduate_schools or form.duty_status.strip() != CURRENT_GRADUATE:
        return
    school = form.education.school
    ok = any(word in school for word in rules.local_graduate_schools)
    region = rules.region or "本考区"
    yield _finding(
        form, "eligibility", "pass" if ok else "invalid", f"{region}内院校", school,
        f"毕业当年报考的研究生，毕业学校“{school}”为{region}内院校。" if ok
        else f"{region}毕业当年报考的研究生仅限省内院校，毕业学校“{school}”不在其列。",
        "form.eligibility.local_graduate",
    )  # fmt: skip


def malformed_line_finding(
    line_no: int, raw: str, error: str, applicant_id_guess: str | None
) -> Finding:
    """A line of applicants.jsonl that could not be read: the reviewer sees it, the run goes on.

    `error` is a short Chinese phrase saying what is wrong (e.g. "不是有效的JSON").
    """
    shown = raw if len(raw) <= 200 else raw[:200] + "…"
    return checks.finding(
        checks.FORM_LINE_PARSE,
        applicant_id=applicant_id_guess or f"line-{line_no}",
        slot="form",
        file=None,
        field="line",
        status="invalid",
        expected=None,
        observed=shown,
        confidence=1.0,
        message=f"applicants.jsonl第{line_no}行无法读取（{error}），该考生的报名信息需人工核对。",
    )
