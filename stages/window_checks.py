"""Cross-applicant checks (slot `window`): what no single applicant's file shows.

Duplicate registrations (one ID number on two applicants) and one diploma number on two
applicants. Values are grouped by key, never compared pairwise, so the check stays linear on
a window of 100,000 applicants. The same picture uploaded by two applicants (or into two
slots of one) is found through the band index of `stages.imagehash`, likewise never all pairs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from models import SLOT_LABELS, Finding, checks
from stages import imagehash
from stages.read import clean


def _value_findings(field: str, label: str, owners: dict[str, list[str]]) -> Iterator[Finding]:
    for value, applicants in owners.items():
        distinct = sorted(set(applicants))
        if len(distinct) < 2:
            continue
        for aid in distinct:
            others = [a for a in distinct if a != aid]
            yield checks.finding(
                checks.WINDOW_DUPLICATE[field],
                applicant_id=aid,
                slot="window",
                file=None,
                field=field,
                status="invalid",
                expected=f"{label}在本批次中唯一",
                observed=f"与 {'、'.join(others[:5])}{'等' if len(others) > 5 else ''} 相同",
                confidence=1.0,
                message=f"{label}“{value}”同时出现在报名序列号 "
                f"{'、'.join(others[:5])} 的报名信息中，可能为重复报名，请人工核对。",
            )


def duplicate_values(records: Iterable[tuple[str, str, str]]) -> Iterator[Finding]:
    """records: (applicant_id, field, value); `id_number` and `diploma_number` are checked."""
    labels = {"id_number": "身份证号", "diploma_number": "毕业证书编号"}
    owners: dict[str, dict[str, list[str]]] = {f: defaultdict(list) for f in labels}
    for aid, field, value in records:
        value = value.strip().upper()
        if field in owners and value:
            owners[field][value].append(aid)
    for field, label in labels.items():
        yield from _value_findings(field, label, owners[field])


def _label(slot: str) -> str:
    return SLOT_LABELS.get(slot, slot)


#: Materials of an institution, not a person: colleagues legitimately upload one scan of their
#: hospital's licence, so only a person's own materials are compared across applicants.
SHARED_SLOTS = frozenset({"licence", "other"})
#: Readings that tell two people's documents apart: equal images must not differ in these.
IDENTIFYING = frozenset(
    {
        "name",
        "id_number",
        "birth_date",
        "validity",
        "diploma_number",
        "qualification_number",
        "practice_number",
        "period",
        "registration",
        "graduation",
    }
)


def _differ(a: str, b: str) -> bool:
    """Two readings of one field that cannot come from one image (a re-read may slip a
    character; two people's values differ in more)."""
    return not _within_one(clean(a).upper(), clean(b).upper())


def _within_one(a: str, b: str) -> bool:
    """`edit_distance(a, b) <= 1` in linear time (the veto runs on every proposed pair of a
    national window): equal lengths, at most one substitution; lengths one apart, one
    deletion from the longer."""
    if a == b:
        return True
    if len(a) < len(b):
        a, b = b, a
    if len(a) - len(b) > 1:
        return False
    k = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(b))
    if len(a) == len(b):
        return a[k + 1 :] == b[k + 1 :]
    return a[k + 1 :] == b[k:]


Key = tuple[str, str, str]  # (applicant_id, slot, upload path)


def _join_pairs(
    keys: Sequence[Key], read: Mapping[str, Mapping[str, str]]
) -> Iterator[tuple[int, int]]:
    """Candidate pairs found by equality, in linear time: the uploads of one applicant (one
    image in two slots), and uploads on which one identifying value was read (a copy shows
    its original owner's name and number). The band index misses these when a template's
    uploads crowd its buckets."""
    groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, (aid, _slot, path) in enumerate(keys):
        groups[("applicant", aid)].append(i)
        for field, value in read.get(path, {}).items():
            groups[(field, clean(value).upper())].append(i)
    for members in groups.values():
        if 2 <= len(members) <= imagehash.BUCKET_CAP:
            for x, i in enumerate(members):
                for j in members[x + 1 :]:
                    yield i, j


