"""What the messaging integrations share: per-instance, reversible method wrapping and message sizes.

A client with no hook of its own gets its public methods wrapped on the one instance given (an attribute that
shadows the class's method), never on the class: other instances, and the class, are left as they were.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..spans import report_fault

_ORIGINALS = "_botanu_originals"  # on the instance: {method name: its own attribute before, or None}


def wrap_methods(instance: Any, wrappers: dict[str, Callable[[Callable[..., Any]], Callable[..., Any]]]) -> bool:
    """Replace each named method of ``instance`` by ``make(original)``; False (and nothing changed) when it is
    already wrapped or cannot take attributes."""
    try:
        if _ORIGINALS in vars(instance):
            return False
        own = vars(instance)
        originals = {name: own.get(name) for name in wrappers}
        replaced = {name: make(getattr(instance, name)) for name, make in wrappers.items()}
        for name, method in replaced.items():
            setattr(instance, name, method)
        setattr(instance, _ORIGINALS, originals)
        return True
    except Exception:
        report_fault(f"instrumenting {type(instance).__name__}")
        return False


def unwrap_methods(instance: Any) -> bool:
    """Undo ``wrap_methods``: the instance's methods are the class's (or its own earlier ones) again."""
    try:
        originals = vars(instance).pop(_ORIGINALS, None)
        if originals is None:
            return False
        for name, before in originals.items():
            if before is None:
                vars(instance).pop(name, None)
            else:
                setattr(instance, name, before)
        return True
    except Exception:
        report_fault(f"uninstrumenting {type(instance).__name__}")
        return False


def body_size(body: object) -> int:
    """Bytes of a message body as the client sends it (``str`` as UTF-8); 0 for anything else."""
    if isinstance(body, (bytes, bytearray)):
        return len(body)
    if isinstance(body, memoryview):
        return body.nbytes
    if isinstance(body, str):
        return len(body) if body.isascii() else len(body.encode("utf-8", "replace"))
    return 0


def run_tracked(build: Callable[[], Any], function: Callable[..., Any], args: tuple[Any, ...],
                kwargs: dict[str, Any], after: Callable[[Any, Any], Any] | None = None) -> Any:
    """``function(*args, **kwargs)`` inside the tracker ``build()`` makes, then ``after(tracker, result)`` to
    describe the result. If making the tracker fails the call runs untracked, and a fault in ``after`` is only
    logged: the call's result and exceptions are the caller's, unchanged."""
    try:
        tracker = build()
    except Exception:
        report_fault(f"tracking {getattr(function, '__qualname__', function)}")
        return function(*args, **kwargs)
    with tracker:
        result = function(*args, **kwargs)
        if after is not None:
            try:
                after(tracker, result)
            except Exception:
                report_fault(f"describing {getattr(function, '__qualname__', function)}")
    return result


async def run_tracked_async(build: Callable[[], Any], function: Callable[..., Any], args: tuple[Any, ...],
                            kwargs: dict[str, Any], after: Callable[[Any, Any], Any] | None = None) -> Any:
    """``run_tracked`` for a coroutine function: the tracker is open while the call is awaited."""
    try:
        tracker = build()
    except Exception:
        report_fault(f"tracking {getattr(function, '__qualname__', function)}")
        return await function(*args, **kwargs)
    with tracker:
        result = await function(*args, **kwargs)
        if after is not None:
            try:
                after(tracker, result)
            except Exception:
                report_fault(f"describing {getattr(function, '__qualname__', function)}")
    return result
