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

from models import FIELD_LABELS, SLOT_LABELS, ApplicantForm, Finding, Reading, Rules, Status, checks
from models.checks import Variant

from . import idnumber, names, textnorm
from .dates import parse_date, parse_year_month, printed_year_month
from .looks import Look

#: A reading at least this confident, well-formed and different from the form is a mismatch.
MISMATCH_CONFIDENCE = 0.85
#: A reading the reader itself doubts this much (two reads of it disagreed: the seal's own
#: lettering read through a seal, 专科学 over a name) is no mismatch, whatever its crop shows.
CLEAR_MISMATCH_FLOOR = 0.5


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
#: Year-month fields printed in the document's own format (2024年7月毕业, 2024.07.01): the
#: form's month is scored on the crop written the way the reading's month is printed.
PRINTED_MONTHS = {"graduation"}
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


def material_finding(
    ctx: Context,
    field: str,
    status: Status,
    expected: str | None,
    observed: str | None,
    confidence: float | None,
    message: str,
    variant: Variant | None = None,
) -> Finding:
    """A finding of the material's check on `field` (registered by stages.materials)."""
    return checks.finding(
        checks.get(f"{ctx.slot}.{field}"),
        applicant_id=ctx.form.applicant_id,
        slot=ctx.slot,
        file=ctx.file,
        field=field,
        status=status,
        expected=expected,
        observed=observed,
        confidence=confidence,
        message=message,
        variant=variant,
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
    expected: str, reading: Reading, second_look: Look | None
) -> list[float] | None:
    """The share (see QMARK_SHARE) of each character read where the form has `?`."""
    value = reading.value
    if second_look is None or _strip_name(value) != value:
        return None
    form = _strip_name(expected)
    if len(form) != len(value):
        return None
    out = []
    for i, ch in enumerate(form):
        if ch in "?？":
            got = second_look.char_share(reading, i)
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
            or f.variant is not Variant.UNKNOWN_TYPABLE
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
                variant=Variant.UNKNOWN_DISAGREES,
            )
        )
    return out


def _name_with_rare(form_value: str, read: str, rare: list[str]) -> bool:
    """Equal once each character the engine cannot produce is allowed to be read as any one
    character: the engine substitutes a look-alike, which says nothing against the form."""
    wild = "".join("?" if c in rare else c for c in _strip_name(form_value))
    return names.name_matches(wild, _strip_name(read))


def same_text(a: str, b: str) -> bool:
    return textnorm.comparable(a) == textnorm.comparable(b)


def same_id(a: str, b: str) -> bool:
    return a.strip().upper() == b.strip().upper()


#: A graduation this many years after the reference date is no printed date but a misread
#: (a glare reading 2024 as 2084): an applicant graduating later uploads no diploma yet.
GRADUATION_AHEAD_YEARS = 1


def _plausible(field: str, value: str, reference: date | None = None) -> bool:
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
        ym = parse_year_month(value)
        if ym is None:
            return False
        return reference is None or ym[0] <= reference.year + GRADUATION_AHEAD_YEARS
    return len(value.strip()) >= 2


@dataclass(frozen=True, slots=True)
class _Comparison:
    """One form value against one reading, with the words the messages use."""

    ctx: Context
    field: str
    expected: str
    reading: Reading
    same: Callable[[str, str], bool]
    look: Look | None
    doc: str
    label: str

    def out(
        self,
        status: Status,
        observed: str | None,
        confidence: float | None,
        message: str,
        variant: Variant | None = None,
    ) -> Finding:
        return material_finding(
            self.ctx, self.field, status, self.expected, observed, confidence, message, variant
        )


def compare(
    ctx: Context,
    field: str,
    expected: str,
    reading: Reading | None,
    same: Callable[[str, str], bool],
    second_look: Look | None = None,
) -> Finding:
    """The three-outcome comparison of one form value with one reading: the rules below are
    asked in turn, the first that decides gives the finding."""
    doc = SLOT_LABELS.get(ctx.slot, ctx.slot)
    label = FIELD_LABELS.get(field, field)
    if not expected:
        return material_finding(
            ctx,
            field,
            "pass",
            None,
            reading.value if reading else None,
            None,
            f"报名表未填写{label}，未核对{doc}上的{label}。",
            Variant.NO_FORM_VALUE,
        )
    if reading is None:
        return not_found(ctx, field, expected)
    q = _Comparison(ctx, field, expected, reading, same, second_look, doc, label)
    if same(expected, reading.value):
        return _agrees(q)
    return _rare_character(q) or _scored(q)


