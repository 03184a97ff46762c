"""Registration photo (报名照片) checks: portrait shape and a white background.

The photo itself is never altered (不能对面部特征进行修改): these checks only look.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from models import Finding, checks

#: Mean brightness and max colourfulness of the background strips for "white or near-white".
MIN_BACKGROUND_BRIGHTNESS = 200.0
MAX_BACKGROUND_CHROMA = 30.0


def background_stats(image: np.ndarray) -> tuple[float, float]:
    """Brightness and chroma of the top and upper side strips, where only background shows."""
    h, w = image.shape[:2]
    top = image[: max(1, h // 12), :]
    left = image[: h // 2, : max(1, w // 12)]
    right = image[: h // 2, w - max(1, w // 12) :]
    strip = np.concatenate([a.reshape(-1, 3) for a in (top, left, right)]).astype(np.float32)
    brightness = float(strip.mean())
    chroma = float((strip.max(axis=1) - strip.min(axis=1)).mean())
    return brightness, chroma


def check_photo(applicant_id: str, file: str, image: np.ndarray) -> Iterator[Finding]:
    h, w = image.shape[:2]
    portrait = h > w
    yield checks.finding(
        checks.PHOTO_SHAPE,
        applicant_id=applicant_id,
        slot="photo",
        file=file,
        field="shape",
        status="pass" if portrait else "invalid",
        expected="竖版（高大于宽）",
        observed=f"{w}×{h} 像素",
        confidence=1.0,
        message="报名照片为竖版。" if portrait else f"报名照片不是竖版证件照（{w}×{h} 像素）。",
    )
    brightness, chroma = background_stats(image)
    white = brightness >= MIN_BACKGROUND_BRIGHTNESS and chroma <= MAX_BACKGROUND_CHROMA
    yield checks.finding(
        checks.PHOTO_BACKGROUND,
        applicant_id=applicant_id,
        slot="photo",
        file=file,
        field="background",
        status="pass" if white else "invalid",
        expected="白色或近白色背景",
        observed=f"亮度 {brightness:.0f}/255，色度 {chroma:.0f}",
        confidence=1.0,
        message="报名照片为白色背景。" if white else "报名照片背景不是白色，不符合报名照片要求。",
    )
