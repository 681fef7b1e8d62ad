"""Where serjournal's files live by default, with no imports beyond the
standard library: `status --short` runs before every shell prompt and must
not pay for more. paths.py and journal.py take these names from here.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "serjournal"
JOURNAL_FILENAME = "journal.db"
DB_ENV = "SERJOURNAL_DB"
CONFIG_ENV = "SERJOURNAL_CONFIG"


def data_dir() -> Path:
    from platformdirs import user_data_path  # imported here: only needed for defaults

    return user_data_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """The TOML config: $SERJOURNAL_CONFIG, else the platform config directory."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"
