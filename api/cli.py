"""The `heavylegs` command line."""
from __future__ import annotations

import argparse
import os

import uvicorn

from api.settings import get_settings


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="heavylegs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the assistant (settings from the environment)")
    serve.add_argument("--host", help="default: HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, help="default: PORT or 8000")
    args = parser.parse_args(argv)
    if args.command == "serve":
        if args.port:  # the app reads PORT to find its own /webhook
            os.environ["PORT"] = str(args.port)
            get_settings.cache_clear()
        settings = get_settings()
        uvicorn.run("api.main:create_app", factory=True, host=args.host or settings.host,
                    port=settings.port)


if __name__ == "__main__":
    main()
