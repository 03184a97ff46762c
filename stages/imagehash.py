"""Near-duplicate image fingerprints: the same picture uploaded twice, possibly re-encoded.

A copy of an upload may be re-saved at another JPEG quality, converted PNG<->JPEG, resized
to 80-100 % or cropped by up to ~4 % per side. Two *different* captures of the same kind of
document (every ID-card back prints the same template; every registration photo is a
head-and-shoulders portrait on white) must not match.

Why not a plain 64-bit DCT pHash (measured on two generated windows of 40 applicants, see
`lab/imagehash_eval.py`): a 4 % crop moves it by up to 22-32 of 63 bits (on a
left-right symmetric portrait half its coefficients are ~0 and their signs are noise),
while different applicants' ID cards and certificates come within 0-6 bits. Whole-frame
hashes cannot be both crop-tolerant and selective, so the crop is *searched* instead:

* fingerprint: a 16x16 grey thumbnail of the whole upload as a viewer shows it (background,
  framing and lighting included: that is what differs between two captures), the mean Lab
  colour of its 2x2 quadrants (a grey thumbnail cannot tell a red shirt from a blue one),
  and the aspect ratio (a copy keeps it within the crop's ~9 %). 270 bytes, ~1 ms.
* index: a 64-bit block hash of the blurred thumbnail, cut into 4 bands of 16 bits. Each
  image is filed under the bands of its whole-frame hash and probes with the bands of its own
  crops on a grid (0/2/4 % per side): one of those is within 1 % per side of any copy's crop,
  where the hash moves by at most a few bits, so an exact band match finds it
  (pigeonhole: 4 bands catch every pair within 3 bits). Never all pairs. A band shared
  by a whole template (thousands of flatbed scans of one form) is probed boundedly: only
  its `PROBE_LIMIT` members nearest in a projection order of the thumbnail, at most
  `PROBE_BUDGET` distances per upload, so the cost per upload does not grow with N
  (`lab/similar_bench.py`: where whole buckets up to `BUCKET_CAP` were compared and
  larger ones skipped, copies of template documents were missed).
* stage 1 (coarse): the smallest mean absolute grey difference between the two blurred
  thumbnails over crops of 0-5 % per side of either image (the crop consistent with the two
  aspect ratios), and the chroma difference under that alignment. Within `COARSE_GREY` /
  `COARSE_COLOUR` a pair is a candidate: every simulated 2-4 % crop passes, and so do many
  captures of one template. Without the files the strict `MAX_GREY`/`MAX_COLOUR` decide
  (re-encodes and resizes sit at <= 0.8 grey levels, different documents at >= 1.44, but a
  cropped copy on a 16 px grid stays at 4-9, inside the range of different captures).
* veto (`stages.window_checks`): pairs whose readings differ, or institutions' licences of
  two applicants, are dropped before any file is opened.
* stage 2 (precise, `align`): both files decoded again, shrunk to `SIDE` px, aligned by ECC
  (affine, checked to be a uniform scale + translation covering most of the smaller image)
  and compared tile by tile (`MAX_TILE`). Each upload is verified against at most
  `MAX_CANDIDATES` candidates, so the cost is linear in the window (`pipeline.similar`
  verifies the candidates in parallel, each file prepared once per chunk of pairs).

Measured limits (`lab/imagehash_eval.py`): born-digital PDFs of one template (social
insurance statements, 学信网 records) differ only in a few words and align as well as a
copy does; for them the veto (their text layer is read exactly) is what tells two
applicants apart.
"""

from __future__ import annotations

import heapq
import math
from array import array
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

import cv2
import numpy as np
from PIL import Image

