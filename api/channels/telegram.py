"""Telegram channel: `POST /channels/telegram/webhook`, the Bot API webhook.

Telegram posts one update per request, with the secret given at `setWebhook` in the
`X-Telegram-Bot-Api-Secret-Token` header. The request is answered at once; the conversation
turn and the replies (Bot API `sendMessage` through python-telegram-bot) run in the
background, so Telegram never times out and redelivers. Each chat is one conversation,
sender `telegram-<chat_id>`. Quick replies are inline-keyboard buttons whose
`callback_data` is the button's payload; a press comes back as a `callback_query`.
See docs/telegram.md for the set-up.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, BackgroundTasks, FastAPI, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message, Update
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit
from telegram.error import Forbidden, RetryAfter, TelegramError

from api.channel_turns import channel_turn
from api.conversation import clean_text, too_long
from api.deliveries import first_delivery
from api.deps import get_assistant
from api.lock_store import LocalLocks
from api.logs import log_failure
from api.settings import Settings

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
PATH = "/channels/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH  # 4096, counted in UTF-16 code units
MAX_CALLBACK_DATA = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA  # 64 bytes
MAX_RETRY_AFTER_S = 30.0

START = "/greet"  # what /start says to the assistant: a greeting
ONLY_TEXT = ("Sorry, I can only read text. Please type your answer in words, "
             "or tap one of the buttons.")
TOO_LONG = "That message is too long for me: please keep it under {limit} characters."
SORRY = "Sorry, something went wrong on my side. Please send that again in a moment."
CHOOSE = "Please choose:"
DELETE_HINT = "Send /delete"
# Message contents the assistant cannot read; service messages (members joining, pins...)
# are none of these and are ignored rather than answered.
NON_TEXT = ("animation", "audio", "contact", "dice", "document", "game", "location",
            "paid_media", "photo", "poll", "sticker", "story", "venue", "video",
            "video_note", "voice")
COMMAND = re.compile(r"^(/[A-Za-z0-9_]+)@[A-Za-z0-9_]+")
BLOCKED = object()  # what a Bot API call gives when the chat refuses the bot


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    bot: Bot | None = getattr(app.state, "telegram_bot", None)
    if bot is not None:
        await bot.request.shutdown()


router = APIRouter(tags=["channels"], lifespan=_lifespan)


@dataclass(frozen=True)
class Turn:
    """What one update asks of the service: a conversation turn or a fixed reply."""

    chat_id: int
    text: str | None = None  # the runner's message for the assistant
    reply: str | None = None  # a fixed answer, without the assistant
    callback_query_id: str | None = None  # a button press to acknowledge

    @property
    def sender(self) -> str:
        return sender_of(self.chat_id)


def sender_of(chat_id: int) -> str:
    """The conversation id of a chat: `telegram-<chat_id>` (group ids are negative)."""
    return f"telegram-{int(chat_id)}"


def parse_update(data: Any) -> Update | None:
    """The update in a webhook body, or None if the body is not a Telegram update."""
    if not isinstance(data, dict):
        return None
    update_id = data.get("update_id")
    if not isinstance(update_id, int) or isinstance(update_id, bool):
        return None
    try:
        return Update.de_json(data, None)
    except Exception:  # missing or mistyped fields anywhere in the update
        return None


def turn_of(update: Update, settings: Settings) -> Turn | None:
    """What to do about `update`; None for updates the service ignores (edits, polls...)."""
    if update.message is not None:
        return _message_turn(update.message, settings)
    query = update.callback_query
    if query is not None:
        if query.message is None:  # a button under an inline-mode message: no chat to answer
            return Turn(chat_id=0, callback_query_id=query.id)
        text, _ = _readable(query.data or "", settings)  # a bad payload is only acknowledged
        return Turn(chat_id=query.message.chat.id, text=text, callback_query_id=query.id)
    return None


def _message_turn(message: Message, settings: Settings) -> Turn | None:
    if message.from_user is not None and message.from_user.is_bot:
        return None
    chat_id = message.chat.id
    if message.text is not None:
        text = message.text
        command = COMMAND.match(text)
        if command:  # "/start@heavylegs_bot" in a group
            text = command.group(1) + text[command.end():]
        if text.split(maxsplit=1)[:1] == ["/start"]:  # "/start" or a deep link "/start ref"
            text = START
        text, reply = _readable(text, settings)
        return Turn(chat_id=chat_id, text=text, reply=reply) if text or reply else None
    if any(getattr(message, kind, None) for kind in NON_TEXT):
        return Turn(chat_id=chat_id, reply=ONLY_TEXT)
    return None


def _readable(text: str, settings: Settings) -> tuple[str | None, str | None]:
    """(the cleaned text or None if nothing is left, None) or (None, the too-long reply)."""
    if too_long(text, settings.max_message_chars):
        return None, TOO_LONG.format(limit=settings.max_message_chars)
    return clean_text(text) or None, None


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _fitting(text: str, limit: int) -> int:
    """How many characters of `text` fit in `limit` UTF-16 code units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return index
    return len(text)


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """`text` in pieces Telegram accepts, cut at a line break or space where possible."""
    pieces: list[str] = []
    rest = text.strip()
    while _utf16_len(rest) > limit:
        cut = _fitting(rest, limit)
        for separator in ("\n", " "):
            at = rest.rfind(separator, 0, cut + 1)
            if at > cut // 2:
                cut = at
                break
        piece, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if piece:
            pieces.append(piece)
    if rest:
        pieces.append(rest)
    return pieces


