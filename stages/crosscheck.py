"""Cross-check what was read off a material against the applicant's form.

Three outcomes, never more certain than the evidence: `pass` when the reading supports the
form's value, `mismatch` only when the reading is confident, well-formed and different, and
`unreadable` otherwise. A disagreement first gets a second look (a re-read of the field's crop
by the caller) so that one misread character does not send an applicant to review.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from models import FIELD_LABELS, SLOT_LABELS, ApplicantForm, Finding, Reading, Rules, Status

from . import idnumber, names, textnorm
from .certnumbers import qualification_problems
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
#: For each look at the reading's crop: log P(expected) − log P(what that look reads), with
#: the value that look reads in the field's place; None: no crop to score.
Support = Callable[[Reading, str], Sequence[tuple[float, str]] | None]

#: Stands for "any one character" in a text scored under the CTC output (no class has it:
#: see stages.ocr.ctc.log_prob).
WILDCARD = "\x00"

#: Fields whose reading is printed verbatim (not re-formatted), so the form's value can be
#: scored on the same crop in its place.
VERBATIM = {
    "name",
    "id_number",
    "diploma_number",
    "qualification_number",
    "practice_number",
    "school",
    "major",
    "work_unit",
}
#: The crop supports the form's value when it is at most this many nats less likely than the
#: reading (e^-1 ≈ 0.37 times as likely): two near-equal candidates, not a different text.
PASS_GAP = -1.0
#: The crop must favour the read text over the form's by this many nats (e^6 ≈ 400×) before a
#: confident, well-formed reading is called a mismatch; less than that is `unreadable`.
MISMATCH_GAP = 6.0


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
    return textnorm.fold_variants(_unfolded(s))


def _unfolded(s: str) -> str:
    return names.normalise_name(s).replace("·", "")


def same_name(form_value: str, read: str) -> bool:
    """Names equal up to normalisation, variants and the optional `·`; `?` is one character."""
    return names.name_matches(_strip_name(form_value), _strip_name(read))


def unreadable_chars(form_value: str, charset: frozenset[str] | None) -> list[str]:
    """Characters of the form's name that the recogniser cannot output at all."""
    if charset is None:
        return []
    return [c for c in _strip_name(form_value) if c not in charset and c not in "?？"]


def _common(ch: str) -> bool:
    """A common character (GB 2312): a `?` should not stand for one."""
    return names.rarity(ch) < 2


def typable_at_unknowns(form_value: str, read: str) -> list[str]:
    """Characters read where the form has `?` that the form could have typed: the applicant's
    `?` says the real character is not one of them, so they are likely look-alikes."""
    f, r = _strip_name(form_value), _strip_name(read)
    if len(f) != len(r):
        return []
    return [rc for fc, rc in zip(f, r, strict=True) if fc in "?？" and _common(rc)]


def chars_at_unknowns(form_value: str, read: str) -> list[str]:
    """The characters read where the form has `?` (for the message: the region completes
    such names, so the reviewer is shown the character the document prints)."""
    f, r = _unfolded(form_value), _unfolded(read)
    if len(f) != len(r):
        return []
    return [rc for fc, rc in zip(f, r, strict=True) if fc in "?？"]


#: Prior odds, in nats per step of rarity, for the form's character against the one read in
#: its place. The recogniser learned from text in which common characters are far more
#: frequent and leans to them, while an applicant types their own name on purpose: a rare
#: form character read as a common look-alike (赟 as 赞) is likely a misread, and a rarer
#: character read where the form has a common one (哓 for 晓) is likely really printed.
#: Rarity steps: GB 2312 level 1 (the 3,755 common characters), level 2, outside GB 2312.
PRIOR_PER_STEP = 1.5


def _subsequence(part: str, whole: str) -> bool:
    """Every character of `part` appears in `whole`, in order."""
    rest = iter(whole)
    return all(ch in rest for ch in part)