VERSION = "h1"
THUMB = 16
CHROMA = 8
#: Aligned mean |blurred grey difference| (0-255) up to which two uploads are one picture.
#: Measured (lab/imagehash_eval.py, windows 5151+6262, 476 uploads): re-encodes (JPEG
#: q50-95, PNG) and 80-95 % resizes at most 0.79; different applicants' documents at least
#: 1.44 (id_front 1.45, id_back 1.50, licence 1.44, probation 1.68, diploma 2.41). Crops are
#: NOT separable at 16 px: a 2-4 % crop leaves 5.5-8.6 after the alignment search, more than
#: many different captures, so crops are not caught at this threshold (see the report).
MAX_GREY = 1.0
#: Largest mean |Lab a/b difference| under the best alignment: copies measured <= 0.97.
#: It separates portraits that differ only in clothing colour, which grey cannot.
MAX_COLOUR = 1.5
#: Aspect ratios (w/h) of a copy and its original differ by at most this factor (log):
#: a crop of 4 % per side changes it by at most ~4.3 %.
MAX_ASPECT = 0.09
BANDS = 4
PROBE_CROPS = (0.0, 0.02, 0.04)
VERIFY_CROPS = (0.0, 0.01, 0.02, 0.03, 0.04, 0.05)
#: A crop pair is consistent with the observed aspect ratios within this (log) tolerance.
ASPECT_SLACK = 0.03
#: Stage 1 (candidates for precise verification): aligned grey / chroma difference up to
#: which a pair is proposed. Measured so that 2-4 % crops of one file pass (see above).
COARSE_GREY = 11.0
COARSE_COLOUR = 4.0
#: Each upload is verified precisely against its closest coarse candidates only, so the
#: number of precise verifications is at most MAX_CANDIDATES x uploads however alike a
#: window's uploads are (100,000 portraits on white); a copy is its original's closest
#: candidate or nearly (measured: see the report of `lab/imagehash_eval.py`).
MAX_CANDIDATES = 8
#: A band value shared by more uploads than this is a template's, not an image's: probing
#: all of it would compare every pair of that template (quadratic in a 100,000-applicant
#: window). Such a bucket is probed boundedly (`PROBE_LIMIT`); equal readings propose pairs
#: too (`Index.coarse_pairs(extra=...)`, groups of at most this many).
BUCKET_CAP = 64
#: A probe of a crowded bucket reads only the members nearest to the probing crop in the
#: bucket's order by `_order_key` (a projection of the blurred thumbnail), this many in
#: all, so the comparisons per upload are bounded by bands x crops x PROBE_LIMIT whatever N.
PROBE_LIMIT = 8
#: At most this many distances are computed per probing upload (over all its bands).
PROBE_BUDGET = 64
#: Parsed fingerprints an `Index` keeps (least recently used out; ~2.5 KB each): the
#: members of a crowded bucket are read by many neighbouring probes.
PARSED_KEPT = 1024


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity, for _verify_crops
class Fingerprint:
    """A parsed fingerprint: the grey thumbnail, quadrant Lab colours and aspect ratio."""

    thumb: np.ndarray  # THUMB x THUMB float32 grey
    colour: np.ndarray  # 2 x CHROMA x CHROMA float32: Lab a and b (OpenCV 8-bit scale)
    aspect: float  # width / height
    smooth: np.ndarray  # the thumbnail blurred, what verification compares

    @classmethod
    def parse(cls, text: str) -> Fingerprint:
        return cls.from_raw(raw_print(text))

    @classmethod
    def from_raw(cls, raw: bytes | bytearray | memoryview) -> Fingerprint:
        """From the `RAW` bytes of `raw_print` (what `Index` keeps per upload)."""
        raw = bytes(raw)
        n = THUMB * THUMB
        thumb = np.frombuffer(raw[:n], np.uint8).reshape(THUMB, THUMB).astype(np.float32)
        m = n + 2 * CHROMA * CHROMA
        colour = np.frombuffer(raw[n:m], np.uint8).reshape(2, CHROMA, CHROMA).astype(np.float32)
        aspect = math.exp(int.from_bytes(raw[m : m + 2], "big", signed=True) / 4096)
        return cls(thumb, _blur(colour), aspect, _blur(thumb))


#: bytes of a fingerprint: grey thumbnail, Lab a/b thumbnails, log aspect (int16)
RAW = THUMB * THUMB + 2 * CHROMA * CHROMA + 2


def raw_print(text: str) -> bytes:
    """A fingerprint's `RAW` bytes; ValueError for another version's or a damaged one."""
    if not text.startswith(VERSION):
        raise ValueError(f"not a {VERSION} fingerprint")
    raw = bytes.fromhex(text[len(VERSION) :])
    if len(raw) != RAW:
        raise ValueError(f"a {VERSION} fingerprint of {len(raw)} bytes, not {RAW}")
    return raw


def _bgr(image: Image.Image | np.ndarray) -> np.ndarray:
    """PIL images are RGB(A)/L; arrays are BGR or grey as `stages.normalise.load_image` gives."""
    if isinstance(image, Image.Image):
        rgb = np.asarray(image.convert("RGB"))
        return np.ascontiguousarray(rgb[:, :, ::-1])
    if image.ndim == 2:
        return cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    if image.shape[2] == 4:
        return cv2.cvtColor(image, cv2.COLOR_BGRA2BGR)
    return image


