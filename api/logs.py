"""Logging set-up: one level for the service's own logs and Rasa's.

Rasa 3.6 writes its per-turn diagnostics through structlog, which, unless configured, prints
every debug event: the full dialogue state history and the user's text on every turn. That
costs CPU growing with the conversation and puts what runners wrote into the logs. Rasa's
own `configure_structlog` (what `rasa run` calls) filters those events by the stdlib level,
so message texts only reach the logs when LOG_LEVEL=debug.

The level is set on the named loggers too: loading the model imports numpy.distutils,
which sets the root logger to WARNING as a side effect.
"""
from __future__ import annotations

import logging

from rasa.utils.log_utils import configure_structlog

OWN_LOGGERS = ("api", "bot", "rasa", "rasa_sdk")


def configure(level_name: str) -> None:
    level = logging.getLevelName(level_name.upper())
    if not isinstance(level, int):
        raise ValueError(f"LOG_LEVEL must be one of debug, info, warning, error; got {level_name!r}")
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in ("", *OWN_LOGGERS):
        logging.getLogger(name).setLevel(level)
    configure_structlog(level)
