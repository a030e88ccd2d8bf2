"""Every JSON shape that scripts depend on, in one place.

Keys may be added, never renamed (PRODUCT.md, "JSON shapes"). Dates are ISO
strings; people, goals and items are named where a script would want names.
The domain types are imported for type checking only: ``list`` and ``due``
import this module, and should not pay for the board's or the digest's.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from advisors.board.advice import advice_state
from advisors.board.due import next_due
from advisors.board.occasions import next_on
from advisors.board.records import split_list

if TYPE_CHECKING:
    from advisors.board.agreements import ReviewDue
    from advisors.board.brief import Brief
    from advisors.board.coverage import Board
    from advisors.board.digest import Digest
    from advisors.board.due import DueReport, Standing
    from advisors.board.followups import Whose
    from advisors.board.giving import Exchange
    from advisors.board.morning import Morning
    from advisors.board.records import (
        Advice,
        Agreement,
        Conversation,
        Give,
        Goal,
        KeyDate,
        Person,
        Todo,
        Topic,
    )
    from advisors.board.rhythm import Rhythm
    from advisors.board.search import Hit
    from advisors.board.stocktake import Recorded, Stocktake

Names = dict[int, str]


def person(p: Person, as_of: date) -> dict[str, Any]:
    """A person as ``list --json`` shows them."""
    due = next_due(p, as_of)
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role,
        "areas": p.areas,
        "status": p.status,
        "cadence": p.cadence,
        "at_most": p.at_most or None,
        "last_contact": p.last_contact,
        "next_due": due.isoformat() if due else None,
        "paused_until": p.paused_until,
        "snoozed_until": p.snoozed_until,
        "why": p.why,
        "email": p.email,
        "emails": split_list(p.email),
        "phone": p.phone,
        "org": p.org,
        "title": p.title,
        "url": p.url,
        "notes": p.notes,
        "where": p.where,
        "need": p.need,
        "uid": p.uid,
    }


def standing(s: Standing) -> dict[str, Any]:
    """One person in ``due --json``."""
    return {
        "id": s.person.id,
        "name": s.person.name,
        "role": s.person.role,
        "areas": s.person.areas,
        "cadence": s.person.cadence,
        "last_contact": s.last_contact.isoformat() if s.last_contact else None,
        "next_due": s.next_due.isoformat(),
        "at_most": s.person.at_most or None,
        "latest_due": s.latest.isoformat() if s.latest else None,
        "days_since": s.days_since,
        "days_overdue": s.days_overdue,
        "state": s.state,
        "snoozed_until": s.person.snoozed_until,
        "urgency": None if s.urgency == float("inf") else round(s.urgency, 3),
    }


def due_report(report: DueReport) -> dict[str, Any]:
    return {
        "as_of": report.as_of.isoformat(),
        "people": [standing(s) for s in report.people],
        "prospects": [
            {"id": p.id, "name": p.name, "role": p.role, "areas": p.areas} for p in report.prospects
        ],
        "paused": [
            {
                "id": p.id,
                "name": p.name,
                "role": p.role,
                "areas": p.areas,
                "paused_until": p.paused_until,
            }
            for p in report.paused
        ],
    }


def conversation(
    c: Conversation, people: Names, goals: Names, discussed: dict[int, list[str]] | None = None
) -> dict[str, Any]:
    """One conversation in ``history --json``; ``topics`` holds those covered
    and the queued ones it used up."""
    return {
        "id": c.id,
        "date": c.date,
        "people": [people.get(p, f"#{p}") for p in c.people],
        "via": c.via,
        "notes": c.notes,
        "topics": [*c.topics, *(discussed or {}).get(c.id, [])],
        "goals": [goals.get(g, f"#{g}") for g in c.goals],
    }


def profile(
    p: Person,
    as_of: date,
    *,
    goals: list[Goal],
    todos: list[Todo],
    topics: list[Topic],
    advice: list[Advice],
    talks: list[Conversation],
    dates: list[KeyDate],
    terms: Agreement | None = None,
    gives: list[Give] | None = None,
) -> dict[str, Any]:
    """``show --json``: the person, and what hangs on them (``terms``: your
    agreement with them)."""
    document = person(p, as_of)
    document.update(
        dates=[
            {"id": d.id, "label": d.label, "date": d.date, "yearly": d.yearly, "note": d.note}
            for d in dates
        ],
        goals=[{"id": g.id, "title": g.title, "status": g.status} for g in goals],
        todos=[{"id": t.id, "text": t.text, "owner": t.owner, "due": t.due} for t in todos],
        topics=[{"id": t.id, "text": t.text} for t in topics if t.discussed_in is None],
        topics_discussed=[
            {"id": t.id, "text": t.text, "conversation": t.discussed_in}
            for t in topics
            if t.discussed_in is not None
        ],
        advice=[
            {
                "id": a.id,
                "text": a.text,
                "decision": a.decision,
                "reported": a.reported,
                "direction": "given" if a.mine else "received",
            }
            for a in advice
        ],
        agreement=None if terms is None else agreement(terms, {p.id: p.name}),
        gives=[give(g, {p.id: p.name}) for g in gives or []],
        conversations=[{"id": c.id, "date": c.date, "via": c.via, "notes": c.notes} for c in talks],
    )
    return document


def occasion(d: KeyDate, people: Names, day: date | None, days: int | None) -> dict[str, Any]:
    """A date that matters, in ``date list --json``, ``remind`` and ``today``."""
    return {
        "id": d.id,
        "person": people.get(d.person, f"#{d.person}"),
        "label": d.label,
        "date": d.date,
        "yearly": d.yearly,
        "note": d.note,
        "next": day.isoformat() if day else None,
        "days": days,
        "uid": d.uid,
    }


def hit(h: Hit, people: Names) -> dict[str, Any]:
    """One hit of ``search --json``."""
    return {
        "kind": h.kind,
        "id": h.id,
        "date": h.date or None,
        "people": [people.get(p, f"#{p}") for p in h.people if p],
        "line": h.line,
    }


def morning(m: Morning, people: Names) -> dict[str, Any]:
    """``today --json``."""
    return {
        "as_of": m.as_of.isoformat(),
        "needs_attention": m.needs_attention,
        "due": [standing(s) for s in m.due],
        "todos": [
            {"id": t.id, "text": t.text, "person": people.get(t.person or 0), "due": t.due}
            for t in m.todos
        ],
        "dates": [occasion(u.kept, people, u.day, u.days) for u in m.dates],
        "advice_to_report": [
            {"id": a.id, "text": a.text, "person": people.get(a.person), "outcome": a.outcome}
            for a in m.to_report
        ],
        "imported": [conversation(c, people, {}) for c in m.imported],
        "agreements_to_review": [agreement_due(r, m.as_of) for r in m.agreements],
    }


def upcoming(d: KeyDate, people: Names, today: date) -> dict[str, Any]:
    """A date that matters, with the next day it falls on."""
    day = next_on(d, today)
    return occasion(d, people, day, None if day is None else (day - today).days)


def goal(g: Goal, people: Names) -> dict[str, Any]:
    return {
        "id": g.id,
        "title": g.title,
        "gap": g.gap,
        "why": g.why,
        "success": g.success,
        "area": g.area,
        "target": g.target,
        "status": g.status,
        "advisors": [people.get(a, f"#{a}") for a in g.advisors],
        "for": people.get(g.person, f"#{g.person}") if g.person else None,
        "created": g.created,
        "closed": g.closed,
        "uid": g.uid,
    }


def goal_detail(
    g: Goal, people: Names, talks: list[Conversation], todos: list[Todo]
) -> dict[str, Any]:
    document = goal(g, people)
    document["conversations"] = [
        {
            "id": c.id,
            "date": c.date,
            "people": [people.get(p, f"#{p}") for p in c.people],
            "notes": c.notes,
        }
        for c in talks
    ]
    document["todos"] = [
        {"id": t.id, "text": t.text, "owner": t.owner, "due": t.due} for t in todos
    ]
    return document


def todo(t: Todo, concerns: Whose, goals: Names, overdue: bool) -> dict[str, Any]:
    return {
        "id": t.id,
        "text": t.text,
        "owner": t.owner,
        "person": concerns.of(t) or None,
        "people": [concerns.names.get(p, f"#{p}") for p in concerns.ids(t)],
        "due": t.due,
        "overdue": overdue,
        "goal": goals.get(t.goal) if t.goal else None,
        "conversation": t.conversation,
        "done": t.done,
        "created": t.created,
    }


def topic(t: Topic, people: Names) -> dict[str, Any]:
    return {
        "id": t.id,
        "person": people.get(t.person),
        "text": t.text,
        "created": t.created,
        "discussed_in": t.discussed_in,
    }


def advice(a: Advice, people: Names) -> dict[str, Any]:
    return {
        "id": a.id,
        "person": people.get(a.person),
        "text": a.text,
        "given": a.given,
        "decision": a.decision,
        "outcome": a.outcome,
        "reported": a.reported,
        "state": advice_state(a),
        "conversation": a.conversation,
        "direction": "given" if a.mine else "received",
    }


def digest(d: Digest, people: Names, concerns: Whose | None = None) -> dict[str, Any]:
    """``remind --format json``."""

    def item(t: Todo) -> dict[str, Any]:
        who = concerns.of(t) if concerns else people.get(t.person or 0)
        return {
            "id": t.id,
            "text": t.text,
            "person": who or None,
            "due": t.due,
            "asked": t.created[:10] or None,
        }

    def piece(a: Advice) -> dict[str, Any]:
        return {
            "id": a.id,
            "text": a.text,
            "person": people.get(a.person),
            "given": a.given,
            "decision": a.decision,
            "outcome": a.outcome,
        }

    return {
        "as_of": d.as_of.isoformat(),
        "within": d.within,
        "needs_attention": d.needs_attention,
        "reconnect": [standing(s) for s in d.reconnect],
        "due_soon": [standing(s) for s in d.due_soon],
        "my_todos": [item(t) for t in d.my_todos],
        "waiting": [item(t) for t in d.waiting],
        "advice_to_decide": [piece(a) for a in d.to_decide],
        "advice_to_report": [piece(a) for a in d.to_report],
        "goals": [{"id": g.id, "title": g.title, "target": g.target} for g in d.goals],
        "gaps": [{"area": gap.area, "goals": gap.goals} for gap in d.gaps],
        "coming_up": [occasion(u.kept, people, u.day, u.days) for u in d.coming],
        "agreements_to_review": [agreement_due(r, d.as_of) for r in d.agreements],
        "board_review": d.board_review,
    }


def agreement(a: Agreement, people: Names) -> dict[str, Any]:
    return {
        "id": a.id,
        "person": people.get(a.person),
        "person_id": a.person,
        "ask": a.ask,
        "offer": a.offer,
        "format": a.format,
        "confidential": a.confidential,
        "agreed": a.agreed or None,
        "review": a.review,
        "reviewed": a.reviewed,
        "note": a.note,
    }


def agreement_due(r: ReviewDue, today: date) -> dict[str, Any]:
    return {
        "person": r.person.name,
        "person_id": r.person.id,
        "review": r.agreement.review,
        "since": r.agreement.since or None,
        "sentence": r.sentence(today),
    }


def stocktake(t: Stocktake, recorded: Recorded | None) -> dict[str, Any]:
    """``review --json``."""
    return {
        "as_of": t.as_of.isoformat(),
        "active": len(t.ties),
        "review_due": t.due,
        "last_review": t.last_review,
        "areas": {"covered": t.covered, "uncovered": t.uncovered},
        "mix": {
            "orgs": {s.value: s.count for s in t.orgs},
            "roles": {s.value: s.count for s in t.roles},
            "warnings": t.warnings,
        },
        "ties": [
            {
                "id": tie.person.id,
                "name": tie.person.name,
                "conversations_year": tie.conversations,
                "strength": tie.strength,
            }
            for tie in t.ties
        ],
        "only_taken_from": [exchange(e) for e in t.takers],
        "agreements_to_review": [agreement_due(r, t.as_of) for r in t.agreements],
        "recorded": None
        if recorded is None
        else {
            "id": recorded.review.id,
            "date": recorded.review.date,
            "keep": recorded.review.keep,
            "deepen": recorded.review.deepen,
            "rotate": recorded.review.rotate,
            "notes": recorded.review.notes,
            "alumni": [p.name for p in recorded.rotated],
        },
    }


def give(g: Give, people: Names) -> dict[str, Any]:
    return {
        "id": g.id,
        "person": people.get(g.person),
        "person_id": g.person,
        "text": g.text,
        "kind": g.kind_of,
        "date": g.date,
        "conversation": g.conversation,
    }


def exchange(e: Exchange) -> dict[str, Any]:
    return {
        "person": e.person.name,
        "person_id": e.person.id,
        "given_90d": e.given_recent,
        "received_90d": e.received_recent,
        "given_year": e.given_year,
        "received_year": e.received_year,
        "only_taken": e.only_taken,
    }


def conversation_detail(
    c: Conversation, people: Names, goals: Names, todos: list[Todo], advice_given: list[Advice]
) -> dict[str, Any]:
    """``conversation show --json``: the history shape, and what hangs on it."""
    document = conversation(c, people, goals)
    document.update(
        created=c.created,
        uid=c.uid,
        todos=[
            {"id": t.id, "text": t.text, "owner": t.owner, "due": t.due, "done": t.done}
            for t in todos
        ],
        advice=[{"id": a.id, "text": a.text, "state": advice_state(a)} for a in advice_given],
    )
    return document


def board(b: Board) -> dict[str, Any]:
    """``board --json``."""
    return {
        "as_of": b.as_of.isoformat(),
        "areas": [
            {
                "area": a.name,
                "advisors": [
                    {
                        "id": s.person.id,
                        "name": s.person.name,
                        "role": s.person.role,
                        "state": s.state,
                        "next_due": s.next_due.isoformat(),
                        "last_contact": s.last_contact.isoformat() if s.last_contact else None,
                    }
                    for s in a.advisors
                ],
                "freshest_contact": a.freshest.isoformat() if a.freshest else None,
                "days_since_freshest": (b.as_of - a.freshest).days if a.freshest else None,
                "goals": [g.title for g in a.goals],
            }
            for a in b.areas
        ],
        "gaps": [
            {
                "kind": g.kind,
                "area": g.area,
                "sentence": g.sentence,
                "goals": g.goals,
                "people": g.people,
            }
            for g in b.gaps
        ],
        "balance": {
            "learn_from": {
                "people": b.balance.learn_from.people,
                "conversations_90d": b.balance.learn_from.conversations,
            },
            "peers": {
                "people": b.balance.peers.people,
                "conversations_90d": b.balance.peers.conversations,
            },
            "mentees": {
                "people": b.balance.mentees.people,
                "conversations_90d": b.balance.mentees.conversations,
            },
            "advice_received": b.balance.advice_received,
            "advice_acted_on": b.balance.advice_acted_on,
            "advice_given": b.balance.advice_given,
            "leaning": b.balance.leaning,
            "exchanges": [exchange(e) for e in b.balance.exchanges],
            "only_taken_from": [e.sentence() for e in b.balance.takers],
        },
        "alumni": [{"id": p.id, "name": p.name, "role": p.role} for p in b.alumni],
    }


def rhythm(r: Rhythm, as_of: date, months: int) -> dict[str, Any]:
    """One person in ``stats --json``."""
    from advisors.board.rhythm import month_starts

    return {
        "id": r.person.id,
        "name": r.person.name,
        "cadence": r.person.cadence,
        "measured_from": r.begin.isoformat(),
        "months": [
            {"month": start.strftime("%Y-%m"), "conversations": n}
            for start, n in zip(month_starts(as_of, months), r.months, strict=True)
        ],
        "conversations": r.conversations,
        "periods": r.periods,
        "periods_kept": r.kept,
        "consistency": None if r.consistency is None else round(r.consistency, 4),
        "average_gap_days": None if r.average_gap is None else round(r.average_gap, 1),
        "longest_gap_days": r.longest_gap,
        "long_gaps": [
            {
                "from": g.start.isoformat(),
                "to": g.end.isoformat(),
                "days": g.days,
                "still_open": g.still_open,
            }
            for g in r.long_gaps
        ],
    }


def brief(b: Brief) -> dict[str, Any]:
    """``prep --json``."""
    p, s = b.person, b.standing
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role,
        "status": p.status,
        "areas": p.areas,
        "why": p.why,
        "notes": p.notes,
        "cadence": p.cadence,
        "last_contact": s.last_contact.isoformat() if s and s.last_contact else p.last_contact,
        "next_due": s.next_due.isoformat() if s else None,
        "days_since": s.days_since if s else None,
        "days_overdue": s.days_overdue if s else 0,
        "paused_until": p.paused_until,
        "last_conversation": None
        if b.last is None
        else {"id": b.last.id, "date": b.last.date, "via": b.last.via, "notes": b.last.notes},
        "you_owe": [{"id": t.id, "text": t.text, "due": t.due} for t in b.mine],
        "waiting_on": [{"id": t.id, "text": t.text, "due": t.due} for t in b.theirs],
        "goals": [{"id": g.id, "title": g.title, "success": g.success} for g in b.goals],
        "dates": [upcoming(d, {p.id: p.name}, b.today) for d in b.dates],
        "advice_to_decide": [{"id": a.id, "text": a.text} for a in b.to_decide],
        "advice_to_report": [
            {"id": a.id, "text": a.text, "outcome": a.outcome} for a in b.to_report
        ],
        "topics": [{"id": t.id, "text": t.text} for t in b.topics],
        "mentee": b.mentee,
        "where": p.where,
        "need": p.need,
        "advice_given_open": [
            {"id": a.id, "text": a.text, "given": a.given, "state": advice_state(a)}
            for a in b.advised
        ],
        "their_goals": [
            {"id": g.id, "title": g.title, "success": g.success, "target": g.target}
            for g in b.their_goals
        ],
        "agreement": agreement(b.agreement, {p.id: p.name}) if b.agreement else None,
        "gives": [give(g, {p.id: p.name}) for g in b.gives],
    }
