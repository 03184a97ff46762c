"""Cross-check what was read off a material against the applicant's form.

Three outcomes, never more certain than the evidence: `pass` when the reading supports the
form's value, `mismatch` only when the reading is confident, well-formed and different, and
`unreadable` otherwise. A disagreement first gets a second look (a re-read of the field's crop
by the caller) so that one misread character does not send an applicant to review.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from models import FIELD_LABELS, SLOT_LABELS, ApplicantForm, Finding, Reading, Rules, Status

from . import idnumber, names, textnorm
from .dates import months_between, parse_date, parse_year_month

#: A reading at least this confident, well-formed and different from the form is a mismatch.
MISMATCH_CONFIDENCE = 0.85

LEVEL_CODES = {
    "01": "博士研究生",
    "02": "硕士研究生",
    "04": "第二学士学位",
    "05": "本科",
    "06": "专科",
}
FORM_LEVEL_CODES = {
    "研究生": {"01", "02"},
    "本科": {"05", "04"},
    "专科": {"06"},
    "大专": {"06"},
}

SecondLook = Callable[[Reading], Reading | None]


@dataclass(frozen=True, slots=True)
class Context:
    form: ApplicantForm
    slot: str
    file: str
    reference_date: date
    rules: Rules
    #: characters the recogniser can produce; None when unknown (every character assumed)
    charset: frozenset[str] | None = None


def _finding(
    ctx: Context,
    field: str,
    status: Status,
    expected: str | None,
    observed: str | None,
    confidence: float | None,
    message: str,
    check: str,
) -> Finding:
    return Finding(
        applicant_id=ctx.form.applicant_id,
        slot=ctx.slot,
        file=ctx.file,
        field=field,
        status=status,
        expected=expected,
        observed=observed,
        confidence=None if confidence is None else round(float(confidence), 4),
        message=message,
        check=check,
    )


def _strip_name(s: str) -> str:
    return textnorm.fold_variants(names.normalise_name(s).replace("·", ""))


def same_name(form_value: str, read: str) -> bool:
    """Names equal up to normalisation, variants and the optional `·`; `?` is one character."""
    return names.name_matches(_strip_name(form_value), _strip_name(read))


def unreadable_chars(form_value: str, charset: frozenset[str] | None) -> list[str]:
    """Characters of the form's name that the recogniser cannot output at all."""
    if charset is None:
        return []
    return [c for c in _strip_name(form_value) if c not in charset and c not in "?？"]


def _common(ch: str) -> bool:
    """A character the registration form can type (GB 2312): a `?` never stands for one."""
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def typable_at_unknowns(form_value: str, read: str) -> list[str]:
    """Characters read where the form has `?` that the form could have typed: the applicant's
    `?` says the real character is not one of them, so the reading cannot confirm the name."""
    f, r = _strip_name(form_value), _strip_name(read)
    if len(f) != len(r):
        return []
    return [rc for fc, rc in zip(f, r, strict=True) if fc in "?？" and _common(rc)]


def _name_with_rare(form_value: str, read: str, rare: list[str]) -> bool:
    """Equal once each character the engine cannot produce is allowed to be read as any one
    character: the engine substitutes a look-alike, which says nothing against the form."""
    wild = "".join("?" if c in rare else c for c in _strip_name(form_value))
    return names.name_matches(wild, _strip_name(read))


def _same_text(a: str, b: str) -> bool:
    return textnorm.comparable(a) == textnorm.comparable(b)


def _same_id(a: str, b: str) -> bool:
    return a.strip().upper() == b.strip().upper()


def _plausible(field: str, value: str) -> bool:
    """Is the reading well-formed enough that a difference means a different document?"""
    if field == "id_number":
        return idnumber.is_valid(value)
    if field == "diploma_number":
        return bool(re.fullmatch(r"\d{17,18}", value))
    if field == "name":
        return 2 <= len(names.normalise_name(value)) <= 20 and not names.name_problems(value)
    if field in ("birth_date",):
        return parse_date(value) is not None
    if field == "graduation":
        return parse_year_month(value) is not None
    return len(value.strip()) >= 2