def fingerprint(image: Image.Image | np.ndarray) -> str:
    """Fingerprint of an upright decoded image (EXIF orientation applied), as a hex string.

    The image is first shrunk to 64 px with area averaging, so the cost does not grow with
    the upload's size beyond one resize (~0.3 ms for a 1600 px photo).
    """
    bgr = _bgr(image)
    h, w = bgr.shape[:2]
    if w > 256 or h > 256:  # bilinear to 256 px first: INTER_AREA on a full photo costs ~4 ms
        bgr = cv2.resize(bgr, (256, 256), interpolation=cv2.INTER_LINEAR)
    small = cv2.resize(bgr, (64, 64), interpolation=cv2.INTER_AREA)
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    thumb = cv2.resize(grey, (THUMB, THUMB), interpolation=cv2.INTER_AREA)
    lab = cv2.cvtColor(
        cv2.resize(small, (CHROMA, CHROMA), interpolation=cv2.INTER_AREA), cv2.COLOR_BGR2LAB
    )
    chroma = np.ascontiguousarray(lab[:, :, 1:].transpose(2, 0, 1))
    aspect = int(round(math.log(max(w, 1) / max(h, 1)) * 4096))
    aspect = max(-32768, min(32767, aspect))
    raw = thumb.tobytes() + chroma.tobytes() + aspect.to_bytes(2, "big", signed=True)
    return VERSION + raw.hex()


# -- crops of a thumbnail, as matrices -------------------------------------------------------


def _interp(lo: float, hi: float, n: int) -> np.ndarray:
    """Linear-interpolation matrix that samples [lo, 1-hi] of an n-pixel axis at n points."""
    x = (lo + (np.arange(n) + 0.5) / n * (1 - lo - hi)) * n - 0.5
    x = np.clip(x, 0, n - 1)
    i0 = np.floor(x).astype(int)
    i1 = np.minimum(i0 + 1, n - 1)
    f = x - i0
    m = np.zeros((n, n), np.float32)
    m[np.arange(n), i0] += 1 - f
    m[np.arange(n), i1] += f
    return m


@lru_cache(maxsize=8)
def _crops(steps: tuple[float, ...], n: int = THUMB) -> tuple[np.ndarray, np.ndarray]:
    """All (lo, hi) crops of one n-pixel axis: interpolation matrices and kept fractions."""
    pairs = [(a, b) for a in steps for b in steps]
    mats = np.stack([_interp(a, b, n) for a, b in pairs])
    kept = np.array([1 - a - b for a, b in pairs], np.float32)
    return mats, kept


def _cropped(thumb: np.ndarray, steps: tuple[float, ...]) -> np.ndarray:
    """thumb cropped by every (top, bottom) x (left, right) in steps: (Cy, Cx, n, n)."""
    mats, _ = _crops(steps, thumb.shape[-1])
    rows = np.matmul(mats, thumb)  # (Cy, n, n): rows resampled
    return np.matmul(rows[:, None], mats.transpose(0, 2, 1)[None])


@lru_cache(maxsize=4)
def _verify_crops(fp: Fingerprint) -> np.ndarray:
    """fp's blurred thumbnail under every verification crop. Cached: `Index.coarse_pairs`
    compares one upload with a bucket's worth of others in turn."""
    return _cropped(fp.smooth, VERIFY_CROPS)


_BLUR = np.array([0.25, 0.5, 0.25], np.float32)


@lru_cache(maxsize=8)
def _edge(n: int) -> np.ndarray:
    """Indices of an n-long axis padded by one repeated edge value on each side."""
    return np.concatenate([[0], np.arange(n), [n - 1]])


def _blur(x: np.ndarray) -> np.ndarray:
    """Blur over the last two axes: sharp edges resampled on a 16 px grid would otherwise
    dominate the difference between a copy and its crop."""
    k = _BLUR
    # edge padding by np.take: what np.pad(mode="edge") gives (values and C order, so that
    # later reductions sum in the same order) at a fraction of its cost
    p = np.take(np.take(x, _edge(x.shape[-2]), axis=-2), _edge(x.shape[-1]), axis=-1)
    p = k[0] * p[..., :-2, :] + k[1] * p[..., 1:-1, :] + k[2] * p[..., 2:, :]
    return k[0] * p[..., :-2] + k[1] * p[..., 1:-1] + k[2] * p[..., 2:]


def _block_hash(x: np.ndarray) -> np.ndarray:
    """64-bit hashes of (..., 16, 16) thumbnails: 2x2-block means of the blurred thumbnail
    above their median. Returned as uint64."""
    b = _blur(x)
    blocks = b.reshape(*b.shape[:-2], 8, 2, 8, 2).mean(axis=(-3, -1)).reshape(*b.shape[:-2], 64)
    bits = blocks > np.median(blocks, axis=-1, keepdims=True)
    weights = np.left_shift(np.uint64(1), np.arange(64, dtype=np.uint64))
    return (bits.astype(np.uint64) * weights).sum(axis=-1, dtype=np.uint64)


