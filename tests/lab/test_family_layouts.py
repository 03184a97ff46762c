"""What every layout family of the fourth to twenty-sixth rounds must do, whichever helper wrote
it (lab/synth/families_more.py, families_5.py … families_26.py): render for
generated people at A4 with no glyph under 24 px and nothing off the page, print every value
its material's checks compare (the table is test_families_more's), its title (from the fifth
round on), a licence's subjects and a record's title; print a failed assessment's grade;
keep every glyph of rare and minority names. One copy of these checks; each family module's
own tests keep what is particular to it."""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path

import numpy as np
import pytest

from lab.synth import (
    families,
    families_5,
    families_6,
    families_7,
    families_8,
    families_9,
    families_10,
    families_11,
    families_12,
    families_13,
    families_14,
    families_15,
    families_16,
    families_17,
    families_18,
    families_19,
    families_20,
    families_21,
    families_22,
    families_23,
    families_24,
    families_25,
    families_26,
    families_more,
)
from lab.synth import render as rnd
from lab.synth.window import generate_window
from tests.lab.test_families_5 import TITLES
from tests.lab.test_families_more import COMPARED, doc_for

#: the fourth round on (families_more, families_5 …): every round's families
ROUNDS = families.rounds()
FAMILIES = [(t[0], t[1]) for module in ROUNDS for t in module.HELD_OUT]
#: the fifth round on print their material's title whole (the fourth's diploma `form` spaces
#: it out: 毕 业 证 书)
TITLED = {(t[0], t[1]) for m in ROUNDS[1:] for t in m.HELD_OUT}


@pytest.mark.parametrize(("material", "family"), FAMILIES)
@pytest.mark.parametrize("seed", [3, 8])
def test_family_prints_every_compared_value(material: str, family: str, seed: int) -> None:
    doc = doc_for(material, family, seed)
    out = rnd.render(doc, random.Random(seed))
    assert out.doc_type == material and out.min_glyph >= 24
    assert out.image.size in ((1240, 1754), (1754, 1240))
    for field, forms in COMPARED[material].items():
        printed = [s for s in forms(doc.fields) if out.box_of(s) is not None]
        assert printed, (material, family, field, forms(doc.fields))
    if material in TITLES and (material, family) in TITLED:
        assert out.box_of(TITLES[material]) is not None, material
    if material == "licence":
        for subject in doc.fields["subjects"].split("；"):
            assert out.box_of(subject) is not None, subject
    if material == "diploma_record":
        assert out.box_of(doc.fields["title"]) is not None
    w, h = out.image.size
    for run in out.texts:  # everything printed lies on the page
        assert run.x >= -2 and run.x + rnd.font(run.kind, run.size).getlength(run.text) <= w + 2
        assert 0 < run.y <= h, run.text


#: the rounds whose pledges are signed by hand in dark blue ink (the earlier rounds' pledges
#: are checked by the shared value checks only)
INKED = {(t[0], t[1]) for m in ROUNDS[2:] for t in m.HELD_OUT}
#: the pledge families whose signature is also thumb-printed in red 印泥
THUMBED = {("pledge", "thumb")}


def _red(a: np.ndarray) -> int:
    return int(((a[..., 0] > 150) & (a[..., 1] < 110) & (a[..., 2] < 110)).sum())


@pytest.mark.parametrize(
    ("material", "family"),
    [f for f in FAMILIES if f[0] in ("probation_cert", "practice_period_cert", "pledge")],
)
def test_the_seal_or_signature_the_rules_check_is_drawn(material: str, family: str) -> None:
    """Probation and practice-period proofs carry the unit's red seal; a pledge a handwritten
    signature in dark blue ink and no seal (a thumbprint's 印泥 where one is drawn)."""
    a = np.asarray(rnd.render(doc_for(material, family), random.Random(2)).image)
    a = a[..., :3].astype(int)
    if material != "pledge":
        assert _red(a) > 1200
    elif (material, family) in INKED:
        ink = ((a[..., 2] > a[..., 0] + 25) & (a[..., 2] > 60) & (a[..., 0] < 60)).sum()
        assert ink > 300
        if (material, family) in THUMBED:
            print_ = ((a[..., 0] > 170) & (a[..., 0] - a[..., 1] > 60)).sum()  # 印泥, light
            assert print_ > 1500
        else:
            assert _red(a) < 200  # written by hand, never sealed


