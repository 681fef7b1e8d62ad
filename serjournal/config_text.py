"""Reading the config file's text and its TOML, safely, in one place.

The whole config (config.py) and the few readers that need one key before
any of it is loaded (the colour theme) go through these two functions, so a
FIFO in the config's place never hangs a command and TOML nested thousands
deep never crashes one. Standard library only: it is read early.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class ConfigUnreadable(OSError):
    """The config exists but cannot be read as text (its reason is strerror)."""


class ConfigNotToml(ValueError):
    """The text is not TOML serjournal can read; `line` when TOML says where."""

    def __init__(self, reason: str, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def read_config_text(path: Path) -> str:
    """The file's text. FileNotFoundError when there is none; ConfigUnreadable
    for a FIFO or device (reading would wait for ever), bad bytes or no access."""
    from serjournal import messages

    if path.exists() and not path.is_file() and not path.is_dir():
        raise ConfigUnreadable(0, messages.CONFIG_NOT_A_FILE)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise
    except UnicodeDecodeError as error:
        raise ConfigUnreadable(0, str(error)) from None
    except OSError as error:
        raise ConfigUnreadable(error.errno or 0, error.strerror or str(error)) from None


def parse_toml(text: str) -> dict[str, Any]:
    """The TOML document, or ConfigNotToml saying why (and on which line)."""
    import re
    import tomllib

    from serjournal import messages

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise ConfigNotToml(str(error).split(" (at")[0], int(match[1]) if match else None) from None
    except RecursionError:  # arrays or tables nested thousands deep
        raise ConfigNotToml(messages.CONFIG_TOO_DEEP) from None