#: a fixed zero-mean projection of a blurred thumbnail: the order of a crowded bucket
_PROJECTION = np.random.default_rng(19).normal(0, 1, (THUMB, THUMB)).astype(np.float32)
_PROJECTION -= _PROJECTION.mean()


def _order_key(x: np.ndarray) -> np.ndarray:
    """Order keys of (..., 16, 16) thumbnails: the blurred thumbnail, brightness-normalised,
    projected on `_PROJECTION`. A copy lands near its original's crop; a template's
    uploads spread by their variable text."""
    b = _blur(x)
    b = b - b.mean(axis=(-2, -1), keepdims=True)
    return (b * _PROJECTION).sum(axis=(-2, -1)) / THUMB


def _bands(h: int) -> list[int]:
    """The BANDS bands of a 64-bit hash, each as its index << 16 | its 16-bit value."""
    width = 64 // BANDS
    mask = (1 << width) - 1
    return [(i << width) | ((h >> (i * width)) & mask) for i in range(BANDS)]


def distance(a: Fingerprint, b: Fingerprint) -> tuple[float, float]:
    """(aligned grey difference, chroma difference at that alignment) of two fingerprints.

    The grey difference is minimised over crops of 0-5 % per side of either image (whichever
    is the original), counting only crops that agree with the two aspect ratios; the Lab
    a/b thumbnails are compared under the same crop, so a crop does not count as a colour
    change but a red shirt instead of a blue one does.
    """
    if abs(math.log(a.aspect / b.aspect)) > MAX_ASPECT:
        return math.inf, math.inf
    _, kept = _crops(VERIFY_CROPS)
    best, colour = math.inf, math.inf
    for x, y in ((a, b), (b, a)):
        pred = np.log(x.aspect * kept[None, :] / kept[:, None])
        ok = np.abs(pred - math.log(y.aspect)) < ASPECT_SLACK
        if not ok.any():
            continue
        # blurring is linear like the crop, so blur once and crop the blurred thumbnail
        diff = np.abs(_verify_crops(x) - y.smooth).mean(axis=(2, 3))
        diff[~ok] = np.inf
        cy, cx = np.unravel_index(int(np.argmin(diff)), diff.shape)
        if diff[cy, cx] < best:
            best = float(diff[cy, cx])
            my = _crops(VERIFY_CROPS, CHROMA)[0][cy]
            mx = _crops(VERIFY_CROPS, CHROMA)[0][cx]
            colour = float(np.abs(my @ x.colour @ mx.T - y.colour).mean(axis=(1, 2)).max())
    return best, colour


def same_image(a: Fingerprint, b: Fingerprint) -> bool:
    grey, colour = distance(a, b)
    return grey <= MAX_GREY and colour <= MAX_COLOUR


# -- stage 2: precise verification from the files themselves -------------------------------

#: Longer side (px) both uploads are shrunk to before alignment. Measured: at 256 px a page
#: of small print aliases so differently in a 2 % crop that its aligned copy differs by up
#: to 13-24 levels in a tile (no better than another applicant's page); at 512 px by <= 4.3.
SIDE = 512
#: Relative scales (around the one the two sizes imply) that alignment starts from: a crop
#: of up to 4 % per side changes the scale by up to ~9 % either way.
START_SCALES = (0.92, 0.96, 1.0, 1.04, 1.08)
#: Worst tile's mean |BGR difference| (0-255) of the aligned, lightly blurred images up to
#: which one upload is a copy of the other. Measured (lab/imagehash_eval.py, windows
#: 5151+6262, 579 uploads): copies (JPEG q50-95, PNG, 80-95 % resize, 2-4 % crops, mixes)
#: at most 4.9; different applicants' nearest uploads at least 10.4 (id_back), 14.2
#: (probation), 26.3 (licence), 26.9 (photo), 30.8 (diploma) - but born-digital PDFs of one
#: template 1.4 (social insurance) and 3.5 (学信网 record): only the veto separates those.
MAX_TILE = 6.0
#: The overlap must cover this much of the smaller image (a crop keeps >= 92 % per axis).
MIN_OVERLAP = 0.85
#: Largest |log| of the aligned scale against the sizes' nominal one, and of x-scale against
#: y-scale, and largest shear: a copy is a crop and a uniform resize, nothing else.
MAX_SCALE_OFF = 0.15
MAX_ANISOTROPY = 0.04
MAX_SHEAR = 0.02
#: Tiles per side: small enough that one differing line of text (a name, a date) dominates
#: its tile; measured best at 12 (8: PDFs of two applicants at 2.0; 16: copies up to 4.9).
TILES = 12
_ECC_STOP = (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 50, 1e-4)


