"""Flask: ``BotanuData(app)``, or ``ext = BotanuData(); ext.init_app(app)`` in an app factory.

Instruments every engine of the app's Flask-SQLAlchemy extension (default engine and every bind) and any
``engines=[...]``, and runs each request as ``use_case("<METHOD> <url rule>")`` (``GET /items/<int:item_id>``;
no rule matched: ``"<METHOD> (unmatched)"``).

How a request is covered, whatever order the extensions were set up in:

- The app's ``wsgi_app`` runs each request in its own copy of the contextvars context, so a run made
  current in one Flask callback stays current through the later ones and vanishes with the request (no
  detach bookkeeping across callbacks, nothing can leak into the next request on the thread).
- The run starts in a ``before_request`` hook placed first, or right after OpenTelemetry's Flask
  instrumentation's own hook, which starts the SERVER span: the run is its child. That hook is moved to the
  front too (it is appended, so an app's hooks registered earlier would run before the SERVER span and the
  run). Without that instrumentation, the run is a child of the caller's ``traceparent``.
- That instrumentation's ``teardown_request`` detaches its context, and the run's with it; a teardown hook
  placed to run right after it makes the run current again for the rest of the teardown: later
  ``teardown_request`` hooks and ``teardown_appcontext`` (Flask-SQLAlchemy's session removal).
- The run ends when ``wsgi_app`` returns, after all teardown; for a streamed body (a generator, maybe
  ``stream_with_context``, whose second teardown runs when it ends), when the body is exhausted or closed:
  its iteration runs in the request's context copy, so its work is in the run too.
- An exception the view raised and Flask did not handle (it reaches the teardown hooks) marks the run
  failed; the response, or the exception Flask propagates, is untouched.

Flask-SQLAlchemy's engines are instrumented at the first app-context push after both extensions are set up
(its engines are only reachable through an app context, so nothing runs on them before).
``request_started`` receivers and ``url_value_preprocessor`` functions run before any ``before_request`` hook,
and so before the run (and before OpenTelemetry's SERVER span).
"""

from __future__ import annotations

import contextvars
import threading
import types
from collections.abc import Iterable, Iterator
from typing import Any

import flask
from flask.signals import appcontext_pushed
from opentelemetry import context
from opentelemetry.context import Context

from ..attribution import RunState, current_run
from ..engine import instrument_engine
from ..settings import engine_list
from ..spans import report_fault
from ._web import ENVIRON_GETTER, RequestNames, engine_options, flag, parent_context

_CONTRIB_MODULE = "opentelemetry.instrumentation.flask"


class _Request:
    """One request's run, set by the hooks inside the request's context copy."""

    __slots__ = ("app", "run", "context", "error", "streamed")

    def __init__(self, app: _AppState) -> None:
        self.app = app
        self.run: RunState | None = None
        self.context: Context | None = None
        self.error: BaseException | None = None
        self.streamed = False

    def end(self, error: BaseException | None = None) -> None:
        run, self.run = self.run, None
        if run is not None:
            run.end(error if error is not None else self.error)


_current: contextvars.ContextVar[_Request | None] = contextvars.ContextVar("botanu_data.flask", default=None)


def _start_run() -> None:
    """``before_request``: open the request's run and make it current (in the request's context copy)."""
    request = _current.get()
    if request is None or request.run is not None:
        return  # a request context not made by our wsgi_app (test_request_context), or a second hook pass
    try:
        flask_request = flask.request
        rule = flask_request.url_rule
        case = request.app.names.case(flask_request.method, rule.rule if rule is not None else None)
        request.run, request.context = case.start(parent_context(flask_request.environ, ENVIRON_GETTER))
        context.attach(request.context)  # detached with the whole copy when the request ends
    except Exception:
        report_fault("BotanuData.before_request")


def _resume_run(exc: BaseException | None) -> None:
    """``teardown_request``: note the unhandled error; make the run current again if a teardown before
    this one (OpenTelemetry's Flask instrumentation) detached it."""
    request = _current.get()
    if request is None or request.run is None:
        return
    try:
        if exc is not None:
            request.error = exc
        if current_run() is not request.run and request.context is not None:
            context.attach(request.context)
    except Exception:
        report_fault("BotanuData.teardown_request")


def _note_response(response: flask.Response) -> flask.Response:
    """``after_request``: whether the body is a generator (then the run ends with the body, not the view).
    Not ``is_streamed``: that is also true of error pages Flask renders through their own WSGI call."""
    request = _current.get()
    if request is not None:
        request.streamed = isinstance(getattr(response, "response", None), types.GeneratorType)
    return response


def _is_contrib(func: Any) -> bool:
    return getattr(func, "__module__", None) == _CONTRIB_MODULE


class _StreamedBody:
    """A response body whose request is still open: iterated and closed inside the request's context
    copy; the run ends when the body is exhausted or closed."""

    def __init__(self, body: Iterable[bytes], ctx: contextvars.Context, request: _Request) -> None:
        self._body = body
        self._iterator: Iterator[bytes] | None = None
        self._ctx = ctx
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        try:
            if self._iterator is None:
                self._iterator = self._ctx.run(iter, self._body)
            return self._ctx.run(next, self._iterator)
        except StopIteration:
            self._request.end()
            raise
        except BaseException as exc:
            self._request.end(exc)
            raise

    def close(self) -> None:
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                self._ctx.run(close)
        finally:
            self._request.end()


