"""``today`` in words: short sections, nothing when nothing needs you."""

from __future__ import annotations

from advisors.board.morning import Morning
from advisors.cadence import cadence_words
from advisors.dates import days_words
from advisors.views import console, occasions


def sections(m: Morning, names: dict[int, str]) -> list[tuple[str, list[str]]]:
    due = []
    for s in m.due:
        if s.last_contact is None:
            due.append(f"{s.person.name}: you haven't talked yet.")
        elif s.days_overdue:
            due.append(
                f"{s.person.name}: {days_words(s.days_overdue)} overdue "
                f"(you aim for {cadence_words(s.person.cadence)})."
            )
        else:
            due.append(f"{s.person.name}: due today.")
    todos = [
        f"#{t.id} {t.text}"
        + (f" (for {names[t.person]})" if t.person in names else "")
        + (": due today." if t.due == m.as_of.isoformat() else f": due {t.due}.")
        for t in m.todos
    ]
    dates = [occasions.line(u, names) + "." for u in m.dates]
    report = [
        f"Tell {names.get(a.person, 'them')} how it went: {a.text}"
        + (f" ({a.outcome})." if a.outcome else ".")
        for a in m.to_report
    ]
    imported = [
        f"#{c.id} {c.date} with {', '.join(names.get(p, f'#{p}') for p in c.people)}: {c.notes}"
        for c in m.imported
    ]
    reviews = [r.sentence(m.as_of) + "." for r in m.agreements]
    found = [
        ("Talk to", due),
        ("Follow-ups due", todos),
        ("Dates this week", dates),
        ("Advice to report back", report),
        ("Agreements to review together", reviews),
        ("Logged from your calendar since yesterday (check with 'advisors history')", imported),
    ]
    return [(title, items) for title, items in found if items]


def show(m: Morning, names: dict[int, str], *, always: bool) -> None:
    if not m.needs_attention:
        if always:
            console.out("Nothing needs you today.")
        return
    console.out(f"Today, {m.as_of:%A} {m.as_of.day} {m.as_of:%B}")
    for title, items in sections(m, names):
        console.heading(title)
        for item in items:
            console.para(f"  {item}")
