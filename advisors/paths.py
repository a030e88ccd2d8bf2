"""Where the data file and the config file are, and what the config says.

One function chooses the data path: ``--db`` beats ``ADVISORS_DB``, which
beats ``db`` in the config file, which beats the platform's data folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisors.cadence import DEFAULT_CADENCE, parse_cadence
from advisors.errors import DataFileProblem, UsageProblem

APP = "advisors"
DATA_FILE = "advisors.json"
# Sensible rhythms for common areas; the config file's [cadence] table
# overrides or extends them.
AREA_CADENCES = {
    "family": "2w",
    "career": "1m",
    "wellness": "1m",
    "community": "2m",
    "spirituality": "1m",
}
DEFAULT_WITHIN = 7


def config_path() -> Path:
    if env := os.environ.get("ADVISORS_CONFIG"):
        return Path(env).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP)) / "config.toml"


@dataclass
class Config:
    path: Path
    db: Path | None = None
    default_cadence: str = DEFAULT_CADENCE
    area_cadences: dict[str, str] = field(default_factory=lambda: dict(AREA_CADENCES))
    within: int = DEFAULT_WITHIN

    def cadence_for(self, areas: list[str]) -> str:
        """The default cadence of the first area that has one, else the global."""
        for area in areas:
            if area in self.area_cadences:
                return self.area_cadences[area]
        return self.default_cadence


def load_config(path: Path | None = None) -> Config:
    """Read the TOML config; a missing file means all defaults."""
    path = path or config_path()
    config = Config(path=path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return config
    except OSError as exc:
        raise DataFileProblem(f"can't read the config file {path}: {exc.strerror}") from None
    import tomllib

    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise DataFileProblem(f"the config file {path} is not valid TOML: {exc}") from None
    try:
        if "db" in data:
            config.db = Path(str(data["db"])).expanduser()
        if "default_cadence" in data:
            config.default_cadence = parse_cadence(str(data["default_cadence"]))
        cadences = data.get("cadence", {})
        if not isinstance(cadences, dict):
            raise UsageProblem("[cadence] must be a table of area = cadence")
        for area, text in cadences.items():
            config.area_cadences[area.lower()] = parse_cadence(str(text))
        if "within" in data:
            within = data["within"]
            if not isinstance(within, int) or within < 0:
                raise UsageProblem("within must be a whole number of days")
            config.within = within
    except UsageProblem as exc:
        raise DataFileProblem(f"the config file {path}: {exc}") from None
    return config


def data_path(option: str | None, config: Callable[[], Config]) -> Path:
    """The data file to use: --db, then ADVISORS_DB, then config, then default.

    ``config`` is called (and the config file read) only when it decides.
    """
    if option:
        return Path(option).expanduser().absolute()
    if env := os.environ.get("ADVISORS_DB"):
        return Path(env).expanduser().absolute()
    if (configured := config().db) is not None:
        return configured.absolute()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP)) / DATA_FILE
