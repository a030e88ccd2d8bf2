"""Merging another copy of the board into this one, by uid.

The other copy is an export, another data file, a sync conflict copy or a
backup. The rules (see DESIGN.md, "Merge across devices"):

- records are matched by uid (people also by name, so one person added on two
  devices stays one person);
- a record on both sides keeps the side with the newer ``updated``;
- a deletion (a tombstone: uid, table, time) newer than the record wins, on
  either side, so merging an older copy never brings back what was removed;
- a new record keeps its id when that id was never used here, else it gets a
  new one, and every reference to it follows;
- a reference to something that is not here (removed, or never sent) is
  dropped; a topic or a piece of advice whose person is not here is skipped.

Merging the same copy twice changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime, timedelta
from typing import Any

from advisors.board.records import (
    MODELS,
    REFERENCES,
    REQUIRED,
    Agreement,
    Conversation,
    Goal,
    KeyDate,
    Person,
    Record,
    Records,
    Review,
)
from advisors.names import fold

__all__ = ["MODELS", "REFERENCES", "REQUIRED", "KINDS", "Copy", "Namesake", "Report", "merge"]

# What the user calls one record of each kind.
KINDS = {model: model.kind for model in MODELS}


@dataclass
class Copy:
    """Another copy of the board: its records and its tombstones."""

    records: dict[type[Record], list[Record]] = field(default_factory=dict)
    deletions: list[dict[str, Any]] = field(default_factory=list)
    # When the copy shares this board's log (a sync conflict copy): this
    # board's conversations that can differ from it, those in segments the
    # copy does not name (``records`` then holds the copy's likewise). A
    # conversation in a segment both name is the same on both sides, and
    # is not read. None: every conversation of this board.
    mine: Sequence[Record] | None = None
    # Records the same on both sides, by kind: their ids (the same on both
    # sides too), left out of ``records`` (a board of 20,000 people merges
    # the few that differ, not all of them).
    same: dict[type[Record], set[int]] = field(default_factory=dict)

    def of(self, model: type[Record]) -> list[Record]:
        return self.records.get(model, [])


@dataclass(slots=True)  # an import of 20,000 rows notes 20,000 of them
class Change:
    """One thing a merge or an import did (or, in a dry run, would do)."""

    action: str  # add, update, delete, skip
    kind: str  # person, conversation, ...
    label: str  # a name, a title, a date and names
    why: str = ""


@dataclass(slots=True)
class Namesake:
    """A person an import added beside one here of the same name and other
    e-mails: a possible duplicate (the view says so; 20,000 sentences took
    5 MiB beside the board while it was changed)."""

    name: str
    email: str
    other_id: int  # the one already here
    other_name: str
    other_email: str


@dataclass
class Report:
    changes: list[Change] = field(default_factory=list)
    # what was passed over in bulk, counted by (noun, why): ("event", "names
    # no one on your board") -> 12
    quiet: dict[tuple[str, str], int] = field(default_factory=dict)
    # what else the reader or the rules have to say, a sentence each
    notes: list[str] = field(default_factory=list)
    # the records of the file skipped as unusable, by (noun, why): the labels
    # that name them ("+1 555 0100", "line 8")
    skipped: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # people added beside a namesake with other e-mails
    namesakes: list[Namesake] = field(default_factory=list)
    _whys: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def note(self, action: str, kind: str, label: str, why: str = "") -> None:
        # 20,000 updates give a few reasons ("changed: email, org"): one each
        self.changes.append(Change(action, kind, label, self._whys.setdefault(why, why)))

    def tally(self, noun: str, why: str, count: int = 1) -> None:
        if count:
            self.quiet[noun, why] = self.quiet.get((noun, why), 0) + count

    @property
    def unread(self) -> int:
        """How many records of the file were skipped as unusable."""
        return sum(map(len, self.skipped.values()))

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def changed(self) -> bool:
        return any(c.action != "skip" for c in self.changes)


def stamp_order(stamp: str | None) -> datetime:
    """An ``updated`` or tombstone time, comparable across time zones; a
    missing or unreadable one is older than any other."""
    try:
        moment = datetime.fromisoformat(stamp or "")
    except ValueError:
        return datetime.min.replace(tzinfo=datetime.now().astimezone().tzinfo)
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment


def updated(record: Record) -> datetime:
    return stamp_order(getattr(record, "updated", None))


def label_of(record: Record, names: dict[int, str]) -> str:
    """A few words that say which record this is."""
    if isinstance(record, Person):
        return record.name
    if isinstance(record, Goal):
        return record.title
    if isinstance(record, KeyDate):
        who = names.get(record.person, f"#{record.person}")
        return f"{who}'s {record.label} ({record.date})"
    if isinstance(record, Agreement):
        return f"the agreement with {names.get(record.person, f'#{record.person}')}"
    if isinstance(record, Review):
        return f"the board review of {record.date}"
    if isinstance(record, Conversation):
        who = ", ".join(names.get(p, f"#{p}") for p in record.people) or "nobody"
        return f"{record.date} with {who}"
    text = getattr(record, "text", "")
    return text if len(text) <= 60 else text[:59] + "…"


class Merger:
    """One merge of a copy into a board (see the module's docstring)."""

    def __init__(self, board: Records, copy: Copy) -> None:
        self.board = board
        self.copy = copy
        self.report = Report()
        self.ids: dict[type[Record], dict[int, int]] = {
            m: {i: i for i in copy.same.get(m, ())} for m in MODELS
        }
        self.dead: dict[str, dict[str, Any]] = {t["uid"]: t for t in board.deletions()}

    def run(self) -> Report:
        here = {ident: str(doc.get("name", "")) for ident, doc in self.board.documents(Person)}
        local = {model: self._mine(model) for model in MODELS}
        there = {i: here[i] for i in self.copy.same.get(Person, ()) if i in here}
        there.update((p.id, p.name) for p in self.copy.of(Person) if isinstance(p, Person))
        self._deletions(local, here)
        self.report.tally(
            "record", "the same or newer here", sum(map(len, self.copy.same.values()))
        )
        by_name = self._by_name(local[Person])
        for model in MODELS:
            for record in sorted(self.copy.of(model), key=lambda r: r.id):
                mine = local[model].get(record.uid)
                if mine is None and isinstance(record, Person):
                    mine = by_name.get(fold(record.name))
                self._merge_one(model, record, mine, label_of(record, there))
        return self.report

    def _mine(self, model: type[Record]) -> dict[str, Record]:
        """This board's records of ``model`` that the copy's can meet, by
        uid: those of a uid the copy holds or one of its tombstones names (a
        board of 20,000 people merging a copy that differs in one person
        builds one), all of those that can differ when the copy shares
        this board's log."""
        if model is Conversation and self.copy.mine is not None:
            return {r.uid: r for r in self.copy.mine}
        uids = {r.uid for r in self.copy.of(model)}
        uids.update(str(t.get("uid")) for t in self.copy.deletions if t.get("table") == model.table)
        if not uids:
            return {}
        return {
            doc["uid"]: model.from_doc(ident, doc)
            for ident, doc in self.board.documents(model)
            if doc["uid"] in uids
        }

    def _by_name(self, mine: dict[str, Record]) -> dict[str, Record]:
        """This board's people by name (folded), for the copy's people whose
        uid is not here, so that one person added on two devices stays one;
        of two here with one name, the later."""
        wanted = {
            fold(p.name)
            for p in self.copy.of(Person)
            if isinstance(p, Person) and p.uid not in mine
        }
        found: dict[str, Record] = {}
        if wanted:
            for ident, doc in self.board.documents(Person):
                name = fold(str(doc.get("name", "")))
                if name in wanted:
                    found[name] = mine.get(doc["uid"]) or Person.from_doc(ident, doc)
        return found

    def _deletions(
        self, local: dict[type[Record], dict[str, Record]], names: dict[int, str]
    ) -> None:
        for tombstone in self.copy.deletions:
            uid = str(tombstone.get("uid") or "")
            if not uid or uid in self.dead:
                continue
            model = next((m for m in MODELS if m.table == tombstone.get("table")), None)
            mine = local[model].pop(uid, None) if model is not None else None
            if mine is None:
                self.board.remember_deletion(tombstone)
            elif stamp_order(tombstone.get("time")) >= updated(mine):
                self.board.delete(mine, when=tombstone.get("time"))
                self.report.note(
                    "delete", KINDS[type(mine)], label_of(mine, names), "removed in the other copy"
                )
            else:
                local[type(mine)][mine.uid] = mine  # changed here after it was removed there
                self.board.remember_deletion(tombstone)
                continue
            self.dead[uid] = tombstone

    def _merge_one(
        self, model: type[Record], record: Record, mine: Record | None, label: str
    ) -> None:
        kind = KINDS[model]
        tombstone = self.dead.get(record.uid)
        if (
            mine is None
            and tombstone is not None
            and stamp_order(tombstone.get("time")) >= updated(record)
        ):
            self.report.note("skip", kind, label, "removed here")
            return
        incoming_id = record.id
        missing = self._follow_references(model, record)
        if missing:
            self.report.note("skip", kind, label, f"its {missing} is not here")
            return
        if mine is not None:
            self.ids[model][incoming_id] = mine.id
            # most of a board: nothing to weigh
            if mine.values() == {**record.values(), "id": mine.id}:
                self.report.tally("record", "the same or newer here")
                return
            taken = self._fields(mine, record, kind, label)
            if taken:
                self.board.save(mine, touch=False)
                self.report.note("update", kind, label, "changed in the other copy: " + taken)
            else:
                self.report.tally("record", "the same or newer here")
            return
        self.board.adopt(record)
        self.ids[model][incoming_id] = record.id
        self.report.note("add", kind, label)

    def _fields(self, mine: Record, theirs: Record, kind: str, label: str) -> str:
        """Merge field by field into ``mine``; return the fields taken from
        ``theirs``, in words ("" for none).

        A field changed on one side only (it has a time in ``stamps`` there)
        takes that side's value, so two copies that changed different fields
        both keep their change. A field changed on both sides keeps the later
        value, and the report names the one set aside. Fields neither side
        has a time for (records written before fields had times) follow the
        newer record, as whole records did.
        """
        newer = updated(theirs) > updated(mine)
        taken = []
        for f in fields(theirs):
            name = f.name
            if name in _NOT_MERGED:
                continue
            ours, other = getattr(mine, name), getattr(theirs, name)
            when_ours, when_other = mine.stamps.get(name), theirs.stamps.get(name)
            if when_ours is None and when_other is None:
                take = newer
            elif when_ours is None or when_other is None:
                take = when_other is not None
            else:
                take = stamp_order(when_other) > stamp_order(when_ours)
            if ours == other:
                if take and when_other:
                    mine.stamps[name] = when_other
                continue
            if when_ours is not None and when_other is not None:
                kept, lost = (other, ours) if take else (ours, other)
                self.report.note(
                    "conflict",
                    kind,
                    label,
                    f"both copies changed its {name}: kept {_shown(kept)} (the later), "
                    f"set aside {_shown(lost)}",
                )
            if take:
                setattr(mine, name, other)
                if when_other is not None:
                    mine.stamps[name] = when_other
                taken.append(name)
        if newer and taken:
            mine.updated = theirs.updated  # type: ignore[attr-defined]
        return ", ".join(taken)

    def _follow_references(self, model: type[Record], record: Record) -> str:
        """Turn the copy's ids into this board's; return the name of a
        reference the record cannot live without when it is not here."""
        for name, target in REFERENCES.get(model, {}).items():
            mapping = self.ids[target]
            value = getattr(record, name)
            if isinstance(value, list):
                kept = [mapping[v] for v in value if v in mapping]
                if value and not kept and (model, name) in REQUIRED:
                    return "people" if name == "people" else name
                setattr(record, name, kept)
            elif value is not None:
                if value not in mapping and (model, name) in REQUIRED:
                    return name
                setattr(record, name, mapping.get(value))
        return ""


def doubtful(copy: Copy, now: datetime) -> str | None:
    """Why a copy must not be merged as it is: a uid used twice in one table
    (one record would overwrite another), or a time more than a day ahead (a
    clock set wrong, or a crafted file: it would win every later merge)."""
    latest = now + timedelta(days=1)
    for model in MODELS:
        seen: dict[str, int] = {}
        for record in copy.of(model):
            if record.uid in seen:
                return (
                    f"the uid {record.uid[:40]} is used twice, by {model.kind} #{seen[record.uid]} "
                    f"and #{record.id}"
                )
            seen[record.uid] = record.id
            if updated(record) > latest:
                return f"{model.kind} #{record.id} was changed in the future ({record.updated})"  # type: ignore[attr-defined]
    for tombstone in copy.deletions:
        if stamp_order(tombstone.get("time")) > latest:
            return f"a deletion is dated in the future ({tombstone.get('time')})"
    return None


# An import or merge that removes records, or changes more than this many, or
# adds more than that many, asks first (--yes for scripts).
FEW_UPDATES = 10
MANY_ADDS = 1000


def weighty(report: Report) -> bool:
    """Does this change deserve a question before it is made?"""
    return (
        report.count("delete") > 0
        or report.count("update") > FEW_UPDATES
        or report.count("add") > MANY_ADDS
    )


# Not merged field by field: identity, bookkeeping, and what is derived.
_NOT_MERGED = frozenset({"id", "uid", "stamps", "updated", "created", "last_contact"})


def _shown(value: Any) -> str:
    text = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def copy_of(
    board: Records,
    conversations: Sequence[Record] | None = None,
    same: dict[type[Record], set[int]] | None = None,
) -> Copy:
    """Every record and tombstone of a board, to merge into another (with
    only ``conversations`` of its log, when given, and without the records
    ``same`` names: the same on both sides)."""
    same = same or {}
    records: dict[type[Record], list[Record]] = {}
    for model in MODELS:
        if model is Conversation and conversations is not None:
            records[model] = list(conversations)
        else:
            left = same.get(model, set())
            records[model] = [
                model.from_doc(i, doc) for i, doc in board.documents(model) if i not in left
            ]
    return Copy(records, board.deletions(), same=same)


def merge(board: Records, copy: Copy) -> Report:
    """Merge ``copy`` into ``board``; see the module's docstring."""
    return Merger(board, copy).run()
