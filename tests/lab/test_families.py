"""Layout families: a window drawn from one selection holds only that selection's families."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lab.synth import families
from lab.synth.window import generate_window


def test_registering_a_family_twice_is_refused() -> None:
    with pytest.raises(ValueError):
        families.register("diploma", "classic", None, held_out=False)


def test_selection_names_only_its_families() -> None:
    for doc_type, table in families.FAMILIES.items():
        tuned = families.choices(doc_type, "tuned")
        assert tuned and all(not table[n].held_out for n in tuned)
        held = families.choices(doc_type, "held-out")
        if any(f.held_out for f in table.values()):
            assert all(table[n].held_out for n in held)
    with pytest.raises(ValueError):
        families.choices("diploma", "some")


def test_draw_is_stable_per_person() -> None:
    a = families.draw("social_insurance", "12010119970125746X", "all")
    assert a == families.draw("social_insurance", "12010119970125746X", "all")


def test_window_of_tuned_families_names_each_upload_family(tmp_path: Path) -> None:
    truth = generate_window(tmp_path / "w", 3, 11, families="tuned")
    seen = 0
    for line in truth.read_text(encoding="utf-8").splitlines():
        for u in json.loads(line)["uploads"]:
            name = (u.get("fields") or {}).get("family")
            if u.get("doc_type") in families.FAMILIES and u["doc_type"] != "photo":
                assert name in families.choices(u["doc_type"], "tuned")
                seen += 1
    assert seen > 0
