"""The `heavylegs` command line."""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys

import uvicorn

from api.settings import get_settings

WEBHOOK_PATH = "/channels/telegram/webhook"
# The updates api.channels.telegram acts on; Telegram keeps the others to itself.
ALLOWED_UPDATES = ["message", "callback_query"]
# What Telegram accepts as a webhook secret_token (setWebhook): 1-256 of A-Z a-z 0-9 _ -
TELEGRAM_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class CommandError(Exception):
    """A problem the user can fix; printed without a traceback."""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="heavylegs", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the assistant (settings from the environment)")
    serve.add_argument("--host", help="default: HOST or 127.0.0.1")
    serve.add_argument("--port", type=int, help="default: PORT or 8000")

    telegram = commands.add_parser(
        "telegram", help="manage the Telegram bot's webhook (TELEGRAM_TOKEN, "
                         "TELEGRAM_SECRET_TOKEN, TELEGRAM_API_BASE_URL from the environment)")
    actions = telegram.add_subparsers(dest="action", required=True)
    set_webhook = actions.add_parser(
        "set-webhook", help=f"make Telegram post updates to URL{WEBHOOK_PATH}")
    set_webhook.add_argument("--url", required=True,
                             help="public HTTPS address of this service, e.g. https://bot.example.org")
    set_webhook.add_argument("--drop-pending-updates", action="store_true",
                             help="discard the updates Telegram is still holding")
    delete_webhook = actions.add_parser("delete-webhook", help="stop Telegram posting updates")
    delete_webhook.add_argument("--drop-pending-updates", action="store_true",
                                help="discard the updates Telegram is still holding")
    actions.add_parser("webhook-info", help="show what Telegram knows of the webhook (getWebhookInfo)")

    args = parser.parse_args(argv)
    if args.command == "serve":
        if args.port:  # the app reads PORT to find its own /webhook
            os.environ["PORT"] = str(args.port)
            get_settings.cache_clear()
        settings = get_settings()
        uvicorn.run("api.main:create_app", factory=True, host=args.host or settings.host,
                    port=settings.port)
    elif args.command == "telegram":
        try:
            print(asyncio.run(telegram_command(args)))
        except CommandError as exc:
            print(f"heavylegs telegram {args.action}: {exc}", file=sys.stderr)
            sys.exit(1)


def webhook_url(url: str) -> str:
    """`{url}/channels/telegram/webhook` for a public HTTPS base address."""
    url = url.strip().rstrip("/")
    if not re.match(r"^https://[^/\s]+", url):
        raise CommandError(f"--url must be the public https:// address of the service, not {url!r} "
                           "(Telegram only posts to HTTPS)")
    return url if url.endswith(WEBHOOK_PATH) else url + WEBHOOK_PATH


async def telegram_command(args: argparse.Namespace) -> str:
    from telegram import Bot
    from telegram.error import InvalidToken, TelegramError

    settings = get_settings()
    if not settings.telegram_token:
        raise CommandError("TELEGRAM_TOKEN is not set: put the token BotFather gave you in it")
    url = None
    if args.action == "set-webhook":
        url = webhook_url(args.url)
        secret = settings.telegram_secret_token
        if not secret:
            raise CommandError("TELEGRAM_SECRET_TOKEN is not set: choose one, e.g. "
                               "python3 -c \"import secrets; print(secrets.token_urlsafe(32))\"")
        if not TELEGRAM_SECRET.match(secret):
            raise CommandError("TELEGRAM_SECRET_TOKEN must be 1-256 characters of A-Z, a-z, 0-9, "
                               "_ and - (Telegram's rule)")
    base = settings.telegram_api_base_url.rstrip("/")
    try:
        async with Bot(settings.telegram_token, base_url=f"{base}/bot") as bot:
            if args.action == "set-webhook":
                await bot.set_webhook(url=url, secret_token=secret, allowed_updates=ALLOWED_UPDATES,
                                      drop_pending_updates=args.drop_pending_updates or None)
                return (f"Telegram now posts {', '.join(ALLOWED_UPDATES)} updates for "
                        f"@{bot.username} to {url}")
            if args.action == "delete-webhook":
                await bot.delete_webhook(drop_pending_updates=args.drop_pending_updates or None)
                return f"Telegram no longer posts updates for @{bot.username} to a webhook"
            info = await bot.get_webhook_info()
            lines = [f"bot: @{bot.username}", f"url: {info.url or '(none)'}",
                     f"pending updates: {info.pending_update_count}",
                     f"allowed updates: {', '.join(info.allowed_updates or []) or '(all)'}"]
            if info.last_error_date:
                lines.append(f"last error: {info.last_error_date:%Y-%m-%d %H:%M:%S} UTC "
                             f"{info.last_error_message}")
            return "\n".join(lines)
    except InvalidToken:
        raise CommandError(f"Telegram rejected TELEGRAM_TOKEN (at {base}): check it with BotFather"
                           ) from None
    except TelegramError as exc:
        raise CommandError(f"Telegram refused: {exc}") from None


if __name__ == "__main__":
    main()
