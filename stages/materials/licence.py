"""The licence material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from models import Finding, Reading

from .. import textnorm
from ..crosscheck import (
    Context,
    compare,
    judged,
    material_finding,
    not_found,
    validity_check,
)
from ..dates import parse_period
from ..extract import (
    Joined,
    iso_date,
    labelled,
    put_reading,
    union_box,
)
from ..looks import Look
from ..read import Row, clean
from . import Material


def extract_licence(rows: Sequence[Row]) -> dict[str, Reading]:
    out: dict[str, Reading] = {}
    # the unit's name up to the next label: a two-column 副本 prints 诊疗科目 on its row
    name = labelled(rows, "work_unit", r"(?:机构)?名称", (*LICENCE_LABELS, "诊疗科目"))
    if name is not None:
        # the 诊疗科目 column's first line run on into the unit's (…人民医院预防保健科;内科;):
        # where the recogniser read that line on its own, the unit ends where it starts
        # (…卫生院分院 | 全科医疗科；内科；); else where a list of subjects follows a name
        # ending as institutions' names end
        unit = _before_subject_line(rows, name.value)
        if unit is None:
            m = _UNIT_THEN_SUBJECTS.fullmatch(name.value)
            unit = m.group(1) if m else None
        out["work_unit"] = replace(name, value=unit) if unit else name
    period = _validity_text(rows)
    if period:
        _start, end, open_ended = parse_period(period.value)
        if end is None and not open_ended and re.match(r"[:：]?至", period.value):
            end = _start  # 有效期至2030年12月31日: the one date is the end
        if end or open_ended:
            out["validity"] = replace(period, value="长期" if open_ended else iso_date(end))
    put_reading(out, _subjects(rows) or _subject_lists(rows))
    for row in rows:
        joined = Joined.of([row])
        m = re.search(r"(中医诊所备案证)", joined.text)
        if m:
            out["clinic_record"] = joined.reading("clinic_record", m)
            break
    return out


def _validity_text(rows: Sequence[Row]) -> Reading | None:
    """The text after 有效期限; a period whose end stands on the next line (自2021年4月1日 /
    至2026年3月31日, the end under the start) is read with that line."""
    label = re.compile(r"有效期限?[:：]?(?![:：])(.+)")
    for i, row in enumerate(rows):
        joined = Joined.of([row])
        m = label.search(joined.text)
        if not m:
            continue
        _start, end, open_ended = parse_period(m.group(1))
        if end is None and not open_ended:
            under = _period_under_label(rows, i)
            if under is not None:
                return under
        if end is None and not open_ended and i + 1 < len(rows):
            at = next((k for k, ln in enumerate(row.lines) if "有效期" in clean(ln.text)), 0)
            value = row.lines[at + 1] if at + 1 < len(row.lines) else row.lines[at]
            x0 = value.box[0]
            height = max(1, row.lines[0].box[3] - row.lines[0].box[1])
            for line in rows[i + 1].lines:
                below = abs(line.box[0] - x0) <= 3 * height
                if below and clean(line.text).startswith(("至", "到")):
                    both = Joined.of([row, Row((line,))])
                    m2 = label.search(both.text)
                    if m2:
                        return both.reading("validity", m2)
            if _WRAPPED_END.search(m.group(1)):
                # running text wrapped after 至 (有效期自2021年8月1日至 / 2026年7月31日。)
                both = Joined.of([row, rows[i + 1]])
                m2 = label.search(both.text)
                if m2 and parse_period(m2.group(1))[1] is not None:
                    return both.reading("validity", m2)
        return joined.reading("validity", m)
    return None


def _period_under_label(rows: Sequence[Row], i: int) -> Reading | None:
    """The period printed under its label (有效期限： over 自2022年02月01日 over
    至2027年01月31日, a label list with each value under its label): the lines in the
    label's column on the next two rows, read together, when they give an end."""
    label = next((ln for ln in rows[i].lines if "有效期" in clean(ln.text)), None)
    if label is None or not re.fullmatch(r"有效期限?[:：]?", clean(label.text)):
        return None  # the label's own line holds more: not a label over its value
    height = max(1, label.box[3] - label.box[1])
    under = [
        ln
        for row in rows[i + 1 : i + 3]
        for ln in row.lines
        if abs(ln.box[0] - label.box[0]) <= 2 * height
    ]
    if not under:
        return None
    both = Joined.of([Row((label,)), *(Row((ln,)) for ln in under)])
    m = re.search(r"有效期限?[:：]?(.+)", both.text)
    if m is None or parse_period(m.group(1))[1] is None:
        return None
    return both.reading("validity", m)