def _scored(q: _Comparison) -> Finding:
    """The reading differs from the form's value: the crop is scored for both (the costly
    part, so only once the cheaper rules have not decided)."""
    gap, seen = _kindest_look(q)
    return (
        _some_character_at_unknown(q)
        or _verified(q, gap, seen)
        or _partial(q)
        or _disagrees(q, gap)
    )


def _agrees(q: _Comparison) -> Finding:
    """The reading is the form's value; a `?` of the form read as a character says how."""
    r, doc, label = q.reading, q.doc, q.label
    common = typable_at_unknowns(q.expected, r.value) if q.field == "name" else []
    shares = _unknown_shares(q.expected, r, q.look) if common else None
    if common and shares is not None and max(shares) < QMARK_SHARE:
        return q.out(
            "pass",
            r.value,
            r.confidence * (1.0 - max(shares)),
            f"{doc}上的{label}与报名表一致；“?”处识别为近似字“{'、'.join(common)}”"
            "但识别引擎对此并不确定，符合报名系统无法输入的生僻字。",
            Variant.UNKNOWN_CHARACTER,
        )
    if common:
        # 002: the form may stand "?" for a character it cannot type, and the region
        # completes those names with the national centre; the rest of the name agrees,
        # so this is no reason to open the file (the ID number is checked on its own)
        return q.out(
            "pass",
            r.value,
            r.confidence * 0.5,
            f"{doc}上的{label}除“?”处外与报名表一致；“?”处识别为“{'、'.join(common)}”。"
            "报名系统以“?”代替无法录入的生僻字，由考区汇总上报国家医学考试中心完善。",
            # the recogniser was sure of a typable character (or could not say): the
            # applicant's other documents decide (unknown_characters_agree)
            Variant.UNKNOWN_TYPABLE,
        )
    at_unknowns = chars_at_unknowns(q.expected, r.value) if q.field == "name" else []
    return q.out(
        "pass",
        r.value,
        r.confidence,
        f"{doc}上的{label}与报名表一致"
        + (
            f"；“?”处为“{'、'.join(at_unknowns)}”（报名系统无法录入的字）。"
            if at_unknowns
            else "。"
        ),
    )


def _rare_character(q: _Comparison) -> Finding | None:
    """Equal but for characters the engine cannot output at all."""
    rare = unreadable_chars(q.expected, q.ctx.charset) if q.field == "name" else []
    if not (rare and _name_with_rare(q.expected, q.reading.value, rare)):
        return None
    chars = "、".join(rare)
    return q.out(
        "pass",
        q.reading.value,
        q.reading.confidence * 0.8,
        f"{q.doc}上的{q.label}除生僻字“{chars}”（识别引擎无法输出）外与报名表一致。",
        Variant.RARE_CHARACTER,
    )


def _kindest_look(q: _Comparison) -> tuple[float | None, str]:
    """The kindest look at the crop decides, each with the prior odds of the form's
    characters against the ones that look read in their place: (gap, what it read);
    (None, "") where the crop cannot be scored."""
    looks = None
    if q.look is not None and q.field in VERBATIM and "?" not in q.expected:
        looks = q.look.support(q.reading, q.expected)
    elif q.look is not None and q.field in PRINTED_MONTHS:
        read_ym, form_ym = parse_year_month(q.reading.value), parse_year_month(q.expected)
        printed = (
            printed_year_month(q.reading.source, read_ym, form_ym)
            if read_ym and form_ym and q.reading.source
            else None
        )
        if printed is not None:
            as_read, as_form = printed
            looks = q.look.support(replace(q.reading, value=as_read), as_form)
    if not looks:
        return None, ""
    return max(
        ((g + _frequency_prior(q.field, q.expected, alt), alt) for g, alt in looks),
        key=lambda p: p[0],
    )


def _some_character_at_unknown(q: _Comparison) -> Finding | None:
    """The form's `?` is some character the form could not type: score the crop for the
    name with any one character there (a character under a seal's edge, left out of the
    reading). Only a pass is decided this way; the rest as for any `?` name."""
    if q.look is None or q.field != "name" or not re.search("[?？]", q.expected):
        return None
    wild = re.sub("[?？]", WILDCARD, q.expected)
    some = q.look.support(q.reading, wild)
    best = max(g for g, _alt in some) if some else None
    if best is None or best < PASS_GAP:
        return None
    return q.out(
        "pass",
        q.reading.value,
        q.reading.confidence / (1.0 + math.exp(-min(50.0, best))),
        f"{q.doc}上的{q.label}经逐字核验与报名表一致（识别为“{q.reading.value}”，"
        "“?”处为报名系统无法录入的字）。",
        Variant.VERIFIED,
    )


