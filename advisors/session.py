"""What one run of the command knows: which data file, which config, today.

"Today" is read from the clock once, here at the edge, and handed down;
everything below takes it as an argument.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from advisors.names import find_one
from advisors.paths import Config, data_path, load_config

if TYPE_CHECKING:
    from advisors.models import Goal, Person, Record
    from advisors.store import Data, DataFile

R = TypeVar("R", bound="Record")


@dataclass
class Session:
    db_option: str | None = None
    _config: Config | None = field(default=None, repr=False)
    _datafile: DataFile | None = field(default=None, repr=False)

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config()
        return self._config

    @property
    def path(self) -> Path:
        return data_path(self.db_option, lambda: self.config)

    @property
    def datafile(self) -> DataFile:
        if self._datafile is None:
            from advisors.store import DataFile

            self._datafile = DataFile(self.path)
        return self._datafile

    def today(self) -> date:
        return date.today()

    def read(self) -> Data:
        """A snapshot of the data for commands that only look."""
        return self.datafile.read()

    @contextmanager
    def change(self) -> Iterator[Data]:
        """One transaction for commands that change the data."""
        with self.datafile.transaction(today=self.today()) as data:
            yield data


def current() -> Session:
    """The session of the command being run (set up by the root callback)."""
    from typer._click.globals import get_current_context

    ctx = get_current_context()
    root = ctx.find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
    return root.obj


def find_person(data: Data, query: str) -> Person:
    """The one person ``query`` names (an id or part of a name)."""
    from advisors.models import Person

    people = data.all(Person)
    return find_one(query, [(p.id, p.name, p) for p in people], kind="person")


def find_goal(data: Data, query: str) -> Goal:
    """The one goal ``query`` names (an id or a unique part of its title)."""
    from advisors.models import Goal

    goals = data.all(Goal)
    return find_one(query, [(g.id, g.title, g) for g in goals], kind="goal")


def find_by_id(data: Data, model: type[R], text: str, kind: str) -> R:
    """A follow-up, topic or piece of advice by the id shown in its list."""
    from advisors.errors import UsageProblem

    cleaned = text.strip().lstrip("#")
    if not cleaned.isdigit():
        raise UsageProblem(f"{kind} ids are numbers, like 3; got {text!r}")
    record = data.get(model, int(cleaned))
    if record is None:
        raise UsageProblem(f"there is no {kind} #{cleaned}")
    return record
