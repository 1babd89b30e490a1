"""s3transfer (``upload_file``, ``download_file``, ``copy``) sends its parts from worker threads, which do not
carry the caller's context: those client methods are wrapped only to hand the caller's context to the requests
of that bucket and key (``transfer_context``), so every part is the caller's span's child and counts under its run.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from typing import Any

from opentelemetry.context import Context

from ..sdk_shortcuts import current_context
from ..spans import report_fault

# -- s3transfer: the caller's context for the parts sent from worker threads ----------------------------------

transfers: dict[tuple[str, str], list[Context]] = {}
_transfers_lock = threading.Lock()
# method -> index of its Bucket argument (Key follows it)
TRANSFER_METHODS = {"upload_file": 1, "upload_fileobj": 1, "download_file": 0, "download_fileobj": 0, "copy": 1}


def transfer_context(bucket: object, key: object) -> Context | None:
    found = transfers.get((bucket, key))  # type: ignore[arg-type]
    return found[-1] if found else None


def _transfer_keys(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[tuple[str, str]]:
    at = TRANSFER_METHODS[name]
    bucket = kwargs.get("Bucket", args[at] if len(args) > at else None)
    key = kwargs.get("Key", args[at + 1] if len(args) > at + 1 else None)
    keys = [(bucket, key)]
    if name == "copy":  # the source's HeadObject, too
        source = kwargs.get("CopySource", args[0] if args else None)
        if isinstance(source, Mapping):
            keys.append((source.get("Bucket"), source.get("Key")))
        elif isinstance(source, str) and "/" in source:
            keys.append(tuple(source.lstrip("/").split("/", 1)))  # type: ignore[arg-type]
    return keys


def wrap_transfer(name: str, method: Callable[..., Any], bound: bool) -> Callable[..., Any]:
    @functools.wraps(method)
    def transfer(*args: Any, **kwargs: Any) -> Any:
        keys: list[tuple[str, str]] = []
        context = current_context()
        try:
            keys = _transfer_keys(name, args if bound else args[1:], kwargs)
            with _transfers_lock:
                for key in keys:
                    transfers.setdefault(key, []).append(context)
        except Exception:
            report_fault("boto3 transfer")
        try:
            return method(*args, **kwargs)
        finally:
            with _transfers_lock:
                for key in keys:
                    found = transfers.get(key)
                    if found and context in found:
                        found.remove(context)
                        if not found:
                            del transfers[key]

    transfer._botanu_transfer = method  # type: ignore[attr-defined]
    return transfer


def wrap_client_class(class_attributes: dict[str, Any], **_: Any) -> None:
    """``creating-client-class.s3``: boto3 has added its transfer methods to the class by now."""
    try:
        for name in TRANSFER_METHODS:
            method = class_attributes.get(name)
            if method is not None and not hasattr(method, "_botanu_transfer"):
                class_attributes[name] = wrap_transfer(name, method, bound=False)
    except Exception:
        report_fault("boto3 creating-client-class")


__all__ = ["TRANSFER_METHODS", "transfer_context", "transfers", "wrap_client_class", "wrap_transfer"]
