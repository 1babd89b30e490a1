"""Thin integrations: each module turns one library's own events or extension points into botanu-data tracker,
``use_case`` or ``instrument_engine`` calls. A module imports its optional dependency; this package imports none."""