def same_images(
    records: Iterable[tuple[str, str, str, str]],
    readings: Mapping[str, Mapping[str, str]] | None = None,
    verify: Callable[[Key, Key], bool | None] | None = None,
    stats: dict[str, int] | None = None,
    verify_many: Callable[[list[tuple[Key, Key]]], list[bool | None]] | None = None,
) -> Iterator[Finding]:
    """records: (applicant_id, slot, upload path, `stages.imagehash` fingerprint); readings:
    upload path → identifying field → value read there; verify: the precise check of two
    uploads from their files (`imagehash.align`; None if a file cannot be read), without
    which only the fingerprints decide (no crops); verify_many, instead of verify: all
    candidate pairs decided in one call (in parallel by `pipeline.similar`); stats, if
    given, receives the index's counters (candidates, vetoed, verifications, over_cap).

    One finding per upload that has a near-duplicate elsewhere: on another applicant (a
    personal material that may be someone else's) or in another slot of the same applicant.
    A pair of near-identical thumbnails is not the same image when what was read on them
    differs (two people's forms printed on one template and scanned the same way).
    """
    raw = readings or {}
    # each reading normalised once (`_differ`'s clean/upper), not once per pair
    read = {path: {k: clean(v).upper() for k, v in fields.items()} for path, fields in raw.items()}

    def veto(a: Key, b: Key) -> bool:
        if a[0] != b[0] and (a[1] in SHARED_SLOTS or b[1] in SHARED_SLOTS):
            return True
        ra, rb = read.get(a[2]), read.get(b[2])
        if not ra or not rb:
            return False
        return any(not _within_one(ra[k], rb[k]) for k in ra.keys() & rb.keys())

    index: imagehash.Index[Key] = imagehash.Index()
    for key, fp in sorted({(aid, slot, path): fp for aid, slot, path, fp in records}.items()):
        index.add(key, fp)
    groups = index.groups(veto, verify, _join_pairs(index.keys, raw), verify_many)
    if stats is not None:
        stats.update(
            uploads=len(index.keys),
            comparisons=index.comparisons,
            crowded_buckets=index.crowded,
            candidates=index.candidates,
            vetoed=index.vetoed,
            verifications=index.verifications,
            over_cap=index.over_cap,
        )
    for group in groups:
        for aid, slot, path in group:
            others = [k for k in group if k[2] != path]
            foreign = [k for k in others if k[0] != aid]
            if foreign:
                shown = foreign[:5]
                observed = "、".join(f"{a} {s}" for a, s, _ in shown)
                who = "、".join(f"考生 {a} 的 {_label(s)}" for a, s, _ in shown)
                more = "等" if len(foreign) > 5 else ""
                message = f"该图片与{who}{more}为同一图片，请核实是否冒用他人材料。"
            else:
                shown = others[:5]
                observed = "、".join(f"{a} {s}" for a, s, _ in shown)
                slots = sorted({s for _, s, _ in others} - {slot})
                if slots:
                    names = " 和 ".join(_label(s) for s in [slot, *slots])
                    n = len(slots) + 1
                    count = {2: "两", 3: "三", 4: "四", 5: "五"}.get(n, str(n))
                    message = f"同一图片被上传到 {names} {count}个材料栏目。"
                else:
                    message = f"同一图片在 {_label(slot)} 栏目中被重复上传。"
            yield checks.finding(
                checks.WINDOW_SAME_IMAGE,
                applicant_id=aid,
                slot="window",
                file=path,
                field="image",
                status="mismatch",
                expected="与其他考生及其他栏目的材料不是同一图片",
                observed=f"与 {observed} 相同",
                confidence=None,
                message=message,
            )
