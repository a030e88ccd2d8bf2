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

from advisors.board import DEFAULT_AREAS
from advisors.cadence import DEFAULT_CADENCE, latest_after, parse_cadence
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
MAX_WITHIN = 3650


def config_path() -> Path:
    if env := os.environ.get("ADVISORS_CONFIG"):
        return expand(env, "ADVISORS_CONFIG")
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP)) / "config.toml"


@dataclass
class Config:
    path: Path
    db: Path | None = None
    default_cadence: str = DEFAULT_CADENCE
    area_cadences: dict[str, str] = field(default_factory=lambda: dict(AREA_CADENCES))
    # an area's latest interval: [cadence] career = {every = "3w", at_most = "6w"}
    area_at_most: dict[str, str] = field(default_factory=dict)
    within: int = DEFAULT_WITHIN
    # the areas of a life that `board` always shows, covered or not
    areas: list[str] = field(default_factory=lambda: list(DEFAULT_AREAS))
    # how to read a slash date that could be either: "dmy", "mdy" or None (refuse)
    date_order: str | None = None
    # how many days ahead remind and today show birthdays and other dates
    dates_within: int = 14
    # your own e-mail addresses: a calendar's meetings never take them for an advisor
    me: list[str] = field(default_factory=list)
    # how often `remind` says it is time to review the whole board
    review_every: str = "6m"
    # a command that prints this device's age identity, for an encrypted board
    identity_command: str | None = None

    def at_most_for(self, areas: list[str]) -> str | None:
        """The latest interval of the first area with a cadence, if it has one."""
        for area in areas:
            if area in self.area_cadences:
                return self.area_at_most.get(area)
        return None

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
            if not isinstance(data["db"], str) or not data["db"].strip():
                raise UsageProblem("db must be the path of a file, in quotes")
            # a relative path is relative to the config file, not to wherever
            # the command runs (cron runs in $HOME)
            config.db = path.parent / expand(data["db"], "the config's db")
        if "default_cadence" in data:
            config.default_cadence = parse_cadence(str(data["default_cadence"]))
        cadences = data.get("cadence", {})
        if not isinstance(cadences, dict):
            raise UsageProblem("[cadence] must be a table of area = cadence")
        for area, text in cadences.items():
            if isinstance(text, dict):
                unknown = set(text) - {"every", "at_most"}
                if "every" not in text or unknown:
                    raise UsageProblem(
                        f'[cadence] {area} must be a cadence, or {{every = "3w", at_most = "6w"}}'
                    )
                every = parse_cadence(str(text["every"]))
                config.area_cadences[area.lower()] = every
                if "at_most" in text:
                    config.area_at_most[area.lower()] = latest_after(every, str(text["at_most"]))
            else:
                config.area_cadences[area.lower()] = parse_cadence(str(text))
        if "areas" in data:
            areas = data["areas"]
            if not isinstance(areas, list) or not all(
                isinstance(a, str) and a.strip() for a in areas
            ):
                raise UsageProblem('areas must be a list of words, such as ["career", "family"]')
            config.areas = list(dict.fromkeys("-".join(a.lower().split()) for a in areas))
        if "date_order" in data:
            if data["date_order"] not in ("dmy", "mdy"):
                raise UsageProblem('date_order must be "dmy" (20/11/2026) or "mdy" (11/20/2026)')
            config.date_order = data["date_order"]
        if "within" in data:
            within = data["within"]
            if type(within) is not int or not 0 <= within <= MAX_WITHIN:
                raise UsageProblem(f"within must be a whole number of days, 0 to {MAX_WITHIN}")
            config.within = within
        if "dates_within" in data:
            ahead = data["dates_within"]
            if type(ahead) is not int or not 0 <= ahead <= 366:
                raise UsageProblem("dates_within must be a whole number of days, 0 to 366")
            config.dates_within = ahead
        if "review_every" in data:
            config.review_every = parse_cadence(str(data["review_every"]))
        if "me" in data:
            me = data["me"]
            if isinstance(me, str):
                me = [me]
            if not isinstance(me, list) or not all(isinstance(a, str) and "@" in a for a in me):
                raise UsageProblem('me must be your e-mail addresses, such as ["you@example.com"]')
            config.me = [a.strip() for a in me]

        if "identity_command" in data:
            command = data["identity_command"]
            if not isinstance(command, str) or not command.strip():
                raise UsageProblem(
                    'identity_command must be a command, such as "pass show advisors/key"'
                )
            config.identity_command = command
    except UsageProblem as exc:
        raise DataFileProblem(f"the config file {path}: {exc}") from None
    return config


def expand(text: str, where: str) -> Path:
    """A path as typed: ``~`` and ``~user`` expanded; anything that can't be
    a file name is a mistake."""
    if "\x00" in text or any(ord(c) < 32 for c in text):
        raise UsageProblem(f"{where} contains a control character; give a plain path")
    try:
        text.encode("utf-8")
        return Path(text).expanduser()
    except UnicodeEncodeError:
        raise UsageProblem(f"{where} is not valid UTF-8") from None
    except RuntimeError:  # ~nouser
        raise UsageProblem(f"{where}: can't find the home folder in {text[:60]!r}") from None


def data_path(option: str | None, config: Callable[[], Config]) -> Path:
    """The data file to use: --db, then ADVISORS_DB, then config, then default.

    ``config`` is called (and the config file read) only when it decides.
    """
    if option:
        return expand(option, "--db").absolute()
    if env := os.environ.get("ADVISORS_DB"):
        return expand(env, "ADVISORS_DB").absolute()
    if (configured := config().db) is not None:
        return configured.absolute()
    return default_data_path()


def default_data_path() -> Path:
    """The data file in the platform's data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP)) / DATA_FILE
