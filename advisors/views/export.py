"""What ``export`` printed or wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisors.errors import UsageProblem
from advisors.views import console

if TYPE_CHECKING:
    from advisors.actions.exporting import Exported


def show(result: Exported) -> None:
    if result.written:
        if all(console.is_stdout(p) for p in result.written):
            return  # --output /dev/stdout: the data is the output, say nothing more
        names = " and ".join(str(p) for p in result.written)
        replaced = " and ".join(p.name for p in result.replaced)
        console.out(
            f"Wrote {names}" + (f" (replacing the {replaced} that was there)." if replaced else ".")
        )
    elif result.sealed:
        if console.is_terminal():
            raise UsageProblem(
                "the export is encrypted (age): give --output FILE, or add --plain to print "
                "it in the clear"
            )
        console.raw(result.files[""])  # type: ignore[arg-type]
    elif result.form == "ics":
        from advisors.store import pieces_of

        for piece in pieces_of(result.files[""]):
            console.raw(piece)  # CRLF lines, as RFC 5545 wants them
    elif result.form == "csv":
        console.pieces(result.files["people.csv"])
        console.out()
        console.pieces(result.files["conversations.csv"])
    else:
        console.pieces(result.files[""], json=result.form == "json")
