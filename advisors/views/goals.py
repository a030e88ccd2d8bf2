"""Goals as text: the list and one goal's page."""

from __future__ import annotations

from advisors.board.records import Conversation, Goal, Owner, Todo
from advisors.views import console

Names = dict[int, str]


def goal_list(goals: list[Goal], people: Names, *, status: str) -> None:
    if not goals:
        console.out(
            'No goals yet. Add one with: advisors goal add "Lead a team" '
            '--success "running a team of five"'
            if status == "open"
            else "No goals match."
        )
        return
    console.table(
        [
            console.Column("ID", justify="right"),
            console.Column("Goal", wrap=True, min_width=16),
            console.Column("Area", drop=2),
            console.Column("Target"),
            console.Column("Status", drop=3),
            console.Column("Advisors", wrap=True),
        ],
        [
            [
                str(g.id),
                g.title,
                g.area,
                g.target or "-",
                g.status,
                (f"for {people.get(g.person, '?')}" if g.person else "")
                or ", ".join(people.get(a, f"#{a}") for a in g.advisors)
                or "nobody yet",
            ]
            for g in goals
        ],
    )


def goal_page(goal: Goal, people: Names, talks: list[Conversation], todos: list[Todo]) -> None:
    console.fields(
        [
            ("Whose", f"{people.get(goal.person, '?')}'s" if goal.person else ""),
            ("Status", goal.status + (f" on {goal.closed[:10]}" if goal.closed else "")),
            ("Area", goal.area),
            ("Target", goal.target or ""),
            ("Gap", goal.gap),
            ("Why", goal.why),
            ("Success", goal.success),
            ("Advisors", ", ".join(people.get(a, f"#{a}") for a in goal.advisors) or "nobody yet"),
        ],
        title=f"Goal #{goal.id}: {goal.title}",
    )
    if todos:
        console.heading("Open follow-ups")
        for t in todos:
            who = "you" if t.owner == Owner.ME else people.get(t.person or 0, "them")
            console.out(f"  #{t.id} {t.text} ({who}{', due ' + t.due if t.due else ''})")
    if talks:
        console.heading("Conversations about it")
        for c in talks:
            names = ", ".join(people.get(p, f"#{p}") for p in c.people)
            console.out(console.clip(f"  {c.date}  {names}: {c.notes}", console.width()))
