"""Service settings, read from environment variables (pydantic settings)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseSettings, Field, root_validator


class Settings(BaseSettings):
    """Every setting has a working default for `make run` on one machine."""

    database_url: str = Field(
        "sqlite:///var/heavylegs.db",
        description="SQLAlchemy URL for the tracker store and the service's tables.",
    )
    redis_url: str | None = Field(
        None, description="redis://host:port/db: a lock per conversation in Redis, so replicas never "
                          "process one conversation at once; unset, an in-memory lock store.")
    lock_wait_seconds: float = Field(
        120, gt=0, description="With REDIS_URL: how long a message waits for its conversation's "
                               "lock (held by a turn on another replica) before a 503.")
    host: str = Field("127.0.0.1", description="Address the service listens on.")
    port: int = Field(8000, description="Port the service listens on.")
    model_dir: Path = Field(Path("models"), description="Directory of trained Rasa models; "
                            "the newest is loaded.")
    action_endpoint_url: str | None = Field(
        None, description="An action server URL for the agent's custom actions; unset, they "
                          "run in this process and POST /webhook is off (404).")
    action_endpoint_secret: str | None = Field(
        None, min_length=16,
        description="With ACTION_ENDPOINT_URL: the bearer token the agent sends to the action "
                    "server and POST /webhook requires (at least 16 characters).")
    tracker_cache_size: int = Field(
        256, ge=0, description="Conversations whose tracker is kept in memory between turns "
                               "(each about 100 KB); more active ones are reloaded from the "
                               "database.")
    migrate_on_start: bool = Field(True, description="Apply database migrations at start-up.")
    max_message_chars: int = Field(2000, gt=0, description="Longest accepted chat message, "
                                   "counted after Unicode normalisation (NFKC).")
    max_turns: int = Field(200, gt=0, description="Most messages one conversation takes; past "
                           "it the runner is asked to start a new one.")
    max_body_bytes: int = Field(64 * 1024, description="Largest accepted request body (413).")
    log_level: str = Field("info", description="debug, info, warning or error; message texts "
                           "are logged only at debug.")
    cors_origins: str = Field(
        "", description="Comma-separated origins whose pages may embed the widget and call "
                        "/api/* from the browser (e.g. https://blog.example); empty, only the "
                        "service's own pages; '*' for any.")
    rate_limit: str = Field(
        "60/minute;600/hour", description="Requests each client may send to /api/*, in the "
        "notation of the `limits` package ('30/minute;300/hour'); empty turns it off.")
    rate_limit_exempt: str = Field(
        "127.0.0.1,::1", description="Comma-separated client addresses never limited (the "
        "machine itself by default); behind a proxy, see FORWARDED_ALLOW_IPS.")
    admin_token: str | None = Field(
        None, description="Bearer token for /api/admin/*; unset, those endpoints are off (404).")
    retention_days: int = Field(
        90, ge=0, description="Conversations silent for longer than this many days are deleted, "
                              "with the platform update ids older than that (checked at start "
                              "and hourly); 0 keeps them.")

    # Channels: a channel whose credentials are not set is off and its path answers 404.
    telegram_token: str | None = Field(None, description="Bot token from BotFather.")
    telegram_secret_token: str | None = Field(
        None, description="Secret Telegram sends in X-Telegram-Bot-Api-Secret-Token.")
    telegram_api_base_url: str = Field("https://api.telegram.org",
                                       description="Bot API base URL (tests use a local fake).")
    slack_bot_token: str | None = Field(None, description="Bot user OAuth token (xoxb-...).")
    slack_signing_secret: str | None = Field(None, description="Slack app signing secret.")
    slack_api_base_url: str = Field("https://slack.com/api",
                                    description="Web API base URL (tests use a local fake).")

    class Config:
        env_prefix = ""
        case_sensitive = False

    @root_validator(skip_on_failure=True)
    def webhook_needs_a_secret(cls, values: dict) -> dict:
        if values.get("action_endpoint_url") and not values.get("action_endpoint_secret"):
            raise ValueError("ACTION_ENDPOINT_URL is set, so ACTION_ENDPOINT_SECRET must be too: "
                             "POST /webhook refuses every call without it (e.g. "
                             "ACTION_ENDPOINT_SECRET=$(openssl rand -hex 32))")
        return values

    @property
    def cors_origin_list(self) -> list[str]:
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]

    @property
    def rate_limit_exempt_list(self) -> list[str]:
        return [address.strip() for address in self.rate_limit_exempt.split(",") if address.strip()]

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_token and self.telegram_secret_token)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token and self.slack_signing_secret)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once; tests build their own `Settings`."""
    return Settings()