def _frequency_prior(field: str, form_value: str, read: str) -> float:
    """Log prior odds of the form's name against the reading, from the characters that differ
    (see PRIOR_PER_STEP); 0 where they do not pair up one to one or the form has a `?`."""
    if field != "name":
        return 0.0
    f, r = _strip_name(form_value), _strip_name(read)
    if len(f) != len(r) or any(c in "?？" for c in f):
        return 0.0
    steps = sum(
        names.rarity(fc) - names.rarity(rc) for fc, rc in zip(f, r, strict=True) if fc != rc
    )
    return PRIOR_PER_STEP * steps


#: A `?` of the form read as a common character looks like an untypable one when the
#: recogniser gave that character less than this share of the "a character is here"
#: probability: it was then reaching for a look-alike of something it cannot say (on
#: generated windows a printed common character takes 0.97 or more; untypable ones
#: 0.06-0.51). Either way the name passes; the share sets the confidence and the message.
QMARK_SHARE = 0.6


def _unknown_shares(
    expected: str, reading: Reading, second_look: SecondLook | None
) -> list[float] | None:
    """The share (see QMARK_SHARE) of each character read where the form has `?`."""
    share = getattr(second_look, "char_share", None)
    value = reading.value
    if share is None or _strip_name(value) != value:
        return None
    form = _strip_name(expected)
    if len(form) != len(value):
        return None
    out = []
    for i, ch in enumerate(form):
        if ch in "?？":
            got = share(reading, i)
            if got is None:
                return None
            out.append(got)
    return out or None


#: log P(alternative) − log P(what was read) on the crop a name finding was read from
#: (the kindest look); None: no crop to score.
Rescore = Callable[[Finding, str], float | None]