#: A period's text that stops at its joining word: its end is on the next line.
_WRAPPED_END = re.compile(r"(?:至|到|[-—~～])\s*$")


#: A line that is nothing but a list of subjects (全科医疗科；内科；预防保健科；).
_SUBJECT_LINE = re.compile(r"(?:(?:\d{1,2}[.．、]?)?[^；;、，,:：\d]{1,12}科[；;、，,]?){2,}")


def _before_subject_line(rows: Sequence[Row], value: str) -> str | None:
    """`value` up to a line of subjects read on its own and run on into it, if one was."""
    for row in rows:
        for line in row.lines:
            text = clean(line.text)
            at = value.find(text) if text and _SUBJECT_LINE.fullmatch(text) else -1
            if at > 0:
                return value[:at]
    return None


#: A unit's name (ending as institutions' names end) followed by a list of subjects.
_UNIT_THEN_SUBJECTS = re.compile(
    r"(.+?(?:医院|卫生院|中心|诊所|门诊部|卫生室|保健院|研究院|研究所))"
    r"(?:(?:\d{1,2}[.．、]?)?[^；;、，,:：\d]{1,12}科[；;、，,]?){2,}"
)


LICENCE_LABELS = (
    "机构名称",
    "地址",
    "法定代表人",
    "主要负责人",
    "登记号",
    "有效期限",
    "有效期",  # a query page's 有效期 | 2022-09-01至2027-08-31
    "发证机关",
    "发证日期",
    "所有制形式",
    "服务对象",
    "服务方式",
    "床位",
    "注册资金",
    "校验",
)


def _subjects(rows: Sequence[Row]) -> Reading | None:
    """诊疗科目: the labelled row and the wrapped rows under it, up to the next label."""
    for i, row in enumerate(rows):
        text = Joined.of([row]).text
        at = text.find("诊疗科目")
        if at < 0:
            continue
        parts, used = [text[at + 4 :].lstrip(":：")], [row]
        # the label centred in a merged cell: the list's first rows stand above it
        for prev in reversed(rows[max(0, i - 5) : i]):
            t = Joined.of([prev]).text
            if not _SUBJECT_LIST.fullmatch(t) or t.startswith(tuple(LICENCE_LABELS)):
                break
            parts.insert(0, t)
            used.insert(0, prev)
        # the label read in two boxes (诊疗 | 科目) is found in the row's text only: no column
        label = next((ln for ln in row.lines if "诊疗科目" in clean(ln.text)), None)
        right = label is not None and label.box[0] > row.lines[0].box[0]  # a second column
        reach = label.box[0] - (label.box[3] - label.box[1]) if label is not None else 0
        for nxt in rows[i + 1 : i + 20 if right else i + 6]:
            t = Joined.of([nxt]).text
            if right:
                # a two-column 副本: the list goes on beside the left column's labels,
                # in its own column, as long as what stands there is a list of subjects
                mine = Row(tuple(ln for ln in nxt.lines if ln.box[0] >= reach))
                t = Joined.of([mine]).text if mine.lines else ""
                if not t or not _SUBJECT_LIST.fullmatch(t):
                    break
                parts.append(t)
                used.append(mine)
                continue
            if any(t.startswith(label) for label in LICENCE_LABELS):
                break
            parts.append(t)
            used.append(nxt)
        value = "".join(parts)
        if not value:
            return None
        box = union_box(used)
        return Reading(
            "subjects",
            value,
            min(r.confidence for r in used),
            row.lines[0].engine,
            box=box,
            source=" / ".join(r.text for r in used),
        )
    return None


