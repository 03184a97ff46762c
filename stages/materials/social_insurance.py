"""The social_insurance material: its extractor and its checks (see stages.materials)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from models import Finding, Reading

from .. import textnorm
from ..crosscheck import (
    Context,
    compare,
    judged,
    material_finding,
    not_found,
    person_checks,
)
from ..extract import (
    Joined,
    labelled,
    person_fields,
    put_reading,
    union_box,
)
from ..looks import Look
from ..read import Row
from . import Material

SI_LABELS = (r"姓名", r"社会保障号码", r"身份证号", r"单位名称", r"缴费年月", r"险种")


MONTH_ROW_RE = re.compile(r"(20\d{2})[-年./]?(0[1-9]|1[0-2])(?!\d)")


def extract_insurance(rows: Sequence[Row]) -> dict[str, Reading]:
    out = person_fields(rows, SI_LABELS, r"社会保障号码|身份证号")
    put_reading(out, labelled(rows, "work_unit", r"单位名称", SI_LABELS))
    months: dict[str, str] = {}
    used: list[Row] = []
    for row in rows:
        text = Joined.of([row]).text
        m = MONTH_ROW_RE.match(text)
        if not m:
            continue
        key = f"{m.group(1)}-{m.group(2)}"
        state = "欠缴" if "欠缴" in text or "未缴" in text else "已缴" if "已缴" in text else "?"
        if months.get(key) != "已缴":  # one paid insurance row makes the month paid
            months[key] = state
        used.append(row)
    if used:
        value = ";".join(f"{k}:{v}" for k, v in sorted(months.items()))
        box = union_box(used)
        out["period"] = Reading(
            "period",
            value,
            min(r.confidence for r in used),
            used[0].lines[0].engine,
            box=box,
            source=" / ".join(r.text for r in used),
        )
    return out


def check_insurance(ctx: Context, r: Mapping[str, Reading], look: Look | None) -> Iterator[Finding]:
    yield from person_checks(ctx, r, look)
    yield compare(
        ctx, "work_unit", ctx.form.work_unit, r.get("work_unit"), textnorm.same_institution, look
    )
    need = ctx.rules.insurance_months
    if not need:
        return
    expected = "、".join(need) + " 已缴"
    period = r.get("period")
    if period is None:
        yield not_found(ctx, "period", expected)
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
        yield material_finding(
            ctx,
            "period",
            "unreadable",
            expected,
            period.value,
            period.confidence,
            f"社保缴费证明上 {'、'.join(unsure)} 的缴费状态无法识别，请人工核对。",
        )
        return
    yield judged(
        ctx,
        "period",
        period,
        ok,
        expected,
        f"社保缴费证明列有 {'、'.join(need)} 的已缴记录。",
        f"社保缴费证明{'；'.join(bad)}（要求报名前连续{len(need)}个月已缴）。",
    )


MATERIAL = Material(
    slot="social_insurance",
    extract=extract_insurance,
    check=check_insurance,
    fields=("name", "id_number", "work_unit", "period"),
    printed=("name", "work_unit", "period"),
    personal=True,
    markers=("社会保险", "缴费", "社会保障号码", "险种", "已缴|欠缴", "缴费年月"),
    heading="社会保险",
    short_value_labels=("姓名", "单位名称"),
    skip_columns=(
        "险种",
        "缴费基数",
        "缴费金额",
        "单位缴费",
        "个人缴费",
        "单位缴纳",
        "个人缴纳",
    ),
)