@dataclass(frozen=True, slots=True)
class Alignment:
    """How well upload b, aligned onto upload a, reproduces it (see `align`)."""

    tile: float  # worst tile's mean |BGR difference| on the overlap (0-255)
    mean: float  # mean |BGR difference| over the whole overlap
    overlap: float  # overlap / the smaller image's area
    scale: tuple[float, float]  # b pixels per a pixel (x, y), relative to the sizes' ratio
    shear: float
    rho: float  # ECC correlation coefficient at the end of the alignment

    @property
    def copy(self) -> bool:
        """One upload is a re-encoded, resized and/or cropped copy of the other."""
        sx, sy = self.scale
        return (
            self.tile <= MAX_TILE
            and self.overlap >= MIN_OVERLAP
            and max(abs(math.log(sx)), abs(math.log(sy))) <= MAX_SCALE_OFF
            and abs(math.log(sx / sy)) <= MAX_ANISOTROPY
            and self.shear <= MAX_SHEAR
        )


def prepare(image: Image.Image | np.ndarray) -> np.ndarray:
    """An upright decoded upload shrunk to `SIDE` px on its longer side, uint8 BGR (~0.6 MB):
    what `align` compares (callers may cache it instead of the decoded upload)."""
    bgr = _bgr(image)
    h, w = bgr.shape[:2]
    k = SIDE / max(h, w, 1)
    if k < 1:
        if k < 0.25:  # a bilinear halving first: INTER_AREA on a full photo is slow
            bgr = cv2.resize(
                bgr,
                (max(1, round(w * k * 2)), max(1, round(h * k * 2))),
                interpolation=cv2.INTER_LINEAR,
            )
        bgr = cv2.resize(
            bgr, (max(1, round(w * k)), max(1, round(h * k))), interpolation=cv2.INTER_AREA
        )
    return np.ascontiguousarray(bgr, np.uint8)


def _ecc(a: np.ndarray, b: np.ndarray, warp: np.ndarray) -> tuple[float, np.ndarray]:
    try:
        rho, warp = cv2.findTransformECC(  # type: ignore[call-overload]
            a, b, warp.copy(), cv2.MOTION_AFFINE, _ECC_STOP, None, 3
        )
    except cv2.error:  # did not converge: not aligned
        return -1.0, warp
    return float(rho), warp