#: A recognised line that is a list of 诊疗科目 ("内科；外科；妇产科；"), each perhaps after
#: its code in the 诊疗科目名录 ("03内科") or its number in the list ("2. 内科").
_SUBJECT_LIST = re.compile(r"(?:(?:\d{1,2}[.．、]?)?[^；;、，,:：\d]{1,12}科[；;、，,]?)+")


def _subject_lists(rows: Sequence[Row]) -> Reading | None:
    """诊疗科目 where its label's row does not hold them (a second column, a layout that
    prints the label above its list): every line after the label that is a list of subjects
    (every such line of the page when the label was not read)."""
    lines = [line for row in rows for line in row.lines]
    at = next((i for i, ln in enumerate(lines) if "诊疗科目" in ln.text), None)
    # without its label (printed faint, or not read) only lines of two subjects or more
    least = 1 if at is not None else 2
    used = [
        ln
        for ln in lines[(at or -1) + 1 :]
        if _SUBJECT_LIST.fullmatch(clean(ln.text)) and clean(ln.text).count("科") >= least
    ]
    if not used:
        return None
    boxes = [ln.box for ln in used]
    return Reading(
        "subjects",
        "".join(clean(ln.text) for ln in used),
        min(ln.confidence for ln in used),
        used[0].engine,
        box=(
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        ),
        source=" / ".join(ln.text for ln in used),
    )


def check_licence(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    yield compare(
        ctx, "work_unit", ctx.form.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    yield validity_check(ctx, r.get("validity"), "有效期限")
    yield from check_subjects(ctx, r.get("subjects"))
    record = r.get("clinic_record")
    if record is not None:
        allowed = ctx.rules.clinic_record_categories
        category = ctx.form.exam.category
        yield judged(
            ctx,
            "doc_type",
            record,
            category in allowed,
            "医疗机构执业许可证副本"
            + (f"（{'/'.join(allowed)}类别可用中医诊所备案证）" if allowed else ""),
            f"报考{category}类别，可用中医诊所备案证代替医疗机构执业许可证。",
            f"上传的是中医诊所备案证，报考{category}类别须提供医疗机构执业许可证副本。",
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
        yield not_found(ctx, "subjects", expected)
        return
    text = textnorm.normalise(reading.value)
    have = [w for w in wanted if w in text]
    if have:
        yield material_finding(
            ctx,
            "subjects",
            "pass",
            expected,
            "、".join(have),
            reading.confidence,
            f"诊疗科目包含{'、'.join(have)}，与报考类别“{category}”相符。",
        )
        return
    close = any(_near(w, text) for w in wanted)
    yield judged(
        ctx,
        "subjects",
        replace(reading, confidence=0.0) if close else reading,
        False,
        expected,
        "",
        f"医疗机构执业许可证的诊疗科目中没有与报考类别“{category}”对应的科目（需含{expected}之一）。",
    )


MATERIAL = Material(
    slot="licence",
    extract=extract_licence,
    check=check_licence,
    fields=("work_unit", "validity", "subjects", "doc_type"),
    printed=("work_unit", "validity"),
    markers=("医疗机构执业许可证", "机构名称", "登记号", "诊疗科目", "法定代表人", "发证机关"),
    heading="执业许可证|诊所备案证",
    short_value_labels=("机构名称",),
    skip_labels=(
        "地址",
        "法定代表人",
        "主要负责人",
        "登记号",
        "发证机关",
        "发证日期",
        "所有制形式",
        "服务对象",
        "服务方式",
        "床位",
        "注册资金",
    ),
)
