"""Thin integrations: each module turns one framework's or tool's own events into ``instrument_engine`` /
``use_case`` / tracker calls, and imports its optional dependency itself (``import botanu_data`` needs none)."""
