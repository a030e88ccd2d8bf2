"""An open board: the data file, the config, and the day it is.

Every action takes one. It is what a notebook, a script and the command line
share: the same lock, the same transactions, the same undo history::

    from advisors import open_board
    board = open_board("~/advisors.json")

"Today" is read from the clock once, when first asked (or given), and handed
down; everything below takes it as an argument. What is wrong beside a
result (a sync conflict copy waiting, a part of the log still syncing) is
kept in ``warnings`` for the caller to say once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from advisors.paths import Config, data_path, default_data_path, load_config

if TYPE_CHECKING:
    from advisors.board.records import Person
    from advisors.store import Data, DataFile


@dataclass
class Board:
    db_option: str | None = None  # a path as given (None: $ADVISORS_DB, the config's, the default)
    command_line: str = ""  # what `undo --list` will call a change
    _config: Config | None = field(default=None, repr=False)
    _datafile: DataFile | None = field(default=None, repr=False)
    _today: date | None = field(default=None, repr=False)
    # `merge` itself does not remind of the copies it is about to merge
    mention_conflicts: bool = True
    # what is wrong beside the result, in words, said once by the caller
    warnings: list[str] = field(default_factory=list)
    # notes beside the result (a synonym taken, a folder created), said at once
    notes: list[str] = field(default_factory=list)
    # asks the passphrase of a passphrase board (on a terminal); None: nobody can
    passphrase: Callable[[str], str] | None = field(default=None, repr=False)

    @property
    def config(self) -> Config:
        if self._config is None:
            self._config = load_config()
        return self._config

    @property
    def path(self) -> Path:
        return data_path(self.db_option, lambda: self.config)

    @property
    def store(self) -> DataFile:
        """The data file's store: read, change, undo, backups (never paths)."""
        if self._datafile is None:
            from advisors.store import DataFile
            from advisors.store.sealing import use_keys

            use_keys(self.identities)
            self._datafile = DataFile(self.path)
            self._conflict_copies()
        return self._datafile

    def identities(self) -> list[Any]:
        """This device's keys to an encrypted board (asked for when one is met)."""
        from advisors import keys

        found = keys.identities(self.config)
        sealed = self.store.passphrase_key()
        if sealed is not None:
            found.append(keys.unlock(sealed, self.passphrase))
        return found

    def today(self) -> date:
        if self._today is None:
            self._today = date.today()
        return self._today

    def read(self) -> Data:
        """A snapshot of the data, for actions that only look; what is wrong
        with the file but lets them look becomes a warning."""
        data = self.store.read()
        for problem in data.problems:
            self.warn(str(problem))
        return data

    @contextmanager
    def change(self) -> Iterator[Data]:
        """One transaction: the lock, a fresh read, and one commit (one step
        of undo) when the block ends without an error."""
        try:
            with self.store.transaction(today=self.today(), command=self.command_line) as data:
                yield data
        except BrokenPipeError:  # a reader that stopped early must not hide this
            from advisors.errors import Cancelled

            raise Cancelled(
                "the output was closed before the change was saved; nothing was changed"
            ) from None
        for problem in data.problems:
            self.warn(str(problem))
        if self.store.created and self.path != default_data_path():
            self.notes.append(
                f"advisors: note: created the folder {self.store.created[0]} for the data file"
            )

    def people_as_of(self, data: Data, day: date) -> list[Person]:
        """Everyone as the log had them on ``day``: a day in the past reads
        only the conversations up to it (and says so)."""
        from advisors.board.records import Person

        if day >= self.today():
            return data.all(Person)
        people, moved = data.people_as_of(day.isoformat())
        if moved:
            self.notes.append(
                f"advisors: note: as of {day}: last contacts from the log up to that day"
            )
        return people

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def _conflict_copies(self) -> None:
        """A warning while a sync tool's conflict copies wait."""
        if not self.mention_conflicts:
            return
        self.mention_conflicts = False
        copies = self.store.conflict_copies()
        if copies:
            names = ", ".join(c.name for c in copies)
            what = (
                "a sync conflict copy"
                if len(copies) == 1
                else f"{len(copies)} sync conflict copies"
            )
            self.warn(f"{what} of the data file: {names}; 'advisors merge' merges them")


def open_board(
    path: str | Path | None = None,
    *,
    config: Config | None = None,
    today: date | None = None,
    command: str = "",
    passphrase: Callable[[str], str] | None = None,
) -> Board:
    """Open the board in the data file at ``path`` (else ``$ADVISORS_DB``, the
    config file's ``db``, or the platform's data folder). ``today`` fixes the
    day the rules answer for (default: the clock's, read once); ``command``
    is what ``advisors undo --list`` calls the changes made through it;
    ``passphrase`` is asked for the passphrase of a board encrypted with one
    (given the prompt; once a session)."""
    return Board(
        db_option=None if path is None else str(path),
        command_line=command or "python",
        _config=config,
        _today=today,
        passphrase=passphrase,
    )
