"""Issue 19: the derived-model cache (stages.ocr.derived) with a fake maker: made once and
reused, a damaged file made again, keyed by the source's content, our failure when it cannot
be made."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import pytest

from stages.ocr import derived
from stages.ocr.base import EngineUnavailable

RECIPE = derived.Recipe(
    method="dynamic", weight_type="QInt8", per_channel=False, op_types=("MatMul",)
)


class Maker:
    """Writes the source's bytes reversed (a stand-in for quantisation), counting calls."""

    def __init__(self) -> None:
        self.calls = 0
        self.lock = threading.Lock()

    def __call__(self, src: Path, dst: Path, recipe: derived.Recipe) -> None:
        with self.lock:
            self.calls += 1
        dst.write_bytes(src.read_bytes()[::-1] + recipe.settings().encode())


@pytest.fixture()
def src(tmp_path: Path) -> Path:
    path = tmp_path / "wheel" / "model.onnx"
    path.parent.mkdir()
    path.write_bytes(b"fp32 weights " * 100)
    return path


def test_the_derived_model_is_made_once_then_reused(src: Path, tmp_path: Path) -> None:
    make, cache = Maker(), tmp_path / "cache"
    first = derived.derive(src, RECIPE, cache, make)
    again = derived.derive(src, RECIPE, cache, make)
    assert make.calls == 1 and again == first
    assert first.sha256 == hashlib.sha256(first.path.read_bytes()).hexdigest()
    assert first.source_sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
    assert first.path.name.endswith(f".{first.sha256[:16]}.onnx")
    assert [p.name for p in cache.iterdir()] == [first.path.name]  # no temporary file left


def test_a_damaged_cache_file_is_made_again(src: Path, tmp_path: Path) -> None:
    make, cache = Maker(), tmp_path / "cache"
    first = derived.derive(src, RECIPE, cache, make)
    good = first.path.read_bytes()
    first.path.write_bytes(good[: len(good) // 2])  # cut short
    again = derived.derive(src, RECIPE, cache, make)
    assert make.calls == 2
    assert again.path == first.path and again.path.read_bytes() == good


def test_a_link_in_the_cache_is_never_loaded(src: Path, tmp_path: Path) -> None:
    """A link named as a derived model (to a file elsewhere) is passed over: the model is
    made as a file of the cache's own."""
    make, cache = Maker(), tmp_path / "cache"
    first = derived.derive(src, RECIPE, cache, make)
    elsewhere = tmp_path / "elsewhere.onnx"
    elsewhere.write_bytes(first.path.read_bytes())
    first.path.unlink()
    first.path.symlink_to(elsewhere)
    again = derived.derive(src, RECIPE, cache, make)
    assert make.calls == 2 and not again.path.is_symlink()


def test_a_file_is_hashed_once_until_it_changes(tmp_path: Path) -> None:
    path = tmp_path / "m.onnx"
    path.write_bytes(b"weights")
    assert derived.file_sha256(path) == hashlib.sha256(b"weights").hexdigest()
    derived._sha256.cache_clear()
    derived.file_sha256(path)
    derived.file_sha256(path)
    assert derived._sha256.cache_info().hits == 1
    path.write_bytes(b"other weights")  # replaced: hashed again
    assert derived.file_sha256(path) == hashlib.sha256(b"other weights").hexdigest()


def test_another_source_or_recipe_is_another_file(src: Path, tmp_path: Path) -> None:
    make, cache = Maker(), tmp_path / "cache"
    first = derived.derive(src, RECIPE, cache, make)
    other = derived.Recipe("dynamic", "QInt8", True, ("MatMul",))
    assert derived.derive(src, other, cache, make).path != first.path
    src.write_bytes(b"a newer wheel's weights")
    newer = derived.derive(src, RECIPE, cache, make)
    assert newer.path != first.path and make.calls == 3


def test_a_maker_that_fails_is_our_failure_and_leaves_nothing(src: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"

    def broken(s: Path, d: Path, r: derived.Recipe) -> None:
        d.write_bytes(b"half")
        raise RuntimeError("quantiser crashed")

    with pytest.raises(EngineUnavailable, match="quantiser crashed"):
        derived.derive(src, RECIPE, cache, broken)
    assert list(cache.iterdir()) == []


def test_a_cache_folder_that_cannot_be_made_is_our_failure(src: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(EngineUnavailable):
        derived.derive(src, RECIPE, blocker / "cache", Maker())


def test_workers_making_it_at_once_each_get_a_whole_file(src: Path, tmp_path: Path) -> None:
    make, cache = Maker(), tmp_path / "cache"
    got: list[derived.Derived] = []
    threads = [
        threading.Thread(target=lambda: got.append(derived.derive(src, RECIPE, cache, make)))
        for _ in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and len({d.sha256 for d in got}) == 1
    assert [p.name for p in cache.iterdir()] == [got[0].path.name]


def test_the_cache_folder_follows_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(derived.CACHE_ENV, str(tmp_path / "mine"))
    assert derived.default_cache() == tmp_path / "mine"
    monkeypatch.delenv(derived.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert derived.default_cache() == tmp_path / "xdg" / "certcheck" / "models"