def unknown_characters_agree(
    findings: Sequence[Finding], rescore: Rescore | None = None
) -> list[Finding]:
    """The applicant's findings, with a name passed at a `?` sent to review when the common
    character read there with confidence (`.unknown_typable`) is read at that place on none
    of the applicant's other documents, and its crop clearly shows none of theirs either
    (`rescore`, by MISMATCH_GAP). A `?` stands for one character, the same on every
    document; an untypable character is read as the same look-alike, or as itself, or as
    one of a few look-alikes that its crop also supports (𬇙 as 贝, 测, 次), while a
    document showing a clearly different common character there may not be the
    applicant's."""
    # each name as compared (variants folded) and as the recogniser wrote it (for rescoring)
    reads = {
        id(f): (_strip_name(f.observed), _strip_name(f.expected), _unfolded(f.observed))
        for f in findings
        if f.field == "name" and f.slot != "form" and f.observed and f.expected
        if "?" in f.expected
    }

    def clearly_not(f: Finding, name: str) -> bool:
        """The finding's crop clearly favours what was read over `name` (no crop: no)."""
        gap = rescore(f, name) if rescore is not None else -math.inf
        return gap is not None and gap <= -MISMATCH_GAP

    out = []
    for f in findings:
        read, form, raw = reads.get(id(f), ("", "", ""))
        if (
            f.status != "pass"
            or not f.check.endswith(".unknown_typable")
            or not len(read) == len(raw) == len(form) > 0
        ):
            out.append(f)
            continue
        odd = []
        for i, ch in enumerate(form):
            if ch not in "?？":
                continue
            others = [
                (r[i], w[i])
                for k, (r, e, w) in reads.items()
                if k != id(f) and len(r) == len(e) == len(w) == len(form)
            ]
            elsewhere = [folded for folded, _ in others]
            if not elsewhere or read[i] in elsewhere:
                continue
            written = dict.fromkeys(w for _, w in others)
            if all(clearly_not(f, raw[:i] + other + raw[i + 1 :]) for other in written):
                odd.append((read[i], elsewhere))
        if not odd:
            out.append(f)
            continue
        ch, elsewhere = odd[0]
        seen = "”、“".join(dict.fromkeys(elsewhere))
        out.append(
            replace(
                f,
                status="unreadable",
                confidence=None if f.confidence is None else round(f.confidence * 0.5, 4),
                message=f"姓名“?”处在本材料上识别为常用字“{ch}”，而该申请人其他材料上此处识别为“{seen}”，"
                "不像同一个无法录入的生僻字，请人工核对本材料是否为本人材料。",
                check=f.check.removesuffix(".unknown_typable") + ".unknown_disagrees",
            )
        )
    return out


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
    if field == "qualification_number":
        return bool(re.fullmatch(r"[0-9]{23}[0-9X]|[0-9]{26}[0-9X]", value.upper()))
    if field == "practice_number":
        return bool(re.fullmatch(r"[0-9]{15}", value))
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
        return _missing(ctx, field, expected)
    if same(expected, reading.value):
        common = typable_at_unknowns(expected, reading.value) if field == "name" else []
        shares = _unknown_shares(expected, reading, second_look) if common else None
        if common and shares is not None and max(shares) < QMARK_SHARE:
            return _finding(
                ctx,
                field,
                "pass",
                expected,
                reading.value,
                reading.confidence * (1.0 - max(shares)),
                f"{doc}上的{label}与报名表一致；“?”处识别为近似字“{'、'.join(common)}”"
                "但识别引擎对此并不确定，符合报名系统无法输入的生僻字。",
                check + ".unknown_character",
            )
        if common:
            # 002: the form may stand "?" for a character it cannot type, and the region
            # completes those names with the national centre; the rest of the name agrees,
            # so this is no reason to open the file (the ID number is checked on its own)
            return _finding(
                ctx,
                field,
                "pass",
                expected,
                reading.value,
                reading.confidence * 0.5,
                f"{doc}上的{label}除“?”处外与报名表一致；“?”处识别为“{'、'.join(common)}”。"
                "报名系统以“?”代替无法录入的生僻字，由考区汇总上报国家医学考试中心完善。",
                # the recogniser was sure of a typable character (or could not say): the
                # applicant's other documents decide (unknown_characters_agree)
                check + ".unknown_typable",
            )
        at_unknowns = chars_at_unknowns(expected, reading.value) if field == "name" else []
        return _finding(
            ctx,
            field,
            "pass",
            expected,
            reading.value,
            reading.confidence,
            f"{doc}上的{label}与报名表一致"
            + (
                f"；“?”处为“{'、'.join(at_unknowns)}”（报名系统无法录入的字）。"
                if at_unknowns
                else "。"
            ),
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
    support: Support | None = getattr(second_look, "support", None)
    looks = (
        support(reading, expected)
        if support is not None and field in VERBATIM and "?" not in expected
        else None
    )
    # the kindest look decides, each with the prior odds of the form's characters against
    # the ones that look read in their place (`seen`: what the deciding look read)
    gap, seen = (
        max(
            ((g + _frequency_prior(field, expected, alt), alt) for g, alt in looks),
            key=lambda p: p[0],
        )
        if looks
        else (None, "")
    )
    if support is not None and field == "name" and re.search("[?？]", expected):
        # the form's `?` is some character the form could not type: score the crop for the
        # name with any one character there (a character under a seal's edge, left out of
        # the reading). Only a pass is decided this way; the rest as for any `?` name.
        wild = re.sub("[?？]", WILDCARD, expected)
        some = support(reading, wild)
        best = max(g for g, _alt in some) if some else None
        if best is not None and best >= PASS_GAP:
            return _finding(
                ctx,
                field,
                "pass",
                expected,
                reading.value,
                reading.confidence / (1.0 + math.exp(-min(50.0, best))),
                f"{doc}上的{label}经逐字核验与报名表一致（识别为“{reading.value}”，"
                "“?”处为报名系统无法录入的字）。",
                check + ".verified",
            )
    if gap is not None and gap >= PASS_GAP:
        # the crop supports the form's value about as well as what was read, or better:
        # the reading was one of two near-equal candidates (a rare character and its
        # look-alike). The confidence carries the two-way posterior of the form's value.
        posterior = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, gap))))
        # the deciding look may itself read the form's value (the line cut where a seal's
        # lettering ran on, or widened where it was cut short): that is the reading then
        closer = seen if seen != reading.value and same(expected, seen) else None
        return _finding(
            ctx,
            field,
            "pass",
            expected,
            closer or reading.value,
            reading.confidence * posterior,
            f"{doc}上的{label}经逐字核验与报名表一致（识别为“{reading.value}”"
            + (f"，复核识别为“{closer}”）。" if closer else "）。"),
            check + ".verified",
        )
    part, whole = textnorm.comparable(reading.value), textnorm.comparable(expected)
    if part and len(part) < len(whole) and _subsequence(part, whole):
        # a piece of the form's value, or the form's value with characters missing (under a
        # seal's edge, glare, or off the crop): not evidence of a different value
        return _finding(
            ctx,
            field,
            "unreadable",
            expected,
            reading.value,
            reading.confidence * 0.5,
            f"{doc}上的{label}仅识别出一部分（“{reading.value}”），请人工核对。",
            check + ".partial",
        )
    other = None
    if gap is not None and field in ctx.rules.agreement_fields:
        agree: SecondLook | None = getattr(second_look, "agree", None)
        other = agree(reading) if agree is not None else None
    if other is not None and same(expected, other.value):
        # the second engine reads the form's value: the first reading was a misread, unless
        # the crop clearly shows something else, in which case a person decides
        status: Status = "unreadable" if gap is not None and gap <= -MISMATCH_GAP else "pass"
        return _finding(
            ctx,
            field,
            status,
            expected,
            reading.value,
            reading.confidence * (0.5 if status == "unreadable" else 0.8),
            f"{doc}上的{label}两个识别引擎结果不一致（“{reading.value}”/“{other.value}”），请人工核对。"
            if status == "unreadable"
            else f"{doc}上的{label}经第二识别引擎核对与报名表一致。",
            check + ".engines",
        )
    both = other is not None and _same_id(other.value, reading.value)
    if gap is not None:
        clear = gap <= -MISMATCH_GAP or (both and gap < 0)
        if clear and _plausible(field, reading.value):
            posterior = 1.0 / (1.0 + math.exp(max(-50.0, min(50.0, gap))))
            return _finding(
                ctx,
                field,
                "mismatch",
                expected,
                reading.value,
                reading.confidence * posterior,
                f"{doc}上的{label}为“{reading.value}”，与报名表填写的“{expected}”不一致"
                + ("（两个识别引擎结果相同）。" if both else "。"),
                check + (".engines" if both else ".verified"),
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
    if (
        gap is None
        and reading.confidence >= MISMATCH_CONFIDENCE
        and _plausible(field, reading.value)
    ):
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
    if ctx.form.duty_status.strip() == "当年毕业研究生":
        # a long-programme student uploads the earlier (本科) diploma; the form's graduation
        # and level are the degree still to come (003 7(2))
        return
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
    yield from check_subjects(ctx, r.get("subjects"))
    record = r.get("clinic_record")
    if record is not None:
        allowed = ctx.rules.clinic_record_categories
        category = ctx.form.exam.category
        yield _judged(
            ctx,
            "doc_type",
            record,
            category in allowed,
            "医疗机构执业许可证副本"
            + (f"（{'/'.join(allowed)}类别可用中医诊所备案证）" if allowed else ""),
            f"报考{category}类别，可用中医诊所备案证代替医疗机构执业许可证。",
            f"上传的是中医诊所备案证，报考{category}类别须提供医疗机构执业许可证副本。",
        )


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
    yield _result(ctx, r.get("result"), "试用期考核结果")


def _result(ctx: Context, result: Reading | None, what: str) -> Finding:
    """A 考核结果 that must read 合格: `invalid` only when 不合格 is read confidently."""
    check = f"{ctx.slot}.result"
    if result is None:
        return _finding(
            ctx, "result", "unreadable", "合格", None, None, f"未能识别{what}，请人工核对。", check
        )
    text = textnorm.normalise(result.value)
    ok = text.startswith("合格")
    failed = "不合格" in text
    status: Status = (
        "pass"
        if ok
        else ("invalid" if failed and result.confidence >= MISMATCH_CONFIDENCE else "unreadable")
    )
    return _finding(
        ctx,
        "result",
        status,
        "合格",
        result.value,
        result.confidence,
        f"{what}为合格。"
        if ok
        else f"{what}为不合格。"
        if status == "invalid"
        else f"{what}无法可靠识别，请人工核对。",
        check,
    )


def _judged(
    ctx: Context,
    field: str,
    reading: Reading,
    ok: bool,
    expected: str,
    good: str,
    bad: str,
    status_bad: Status = "mismatch",
) -> Finding:
    """A rule judged on one reading: `status_bad` only when the reading is confident."""
    status: Status = (
        "pass" if ok else status_bad if reading.confidence >= MISMATCH_CONFIDENCE else "unreadable"
    )
    message = (
        good if ok else bad if status != "unreadable" else f"{bad}（识别把握不足，请人工核对）"
    )
    return _finding(
        ctx,
        field,
        status,
        expected,
        reading.value,
        reading.confidence,
        message,
        f"{ctx.slot}.{field}",
    )


def _missing(ctx: Context, field: str, expected: str | None) -> Finding:
    doc = SLOT_LABELS.get(ctx.slot, ctx.slot)
    label = FIELD_LABELS.get(field, field)
    return _finding(
        ctx,
        field,
        "unreadable",
        expected,
        None,
        None,
        f"未能在{doc}上识别出{label}，请人工核对。",
        f"{ctx.slot}.{field}",
    )


def _person(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None, id_too: bool = True
) -> Iterator[Finding]:
    yield compare(ctx, "name", ctx.form.name, r.get("name"), same_name, look)
    if id_too:
        yield compare(ctx, "id_number", ctx.form.id_number, r.get("id_number"), _same_id, look)


def _ym(value: str) -> str:
    ym = parse_year_month(value)
    return f"{ym[0]:04d}-{ym[1]:02d}" if ym else ""


def check_handheld(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    reading = r.get("id_number")
    if reading is None:
        yield _finding(
            ctx,
            "id_number",
            "unreadable",
            ctx.form.id_number,
            None,
            None,
            "手持身份证照片中的证件号码无法辨认，请人工核对人像与证件是否一致。",
            "id_handheld.id_number",
        )
        return
    least = ctx.rules.handheld_min_digit_px
    if least and reading.text_px is not None and reading.text_px < least:
        # read or not, a card this small breaks the upload rule (003: 证件内容应清晰可辨):
        # a person could not check it by eye, so neither may we pass it
        yield _finding(
            ctx,
            "id_number",
            "unreadable",
            ctx.form.id_number,
            reading.value,
            reading.confidence * 0.5,
            f"手持身份证照片中的证件过小：号码字高约{reading.text_px:.0f}像素（应不小于{least}像素），"
            "证件内容不能清晰辨认，不符合上传要求，请人工核对。",
            "id_handheld.id_number.too_small",
        )
        return
    yield compare(ctx, "id_number", ctx.form.id_number, reading, _same_id, look)


DEGREE_LEVEL = {"学士": "本科", "硕士": "研究生", "博士": "研究生"}


def check_degree(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    e = ctx.form.education
    yield from _person(ctx, r, look, id_too=False)
    yield compare(ctx, "school", e.school, r.get("school"), textnorm.same_institution, look)
    level = r.get("education_level")
    if level is None:
        yield _missing(ctx, "education_level", e.level)
    else:
        word = level.value[:2]
        yield _judged(
            ctx,
            "education_level",
            level,
            DEGREE_LEVEL.get(word) == e.level or not e.level,
            e.level,
            f"{word}学位与报名学历“{e.level}”相符。",
            f"学位证书为{word}学位，与报名表填写的学历“{e.level}”不符。",
        )


RECORD_LEVEL = {
    "研究生": ("硕士", "博士", "研究生"),
    "本科": ("本科",),
    "专科": ("专科", "高职", "大专"),
    "中专": ("中专", "中等专业", "中职"),
}
CODE_RE = re.compile(r"[A-Z0-9]{16}|[0-9]{12}")


def check_record(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    e = ctx.form.education
    yield compare(ctx, "name", ctx.form.name, r.get("name"), same_name, look)
    if "id_number" in r:  # not every 备案表 prints it (domain-facts A5)
        yield compare(ctx, "id_number", ctx.form.id_number, r.get("id_number"), _same_id, look)
    yield compare(ctx, "school", e.school, r.get("school"), textnorm.same_institution, look)
    yield compare(ctx, "graduation", e.graduation, r.get("graduation"), _graduation_same, look)
    yield compare(ctx, "diploma_number", e.diploma_number, r.get("diploma_number"), _same_id, look)
    level = r.get("education_level")
    if level is None:
        yield _missing(ctx, "education_level", e.level)
    elif e.level in RECORD_LEVEL:
        yield _judged(
            ctx,
            "education_level",
            level,
            any(w in level.value for w in RECORD_LEVEL[e.level]),
            e.level,
            f"备案表上的层次“{level.value}”与报名学历相符。",
            f"备案表上的层次为“{level.value}”，与报名表填写的学历“{e.level}”不符。",
        )
    code = r.get("verification_code")
    if code is None:
        yield _missing(ctx, "verification_code", "16位大写字母或数字")
    else:
        yield _judged(
            ctx,
            "verification_code",
            code,
            bool(CODE_RE.fullmatch(code.value)),
            "16位大写字母或数字",
            "在线验证码格式正确（可在学信网核验）。",
            f"在线验证码“{code.value}”格式不正确（应为16位大写字母或数字）。",
            "invalid",
        )
    yield _validity(ctx, r.get("validity"), "在线验证报告有效期")


def check_qualification(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    a = ctx.form.assistant
    yield from _person(ctx, r, look)
    number = r.get("qualification_number")
    expected = a.qualification_number if a else ""
    agreed = not expected
    if expected:
        found = compare(ctx, "qualification_number", expected, number, _same_id, look)
        agreed = found.status == "pass"
        yield found
    if number is not None and agreed:
        problems = qualification_problems(
            number.value, ctx.form.id_number, a.qualification_date if a else ""
        )
        if problems:
            yield _judged(
                ctx,
                "qualification_number",
                number,
                False,
                "年份+代码+本人身份证号",
                "",
                f"资格证书编码{'；'.join(problems)}。",
                "invalid",
            )
    level = r.get("qualification")
    if level is not None:
        yield _judged(
            ctx,
            "qualification",
            level,
            "助理" in level.value,
            "执业助理医师",
            "资格级别为执业助理医师。",
            f"资格级别为“{level.value}”，不是执业助理医师。",
        )
    category = r.get("category")
    exam = ctx.form.exam.category
    if category is not None and exam:
        # 乡村全科 assistants may sit the 临床 or 中医 exam (003 一(三))
        allowed = {exam} | ({"乡村全科"} if exam in ("临床", "中医") else set())
        yield _judged(
            ctx,
            "category",
            category,
            any(a in category.value for a in allowed),
            exam,
            f"资格类别“{category.value}”与报考类别一致。",
            f"资格类别为“{category.value}”，与报考类别“{exam}”不符。",
        )


def _cutoff(ctx: Context) -> date | None:
    level = ctx.form.education.level
    for lv, day in ctx.rules.registration_cutoffs:
        if lv == level:
            return date.fromisoformat(day)
    return None


def check_practice(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    a = ctx.form.assistant
    yield from _person(ctx, r, look)
    number = r.get("practice_number")
    yield compare(ctx, "practice_number", a.practice_number if a else "", number, _same_id, look)
    yield compare(
        ctx, "work_unit", ctx.form.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    reg = r.get("registration")
    form_reg = a.registration_date if a else ""
    if reg is None:
        yield _missing(ctx, "registration", form_reg or None)
        return
    if form_reg:
        yield compare(
            ctx, "registration", form_reg, replace(reg, value=reg.value[:7]), _graduation_same
        )
    cutoff = _cutoff(ctx)
    day = parse_date(reg.value)
    if cutoff and day:
        yield _judged(
            ctx,
            "registration",
            reg,
            day <= cutoff,
            f"不晚于 {cutoff.isoformat()}",
            f"执业注册时间 {reg.value} 不晚于{ctx.rules.exam_year}年报考的截止日期"
            f" {cutoff.isoformat()}。",
            f"执业注册时间为 {reg.value}，晚于{ctx.form.education.level}学历报考"
            f"{ctx.rules.exam_year}年执业医师的注册截止日期 {cutoff.isoformat()}。",
            "invalid",
        )


def check_practice_period(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    yield from _person(ctx, r, look)
    yield compare(
        ctx, "work_unit", ctx.form.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    yield _result(ctx, r.get("result"), "执业期考核结果")


def check_mentorship(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    yield from _person(ctx, r, look)


def check_pledge(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    yield from _person(ctx, r, look)
    school = ctx.form.education.school
    yield compare(ctx, "school", school, r.get("school"), textnorm.same_institution, look)


def check_insurance(
    ctx: Context, r: Mapping[str, Reading], look: SecondLook | None
) -> Iterator[Finding]:
    yield from _person(ctx, r, look)
    yield compare(
        ctx, "work_unit", ctx.form.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    need = ctx.rules.insurance_months
    if not need:
        return
    expected = "、".join(need) + " 已缴"
    period = r.get("period")
    if period is None:
        yield _missing(ctx, "period", expected)
        return
    months = dict(item.split(":", 1) for item in period.value.split(";") if ":" in item)
    absent = [m for m in need if m not in months]
    unpaid = [m for m in need if months.get(m) == "欠缴"]
    unsure = [m for m in need if months.get(m) == "?"]
    ok = not absent and not unpaid and not unsure
    bad = []
    if absent:
        bad.append(f"缺少 {'、'.join(absent)}")
    if unpaid:
        bad.append(f"{'、'.join(unpaid)} 为欠缴")
    if unsure and not absent and not unpaid:
        yield _finding(
            ctx,
            "period",
            "unreadable",
            expected,
            period.value,
            period.confidence,
            f"社保缴费证明上 {'、'.join(unsure)} 的缴费状态无法识别，请人工核对。",
            "social_insurance.period",
        )
        return
    yield _judged(
        ctx,
        "period",
        period,
        ok,
        expected,
        f"社保缴费证明列有 {'、'.join(need)} 的已缴记录。",
        f"社保缴费证明{'；'.join(bad)}（要求报名前连续{len(need)}个月已缴）。",
    )


def _near(word: str, text: str) -> bool:
    """`word` in `text` allowing one misread character (an OCR slip is not a missing subject)."""
    n = len(word)
    return any(
        textnorm.edit_distance(word, text[i : i + n]) <= 1 for i in range(max(1, len(text) - n + 1))
    )


def check_subjects(ctx: Context, reading: Reading | None) -> Iterator[Finding]:
    category = ctx.form.exam.category
    wanted = dict(ctx.rules.licence_subjects).get(category)
    if not wanted:
        return
    expected = "/".join(wanted)
    if reading is None:
        yield _missing(ctx, "subjects", expected)
        return
    text = textnorm.normalise(reading.value)
    have = [w for w in wanted if w in text]
    if have:
        yield _finding(
            ctx,
            "subjects",
            "pass",
            expected,
            "、".join(have),
            reading.confidence,
            f"诊疗科目包含{'、'.join(have)}，与报考类别“{category}”相符。",
            "licence.subjects",
        )
        return
    close = any(_near(w, text) for w in wanted)
    yield _judged(
        ctx,
        "subjects",
        replace(reading, confidence=0.0) if close else reading,
        False,
        expected,
        "",
        f"医疗机构执业许可证的诊疗科目中没有与报考类别“{category}”对应的科目（需含{expected}之一）。",
    )


CHECKS: dict[
    str, Callable[[Context, Mapping[str, Reading], SecondLook | None], Iterator[Finding]]
] = {
    "id_front": check_id_front,
    "id_back": check_id_back,
    "diploma": check_diploma,
    "licence": check_licence,
    "probation_cert": check_probation,
    "id_handheld": check_handheld,
    "degree": check_degree,
    "diploma_record": check_record,
    "assistant_qualification": check_qualification,
    "assistant_practice": check_practice,
    "practice_period_cert": check_practice_period,
    "mentorship_cert": check_mentorship,
    "pledge": check_pledge,
    "social_insurance": check_insurance,
}


def crosscheck(
    ctx: Context, readings: Mapping[str, Reading], second_look: SecondLook | None = None
) -> Iterator[Finding]:
    fn = CHECKS.get(ctx.slot)
    if fn is not None:
        yield from fn(ctx, readings, second_look)
