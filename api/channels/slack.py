"""Placeholder: filled in by the channel work of issue 4."""
from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
