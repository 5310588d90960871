"""GET /health: 200 only once the model is loaded, so load balancers wait for it."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

router = APIRouter(tags=["health"])


@router.get("/health", responses={503: {"description": "Still loading, or failed to load"}})
def health(request: Request) -> JSONResponse:
    assistant = request.app.state.assistant
    if assistant is not None:
        return JSONResponse({"status": "ok", "model": assistant.agent.model_name})
    error = request.app.state.load_error
    status = f"failed: {error}" if error else "loading"
    return JSONResponse({"status": status, "model": None}, status_code=503)
