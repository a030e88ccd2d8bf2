"""Follow-ups, topics and advice as tables."""

from __future__ import annotations

from datetime import date

from advisors.board.advice import advice_state
from advisors.board.followups import Whose, is_overdue
from advisors.board.records import Advice, Owner, Todo, Topic
from advisors.views import console

Names = dict[int, str]


def todo_list(todos: list[Todo], concerns: Whose, today: date, *, all_: bool) -> None:
    if not todos:
        console.out("No open follow-ups." if not all_ else "No follow-ups yet.")
        return
    rows, states = [], []
    for t in todos:
        late = is_overdue(t, today)
        state = "done " + t.done if t.done else ("overdue" if late else "open")
        rows.append(
            [
                str(t.id),
                t.text,
                "you" if t.owner == Owner.ME else "them",
                concerns.of(t),
                t.due or "-",
                state,
            ]
        )
        states.append("overdue" if late else ("ok" if t.done else None))
    console.table(
        [
            # narrow, the text people read keeps its room: who owes it goes
            # first, then whom it concerns
            console.Column("ID", justify="right"),
            console.Column("Follow-up", wrap=True, min_width=20),
            console.Column("Who", drop=2),
            console.Column("With", min_width=10, drop=1),
            console.Column("Due"),
            console.Column("State", wrap=True, min_width=6),
        ],
        rows,
        states=states,
    )


def topic_list(topics: list[Topic], people: Names) -> None:
    if not topics:
        console.out('Nothing queued. Add a topic with: advisors topic add NAME "..."')
        return
    console.table(
        [
            console.Column("ID", justify="right"),
            console.Column("With", min_width=10),
            console.Column("Topic", wrap=True),
            console.Column("State", drop=1),
        ],
        [
            [
                str(t.id),
                people.get(t.person, f"#{t.person}"),
                t.text,
                f"discussed (#{t.discussed_in})" if t.discussed_in else "queued",
            ]
            for t in topics
        ],
    )


def advice_list(items: list[Advice], people: Names, *, open_only: bool) -> None:
    if not items:
        console.out("No advice recorded yet." if not open_only else "Nothing waiting on you.")
        return
    console.table(
        [
            console.Column("ID", justify="right"),
            console.Column("From", min_width=10),
            console.Column("Advice", wrap=True),
            console.Column("Given", drop=1),
            console.Column("State"),
        ],
        [
            [str(a.id), people.get(a.person, f"#{a.person}"), a.text, a.given, advice_state(a)]
            for a in items
        ],
    )
