"""gunicorn settings for forking_wsgi.py: the app is loaded once in the master, then forked into two workers."""

import os

preload_app = True
workers = 2
bind = os.environ["BOTANU_TEST_APP_BIND"]
accesslog = None


def post_fork(server, worker):  # noqa: ANN001, ARG001 - gunicorn's hook signature
    import forking_wsgi

    forking_wsgi.engine.dispose(close=False)  # SQLAlchemy's advice: a forked worker opens its own connections
    if os.environ["BOTANU_TEST_APP_PROVIDERS"] == "worker":
        forking_wsgi.start_telemetry()
