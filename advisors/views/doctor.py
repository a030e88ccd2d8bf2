"""What ``doctor`` found, and what ``doctor --fix`` did."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from advisors.views import console

if TYPE_CHECKING:
    from advisors.actions.checkup import Checkup


def show(result: Checkup) -> None:
    path, fixing = result.path, result.fixing
    for done in result.fixed:
        console.para(f"Fixed: {done}.")
    for finding in result.findings:
        mark = "problem" if finding.serious else "note"
        console.para(f"{mark}: {finding.problem}. Fix: {finding.fix}")
    problems = [f for f in result.findings if f.serious]
    if result.absent and not problems:
        console.para(f"There is no data file at {path} yet: nothing to check.")
        return
    looked = ", ".join(f"{n} {what}{'' if n == 1 else 's'}" for what, n in result.checked.items())
    if not problems:
        console.para(f"{path.name} is healthy" + (f" ({looked} checked)." if looked else "."))
        return
    fixable = sum(1 for f in problems if f.fixable)
    hint = ""
    if fixable and not fixing:
        hint = f"; {fixable} can be repaired with 'advisors doctor --fix'"
    count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
    console.para(f"{path.name} is not healthy: {count}{hint}.")


def as_json(result: Checkup) -> dict[str, Any]:
    return {
        "file": str(result.path),
        "exists": not result.absent,
        "healthy": result.healthy,
        "findings": [
            {
                "check": f.check,
                "problem": f.problem,
                "fix": f.fix,
                "fixable": f.fixable,
                "serious": f.serious,
            }
            for f in result.findings
        ],
        "fixed": result.fixed,
        "checked": result.checked,
    }
