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
from typing import TYPE_CHECKING

from advisors.paths import Config, data_path, load_config

if TYPE_CHECKING:
    from advisors.store import Data, DataFile


@dataclass
class Session:
    db_option: str | None = None
    command_line: str = ""
    _config: Config | None = field(default=None, repr=False)
    _datafile: DataFile | None = field(default=None, repr=False)
    # `merge` itself does not remind of the copies it is about to merge
    mention_conflicts: bool = True
    # what is wrong beside the result, said once when the command ends
    warnings: list[str] = field(default_factory=list)

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
            self._conflict_copies()
        return self._datafile

    def today(self) -> date:
        return date.today()

    def read(self) -> Data:
        """A snapshot of the data, for commands that only look; what is wrong
        with the file but lets them look is said on stderr."""
        data = self.datafile.read()
        for problem in data.problems:
            self.warn(problem)
        return data

    def warn(self, text: str) -> None:
        if text not in self.warnings:
            self.warnings.append(text)

    def say_warnings(self, error: str = "") -> None:
        """Each warning, one line on stderr; none that the error the command
        ends with says again (a read that warned of a missing log part, then
        needed that part)."""
        from advisors.views.console import note

        for text in self.warnings:
            if text.partition(" (")[0] not in error:
                note(f"advisors: warning: {text}")
        self.warnings.clear()

    def _conflict_copies(self) -> None:
        """One line on stderr while a sync tool's conflict copies wait."""
        if not self.mention_conflicts:
            return
        self.mention_conflicts = False
        copies = self.datafile.layout.conflict_copies()
        if copies:
            names = ", ".join(c.name for c in copies)
            what = (
                "a sync conflict copy"
                if len(copies) == 1
                else f"{len(copies)} sync conflict copies"
            )
            self.warn(f"{what} of the data file: {names}; 'advisors merge' merges them")

    @contextmanager
    def change(self) -> Iterator[Data]:
        """One transaction, for commands that change the data."""
        try:
            with self.datafile.transaction(today=self.today(), command=self.command_line) as data:
                yield data
        except BrokenPipeError:  # a reader that stopped early must not hide this
            from advisors.errors import Cancelled

            raise Cancelled(
                "the output was closed before the change was saved; nothing was changed"
            ) from None
        for problem in data.problems:
            self.warn(problem)
        if self.datafile.created and not self.is_default_path():
            from advisors.views.console import note

            note(f"advisors: note: created the folder {self.datafile.created[0]} for the data file")

    def is_default_path(self) -> bool:
        from advisors.paths import default_data_path

        return self.path == default_data_path()


def current() -> Session:
    """The session of the command being run (set up by the root callback)."""
    import click

    root = click.get_current_context().find_root()
    if not isinstance(root.obj, Session):
        root.obj = Session()
    return root.obj
