"""The run's signing key: Ed25519, made on first use and kept outside OUT (mode 0600), so whoever
can edit OUT cannot re-sign what they changed; its public half is written into OUT.

Where the key lives: `--audit-key PATH`, else `$CERTCHECK_AUDIT_KEY`, else
`$XDG_DATA_HOME/certcheck/audit-ed25519.pem` (`~/.local/share/…`). An existing key file is
only ever read.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import logging
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from models.errors import OutputError, UsageError

log = logging.getLogger(__name__)
KEY_ENV = "CERTCHECK_AUDIT_KEY"
KEY_NAME = "audit-ed25519.pem"
PUBLIC_NAME = "audit-ed25519.pub"


def key_path(explicit: Path | None = None) -> Path:
    if explicit is not None:
        return explicit
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "certcheck" / KEY_NAME


def load_or_create(path: Path) -> Ed25519PrivateKey:
    """The private key at `path`; made (0600, its folder 0700) only when no file is there."""
    if not os.path.lexists(path):
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:  # made by a run beside us a moment ago: read it
            return load_private(path)
        except OSError as exc:
            raise OutputError(
                f"cannot create the audit signing key {path}: {exc.strerror or exc}; give "
                f"another place with --audit-key or {KEY_ENV}"
            ) from exc
        with os.fdopen(fd, "wb") as f:
            f.write(pem)
            f.flush()
            os.fsync(f.fileno())
        return key
    return load_private(path)


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OutputError(f"cannot read the audit signing key {path}: {exc.strerror}") from exc
    if path.stat().st_mode & 0o077:
        log.warning("the audit signing key %s can be read by others: chmod 600 it", path)
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise UsageError(f"{path} is not an unencrypted PEM private key: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise UsageError(f"{path} is not an Ed25519 private key")
    return key


def existing_public(path: Path) -> Ed25519PublicKey | None:
    """The public half of the key at `path` when one is there and readable (verify compares
    OUT's key with it), else None; never makes one."""
    with contextlib.suppress(OSError, ValueError, TypeError, UsageError, OutputError):
        if path.is_file():
            return load_private(path).public_key()
    return None


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public(data: bytes) -> Ed25519PublicKey | None:
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        return None
    return key if isinstance(key, Ed25519PublicKey) else None


def fingerprint(key: Ed25519PublicKey) -> str:
    """sha256 of the raw public key, the name an auditor compares with the published one."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()


def sign(key: Ed25519PrivateKey, message: bytes) -> str:
    return base64.b64encode(key.sign(message)).decode()


def valid(key: Ed25519PublicKey, message: bytes, signature: str) -> bool:
    try:
        key.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True
