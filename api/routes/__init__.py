"""One router per resource, and what their JSON bodies share."""
from __future__ import annotations

import email.message

from fastapi import HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

JSON_ONLY = "send JSON (Content-Type: application/json) encoded in UTF-8"


def require_json(request: Request) -> None:
    """A dependency: 415 for a body not declared as JSON (FastAPI alone would read a body
    without a Content-Type as JSON). That keeps other websites from sending chat turns from
    their visitors' browsers: a cross-site request without a CORS preflight can only be
    text/plain, a form or multipart, and each gets 415. A request without a body passes."""
    content_type = request.headers.get("content-type")
    if content_type is None:
        has_body = request.headers.get("content-length", "0") != "0" or \
            "transfer-encoding" in request.headers
        if has_body:
            raise HTTPException(415, detail=f"a body without a Content-Type: {JSON_ONLY}")
        return
    header = email.message.Message()
    header["content-type"] = content_type
    subtype = header.get_content_subtype()
    if header.get_content_maintype() != "application" or not (
            subtype == "json" or subtype.endswith("+json")):
        raise HTTPException(415, detail=f"unsupported Content-Type '{content_type}': {JSON_ONLY}")


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """FastAPI's answer to an HTTP error, saying why when a body could not be decoded (FastAPI
    alone says 'There was an error parsing the body')."""
    if exc.status_code == 400 and isinstance(exc.__cause__, UnicodeDecodeError):
        return JSONResponse({"detail": f"the body could not be read: {JSON_ONLY}"},
                            status_code=400)
    if exc.status_code == 400 and isinstance(exc.__cause__, RecursionError):
        return JSONResponse({"detail": "the body's JSON is nested too deeply"}, status_code=400)
    return await http_exception_handler(request, exc)
