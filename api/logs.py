"""Logging set-up: one level for the service's own logs and Rasa's.

Rasa 3.6 writes its per-turn diagnostics through structlog, which, unless configured, prints
every debug event: the full dialogue state history and the user's text on every turn. That
costs CPU growing with the conversation and puts what runners wrote into the logs. Rasa's
own `configure_structlog` (what `rasa run` calls) filters those events by the stdlib level,
so message texts only reach the logs when LOG_LEVEL=debug.

The level is set on the named loggers too: loading the model imports numpy.distutils,
which sets the root logger to WARNING as a side effect.

Above debug, no log line holds what a runner wrote, nor a conversation's id:

- uvicorn's access lines (and the "api" logger's, which name a request's path) show
  /api/conversations/{sender}/... and /api/admin/conversations/{sender} with that
  placeholder instead of the id, and no query string (`RedactPaths`).
- A failure is logged with `log_failure`: its exception's type and where it was raised,
  but not the exception's text, which may quote the runner (SQLAlchemy puts a failed
  statement's parameters, a message's text among them, in its errors); that text is
  logged at debug only.
"""
from __future__ import annotations

import logging
import re
import sys
import traceback

from rasa.utils.log_utils import configure_structlog

OWN_LOGGERS = ("api", "bot", "rasa", "rasa_sdk")
REDACTED_LOGGERS = ("uvicorn.access", "api")  # their lines' paths go through redact_path
SENDER = "{sender}"

# A conversation's id in a path: /api/conversations/<id>[/...], /api/admin/conversations/<id>
_CONVERSATION_PATH = re.compile(r"(/api(?:/admin)?/conversations/)([^?#]+)")
_SUB_RESOURCE = re.compile(r"[a-z][a-z_-]{0,31}")  # messages, assessment: not an id


def redact_path(path: str) -> str:
    """`path` as a log may show it: without its query string, and with a conversation's id
    replaced by {sender} (/api/conversations/{sender}/messages, /api/admin/conversations/
    {sender}); only a last segment that names a sub-resource ("messages") is kept."""
    path = path.split("?", 1)[0].split("#", 1)[0]

    def placeholder(match: re.Match[str]) -> str:
        rest = match.group(2)
        if "/" not in rest:
            return match.group(1) + SENDER
        tail = rest.rsplit("/", 1)[1]
        return f"{match.group(1)}{SENDER}/{tail if _SUB_RESOURCE.fullmatch(tail) else '...'}"

    return _CONVERSATION_PATH.sub(placeholder, path)


class RedactPaths(logging.Filter):
    """Passes every record, with each argument that is a request path (starts with "/")
    through `redact_path`: uvicorn's access lines are (client, method, path, version,
    status)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(redact_path(arg) if isinstance(arg, str) and arg.startswith("/")
                                else arg for arg in record.args)
        return True


def log_failure(logger: logging.Logger, message: str, *args: object, private: str = "") -> None:
    """In an `except` block: `message` at ERROR with the exception's type and traceback
    (the code that raised it) but not the exception's own text, which may quote what the
    runner wrote; that text, and `private` (which conversation, what was said), at DEBUG."""
    exc = sys.exc_info()[1]
    if exc is None:
        logger.error(message, *args)
    else:
        logger.error(message + " (%s; its message is logged at debug only)\n%s", *args,
                     _name(type(exc)), _frames(exc))
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(message + (": %s" if private else "%s"), *args, private,
                     exc_info=exc is not None)


def _name(kind: type) -> str:
    return kind.__qualname__ if kind.__module__ == "builtins" else \
        f"{kind.__module__}.{kind.__qualname__}"


def _frames(exc: BaseException) -> str:
    """The traceback of `exc` and of the exceptions it was raised from: the frames (file,
    line, function, source line) and each exception's type, none of their messages."""
    chain: list[traceback.TracebackException] = []
    current: traceback.TracebackException | None = traceback.TracebackException(
        type(exc), exc, exc.__traceback__)
    while current is not None and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__
                                        else current.__context__)
    lines: list[str] = []
    for number, te in enumerate(reversed(chain)):
        if number:
            lines.append("\nwhich led to:\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(te.stack.format())
        lines.append(f"{_name(te.exc_type)}\n")
    return "".join(lines).rstrip("\n")


def configure(level_name: str) -> None:
    level = logging.getLevelName(level_name.upper())
    if not isinstance(level, int):
        raise ValueError(f"LOG_LEVEL must be one of debug, info, warning, error; got {level_name!r}")
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for name in ("", *OWN_LOGGERS):
        logging.getLogger(name).setLevel(level)
    for name in REDACTED_LOGGERS:
        redacted = logging.getLogger(name)
        if not any(isinstance(f, RedactPaths) for f in redacted.filters):
            redacted.addFilter(RedactPaths())
    configure_structlog(level)