def _verified(q: _Comparison, gap: float | None, seen: str) -> Finding | None:
    """The crop supports the form's value about as well as what was read, or better: the
    reading was one of two near-equal candidates (a rare character and its look-alike). The
    confidence carries the two-way posterior of the form's value."""
    if gap is None or gap < PASS_GAP:
        return None
    r = q.reading
    posterior = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, gap))))
    # the deciding look may itself read the form's value (the line cut where a seal's
    # lettering ran on, or widened where it was cut short): that is the reading then
    closer = seen if seen != r.value and q.same(q.expected, seen) else None
    return q.out(
        "pass",
        closer or r.value,
        r.confidence * posterior,
        f"{q.doc}上的{q.label}经逐字核验与报名表一致（识别为“{r.value}”"
        + (f"，复核识别为“{closer}”）。" if closer else "）。"),
        Variant.VERIFIED,
    )


def _partial(q: _Comparison) -> Finding | None:
    """A piece of the form's value, or the form's value with characters missing (under a
    seal's edge, glare, or off the crop): not evidence of a different value."""
    part, whole = textnorm.comparable(q.reading.value), textnorm.comparable(q.expected)
    if not (part and len(part) < len(whole) and _subsequence(part, whole)):
        return None
    return q.out(
        "unreadable",
        q.reading.value,
        q.reading.confidence * 0.5,
        f"{q.doc}上的{q.label}仅识别出一部分（“{q.reading.value}”），请人工核对。",
        Variant.PARTIAL,
    )


def _disagrees(q: _Comparison, gap: float | None) -> Finding:
    """The reading differs from the form: the second engine, the crop's scores and a
    re-read decide between mismatch, pass and unreadable."""
    other = None
    if gap is not None and q.field in q.ctx.rules.agreement_fields and q.look is not None:
        other = q.look.agree(q.reading)
    return (
        _second_engine(q, gap, other)
        or _clear_mismatch(q, gap, other)
        or _reread(q)
        or _as_read(q, gap)
    )


def _second_engine(q: _Comparison, gap: float | None, other: Reading | None) -> Finding | None:
    """The second engine reads the form's value: the first reading was a misread, unless
    the crop clearly shows something else, in which case a person decides."""
    if other is None or not q.same(q.expected, other.value):
        return None
    r = q.reading
    status: Status = "unreadable" if gap is not None and gap <= -MISMATCH_GAP else "pass"
    return q.out(
        status,
        r.value,
        r.confidence * (0.5 if status == "unreadable" else 0.8),
        f"{q.doc}上的{q.label}两个识别引擎结果不一致（“{r.value}”/“{other.value}”），请人工核对。"
        if status == "unreadable"
        else f"{q.doc}上的{q.label}经第二识别引擎核对与报名表一致。",
        Variant.ENGINES,
    )


def _clear_mismatch(q: _Comparison, gap: float | None, other: Reading | None) -> Finding | None:
    """The crop clearly favours what was read (or both engines read it): a mismatch."""
    r = q.reading
    both = other is not None and same_id(other.value, r.value)
    if gap is None or r.confidence < CLEAR_MISMATCH_FLOOR:
        return None
    clear = gap <= -MISMATCH_GAP or (both and gap < 0)
    if not (clear and _plausible(q.field, r.value, q.ctx.reference_date)):
        return None
    posterior = 1.0 / (1.0 + math.exp(max(-50.0, min(50.0, gap))))
    return q.out(
        "mismatch",
        r.value,
        r.confidence * posterior,
        f"{q.doc}上的{q.label}为“{r.value}”，与报名表填写的“{q.expected}”不一致"
        + ("（两个识别引擎结果相同）。" if both else "。"),
        Variant.ENGINES if both else Variant.VERIFIED,
    )


def _reread(q: _Comparison) -> Finding | None:
    """A closer re-read of the crop: the form's value (pass), or another value (the two
    reads disagree with each other: not confident enough for a mismatch)."""
    if q.look is None:
        return None
    r = q.reading
    again = q.look(r)
    if again is not None and q.same(q.expected, again.value):
        return q.out(
            "pass",
            again.value,
            again.confidence * 0.9,
            f"{q.doc}上的{q.label}经复核与报名表一致。",
            Variant.SECOND_LOOK,
        )
    if again is not None and again.value != r.value:
        return q.out(
            "unreadable",
            r.value,
            min(r.confidence, again.confidence) * 0.5,
            f"{q.doc}上的{q.label}识别结果不稳定（“{r.value}”/“{again.value}”），请人工核对。",
            Variant.UNSTABLE,
        )
    return None