def compare(
    ctx: Context,
    field: str,
    expected: str,
    reading: Reading | None,
    same: Callable[[str, str], bool],
    second_look: SecondLook | None = None,
) -> Finding:
    """The three-outcome comparison of one form value with one reading."""
    doc = SLOT_LABELS.get(ctx.slot, ctx.slot)
    label = FIELD_LABELS.get(field, field)
    check = f"{ctx.slot}.{field}"
    if not expected:
        return _finding(
            ctx,
            field,
            "pass",
            None,
            reading.value if reading else None,
            None,
            f"报名表未填写{label}，未核对{doc}上的{label}。",
            check + ".no_form_value",
        )
    if reading is None:
        return _finding(
            ctx,
            field,
            "unreadable",
            expected,
            None,
            None,
            f"未能在{doc}上识别出{label}，请人工核对。",
            check,
        )
    if same(expected, reading.value):
        common = typable_at_unknowns(expected, reading.value) if field == "name" else []
        if common:
            return _finding(
                ctx,
                field,
                "unreadable",
                expected,
                reading.value,
                reading.confidence * 0.5,
                f"报名表姓名中“?”处，{doc}上识别为常用字“{'、'.join(common)}”；"
                "“?”表示报名系统无法输入的字，请人工核对该字。",
                check + ".unknown_character",
            )
        return _finding(
            ctx,
            field,
            "pass",
            expected,
            reading.value,
            reading.confidence,
            f"{doc}上的{label}与报名表一致。",
            check,
        )
    rare = unreadable_chars(expected, ctx.charset) if field == "name" else []
    if rare and _name_with_rare(expected, reading.value, rare):
        chars = "、".join(rare)
        return _finding(
            ctx,
            field,
            "pass",
            expected,
            reading.value,
            reading.confidence * 0.8,
            f"{doc}上的{label}除生僻字“{chars}”（识别引擎无法输出）外与报名表一致。",
            check + ".rare_character",
        )
    if second_look is not None:
        again = second_look(reading)
        if again is not None and same(expected, again.value):
            return _finding(
                ctx,
                field,
                "pass",
                expected,
                again.value,
                again.confidence * 0.9,
                f"{doc}上的{label}经复核与报名表一致。",
                check + ".second_look",
            )
        if again is not None and again.value != reading.value:
            # the two reads disagree with each other: not confident enough for a mismatch
            return _finding(
                ctx,
                field,
                "unreadable",
                expected,
                reading.value,
                min(reading.confidence, again.confidence) * 0.5,
                f"{doc}上的{label}识别结果不稳定（“{reading.value}”/“{again.value}”），请人工核对。",
                check + ".unstable",
            )
    if reading.confidence >= MISMATCH_CONFIDENCE and _plausible(field, reading.value):
        return _finding(
            ctx,
            field,
            "mismatch",
            expected,
            reading.value,
            reading.confidence,
            f"{doc}上的{label}为“{reading.value}”，与报名表填写的“{expected}”不一致。",
            check,
        )
    return _finding(
        ctx,
        field,
        "unreadable",
        expected,
        reading.value,
        reading.confidence,
        f"{doc}上的{label}无法可靠识别（识别为“{reading.value}”），请人工核对。",
        check,
    )


def _validity(ctx: Context, reading: Reading | None, what: str) -> Finding:
    doc = SLOT_LABELS.get(ctx.slot, ctx.slot)
    ref = ctx.reference_date.isoformat()
    check = f"{ctx.slot}.validity"
    if reading is None:
        return _finding(
            ctx,
            "validity",
            "unreadable",
            f"有效期至 {ref} 或以后",
            None,
            None,
            f"未能识别{doc}的{what}，请人工核对。",
            check,
        )
    if reading.value == "长期":
        return _finding(
            ctx,
            "validity",
            "pass",
            f"有效期至 {ref} 或以后",
            "长期",
            reading.confidence,
            f"{doc}{what}为长期，有效。",
            check,
        )
    end = parse_date(reading.value)
    if end is None:
        return _finding(
            ctx,
            "validity",
            "unreadable",
            f"有效期至 {ref} 或以后",
            reading.value,
            reading.confidence,
            f"{doc}的{what}无法解析，请人工核对。",
            check,
        )
    if end >= ctx.reference_date:
        return _finding(
            ctx,
            "validity",
            "pass",
            f"有效期至 {ref} 或以后",
            reading.value,
            reading.confidence,
            f"{doc}在审核基准日 {ref} 仍在有效期内。",
            check,
        )
    status: Status = "expired" if reading.confidence >= MISMATCH_CONFIDENCE else "unreadable"
    return _finding(
        ctx,
        "validity",
        status,
        f"有效期至 {ref} 或以后",
        reading.value,
        reading.confidence,
        f"{doc}已于 {reading.value} 过期（审核基准日 {ref}）。"
        if status == "expired"
        else f"{doc}可能已过期（识别为 {reading.value}），请人工核对。",
        check,
    )


def _graduation_same(form_value: str, read: str) -> bool:
    return parse_year_month(form_value) == parse_year_month(read) is not None


