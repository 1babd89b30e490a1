"""FastAPI: ``instrument_app(app, engines=[engine])``.

Each request runs as ``use_case("<METHOD> <route path template>")`` (``BotanuDataMiddleware``, placed
outermost among the app's own middleware whatever order they were added in, so their database work is in
the run too; OpenTelemetry's FastAPI instrumentation wraps outside all of them, so the run is a child of its
SERVER span). ``engines``: an Engine or AsyncEngine, or several, passed to ``instrument_engine`` with
``engine_options``; None when they are instrumented elsewhere.
"""

from __future__ import annotations

import logging
import types
from typing import Any

from starlette.middleware import Middleware

from ..engine import instrument_engine
from ..settings import engine_list
from ..spans import report_fault
from .asgi import BotanuDataMiddleware

_log = logging.getLogger("botanu_data")
_MARK = "_botanu_data_build_middleware_stack"


def _outermost_first(app: Any) -> None:
    """Move our entry to the front of ``app.user_middleware`` (Starlette wraps them first-outermost)."""
    entries = app.user_middleware
    ours = [m for m in entries if getattr(m, "cls", None) is BotanuDataMiddleware]
    for entry in ours:
        entries.remove(entry)
    entries[0:0] = ours[:1]


def instrument_app(app: Any, engines: Any = None, **engine_options: Any) -> Any:
    """Run every request of a FastAPI (or Starlette) app as a use case named after its route, and instrument
    ``engines``. Calling it again changes nothing. Returns the app."""
    for engine in engine_list(engines, "instrument_app"):
        instrument_engine(engine, **engine_options)
    try:
        if getattr(app, _MARK, None) is not None:
            return app
        if getattr(app, "middleware_stack", None) is not None:
            _log.warning("botanu_data: instrument_app(%r) after the app started serving; requests stay "
                         "untracked (call it where the app is created)", app)
            return app
        app.user_middleware.insert(0, Middleware(BotanuDataMiddleware, routes=app))
        build = app.build_middleware_stack

        def build_middleware_stack(self: Any) -> Any:
            _outermost_first(self)
            return build()

        setattr(app, _MARK, build)
        app.build_middleware_stack = types.MethodType(build_middleware_stack, app)
    except Exception:
        report_fault("instrument_app")
    return app


__all__ = ["BotanuDataMiddleware", "instrument_app"]