def _as_read(q: _Comparison, gap: float | None) -> Finding:
    """No look decided: a confident, well-formed reading is a mismatch, else unreadable."""
    r = q.reading
    plausible = _plausible(q.field, r.value, q.ctx.reference_date)
    if gap is None and r.confidence >= MISMATCH_CONFIDENCE and plausible:
        return q.out(
            "mismatch",
            r.value,
            r.confidence,
            f"{q.doc}上的{q.label}为“{r.value}”，与报名表填写的“{q.expected}”不一致。",
        )
    return q.out(
        "unreadable",
        r.value,
        r.confidence,
        f"{q.doc}上的{q.label}无法可靠识别（识别为“{r.value}”），请人工核对。",
    )


def validity_check(ctx: Context, reading: Reading | None, what: str) -> Finding:
    doc = SLOT_LABELS.get(ctx.slot, ctx.slot)
    ref = ctx.reference_date.isoformat()
    if reading is None:
        return material_finding(
            ctx,
            "validity",
            "unreadable",
            f"有效期至 {ref} 或以后",
            None,
            None,
            f"未能识别{doc}的{what}，请人工核对。",
        )
    if reading.value == "长期":
        return material_finding(
            ctx,
            "validity",
            "pass",
            f"有效期至 {ref} 或以后",
            "长期",
            reading.confidence,
            f"{doc}{what}为长期，有效。",
        )
    end = parse_date(reading.value)
    if end is None:
        return material_finding(
            ctx,
            "validity",
            "unreadable",
            f"有效期至 {ref} 或以后",
            reading.value,
            reading.confidence,
            f"{doc}的{what}无法解析，请人工核对。",
        )
    if end >= ctx.reference_date:
        return material_finding(
            ctx,
            "validity",
            "pass",
            f"有效期至 {ref} 或以后",
            reading.value,
            reading.confidence,
            f"{doc}在审核基准日 {ref} 仍在有效期内。",
        )
    status: Status = "expired" if reading.confidence >= MISMATCH_CONFIDENCE else "unreadable"
    return material_finding(
        ctx,
        "validity",
        status,
        f"有效期至 {ref} 或以后",
        reading.value,
        reading.confidence,
        f"{doc}已于 {reading.value} 过期（审核基准日 {ref}）。"
        if status == "expired"
        else f"{doc}可能已过期（识别为 {reading.value}），请人工核对。",
    )


def same_month(form_value: str, read: str) -> bool:
    return parse_year_month(form_value) == parse_year_month(read) is not None


PASS_GRADES = ("合格", "优秀", "良好", "称职")
FAIL_GRADES = ("不合格", "不称职")


def result_check(ctx: Context, result: Reading | None, what: str) -> Finding:
    """A 考核结果 that must read 合格: `invalid` only when 不合格 is read confidently."""
    if result is None:
        return material_finding(
            ctx, "result", "unreadable", "合格", None, None, f"未能识别{what}，请人工核对。"
        )
    # a letter's "考核结果为合格": the verb before the grade is not part of it
    text = textnorm.normalise(result.value).lstrip("为是:：")
    # the grades above a fail (合格; 优秀/良好 where graded; 称职 where judged by post);
    # 基本合格 and 基本称职 are a person's call
    ok = text.startswith(PASS_GRADES)
    failed = text.startswith(FAIL_GRADES) or "不合格" in text
    status: Status = (
        "pass"
        if ok
        else ("invalid" if failed and result.confidence >= MISMATCH_CONFIDENCE else "unreadable")
    )
    return material_finding(
        ctx,
        "result",
        status,
        "合格",
        result.value,
        result.confidence,
        f"{what}为{text[:2]}。"
        if ok
        else f"{what}为不合格。"
        if status == "invalid"
        else f"{what}无法可靠识别，请人工核对。",
    )


def judged(
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
    return material_finding(
        ctx,
        field,
        status,
        expected,
        reading.value,
        reading.confidence,
        message,
    )


def not_found(ctx: Context, field: str, expected: str | None) -> Finding:
    doc = SLOT_LABELS.get(ctx.slot, ctx.slot)
    label = FIELD_LABELS.get(field, field)
    return material_finding(
        ctx,
        field,
        "unreadable",
        expected,
        None,
        None,
        f"未能在{doc}上识别出{label}，请人工核对。",
    )


def person_checks(
    ctx: Context, r: Mapping[str, Reading], look: Look | None, id_too: bool = True
) -> Iterator[Finding]:
    yield compare(ctx, "name", ctx.form.name, r.get("name"), same_name, look)
    if id_too:
        yield compare(ctx, "id_number", ctx.form.id_number, r.get("id_number"), same_id, look)


def _ym(value: str) -> str:
    ym = parse_year_month(value)
    return f"{ym[0]:04d}-{ym[1]:02d}" if ym else ""