def check_id_front(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    f = ctx.form
    yield compare(ctx, "name", f.name, r.get("name"), same_name, look)
    yield compare(ctx, "id_number", f.id_number, r.get("id_number"), _same_id, look)
    yield compare(ctx, "gender", f.gender, r.get("gender"), _same_text, look)
    yield compare(
        ctx,
        "birth_date",
        f.birth_date,
        r.get("birth_date"),
        lambda a, b: parse_date(a) == parse_date(b) is not None,
        look,
    )


def check_id_back(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    yield _validity(ctx, r.get("validity"), "有效期限")


def check_diploma(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    e = ctx.form.education
    yield compare(ctx, "name", ctx.form.name, r.get("name"), same_name, look)
    yield compare(ctx, "diploma_number", e.diploma_number, r.get("diploma_number"), _same_id, look)
    yield compare(ctx, "school", e.school, r.get("school"), _same_text, look)
    yield compare(ctx, "major", e.major, r.get("major"), _same_text, look)
    yield compare(ctx, "graduation", e.graduation, r.get("graduation"), _graduation_same, look)
    number = r.get("diploma_number")
    allowed = FORM_LEVEL_CODES.get(e.level)
    if number is not None and len(number.value) == 18 and allowed:
        code = number.value[10:12]
        ok = code in allowed
        yield _finding(
            ctx,
            "education_level",
            "pass" if ok else "mismatch",
            e.level,
            LEVEL_CODES.get(code, f"代码{code}"),
            number.confidence,
            f"证书编号第11–12位（{code}）表示的学历层次与报名表一致。"
            if ok
            else f"证书编号第11–12位为{code}（{LEVEL_CODES.get(code, '未知层次')}），"
            f"与报名表填写的学历“{e.level}”不符。",
            "diploma.education_level",
        )


def check_licence(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    yield compare(
        ctx, "work_unit", ctx.form.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    yield _validity(ctx, r.get("validity"), "有效期限")


def check_probation(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    f = ctx.form
    yield compare(ctx, "name", f.name, r.get("name"), same_name, look)
    yield compare(ctx, "id_number", f.id_number, r.get("id_number"), _same_id, look)
    yield compare(
        ctx, "work_unit", f.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    period = r.get("period")
    need = ctx.rules.probation_min_months
    if period is None:
        yield _finding(
            ctx,
            "period",
            "unreadable",
            f"不少于{need}个月",
            None,
            None,
            "未能识别试用期考核证明上的试用时间，请人工核对。",
            "probation_cert.period",
        )
    else:
        start_s, _, end_s = period.value.partition("/")
        start, end = parse_date(start_s), parse_date(end_s)
        months = months_between(start, end) if start and end else -1
        ok = months >= need
        status: Status = (
            "pass"
            if ok
            else (
                "invalid"
                if period.confidence >= MISMATCH_CONFIDENCE and months >= 0
                else "unreadable"
            )
        )
        yield _finding(
            ctx,
            "period",
            status,
            f"不少于{need}个月",
            f"{start_s} 至 {end_s}（{months}个月）",
            period.confidence,
            f"试用时间满{need}个月。"
            if ok
            else f"试用时间为{months}个月，不足{need}个月。"
            if status == "invalid"
            else "试用时间无法可靠识别，请人工核对。",
            "probation_cert.period",
        )
    result = r.get("result")
    if result is None:
        yield _finding(
            ctx,
            "result",
            "unreadable",
            "合格",
            None,
            None,
            "未能识别试用期考核结果，请人工核对。",
            "probation_cert.result",
        )
    else:
        text = textnorm.normalise(result.value)
        ok = text.startswith("合格")
        failed = "不合格" in text
        status = (
            "pass"
            if ok
            else (
                "invalid" if failed and result.confidence >= MISMATCH_CONFIDENCE else "unreadable"
            )
        )
        yield _finding(
            ctx,
            "result",
            status,
            "合格",
            result.value,
            result.confidence,
            "试用期考核结果为合格。"
            if ok
            else "试用期考核结果为不合格。"
            if status == "invalid"
            else "试用期考核结果无法可靠识别，请人工核对。",
            "probation_cert.result",
        )


CHECKS: dict[
    str, Callable[[Context, Mapping[str, Reading], SecondLook | None], Iterator[Finding]]
] = {
    "id_front": check_id_front,
    "id_back": check_id_back,
    "diploma": check_diploma,
    "licence": check_licence,
    "probation_cert": check_probation,
}


def crosscheck(
    ctx: Context, readings: Mapping[str, Reading], second_look: SecondLook | None = None
) -> Iterator[Finding]:
    fn = CHECKS.get(ctx.slot)
    if fn is not None:
        yield from fn(ctx, readings, second_look)