def align(a: np.ndarray, b: np.ndarray) -> Alignment:
    """Align prepared upload b onto prepared upload a and compare them.

    Why ECC rather than phase correlation: the relative scale of a crop is unknown to ~9 %,
    and a 1 % scale error shifts the edges of a 256 px text page by ~1-2 px, as much as
    different text would; phase correlation's peak is too flat across scales to pick it.
    ECC (an affine warp maximising the correlation coefficient) is started from a few
    scales at 1/4 size, continued from the best at 1/2 and full size, and converges to a
    sub-pixel alignment of a copy. The affine warp is then checked to be a crop and a
    uniform resize (`Alignment.copy`), and the images are compared tile by tile: two
    captures of one template that differ only in a line of text, a face or the background
    behind the card differ strongly in *some* tile, however alike the rest is.
    """
    a, b = a.astype(np.float32), b.astype(np.float32)
    ga = cv2.cvtColor(a, cv2.COLOR_BGR2GRAY)
    gb = cv2.cvtColor(b, cv2.COLOR_BGR2GRAY)
    (ha, wa), (hb, wb) = ga.shape, gb.shape
    nominal = math.sqrt(hb * wb / (ha * wa))  # b pixels per a pixel if b is a's resize
    levels = {}
    for k in (4, 2, 1):
        levels[k] = (
            cv2.resize(ga, (max(8, wa // k), max(8, ha // k)), interpolation=cv2.INTER_AREA),
            cv2.resize(gb, (max(8, wb // k), max(8, hb // k)), interpolation=cv2.INTER_AREA),
        )
    ta, tb = levels[4]
    starts: list[tuple[float, np.ndarray]] = []
    for f in START_SCALES:  # centres mapped onto centres, b scaled by f around the nominal
        s = nominal * f
        start = np.array(
            [
                [s, 0, (tb.shape[1] - s * ta.shape[1]) / 2],
                [0, s, (tb.shape[0] - s * ta.shape[0]) / 2],
            ],
            np.float32,
        )
        starts.append(_ecc(ta, tb, start))
    # the two best starts are refined (one may diverge at full size), the better result kept
    best: Alignment | None = None
    for rho, warp in sorted(starts, key=lambda x: -x[0])[:2]:
        for k in (2, 1):
            warp = warp.copy()
            warp[:, 2] *= 2
            r, refined = _ecc(*levels[k], warp)
            if r >= 0:  # else diverged: the coarser alignment stays
                rho, warp = r, refined
        found = _compare(a, b, warp, nominal, rho)
        if best is None or (found.copy, -found.tile) > (best.copy, -best.tile):
            best = found
    assert best is not None
    return best


def _compare(
    a: np.ndarray, b: np.ndarray, warp: np.ndarray, nominal: float, rho: float
) -> Alignment:
    """Compare a with b warped onto it (`warp` maps a's pixels to b's)."""
    (ha, wa), (hb, wb) = a.shape[:2], b.shape[:2]
    flags = cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP
    warped = cv2.warpAffine(b, warp, (wa, ha), flags=flags)
    mask = cv2.warpAffine(
        np.ones((hb, wb), np.uint8), warp, (wa, ha), flags=cv2.INTER_NEAREST | cv2.WARP_INVERSE_MAP
    )
    mask = cv2.erode(mask, np.ones((5, 5), np.uint8))  # resampled border pixels
    det = abs(float(np.linalg.det(warp[:, :2]))) or 1e-9
    overlap = float(mask.sum()) / min(ha * wa, hb * wb / det)
    # a light blur: a copy resampled by another filter differs at sharp edges by a few levels
    diff = np.abs(cv2.GaussianBlur(a, (0, 0), 1.0) - cv2.GaussianBlur(warped, (0, 0), 1.0))
    diff = diff.mean(axis=2) * mask
    ys = np.linspace(0, ha, TILES + 1).astype(int)
    xs = np.linspace(0, wa, TILES + 1).astype(int)
    tile = -math.inf
    for y0, y1 in zip(ys[:-1], ys[1:], strict=True):
        for x0, x1 in zip(xs[:-1], xs[1:], strict=True):
            n = int(mask[y0:y1, x0:x1].sum())
            if n >= 0.5 * (y1 - y0) * (x1 - x0):  # tiles mostly outside the overlap: skipped
                tile = max(tile, float(diff[y0:y1, x0:x1].sum()) / n)
    scale = (float(warp[0, 0]) / nominal, float(warp[1, 1]) / nominal)
    shear = abs(float(warp[0, 1])) + abs(float(warp[1, 0]))
    return Alignment(
        tile=tile if tile >= 0 else math.inf,  # no tile inside the overlap: not aligned
        mean=float(diff.sum()) / max(1.0, float(mask.sum())),
        overlap=overlap,
        scale=scale,
        shear=shear / nominal,
        rho=rho,
    )


def prepare_upload(data: bytes) -> np.ndarray:
    """`prepare` of an upload's bytes as the per-applicant fingerprint saw it: an image with
    its EXIF orientation applied, a PDF's first page. Raises ValueError (the decoders'
    errors) when it cannot be decoded."""
    from stages.normalise import load_image
    from stages.pdfpages import render_pages

    if data[:5] == b"%PDF-":
        return prepare(render_pages(data, max_pages=1)[0])
    # decoded at a reduced JPEG scale: only SIDE px are kept
    return prepare(load_image(data, max_side=4 * SIDE)[0])


def is_copy(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether one prepared upload is a crop/resize/re-encode of the other (either way)."""
    return align(a, b).copy


K = TypeVar("K", bound=Hashable)


@dataclass
class Index(Generic[K]):
    """Band-bucket index over fingerprints; `groups()` returns the near-duplicate groups.

    Two stages. The band index proposes pairs, kept when their fingerprints are within the
    loose `COARSE_GREY`/`COARSE_COLOUR` (a 2-4 % crop passes, so do many captures of one
    template); a `veto` (different readings) drops pairs for free; a `verify` callback
    (`align` on the two files) decides the rest. Without `verify` the fingerprints' strict
    `MAX_GREY`/`MAX_COLOUR` decide (re-encodes and resizes, not crops).

    The cap, so that a window of look-alike uploads (100,000 portraits on white) stays
    linear: a pair is a candidate only if it is among the `MAX_CANDIDATES` closest of one of
    its two uploads, so there are at most MAX_CANDIDATES x uploads precise verifications;
    pairs already joined (through a third upload) are not verified again. Counters:
    `comparisons` (fingerprint distances), `candidates` (pairs kept), `over_cap` (pairs
    within the coarse thresholds but beyond both uploads' closest), `vetoed` (proposed
    pairs the veto dropped before any distance, once from each side that proposed them),
    `verifications`.
    """

    keys: list[K] = field(default_factory=list)
    # Compact per-upload storage (issue 19: ~0.8 KB an upload instead of ~7.5 KB of
    # objects, for windows of millions of uploads): the fingerprints' RAW bytes end to end,
    # bucket members as int32 arrays, each upload's probes as flat arrays.
    _raw: bytearray = field(default_factory=bytearray)
    #: band (its index << 16 | its 16-bit value) -> uploads filed under it
    buckets: dict[int, array] = field(default_factory=dict)
    #: per upload, its probes' bands (distinct, whole frame's first) and the order key of
    #: the probing crop that hashed to each: upload i's are [_probe_at[i], _probe_at[i + 1])
    _probe_bands: array = field(default_factory=lambda: array("i"))
    _probe_ranks: array = field(default_factory=lambda: array("f"))
    _probe_at: array = field(default_factory=lambda: array("q", [0]))
    order: array = field(default_factory=lambda: array("f"))  # the whole frame's order key
    #: the last parsed fingerprints, by upload (a probing upload is compared with many)
    _parsed: dict[int, Fingerprint] = field(default_factory=dict)
    comparisons: int = 0
    crowded: int = 0
    candidates: int = 0
    vetoed: int = 0
    verifications: int = 0
    over_cap: int = 0

    def add(self, key: K, fp: str) -> None:
        try:
            raw = raw_print(fp)
        except ValueError:
            return  # an old or foreign fingerprint: skipped, never a false match
        parsed = Fingerprint.from_raw(raw)
        i = len(self.keys)
        self.keys.append(key)
        self._raw += raw
        cropped = _cropped(parsed.thumb, PROBE_CROPS).reshape(-1, THUMB, THUMB)
        crops = _block_hash(cropped).tolist()
        ranks = _order_key(cropped).tolist()
        whole = int(_block_hash(parsed.thumb))
        for band in _bands(whole):
            self.buckets.setdefault(band, array("i")).append(i)
        self.order.append(float(_order_key(parsed.thumb)))
        probes: dict[int, float] = {}
        for h, rank in zip(crops, ranks, strict=True):
            for band in _bands(int(h)):
                probes.setdefault(band, rank)
        self._probe_bands.extend(probes)
        self._probe_ranks.extend(probes.values())
        self._probe_at.append(len(self._probe_bands))

    def fingerprint(self, i: int) -> Fingerprint:
        """Upload i's parsed fingerprint; the `PARSED_KEPT` last used are kept (one object
        per upload while kept, so that `_verify_crops` finds a probing upload's crops)."""
        fp = self._parsed.pop(i, None)  # put back last: least recently used first out
        if fp is None:
            if len(self._parsed) >= PARSED_KEPT:
                self._parsed.pop(next(iter(self._parsed)))
            fp = Fingerprint.from_raw(memoryview(self._raw)[i * RAW : (i + 1) * RAW])
        self._parsed[i] = fp
        return fp

    def _proposals(self) -> Iterator[tuple[int, int]]:
        """(i, j) for each upload i and the bucket members its probes read: all of a small
        bucket, the `PROBE_LIMIT` nearest in order of a crowded one; the uncropped probe's
        bands first, at most `PROBE_BUDGET` members per upload."""
        ordered: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        order = np.asarray(self.order, np.float64)
        starts = self._probe_at
        for i in range(len(self.keys)):
            budget = PROBE_BUDGET
            p0, p1 = starts[i], starts[i + 1]
            probes = dict(zip(self._probe_bands[p0:p1], self._probe_ranks[p0:p1], strict=True))
            for band in probes:  # the whole frame's bands first, then the crops' in turn
                bucket = self.buckets.get(band)
                if not bucket:
                    continue
                if len(bucket) <= BUCKET_CAP:
                    members: Iterable[int] = bucket
                else:
                    self.crowded += 1
                    if band not in ordered:
                        ids = np.asarray(bucket, np.int64)
                        keys = order[ids]
                        by = np.argsort(keys, kind="stable")
                        ordered[band] = (keys[by], ids[by])
                    keys, ids = ordered[band]
                    at = int(np.searchsorted(keys, probes[band]))
                    lo = max(0, at - PROBE_LIMIT // 2)
                    members = ids[lo : lo + PROBE_LIMIT].tolist()
                for j in members:
                    if j != i:
                        yield i, j
                        budget -= 1
                if budget <= 0:
                    break

    def coarse_pairs(
        self,
        veto: Callable[[K, K], bool] | None = None,
        extra: Iterable[tuple[int, int]] = (),
    ) -> list[tuple[float, float, int, int]]:
        """(grey, colour, i, j) with i < j for pairs within the coarse thresholds and not
        vetoed, closest first; each pair's distance is computed once, however many bands it
        shares, and each upload keeps its `MAX_CANDIDATES` closest (after the veto, so that
        other people's documents of one template do not crowd out a copy); pairs from
        `extra` (equal readings, bounded by the caller) are kept whatever the cap."""
        checked: set[tuple[int, int]] = set()
        best: list[list[tuple[float, int]]] = [[] for _ in self.keys]  # max-heaps (-grey, j)
        found: dict[tuple[int, int], tuple[float, float]] = {}

        joined = {(min(i, j), max(i, j)) for i, j in extra if i != j}

        def proposals() -> Iterator[tuple[int, int]]:
            yield from joined
            yield from self._proposals()

        prober, vetoed = -1, set[tuple[int, int]]()  # the current prober's vetoed pairs
        for i, j in proposals():
            pair = (min(i, j), max(i, j))
            if i != prober:
                prober, vetoed = i, set()
            if j == i or pair in checked or pair in vetoed:
                continue
            # the veto first: it costs a string comparison, a distance ~1 ms, and a pair is
            # found only if it passes both, whatever the order (issue 19). A vetoed pair is
            # not remembered (it may be vetoed again from its other side, and counted
            # again): `checked` then holds the pairs not vetoed only, not ~55 per upload.
            if veto is not None and veto(self.keys[pair[0]], self.keys[pair[1]]):
                self.vetoed += 1
                vetoed.add(pair)
                continue
            checked.add(pair)
            self.comparisons += 1
            grey, colour = distance(self.fingerprint(i), self.fingerprint(j))
            if grey > COARSE_GREY or colour > COARSE_COLOUR:
                continue
            found[pair] = (grey, colour)
            for a, b in (pair, pair[::-1]):
                heapq.heappush(best[a], (-grey, b))
                if len(best[a]) > MAX_CANDIDATES:
                    heapq.heappop(best[a])
        kept = {(min(a, b), max(a, b)) for a, heap in enumerate(best) for _, b in heap}
        kept |= joined & found.keys()  # equal readings: always verified, not capped
        out = sorted((*found[p], *p) for p in kept)
        self.candidates = len(out)
        self.over_cap = len(found) - len(out)
        return out

    def pairs(self) -> Iterable[tuple[int, int]]:
        """Pairs (i < j) the fingerprints alone call one image (strict thresholds)."""
        for grey, colour, i, j in self.coarse_pairs():
            if grey <= MAX_GREY and colour <= MAX_COLOUR:
                yield i, j

    def groups(
        self,
        veto: Callable[[K, K], bool] | None = None,
        verify: Callable[[K, K], bool | None] | None = None,
        extra: Iterable[tuple[int, int]] = (),
        verify_many: Callable[[list[tuple[K, K]]], list[bool | None]] | None = None,
    ) -> list[list[K]]:
        """Connected groups (two or more keys) of near-duplicates, in insertion order.

        `veto` drops pairs that other evidence (what was read) says are different, before
        any file is opened; `verify` decides the remaining coarse candidates precisely, one
        pair at a time; `verify_many` all of them in one call (so that the caller can
        verify them in parallel: every candidate is verified, none skipped as joined).
        """
        parent = list(range(len(self.keys)))

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        coarse = self.coarse_pairs(veto, extra)
        decided: list[bool | None] = [None] * len(coarse)
        if verify_many is not None:
            decided = verify_many([(self.keys[i], self.keys[j]) for _, _, i, j in coarse])
            self.verifications += len(coarse)
        for (grey, colour, i, j), same in zip(coarse, decided, strict=True):
            if verify_many is None:
                if root(i) == root(j):
                    continue  # already one group through a third upload
                if verify is not None:
                    self.verifications += 1
                    same = verify(self.keys[i], self.keys[j])
            if same is None:  # no files (or unreadable): the fingerprints' strict thresholds
                same = grey <= MAX_GREY and colour <= MAX_COLOUR
            if same:
                parent[root(j)] = root(i)
        members: dict[int, list[K]] = defaultdict(list)
        for i, key in enumerate(self.keys):
            members[root(i)].append(key)
        return [m for m in members.values() if len(m) > 1]


def near_duplicate_groups(
    items: Iterable[tuple[K, str]],
    veto: Callable[[K, K], bool] | None = None,
    verify: Callable[[K, K], bool | None] | None = None,
) -> list[list[K]]:
    """Groups of keys whose fingerprints are near-duplicates, through the band index."""
    index: Index[K] = Index()
    for key, fp in items:
        index.add(key, fp)
    return index.groups(veto, verify)