def keyboard(buttons: list[dict] | None) -> InlineKeyboardMarkup | None:
    """One inline button per row, `callback_data` = payload; a payload over Telegram's
    64 bytes cannot be carried and its button is left out."""
    rows = []
    for button in buttons or []:
        payload = str(button.get("payload") or "")
        if not payload or len(payload.encode("utf-8")) > MAX_CALLBACK_DATA:
            logger.warning("telegram: button %r left out, its payload %r is not 1-%d bytes",
                           button.get("title"), payload, MAX_CALLBACK_DATA)
            continue
        title = str(button.get("title") or payload)
        rows.append([InlineKeyboardButton(title, callback_data=payload)])
    return InlineKeyboardMarkup(rows) if rows else None


def outgoing(message: dict) -> list[dict[str, Any]]:
    """The `sendMessage` arguments (text, reply_markup) for one bot message of the
    assistant. A message that is only `custom` (the web widget's card) sends nothing."""
    text = message.get("text") or ""
    if message.get("image"):
        text = f"{text}\n{message['image']}" if text else str(message["image"])
    markup = keyboard(message.get("buttons"))
    pieces = split_text(text)
    if not pieces:
        if markup is None:
            return []
        pieces = [CHOOSE]
    sends: list[dict[str, Any]] = [{"text": piece, "reply_markup": None} for piece in pieces]
    sends[-1]["reply_markup"] = markup
    return sends


def bot_of(app: FastAPI) -> Bot:
    """The app's Bot API client, made on first use and kept for the app's lifetime."""
    bot: Bot | None = getattr(app.state, "telegram_bot", None)
    if bot is None:
        settings: Settings = app.state.settings
        base = settings.telegram_api_base_url.rstrip("/")
        bot = Bot(settings.telegram_token, base_url=f"{base}/bot")
        app.state.telegram_bot = bot
    return bot


def _chat_locks(app: FastAPI) -> LocalLocks:
    """One lock per chat, so a chat's turns run (and are answered) one at a time, in order."""
    locks: LocalLocks | None = getattr(app.state, "telegram_chat_locks", None)
    if locks is None:
        locks = app.state.telegram_chat_locks = LocalLocks()
    return locks


@router.post(PATH, responses={
    403: {"description": "Missing or wrong X-Telegram-Bot-Api-Secret-Token"},
    404: {"description": "The Telegram channel is off (TELEGRAM_TOKEN/TELEGRAM_SECRET_TOKEN unset)"},
    400: {"description": "The body is not a Telegram update"},
    503: {"description": "The assistant is still loading: Telegram retries later"}})
