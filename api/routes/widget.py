"""The website widget: GET /widget.js (the embeddable script) and GET / (a demo host page).

See docs/widget.md. Both files live in api/static/.
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

router = APIRouter(tags=["widget"])


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _csp_hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


@router.get("/widget.js", response_class=Response,
            responses={200: {"content": {"text/javascript": {}}}, 304: {"description": "Not modified"}})
def widget_script(request: Request) -> Response:
    """The chat widget. Embed it with `<script src="https://HOST/widget.js" defer></script>`."""
    body = (STATIC / "widget.js").read_bytes()
    etag = _etag(body)
    headers = {
        "Cache-Control": f"public, max-age={SCRIPT_MAX_AGE_S}",
        "ETag": etag,
        "X-Content-Type-Options": "nosniff",
        "Cross-Origin-Resource-Policy": "cross-origin",
    }
    wanted = request.headers.get("if-none-match", "")
    if etag in [tag.strip().removeprefix("W/") for tag in wanted.split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/javascript; charset=utf-8", headers=headers)


@router.get("/", response_class=Response, responses={200: {"content": {"text/html": {}}}})
def demo_page(request: Request) -> Response:
    """A demo host page that embeds the widget and shows the tag to copy."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    origin = str(request.base_url).rstrip("/")
    page = page.replace("{{ORIGIN}}", html.escape(origin, quote=True))
    # A strict policy, to show the widget needs no inline script, eval or inline style.
    styles = " ".join(_csp_hash(css) for css in STYLE.findall(page)) or "'none'"
    csp = ("default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self'; "
           f"style-src {styles}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return Response(page, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": csp, "Cache-Control": "no-cache",
                             "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})