class _AppState:
    """BotanuData's state for one app: its options, names, engines and wrapped ``wsgi_app``."""

    def __init__(self, app: flask.Flask, options: dict[str, Any]) -> None:
        self.app = app
        self.options = options
        self.names = RequestNames()
        self.engines_done = False
        self._wsgi_app: Any = None
        self._arranged = False
        self._lock = threading.Lock()

    # -- engines --------------------------------------------------------------------------------------

    def on_app_context(self, sender: Any, **_: Any) -> None:
        """``appcontext_pushed``: instrument Flask-SQLAlchemy's engines once it is set up on this app."""
        if self.engines_done:
            return
        try:
            extension = self.app.extensions.get("sqlalchemy")
            if extension is None:
                return
            for engine in extension.engines.values():  # every bind of this app, the default one included
                instrument_engine(engine, **self.options)
            self.engines_done = True
            appcontext_pushed.disconnect(self.on_app_context, self.app)
        except Exception:
            report_fault("BotanuData.flask_sqlalchemy")

    # -- requests -------------------------------------------------------------------------------------

    def wrap(self, wsgi_app: Any) -> None:
        self._wsgi_app = wsgi_app
        self.app.wsgi_app = self.wsgi_app  # type: ignore[method-assign]
        self.arrange()

    def arrange(self) -> None:
        """Put the hooks where they cover the request (see the module docstring); again at the first request,
        as OpenTelemetry's Flask instrumentation may have been added since."""
        before = self.app.before_request_funcs.setdefault(None, [])
        if _start_run in before:
            before.remove(_start_run)
        contrib = [func for func in before if _is_contrib(func)]
        for func in contrib:  # its SERVER span first (it appends its hook, maybe after the app's own), then the run
            before.remove(func)
        before[0:0] = [*contrib, _start_run]
        teardown = self.app.teardown_request_funcs.setdefault(None, [])
        if _resume_run in teardown:
            teardown.remove(_resume_run)
        contrib = [i for i, func in enumerate(teardown) if _is_contrib(func)]
        teardown.insert(contrib[0] if contrib else 0, _resume_run)  # they run last-registered first
        after = self.app.after_request_funcs.setdefault(None, [])
        if _note_response not in after:
            after.append(_note_response)

    def wsgi_app(self, environ: dict[str, Any], start_response: Any) -> Any:
        if not self._arranged:
            with self._lock:
                if not self._arranged:
                    self._arranged = True
                    try:
                        self.arrange()
                    except Exception:
                        report_fault("BotanuData.arrange")
        request = _Request(self)
        ctx = contextvars.copy_context()
        try:
            body = ctx.run(self._serve, request, environ, start_response)
        except BaseException as exc:
            request.end(exc)
            raise
        if request.run is None or not request.streamed:
            request.end()
            return body
        return _StreamedBody(body, ctx, request)

    def _serve(self, request: _Request, environ: dict[str, Any], start_response: Any) -> Any:
        _current.set(request)
        return self._wsgi_app(environ, start_response)


class BotanuData:
    """The Flask extension. ``engines``: more engines to instrument (Engine/AsyncEngine, or several);
    ``use_case_from_route`` (config ``BOTANU_DATA_USE_CASE_FROM_ROUTE``): run each request as a use case;
    ``engine_options``: ``instrument_engine`` keyword arguments, over the app config's ``BOTANU_DATA_*`` keys
    (every option of ``botanu_data.settings.OPTIONS``)."""

    def __init__(
        self, app: flask.Flask | None = None, engines: Any = None, use_case_from_route: bool | None = None,
        **engine_options: Any,
    ) -> None:
        self.engines = engine_list(engines, "BotanuData")
        self.use_case_from_route = use_case_from_route
        self.engine_options = engine_options
        if app is not None:
            self.init_app(app)

    def init_app(self, app: flask.Flask) -> None:
        try:
            if "botanu_data" in app.extensions:
                return  # once per app: its engines once, its requests one run each
            state = _AppState(app, engine_options(app.config, self.engine_options))
            app.extensions["botanu_data"] = state
            for engine in self.engines:
                instrument_engine(engine, **state.options)
            appcontext_pushed.connect(state.on_app_context, app)
            if flask.has_app_context() and flask.current_app._get_current_object() is app:  # type: ignore[attr-defined]
                state.on_app_context(app)
            from_route = self.use_case_from_route
            if from_route is None:
                from_route = flag("BOTANU_DATA_USE_CASE_FROM_ROUTE",
                                  app.config.get("BOTANU_DATA_USE_CASE_FROM_ROUTE", True), True)
            if from_route:
                state.wrap(app.wsgi_app)
        except Exception:
            report_fault("BotanuData.init_app")


__all__ = ["BotanuData"]