async def telegram_webhook(request: Request, background: BackgroundTasks) -> dict:
    """Takes one Telegram update; the replies go out through the Bot API."""
    settings: Settings = request.app.state.settings
    if not settings.telegram_enabled:
        raise HTTPException(404, detail="the Telegram channel is off: TELEGRAM_TOKEN and "
                                        "TELEGRAM_SECRET_TOKEN are not set")
    given = request.headers.get(SECRET_HEADER, "").encode("latin-1")
    if not hmac.compare_digest(given, settings.telegram_secret_token.encode("utf-8")):
        raise HTTPException(403, detail=f"missing or wrong {SECRET_HEADER}")
    try:
        data = json.loads(await request.body())
    except ValueError:
        raise HTTPException(400, detail="the body is not JSON") from None
    update = parse_update(data)
    if update is None:
        raise HTTPException(400, detail="the body is not a Telegram update "
                                        "(an object with an integer update_id)")
    turn = turn_of(update, settings)
    if turn is None:
        return {"ok": True}
    if turn.text is not None:
        get_assistant(request)  # 503 while the model loads: Telegram redelivers later
    database = request.app.state.database
    if not await run_in_threadpool(first_delivery, database, CHANNEL, str(update.update_id)):
        logger.info("telegram: update %s delivered again, already taken", update.update_id)
        return {"ok": True}
    background.add_task(process, request.app, turn)
    return {"ok": True}


async def process(app: FastAPI, turn: Turn) -> None:
    """Acknowledges a button press, runs the turn and sends the replies; never raises.

    The chat's lock is queued for before anything is awaited, so a chat's updates are
    answered in the order they arrived; the press is acknowledged meanwhile."""
    acknowledged = None
    try:
        bot = bot_of(app)
        if turn.callback_query_id:  # stops the spinner on the button at once
            acknowledged = asyncio.create_task(_call(bot.answer_callback_query,
                                                     turn.callback_query_id))
        if turn.text is not None or turn.reply is not None:
            async with _chat_locks(app).hold(turn.chat_id):
                if turn.reply is not None:
                    replies = [{"text": turn.reply}]
                else:
                    replies = await _converse(app, turn)
                await send_replies(bot, turn.chat_id, replies)
    except Exception:
        log_failure(logger, "telegram: could not answer a chat", private=f"chat {turn.chat_id}")
    finally:
        if acknowledged is not None:
            await acknowledged


async def _converse(app: FastAPI, turn: Turn) -> list[dict]:
    state = app.state
    try:
        return await channel_turn(state, turn.sender, turn.text, CHANNEL, DELETE_HINT)
    except Exception:  # neither the text nor the conversation above debug: see api/logs.py
        log_failure(logger, "telegram: a conversation turn failed",
                    private=f"conversation {turn.sender} on {turn.text!r}")
        return [{"text": SORRY}]


async def send_replies(bot: Bot, chat_id: int, replies: list[dict]) -> None:
    """Sends the bot's messages in order; a chat that blocked the bot gets no more."""
    for message in replies:
        for kwargs in outgoing(message):
            sent = await _call(bot.send_message, chat_id=chat_id, **kwargs,
                               link_preview_options=LinkPreviewOptions(is_disabled=True))
            if sent is BLOCKED:
                return


async def _call(method, *args: Any, **kwargs: Any) -> Any:
    """One Bot API call; waits once on a rate limit, logs failures instead of raising."""
    for attempt in range(2):
        try:
            return await method(*args, **kwargs)
        except RetryAfter as exc:
            delay = exc.retry_after
            seconds = delay.total_seconds() if isinstance(delay, timedelta) else float(delay)
            if attempt or seconds > MAX_RETRY_AFTER_S:
                logger.warning("telegram: %s rate-limited for %ss, dropped", method.__name__, seconds)
                return None
            await asyncio.sleep(seconds)
        except Forbidden as exc:  # blocked by the user, kicked from the group
            logger.info("telegram: %s refused: %s", method.__name__, exc.message)
            return BLOCKED
        except TelegramError as exc:
            logger.warning("telegram: %s failed: %s", method.__name__, exc)
            return None
        except Exception:
            log_failure(logger, "telegram: %s failed", method.__name__)
            return None
    return None
