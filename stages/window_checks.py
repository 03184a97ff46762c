"""Cross-applicant checks (slot `window`): what no single applicant's file shows.

Duplicate registrations (one ID number on two applicants), one diploma number on two
applicants, one image uploaded by two applicants, and one image in two slots of one applicant.
They must stay cheap on 100,000 applicants, so nothing compares all pairs: values are grouped
by key, and perceptual hashes are bucketed by 16-bit bands (two hashes within Hamming distance
3 of 64 bits always share at least one of four bands), so only near neighbours are compared.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from models import SLOT_LABELS, Finding

#: Hamming distance (of 64 bits) under which two uploads count as the same image.
SAME_IMAGE_DISTANCE = 3
BANDS = 4


def phash(image: np.ndarray) -> int:
    """64-bit DCT perceptual hash: survives re-compression, rescaling and small crops."""
    grey = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    small = cv2.resize(grey, (32, 32), interpolation=cv2.INTER_AREA).astype(np.float32)
    dct = cv2.dct(small)[:8, :8]
    bits = (dct > np.median(dct.flatten()[1:])).flatten()
    value = 0
    for bit in bits:
        value = (value << 1) | int(bit)
    return value


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


@dataclass(frozen=True, slots=True)
class ImageKey:
    applicant_id: str
    slot: str
    file: str
    hash: int


def _value_findings(
    field: str, label: str, owners: dict[str, list[str]]
) -> Iterator[Finding]:
    for value, applicants in owners.items():
        distinct = sorted(set(applicants))
        if len(distinct) < 2:
            continue
        for aid in distinct:
            others = [a for a in distinct if a != aid]
            yield Finding(
                applicant_id=aid,
                slot="window",
                file=None,
                field=field,
                status="invalid",
                expected=f"{label}在本批次中唯一",
                observed=f"与 {'、'.join(others[:5])}{'等' if len(others) > 5 else ''} 相同",
                confidence=1.0,
                message=f"{label}“{value}”同时出现在报名序列号 {'、'.join(others[:5])} 的报名信息中，"
                f"可能为重复报名，请人工核对。",
                check=f"window.duplicate_{field}",
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


def near_duplicate_pairs(keys: list[ImageKey], distance: int = SAME_IMAGE_DISTANCE) -> set[tuple[int, int]]:
    """Index pairs of images within `distance`; buckets by band, never all pairs."""
    buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, key in enumerate(keys):
        for band in range(BANDS):
            buckets[(band, (key.hash >> (16 * band)) & 0xFFFF)].append(i)
    pairs: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) < 2:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) not in pairs and hamming(keys[i].hash, keys[j].hash) <= distance:
                    pairs.add((i, j))
    return pairs


def duplicate_images(keys: list[ImageKey], shared_slots: Iterable[str] = ("licence",)) -> Iterator[Finding]:
    """The same image uploaded by two applicants (except materials colleagues legitimately
    share, such as their hospital's licence), or in two slots of one applicant."""
    shared = set(shared_slots)
    for i, j in sorted(near_duplicate_pairs(keys)):
        a, b = keys[i], keys[j]
        if a.applicant_id == b.applicant_id:
            if a.slot == b.slot:
                continue
            for me, other in ((a, b), (b, a)):
                yield Finding(
                    applicant_id=me.applicant_id,
                    slot="window",
                    file=me.file,
                    field="image",
                    status="invalid",
                    expected="不同材料为不同图片",
                    observed=f"与本人{SLOT_LABELS.get(other.slot, other.slot)}为同一图片",
                    confidence=round(1 - hamming(a.hash, b.hash) / 64, 4),
                    message=f"{SLOT_LABELS.get(me.slot, me.slot)}与本人上传的"
                    f"{SLOT_LABELS.get(other.slot, other.slot)}是同一张图片，请人工核对。",
                    check="window.same_image_two_slots",
                )
            continue
        if a.slot in shared and b.slot in shared:
            continue
        for me, other in ((a, b), (b, a)):
            yield Finding(
                applicant_id=me.applicant_id,
                slot="window",
                file=me.file,
                field="image",
                status="invalid",
                expected="本人材料不与其他考生重复",
                observed=f"与 {other.applicant_id} 的{SLOT_LABELS.get(other.slot, other.slot)}相同",
                confidence=round(1 - hamming(a.hash, b.hash) / 64, 4),
                message=f"{SLOT_LABELS.get(me.slot, me.slot)}与报名序列号 {other.applicant_id} 上传的"
                f"{SLOT_LABELS.get(other.slot, other.slot)}是同一张图片，请人工核对。",
                check="window.same_image_two_applicants",
            )
