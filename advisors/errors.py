"""The two kinds of trouble a user can meet, each with its own exit code.

They are raised anywhere below the CLI and turned into one line on stderr in
one place (``advisors.cli.AdvisorsGroup.main``).
"""

from __future__ import annotations


class AdvisorsError(Exception):
    """Base class: a problem with a message meant for the user."""

    exit_code = 1


class UsageProblem(AdvisorsError):
    """The user asked for something we cannot do: bad date, unknown name..."""

    exit_code = 2


class DataFileProblem(AdvisorsError):
    """The data file is busy, unreadable, corrupt or from a newer version."""

    exit_code = 3


class InterruptedAfterCommit(KeyboardInterrupt):
    """Ctrl-C came after the commit point: the change was saved."""


class Cancelled(AdvisorsError):
    """The user (or their editor) stopped before anything was changed."""

    exit_code = 1


class Interrupted(AdvisorsError):
    """Ctrl-C during a command; the message says whether its change was saved."""

    exit_code = 130
