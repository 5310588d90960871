"""The website widget: GET /widget.js (the embeddable loader), GET /widget/frame (the chat
panel it shows in an iframe, with frame.js and frame.css) and GET / (a demo host page).

See docs/widget.md. The files live in api/static/.
"""
from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

from fastapi import APIRouter, Request, Response

STATIC = Path(__file__).resolve().parents[1] / "static"
SCRIPT_MAX_AGE_S = 3600  # short enough that a new version reaches sites within the hour
STYLE = re.compile(r"<style>(.*?)</style>", re.S)
# The frame may be embedded by any site (frame-ancestors), but runs nothing but its own files
# and talks to nothing but this service.
FRAME_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
             "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors http: https:")
FRAME_ASSETS = {"frame.js": "text/javascript; charset=utf-8", "frame.css": "text/css; charset=utf-8"}
NOT_MODIFIED = {304: {"description": "Not modified"}}

router = APIRouter(tags=["widget"])


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _csp_hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def _cached(request: Request, body: bytes, media_type: str, cache_control: str,
            extra_headers: dict[str, str] | None = None) -> Response:
    """`body` with an ETag; `304 Not Modified` when the browser already has it."""
    etag = _etag(body)
    headers = {"Cache-Control": cache_control, "ETag": etag, "X-Content-Type-Options": "nosniff",
               **(extra_headers or {})}
    wanted = request.headers.get("if-none-match", "")
    if etag in [tag.strip().removeprefix("W/") for tag in wanted.split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=media_type, headers=headers)


@router.get("/widget.js", response_class=Response,
            responses={200: {"content": {"text/javascript": {}}}, **NOT_MODIFIED})
def widget_script(request: Request) -> Response:
    """The chat widget. Embed it with `<script src="https://HOST/widget.js" defer></script>`."""
    return _cached(request, (STATIC / "widget.js").read_bytes(), "text/javascript; charset=utf-8",
                   f"public, max-age={SCRIPT_MAX_AGE_S}",
                   {"Cross-Origin-Resource-Policy": "cross-origin"})


@router.get("/widget/frame", response_class=Response,
            responses={200: {"content": {"text/html": {}}}, **NOT_MODIFIED})
def widget_frame(request: Request) -> Response:
    """The chat panel that widget.js shows in an iframe. Its query parameters (`title`,
    `colour`) are read and checked by frame.js; the page itself is the same for all."""
    page = (STATIC / "frame.html").read_text(encoding="utf-8")
    for name in FRAME_ASSETS:  # versioned URLs: a new page never runs yesterday's script
        version = _etag((STATIC / name).read_bytes()).strip('"')[:12]
        page = page.replace("{{" + name + "}}", f"/widget/{name}?v={version}")
    # No X-Frame-Options: SecurityHeadersMiddleware leaves it out when the CSP has frame-ancestors.
    return _cached(request, page.encode(), "text/html; charset=utf-8", "no-cache",
                   {"Content-Security-Policy": FRAME_CSP})


def _frame_asset(request: Request, name: str) -> Response:
    # The frame page asks for these by versioned URLs, so they may be cached.
    return _cached(request, (STATIC / name).read_bytes(), FRAME_ASSETS[name],
                   f"public, max-age={SCRIPT_MAX_AGE_S}")


@router.get("/widget/frame.js", response_class=Response, include_in_schema=False)
def widget_frame_script(request: Request) -> Response:
    return _frame_asset(request, "frame.js")


@router.get("/widget/frame.css", response_class=Response, include_in_schema=False)
def widget_frame_style(request: Request) -> Response:
    return _frame_asset(request, "frame.css")


@router.get("/", response_class=Response, responses={200: {"content": {"text/html": {}}}})
def demo_page(request: Request) -> Response:
    """A demo host page that embeds the widget and shows the tag to copy."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    origin = str(request.base_url).rstrip("/")
    page = page.replace("{{ORIGIN}}", html.escape(origin, quote=True))
    # A strict policy, to show the widget needs no inline script, eval or inline style; the
    # widget's chat is a frame of this same origin.
    styles = " ".join(_csp_hash(css) for css in STYLE.findall(page)) or "'none'"
    csp = ("default-src 'none'; script-src 'self'; frame-src 'self'; img-src 'self'; "
           f"style-src {styles}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return Response(page, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": csp, "Cache-Control": "no-cache",
                             "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})
