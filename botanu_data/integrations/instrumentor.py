"""``opentelemetry-instrument`` support: ``BotanuDataInstrumentor``, an OpenTelemetry ``BaseInstrumentor``.

Registered under the ``opentelemetry_instrumentor`` entry point as ``botanu_data``, so ``opentelemetry-instrument
python app.py`` turns on ``instrument_sqlalchemy`` (every engine the app uses) with the options of the
``BOTANU_DATA_*`` environment variables (``botanu_data.settings``), and
``OTEL_PYTHON_DISABLED_INSTRUMENTATIONS=botanu_data`` leaves it off. Needs ``pip install 'botanu-data[instrument]'``.

In code::

    BotanuDataInstrumentor().instrument(tracer_provider=..., meter_provider=..., engines=[engine],
                                        capture_statement=True, trace_transactions=True, duration_histogram=None)
    BotanuDataInstrumentor().uninstrument()

Keywords given in code win over the environment. ``engines`` (or ``engine``) are instrumented at once (covering
Connections they already have open); every other engine is instrumented at its first Connection.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from opentelemetry.instrumentation.instrumentor import BaseInstrumentor

from ..engine import instrument_engine, is_instrumented, uninstrument_engine
from ..settings import OPTIONS, engine_list, engine_options_from_environment
from ..spans import report_fault
from ..sqlalchemy_global import instrument_sqlalchemy, uninstrument_sqlalchemy, warn_if_contrib_instrumented
from ..values import warn_dropped

_API = "BotanuDataInstrumentor.instrument"
_PROVIDERS = ("tracer_provider", "meter_provider")
_ENGINE_KEYWORDS = frozenset(option.keyword for option in OPTIONS) | frozenset(_PROVIDERS)
_OTEL_KEYWORDS = frozenset({"skip_dep_check", "raise_exception_on_conflict"})  # BaseInstrumentor's own


class BotanuDataInstrumentor(BaseInstrumentor):
    """botanu-data for every SQLAlchemy engine of the process, the OpenTelemetry instrumentor way."""

    # engines given to instrument() and instrumented by it: ours to uninstrument. No __init__: BaseInstrumentor
    # is a singleton whose __init__ would run again at every BotanuDataInstrumentor() and forget them.
    _engines: tuple[Any, ...] = ()

    def instrumentation_dependencies(self) -> Collection[str]:
        return ("sqlalchemy >= 2.0",)

    def _instrument(self, **kwargs: Any) -> None:
        try:
            options = engine_options_from_environment()
            given = kwargs.pop("engines", None)
            single = kwargs.pop("engine", None)
            for keyword, value in kwargs.items():
                if keyword in _ENGINE_KEYWORDS:
                    options[keyword] = value
                elif keyword not in _OTEL_KEYWORDS:
                    warn_dropped(_API, keyword, value, "unknown keyword")
            engines = engine_list(given, _API)
            if single is not None:
                engines += engine_list(single, _API)
            for engine in engines:
                if not is_instrumented(engine):
                    instrument_engine(engine, **options)
                    if is_instrumented(engine):
                        self._engines = (*self._engines, engine)
                warn_if_contrib_instrumented(engine)
            instrument_sqlalchemy(**options)
        except Exception:
            report_fault("BotanuDataInstrumentor.instrument")

    def _uninstrument(self, **kwargs: Any) -> None:
        try:
            uninstrument_sqlalchemy()
            engines, self._engines = self._engines, ()
            for engine in engines:
                uninstrument_engine(engine)
        except Exception:
            report_fault("BotanuDataInstrumentor.uninstrument")


__all__ = ["BotanuDataInstrumentor"]
