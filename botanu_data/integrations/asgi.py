"""Any ASGI app (Starlette, FastAPI): every HTTP request runs as ``use_case("<METHOD> <route template>")``.

``BotanuDataMiddleware`` opens the run around the whole call into the app, so everything the app does for
the request is in it: other middleware inside it, dependencies and their teardown, the endpoint, a
streamed body and background tasks (Starlette runs both inside the response's own call). Lifespan and
websocket traffic pass through untouched.

The template is found the way Starlette's router finds the route: ``route.matches(scope)`` down the app's
routes (FastAPI's included routers through ``fastapi.routing.iter_route_contexts``), into mounted
sub-applications, joining the mount prefixes; a request that matches nothing is ``"<METHOD> (unmatched)"``.
Answers are cached per (method, root path, path), and the flattened route lists per router.
"""

from __future__ import annotations

from typing import Any

from opentelemetry import context

from ..spans import report_fault
from ._web import SCOPE_GETTER, RequestNames, parent_context

try:
    from starlette.routing import Match
except ImportError:  # an ASGI app without Starlette has no routes to name requests by
    Match = None

try:  # FastAPI >= 0.137 nests included routers; this public helper flattens them into matchable routes
    from fastapi.routing import iter_route_contexts as _route_contexts  # type: ignore[import-not-found]
except ImportError:  # plain Starlette, or an older FastAPI whose routes are matchable as they are
    _route_contexts = None

_MAX_PATHS = 8192  # cached (method, root path, path) answers; paths with ids in them are unbounded
_MAX_PATH_LENGTH = 256  # longer paths are resolved every time: the cache's memory stays bounded


# Flattened route lists, by the list they come from (one cache per middleware, so it lives as long as its app):
# building FastAPI's route contexts costs more than matching them. Rebuilt when the list's length changes; routes
# added to a router already included are not seen (as routes added after the first request for a path are not:
# the answers are cached too).
Flattened = dict[int, tuple[list[Any], int, list[Any]]]


def _routes_of(routes: list[Any], flattened: Flattened) -> list[Any]:
    if _route_contexts is None:
        return routes
    known = flattened.get(id(routes))
    if known is not None and known[0] is routes and known[1] == len(routes):
        return known[2]
    flat = list(_route_contexts(routes))
    flattened[id(routes)] = (routes, len(routes), flat)
    return flat


def _find_template(
    routes: list[Any], scope: dict[str, Any], prefix: str, flattened: Flattened
) -> tuple[str | None, bool]:
    """(route template or None, whether the answer may be cached: not when a Host route decided it)."""
    for route in _routes_of(routes, flattened):
        match, child_scope = route.matches(scope)
        if match is not Match.FULL:
            continue
        path = getattr(route, "path", None)
        by_host = path is None  # a Host route matches on the Host header, which is not in the cache key
        inner = getattr(route, "routes", None)
        if inner is None or not isinstance(inner, list):
            return prefix + (path or ""), not by_host
        if not inner:  # a mounted app whose routes are not visible (StaticFiles, a wrapped app)
            return prefix + (path or ""), not by_host
        template, cacheable = _find_template(inner, {**scope, **child_scope}, prefix + (path or ""), flattened)
        return template, cacheable and not by_host
    return None, True


class BotanuDataMiddleware:
    """ASGI middleware: each HTTP request is one run of the workflow named after its route.

    ``routes``: the app (or router) whose routes name the requests; default: the Starlette app the request
    is for (``scope["app"]``), else the wrapped app.
    """

    def __init__(self, app: Any, routes: Any = None) -> None:
        self.app = app
        self._routes_source = routes
        self._names = RequestNames()
        self._templates: dict[tuple[str, str, str], str | None] = {}
        self._flattened: Flattened = {}  # one entry per router list of the app: bounded by the app's code

    def _template(self, scope: dict[str, Any]) -> str | None:
        key = (scope["method"], scope.get("root_path", ""), scope["path"])
        try:
            return self._templates[key]
        except KeyError:
            pass
        source = self._routes_source if self._routes_source is not None else scope.get("app", self.app)
        routes = getattr(source, "routes", None)
        if Match is None or not isinstance(routes, list):
            return None
        probe = dict(scope)  # matching may write to the scope it is given (FastAPI's "fastapi" entry)
        probe.pop("fastapi", None)
        template, cacheable = _find_template(routes, probe, "", self._flattened)
        if cacheable and len(key[2]) <= _MAX_PATH_LENGTH:
            if len(self._templates) >= _MAX_PATHS:
                self._templates.clear()
            self._templates[key] = template
        return template

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            case = self._names.case(scope["method"], self._template(scope))
            run, ctx = case.start(parent_context(scope, SCOPE_GETTER))
            token = context.attach(ctx)
        except Exception:  # telemetry never breaks the application: serve the request untracked
            report_fault("BotanuDataMiddleware")
            await self.app(scope, receive, send)
            return
        error: BaseException | None = None
        try:
            await self.app(scope, receive, send)
        except BaseException as exc:
            error = exc
            raise
        finally:
            context.detach(token)
            run.end(error)


__all__ = ["BotanuDataMiddleware"]
