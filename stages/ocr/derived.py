"""Derived copies of the PP-OCR models that ship in the rapidocr wheel (issue 19): the same
model, quantised to run cheaper. Made from the wheel's own file only (never downloaded), on
first use, into a cache folder.

A derived file's name carries the sha256 of its source model and of the settings, and ends
with the first 16 hex digits of its own sha256: a file whose content does not hash to its
name (cut short, damaged) is removed and made again. It is written under a temporary name
and renamed into place, so two workers that make it at once each rename a whole file over
the other's (the same bytes), and a reader never sees half of one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from .base import EngineUnavailable

#: The environment variable naming the cache folder (default: the user's cache folder).
CACHE_ENV = "CERTCHECK_MODEL_CACHE"


@dataclass(frozen=True, slots=True)
class Recipe:
    """How a derived model is made from its source (recorded for audit)."""

    method: str  # "dynamic": onnxruntime.quantization.quantize_dynamic
    weight_type: str  # "QInt8" or "QUInt8"
    per_channel: bool
    op_types: tuple[str, ...]  # the operators quantised

    def settings(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    def tag(self) -> str:
        return hashlib.sha256(self.settings().encode()).hexdigest()[:12]

    def describe(self) -> str:
        ops = "+".join(self.op_types)
        channel = "per-channel" if self.per_channel else "per-tensor"
        return f"onnxruntime {self.method} {self.weight_type} {channel}, {ops}"


@dataclass(frozen=True, slots=True)
class Derived:
    """A derived model ready to load, with what it rests on."""

    path: Path
    sha256: str
    source_sha256: str
    recipe: Recipe


Maker = Callable[[Path, Path, Recipe], None]


def default_cache() -> Path:
    """$CERTCHECK_MODEL_CACHE, else $XDG_CACHE_HOME/certcheck/models, else ~/.cache/…"""
    named = os.environ.get(CACHE_ENV)
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "certcheck" / "models"


def file_sha256(path: Path) -> str:
    """The file's sha256, hashed once per content: the source model is named by its hash at
    start-up, in the versions recorded for audit and by every worker's engine."""
    st = path.stat()
    return _sha256(str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ino)


@functools.lru_cache(maxsize=64)
def _sha256(path: str, size: int, mtime_ns: int, inode: int) -> str:
    """Keyed by size, mtime and inode too: a file replaced or rewritten is hashed again."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def quantise(src: Path, dst: Path, recipe: Recipe) -> None:
    """The maker: onnxruntime's own quantisation of the source model (needs `onnx`)."""
    try:
        from onnxruntime.quantization import QuantType, quantize_dynamic
    except ImportError as exc:  # `onnx` missing: pip install 'certcheck[int8]'
        raise EngineUnavailable(
            f"int8 models need the onnx package (pip install 'certcheck[int8]'): {exc}"
        ) from exc
    if recipe.method != "dynamic":
        raise EngineUnavailable(f"unknown quantisation method {recipe.method!r}")
    logging.getLogger("root").setLevel(logging.ERROR)  # the quantiser warns through root
    quantize_dynamic(
        src,
        dst,
        weight_type=getattr(QuantType, recipe.weight_type),
        per_channel=recipe.per_channel,
        op_types_to_quantize=list(recipe.op_types),
    )


def derive(
    src: Path, recipe: Recipe, folder: Path | None = None, make: Maker | None = None
) -> Derived:
    """The derived model of `src` made by `recipe` (`make`, default `quantise`), from the
    cache `folder` or made now. Any failure is ours (EngineUnavailable), never an
    applicant's."""
    folder = folder if folder is not None else default_cache()
    make = make if make is not None else quantise
    try:
        source = file_sha256(src)
        stem = f"{src.stem}.{recipe.tag()}.{source[:16]}"
        for cached in sorted(folder.glob(f"{stem}.*.onnx")):
            if cached.is_symlink() or not cached.is_file():
                continue  # only a file this cache wrote is loaded, never one a link names
            digest = file_sha256(cached)
            if cached.name == f"{stem}.{digest[:16]}.onnx":
                return Derived(cached, digest, source, recipe)
            with contextlib.suppress(OSError):  # damaged: made again below
                cached.unlink()
        folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=f".{stem}.", suffix=".tmp")
        os.close(fd)
        tmp = Path(name)
        try:
            make(src, tmp, recipe)
            digest = file_sha256(tmp)
            final = folder / f"{stem}.{digest[:16]}.onnx"
            os.replace(tmp, final)
        finally:
            with contextlib.suppress(OSError):
                tmp.unlink()
    except EngineUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - disk, permissions, the quantiser: ours
        raise EngineUnavailable(f"the derived model of {src.name} cannot be made: {exc}") from exc
    return Derived(final, digest, source, recipe)