@pytest.mark.parametrize(
    ("material", "family"),
    [f for f in FAMILIES if f[0] in ("probation_cert", "practice_period_cert")],
)
def test_a_failed_assessment_prints_its_result(material: str, family: str) -> None:
    out = rnd.render(doc_for(material, family, result="不合格"), random.Random(1))
    assert out.box_of("不合格") is not None, (material, family)


@pytest.mark.slow  # four renders of every family (about 30 s): `make test-slow`, in CI
@pytest.mark.parametrize(("material", "family"), [f for f in FAMILIES if f[0] != "licence"])
def test_rare_and_minority_names_keep_every_glyph(material: str, family: str) -> None:
    """A licence names no person; 𠮷 is in none of Kai, Ming or Hei, and Kai maps 䶮 to an
    empty glyph (Noto stands in): every character is drawn, not only mapped."""
    for name in ("谯婉嵘", "阿依古丽·买买提", "禚赟𠮷", "胡䶮"):
        out = rnd.render(doc_for(material, family, name=name), random.Random(1))
        runs = [r for r in out.texts if name in r.text]
        assert runs, (material, family, name)
        for run in runs:
            assert all(rnd.drawn(run.kind, c) for c in name), (family, run.kind)


#: Each module's families, with the seed of the report they were held out for (and looked
#: at since: counted as tuned).
REPORTED = (
    (families_more, 20261140),
    (families_5, 20261142),
    (families_6, 20261143),
    (families_7, 20261144),
    (families_8, 20261145),
    (families_9, 20261146),
    (families_10, 20261147),
    (families_11, 20261148),
    (families_12, 20261149),
    (families_13, 20261150),
    (families_14, 20261151),
    (families_15, 20261152),
    (families_16, 20261153),
    (families_17, 20261154),
    (families_18, 20261155),
    (families_19, 20261156),
    (families_20, 20261157),
    (families_21, 20261158),
    (families_22, 20261159),
    (families_23, 20261160),
    (families_24, 20261161),
    (families_25, 20261162),
    (families_26, 20261163),
)


@pytest.mark.parametrize(("module", "seed"), REPORTED, ids=[m.__name__ for m, _ in REPORTED])
def test_each_round_has_one_family_per_material_looked_at_since(module: object, seed: int) -> None:
    """Held out until the report of `seed`; counted as tuned since (LOOKED_AT), drawn by
    tuned windows and never by held-out ones."""
    ours = [(t[0], t[1]) for t in module.HELD_OUT]  # type: ignore[attr-defined]
    assert sorted(m for m, _ in ours) == sorted(COMPARED)
    for material, name in ours:
        fam = families.FAMILIES[material][name]
        assert not fam.held_out and fam.render is not None and fam.note
        assert (material, name) in families.LOOKED_AT
        assert fam.render.__module__ == module.__name__  # type: ignore[attr-defined]
        assert name in families.choices(material, "tuned")


def test_a_tuned_window_draws_the_looked_at_rounds(tmp_path: Path) -> None:
    """Tuned windows draw the families looked at since their reports, never as held out."""
    truth = generate_window(tmp_path / "w", 3, 24, fault_rate=0.0, families="tuned")
    ours = set(FAMILIES)
    seen = 0
    for line in truth.read_text(encoding="utf-8").splitlines():
        for u in json.loads(line)["uploads"]:
            fam = str((u.get("fields") or {}).get("family"))
            if (u.get("doc_type"), fam) in ours:
                assert not families.FAMILIES[u["doc_type"]][fam].held_out
                seen += 1
    assert seen > 0


PDF_FAMILIES = [
    (material, family)
    for material, family in FAMILIES
    if families.pdf_builder(material, family) is not None
]


@pytest.mark.parametrize(("material", "family"), PDF_FAMILIES)
def test_a_born_digital_pdf_prints_every_character(
    material: str, family: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The PDF's font holds every character it prints: fpdf2 only logs a glyph the font lacks
    (the twenty-first 社保 print's 缴纳 and 身份 came out blank so), and the reader would be
    tested on print no issuer makes."""
    build = families.pdf_builder(material, family)
    assert build is not None
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        for seed in (3, 8):
            build(doc_for(material, family, seed).fields)
    missing = [r.getMessage() for r in caplog.records if "missing" in r.getMessage()]
    assert not missing, missing
