"""The part cache: a part is reused only when whole, unchanged and made by the same code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models import ApplicantResult, Finding, Provenance, Reading, checks
from models.checks import Variant
from pipeline import run, versions


def _result() -> ApplicantResult:
    check = checks.get("id_front.name")
    f = checks.finding(
        check,
        applicant_id="1",
        slot="id_front",
        file="uploads/1/id_front/a.jpg",
        field="name",
        status="mismatch",
        expected="张伟",
        observed="张玮",
        confidence=0.97,
        message="不一致",
        variant=Variant.VERIFIED,
    )
    r = Reading("name", "张玮", 0.97, "ppocr", box=(1, 2, 3, 4), provenance=(Provenance.LOOK,))
    return ApplicantResult("1", (f,), readings=(("uploads/1/id_front/a.jpg", r),))


def test_a_part_round_trips_with_its_variant_and_provenance(tmp_path: Path) -> None:
    run.write_part(tmp_path, _result(), "k")
    got = run.read_part(tmp_path, "1", "k")
    assert got is not None and got.findings == _result().findings
    assert got.readings == _result().readings
    assert got.findings[0].rule_id == "id_front.name.verified"


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["findings"][0].update(status="pass"),  # a mismatch flipped to pass
        lambda d: d["readings"][0][1].update(value="张伟"),
        lambda d: d.update(key="k"),  # nothing changed: still trusted (control)
    ],
)
def test_a_changed_part_is_recomputed_never_trusted(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    run.write_part(tmp_path, _result(), "k")
    path = run.part_path(tmp_path, "1")
    data = json.loads(path.read_text(encoding="utf-8"))
    before = json.dumps(data, sort_keys=True)
    damage(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    changed = json.dumps(data, sort_keys=True) != before
    assert (run.read_part(tmp_path, "1", "k") is None) == changed
    assert (run.load_results(tmp_path) == {}) == changed


def test_a_truncated_part_is_recomputed(tmp_path: Path) -> None:
    run.write_part(tmp_path, _result(), "k")
    path = run.part_path(tmp_path, "1")
    path.write_bytes(path.read_bytes()[:40])
    assert run.read_part(tmp_path, "1", "k") is None


def test_the_part_key_covers_the_code_and_the_models(monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from models import Rules
    from pipeline.process import ApplicantTask

    task = ApplicantTask("1", "/w", "/o", None, (), (), Rules(), date(2026, 1, 31))
    run.code_and_models.cache_clear()
    before = run.task_key(task)
    monkeypatch.setattr(versions, "source_hash", lambda: "another commit")
    run.code_and_models.cache_clear()
    after_code = run.task_key(task)
    monkeypatch.setattr(versions, "model_hashes", lambda: {"rec.onnx": "another model"})
    run.code_and_models.cache_clear()
    after_model = run.task_key(task)
    run.code_and_models.cache_clear()
    assert len({before, after_code, after_model}) == 3


def test_the_source_hash_changes_with_any_source_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for package in versions.PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("x = 1\n")
    monkeypatch.setattr(versions, "_ROOT", tmp_path)
    versions.source_hash.cache_clear()
    first = versions.source_hash()
    (tmp_path / "stages" / "__init__.py").write_text("x = 2\n")
    versions.source_hash.cache_clear()
    second = versions.source_hash()
    versions.source_hash.cache_clear()
    assert first != second and len(first) == 64


def test_every_finding_names_a_registered_check() -> None:
    f = _result().findings[0]
    assert checks.REGISTRY[f.check].variants >= {Variant.VERIFIED}
    with pytest.raises(KeyError):
        checks.get("id_front.nmae")
    with pytest.raises(ValueError):
        checks.finding(
            checks.ORIENTATION,
            applicant_id="1",
            slot="id_front",
            file=None,
            field="orientation",
            status="pass",
            expected="0",
            observed="0",
            confidence=1.0,
            message="",
            variant=Variant.VERIFIED,  # orientation has no variants
        )
    assert Finding.from_json(f.to_json()) == f


def test_parts_are_kept_in_shard_folders(tmp_path: Path) -> None:
    """Issue 19: no folder of OUT holds every applicant's part."""
    run.write_part(tmp_path, _result(), "k")
    path = run.part_path(tmp_path, "1")
    assert path.is_file() and path.parent.parent == tmp_path / "parts"
    assert not list((tmp_path / "parts").glob("*.json"))  # nothing flat


def test_a_part_of_the_old_flat_layout_is_reused_and_moved_to_its_shard(tmp_path: Path) -> None:
    run.write_part(tmp_path, _result(), "k")
    flat = run.legacy_part_path(tmp_path, "1")
    run.part_path(tmp_path, "1").replace(flat)  # OUT as a run before the shards left it
    assert run.load_result(tmp_path, "1") == _result()  # the desk reads it where it is
    assert list(run.load_results(tmp_path)) == ["1"]
    assert run.read_part(tmp_path, "1", "k") == _result()
    assert run.part_path(tmp_path, "1").is_file() and not flat.exists()


def test_writing_a_part_removes_the_flat_one_it_replaces(tmp_path: Path) -> None:
    run.write_part(tmp_path, _result(), "old")
    run.part_path(tmp_path, "1").replace(run.legacy_part_path(tmp_path, "1"))
    run.write_part(tmp_path, _result(), "new")
    assert not run.legacy_part_path(tmp_path, "1").exists()
    assert run.read_part(tmp_path, "1", "new") == _result()
