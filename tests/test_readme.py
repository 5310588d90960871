"""The README's configuration table documents every setting the service reads."""
from __future__ import annotations

import re
from pathlib import Path

from api.settings import Settings

README = Path(__file__).resolve().parents[1] / "README.md"
# Read by uvicorn, the knowledge loader and the learned readers rather than by Settings.
OTHER_VARIABLES = {"FORWARDED_ALLOW_IPS", "KNOWLEDGE_DIR", "LEARNED_READERS"}


def test_every_setting_is_in_the_configuration_table_and_nothing_else():
    text = README.read_text()
    table = text[text.index("## Configuration"):text.index("## Channels")]
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)`(?:, `([A-Z][A-Z0-9_]+)`)?", table, re.M))
    names = {name for row in documented for name in row if name}
    settings = {name.upper() for name in Settings.__fields__}
    assert settings - names == set(), "settings missing from README's table"
    assert names - settings - OTHER_VARIABLES == set(), "README documents unknown variables"
