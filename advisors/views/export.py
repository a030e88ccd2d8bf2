"""What ``export`` printed or wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from advisors.views import console

if TYPE_CHECKING:
    from advisors.actions.exporting import Exported


def show(result: Exported) -> None:
    if result.document is not None:
        console.emit_json(result.document)
    elif result.written:
        if all(console.is_stdout(p) for p in result.written):
            return  # --output /dev/stdout: the data is the output, say nothing more
        names = " and ".join(str(p) for p in result.written)
        replaced = " and ".join(p.name for p in result.replaced)
        console.out(
            f"Wrote {names}" + (f" (replacing the {replaced} that was there)." if replaced else ".")
        )
    elif result.form == "ics":
        console.raw(result.files[""])  # CRLF lines, as RFC 5545 wants them
    elif result.form == "csv":
        console.out(
            result.files["people.csv"].decode("utf-8")
            + "\n"
            + result.files["conversations.csv"].decode("utf-8").rstrip("\n")
        )
    else:
        console.out(result.files[""].decode("utf-8").rstrip("\n"))
