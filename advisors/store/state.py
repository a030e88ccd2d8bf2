"""One consistent state of a data file, in memory: its tables and its log.

Records go in and out as the dataclasses of ``advisors.board.records``. The
main tables are kept in TinyDB's storage format (a table maps decimal ids to
documents), read once per command and written by the transaction, so TinyDB
opens the main file as a database. ``Data`` puts documents into those tables
itself: TinyDB's ``Table`` rebuilds the whole table on every insert, update
and remove, which made an import of 20,000 people take 75 s and a merge that
updates them 200 s; a dict assignment is what each change needs.
Conversations live in the segment log. Each person's ``last_contact`` is
derived from the log and kept in step with it, so that ``due`` reads one small
file however long the log grows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from advisors import __version__
from advisors.board.records import MODELS, Conversation, Person, Record, now_stamp
from advisors.errors import DataFileProblem
from advisors.store.durable import Payload
from advisors.store.schema import META
from advisors.store.sealing import recipients_of, seal_of
from advisors.store.segments import (
    ConversationLog,
    Doc,
    SegmentMissing,
    collector_paused,
    dump,
    dump_pieces,
    freeze,
    thaw,
)

R = TypeVar("R", bound=Record)


def legacy_uid(created: str, table: str, ident: int) -> str:
    import hashlib

    return hashlib.sha256(f"{created}/{table}/{ident}".encode()).hexdigest()[:16]


def note_latest(
    latest: dict[int, str], docs: Iterable[Doc], wanted: set[int] | None, until: str = "9999"
) -> None:
    """Note in ``latest`` the day each person (of ``wanted``; None: all)
    last talked in ``docs``, up to ``until``: what a last contact is."""
    for doc in docs:
        day = doc["date"]
        if day <= until:
            for p in doc["people"]:
                if (wanted is None or p in wanted) and day > latest.get(p, ""):
                    latest[p] = day


def _touched(record: Record) -> None:
    """A record's ``updated`` time: the newer side wins when copies merge."""
    record.updated = now_stamp()  # type: ignore[attr-defined]


# Fields whose change is not the user's: never stamped.
_UNSTAMPED = frozenset({"uid", "updated", "stamps", "last_contact", "created"})


def _stamp(record: Record, doc: dict[str, Any], before: dict[str, Any]) -> None:
    """Stamp each field of ``doc`` that differs from ``before`` with the
    record's ``updated`` time (in the record and in ``doc``); a field a
    document leaves out holds its default."""
    defaults = record.defaults()
    changed = [  # the fields either document holds (half of all), in order
        k
        for k, default in defaults.items()
        if (k in doc or k in before)
        and k not in _UNSTAMPED
        and before.get(k, default) != doc.get(k, default)
    ]
    if changed:
        when = getattr(record, "updated", "") or now_stamp()
        record.stamps = {**record.stamps, **dict.fromkeys(changed, when)}
        last = _LAST_STAMPS[0]
        if record.stamps == last:  # the same fields changed in the same millisecond
            doc["stamps"] = last
        else:
            doc["stamps"] = _LAST_STAMPS[0] = dict(record.stamps)


# The stamps ``_stamp`` last gave a document: the next document whose stamps
# are the same shares them (an import of 20,000 people changes 40 a
# millisecond alike; their stamps took 3.5 MiB). A document's stamps are
# never changed in place, only replaced (a record's are its own copy), so
# sharing them is safe.
_LAST_STAMPS: list[dict[str, str]] = [{}]


class Data:
    """The records of one data file, as read at one moment.

    ``reread``, given for lock-free snapshots, reads the data file again: if
    a named segment has gone because a writer committed meanwhile, the
    snapshot moves to the new state rather than blaming the file.
    """

    def __init__(
        self,
        tables: dict[str, Any],
        log: ConversationLog,
        *,
        reread: Callable[[], Data | None] | None = None,
        migrated: bool = False,
    ) -> None:
        self.tables = tables
        self.log = log
        self.reread = reread
        self.migrated = migrated
        self.changed = migrated
        self._top: dict[str, int] = {}  # the highest id in each table
        self._stale_contacts: set[int] = set()
        # What is wrong with the file but does not stop a reader (typed:
        # ``str()`` of each is its sentence).
        self.problems: list[DataFileProblem] = []
        # The segments the state named when it was read (before any change).
        self.read_names: set[str] = log.named()
        # The ids of records left out as read, each table's, for holding the
        # same as the board this file is a copy of (``Reader.build``).
        self.alike: dict[str, list[int]] = {}
        # The tables whose documents are held frozen (``freeze``), and the
        # last one read (an import reads a person to find them, then again
        # to save them).
        self._frozen: set[str] = set()
        self._last_thawed: tuple[bytes | None, Doc] = (None, {})

    @property
    def meta(self) -> dict[str, Any]:
        """The main file's own record (the store's books; not for actions)."""
        return self.tables[META]["1"]

    @property
    def recipients(self) -> list[dict[str, Any]]:
        """The devices the board is encrypted for; none: it is in the clear."""
        return recipients_of(self.meta)

    @property
    def schema(self) -> int:
        """The version of the file's layout."""
        return int(self.meta.get("schema", 0))

    # Records of the main file -----------------------------------------------

    def all(self, model: type[R]) -> list[R]:
        if model is Conversation:
            return self.conversations()  # type: ignore[return-value]
        if model is Person:
            self._refresh_contacts()
        return [
            self._record(model, int(k), self._thaw(doc))
            for k, doc in self.tables.get(model.table, {}).items()
        ]

    def take_all(self, model: type[R]) -> list[R]:
        """Every record of ``model``, the table of documents they came from
        let go: for a reader that keeps the records and reads the table no
        more (an export holds 20,000 people once, not twice)."""
        found = self.all(model)
        if model is not Conversation:
            self.tables[model.table] = {}
        return found

    def _record(self, model: type[R], ident: int, doc: dict[str, Any]) -> R:
        """A record from its document. One written without a uid (by hand, or
        by an early version) gets one derived from the board's creation time,
        its table and its id: the same on every read and in every copy of
        the board, so exports stay stable and merges recognise it."""
        if not doc.get("uid"):
            doc = self._uids(model.table)(ident, doc)
        return model.from_doc(ident, doc)

    def take_upgraded(self, conversations: list[tuple[int, Doc]]) -> None:
        """Take in what an upgraded older file holds: its conversations go
        into the log, and each record written without a uid (advisors 0.1)
        keeps the one it is read with, now stored (derived on every read, it
        cost a tenth of each pass over the log)."""
        for model in MODELS:
            table = self.tables.get(model.table)
            if model is not Conversation and table:
                with_uid = self._uids(model.table)
                for key, doc in table.items():
                    table[key] = with_uid(int(key), doc)
        with_uid = self._uids(Conversation.table)
        for ident, doc in conversations:
            self.log.add(ident, with_uid(ident, doc))

    def _uids(self, table: str) -> Callable[[int, Doc], Doc]:
        """What gives a stored document of ``table`` its uid: its own, or
        one derived from the board's creation time (read once per pass)."""
        created = str(self.meta.get("created", ""))

        def with_uid(ident: int, doc: Doc) -> Doc:
            if doc.get("uid"):
                return doc
            return {**doc, "uid": legacy_uid(created, table, ident)}

        return with_uid

    def get(self, model: type[R], ident: int) -> R | None:
        if model is Person:
            self._refresh_contacts()
        if model is Conversation:
            doc = self._with_log(lambda: self.log.get(ident))
        else:
            doc = self.tables.get(model.table, {}).get(str(ident))
        return None if doc is None else self._record(model, ident, self._thaw(doc))

    def document(self, model: type[Record], ident: int) -> Doc | None:
        """One record of a main table as the file keeps it, with its id and
        uid, to read and not to change (building it as a record costs ten
        times more)."""
        doc = self.tables.get(model.table, {}).get(str(ident))
        if doc is None:
            return None
        return {"id": ident, **self._uids(model.table)(ident, self._thaw(doc))}

    def _first_free(self, table: str) -> int:
        """The lowest id never used in ``table``: above every id it holds and
        every id it has handed out."""
        if table not in self._top:
            if table == "conversations":
                self._top[table] = self.log.max_id()
            else:
                self._top[table] = max(map(int, self.tables.get(table, {})), default=0)
        counters = self.meta.setdefault("next_id", {})
        return max(int(counters.get(table, 1)), self._top[table] + 1)

    def _take_id(self, table: str, ident: int) -> None:
        self._top[table] = max(self._top.get(table, 0), ident)
        counters = self.meta.setdefault("next_id", {})
        counters[table] = max(int(counters.get(table, 1)), ident + 1)

    def _next_id(self, table: str) -> int:
        ident = self._first_free(table)
        self._take_id(table, ident)
        return ident

    def insert(self, record: R) -> R:
        """Store a new record under a new id. Ids are never reused, so an old
        id stays wrong rather than silently pointing at someone else."""
        _touched(record)
        record.id = self._next_id(record.table)
        self._place(record)
        return record

    def adopt(self, record: R) -> R:
        """Store a record that comes from another copy of the board, keeping
        its ``updated`` time, and its id when that id was never used here.
        What is derived (a person's last contact) is worked out here again,
        never taken from the copy."""
        record.id = max(record.id, self._first_free(record.table))
        self._take_id(record.table, record.id)
        self._place(record)
        if isinstance(record, Person):
            self._stale_contacts.add(record.id)
        return record

    def _place(self, record: Record) -> None:
        self.changed = True
        if isinstance(record, Conversation):
            self._with_log(lambda: self.log.add(record.id, record.to_doc()))
            self._note_contact(record)
            return
        self.tables.setdefault(record.table, {})[str(record.id)] = self._kept(
            record.table, record.to_doc()
        )

    def save(self, record: Record, *, touch: bool = True) -> None:
        """Write back every field of a record that already exists; ``touch``
        stamps its ``updated`` time and each field that changed, false keeps
        the times it has (a merge takes the other copy's)."""
        self.changed = True
        if touch:
            _touched(record)
        elif isinstance(record, Person):  # another copy's: derive its last contact here
            self._stale_contacts.add(record.id)
        if isinstance(record, Conversation):
            doc = record.to_doc()
            before = self._with_log(lambda: self.log.replace(record.id, doc))
            if touch:
                _stamp(record, doc, before)
            self._stale_contacts |= set(record.people) | set(before.get("people", ()))
            return
        table = self.tables.get(record.table, {})
        if str(record.id) in table:
            doc = record.to_doc()
            before = self._thaw(table[str(record.id)])
            if touch:
                _stamp(record, doc, before)
            # keys a newer advisors wrote (a field this one does not know) stay
            unknown = before.keys() - record.defaults().keys()
            if unknown:
                doc.update({k: before[k] for k in unknown})
            table[str(record.id)] = self._kept(record.table, doc)

    def _kept(self, table: str, doc: Doc) -> Doc | bytes:
        """A document as ``table`` holds them: frozen, or as it is."""
        return freeze(doc) if table in self._frozen else doc

    def freeze(self, model: type[Record]) -> None:
        """Hold every record of ``model``, and each it gains or changes from
        now on, as the JSON the file will hold, read again when asked for: a
        third of the memory, for a change of thousands (an import of 20,000
        people beside 20,000 held 30 MiB of them as dictionaries). Each
        one read costs a parse; the main file is written from them as they
        are. Not for the log's conversations."""
        if model is Conversation:
            return
        table = self.tables.setdefault(model.table, {})
        self._frozen.add(model.table)
        for key, doc in table.items():
            if type(doc) is not bytes:
                table[key] = freeze(doc)

    def delete(self, record: Record, *, when: str | None = None) -> None:
        """Remove a record, leaving what a merge needs to know it was removed:
        its uid, table and time (``when``, else now), in the ``deleted`` table."""
        self.changed = True
        self.remember_deletion(
            {"uid": record.uid, "table": record.table, "time": when or now_stamp()}
        )
        if isinstance(record, Conversation):
            before = self._with_log(lambda: self.log.remove(record.id))
            self._stale_contacts |= set(before.get("people", ()))
            return
        self.tables.get(record.table, {}).pop(str(record.id), None)

    def deletions(self) -> list[dict[str, Any]]:
        """The tombstones: what was removed (uid, table, time), oldest first."""
        return list(self.tables.get("deleted", {}).values())

    def remember_deletion(self, tombstone: dict[str, Any]) -> None:
        self.changed = True
        tombstones = self.tables.setdefault("deleted", {})
        tombstones[str(self._next_id("deleted"))] = dict(tombstone)

    # The log ----------------------------------------------------------------

    @property
    def conversation_count(self) -> int:
        return self.log.count

    def _with_log(self, read: Callable[[], Any]) -> Any:
        """Run ``read`` over the log; on a snapshot whose segment a writer has
        just replaced, move to the new state and try again."""
        for _attempt in range(10):
            try:
                return read()
            except SegmentMissing:
                fresh = self.reread() if self.reread is not None else None
                if fresh is None:
                    raise
                self.tables, self.log, self._top = fresh.tables, fresh.log, {}
        return read()

    def documents(self, model: type[Record]) -> Iterator[tuple[int, Doc]]:
        """Every record of ``model`` as the file keeps it (with its uid), to
        read and not to change; conversations a segment at a time."""
        if model is Person:
            self._refresh_contacts()
        if model is Conversation:
            found: Iterable[tuple[int, Doc]] = self.log.stream()
        else:
            found = ((int(k), doc) for k, doc in self.tables.get(model.table, {}).items())
        with_uid = self._uids(model.table)
        for ident, doc in found:
            yield ident, with_uid(ident, self._thaw(doc))

    def conversation_documents_by_date(
        self, *, newest_first: bool = False, keep: Callable[[Doc], bool] | None = None
    ) -> Iterator[tuple[int, Doc]]:
        """Every conversation as the file keeps it (of those ``keep``
        keeps), by date, then id (or newest first), a few segments at a
        time (``ConversationLog.in_order``)."""
        with_uid = self._uids(Conversation.table)
        for ident, doc in self.log.in_order(newest_first=newest_first, keep=keep):
            yield ident, with_uid(ident, doc)

    def record_tables(self) -> dict[str, dict[str, Doc]]:
        """The main file's tables of records (not its books or tombstones)."""
        return {m.table: self.tables.get(m.table, {}) for m in MODELS if m is not Conversation}

    def same_as(self, other: Data) -> dict[type[Record], set[int]]:
        """For each kind of the main file, the ids whose record is the same
        here and in ``other`` (its document equal, uid and all), counting
        those ``other`` left out as read for that (``alike``)."""
        found: dict[type[Record], set[int]] = {}
        for model in MODELS:
            if model is Conversation:
                continue
            mine = self.tables.get(model.table, {})
            theirs = other.tables.get(model.table, {})
            found[model] = {
                int(k)
                for k, doc in theirs.items()
                if k in mine and self._thaw(mine[k]) == thaw(doc)
            }
            found[model].update(other.alike.get(model.table, ()))
        return found

    def conversations_apart_from(self, other: Data) -> list[Conversation]:
        """This board's conversations that can differ from ``other``'s, a
        copy sharing its log folder: those in segments ``other`` does not
        name (see ``ConversationLog.apart_from``)."""
        return [self._record(Conversation, i, doc) for i, doc in self.log.apart_from(other.log)]

    def conversation_docs(self) -> list[tuple[int, Doc]]:
        """The whole log as raw documents: cheaper to filter than records."""
        with collector_paused():
            return self._with_log(lambda: list(self.log.all_docs()))

    def conversations(self) -> list[Conversation]:
        return [self._record(Conversation, i, doc) for i, doc in self.conversation_docs()]

    def newest_conversations(
        self,
        limit: int | None = None,
        keep: Callable[[Doc], bool] | None = None,
        *,
        person: int | None = None,
        since: str | None = None,
        until: str | None = None,
    ) -> list[Conversation]:
        """Conversations newest first, reading only the segments that can
        hold them (see ``ConversationLog.newest``)."""
        with collector_paused():
            found = self._with_log(
                lambda: self.log.newest(limit, keep, person=person, since=since, until=until)
            )
        return [self._record(Conversation, i, doc) for i, doc in found]

    def people_as_of(self, day: str) -> tuple[list[Person], bool]:
        """Everyone as the log had them on ``day``: each last contact from the
        conversations up to that day, and whether any differs from today's
        (no pass over the log when nobody has talked since)."""
        people = self.all(Person)
        moved = [p for p in people if (p.last_contact or "") > day]
        if moved:
            latest = self._latest_contacts({p.id for p in moved}, until=day)
            for person in moved:
                person.last_contact = latest.get(person.id)
        return people, bool(moved)

    # Derived data -----------------------------------------------------------

    def _refresh_contacts(self) -> None:
        if self._stale_contacts:
            stale, self._stale_contacts = self._stale_contacts, set()
            self._derive_contacts(stale)

    def _derive_contacts(self, people: Iterable[int]) -> None:
        """Each person's last contact, from the log: one pass however many."""
        wanted = {int(p) for p in people}
        latest = self._latest_contacts(wanted) if wanted else {}
        table = self.tables.setdefault("people", {})
        for p in wanted:
            if str(p) in table:
                self._open("people", str(p))["last_contact"] = latest.get(p)

    def _latest_contacts(self, wanted: set[int], until: str = "9999") -> dict[int, str]:
        """The day ``wanted`` people last talked, up to ``until``: one pass,
        a segment at a time (it holds one segment, not the log)."""

        def scan() -> dict[int, str]:
            latest: dict[int, str] = {}
            note_latest(latest, (doc for _ident, doc in self.log.stream()), wanted, until)
            return latest

        with collector_paused():
            return self._with_log(scan)

    def _note_contact(self, conversation: Conversation) -> None:
        """The cheap case: a conversation was just added."""
        table = self.tables.get("people", {})
        for p in conversation.people:
            doc = table.get(str(p))
            if doc is not None and conversation.date > (self._thaw(doc).get("last_contact") or ""):
                self._open("people", str(p))["last_contact"] = conversation.date

    def _thaw(self, doc: Doc | bytes) -> Doc:
        """A stored document to read, not to change (see ``thaw``)."""
        if type(doc) is not bytes:
            return doc  # type: ignore[return-value]
        if self._last_thawed[0] is doc:
            return self._last_thawed[1]
        found = thaw(doc)
        self._last_thawed = (doc, found)
        return found

    def _open(self, table: str, key: str) -> Doc:
        """A stored document to change in place: a frozen one is held open
        from now on (few are changed so)."""
        doc = self.tables[table][key]
        if type(doc) is bytes:
            doc = self.tables[table][key] = self._thaw(doc)
        return doc

    def recompute_contacts(self) -> None:
        self._derive_contacts(int(k) for k in self.tables.get("people", {}))

    def settle(self) -> None:
        """Bring derived data up to date before the state is written; a log
        this change touches that has become mixed (backfilling) is put back
        in date order, once, in the same commit."""
        self._refresh_contacts()
        if self.log.changed and self.log.is_mixed():
            self._with_log(self.log.compact)

    def serialise_main(self) -> Payload:
        """The main file's bytes, a piece at a time (sealed whole, on an
        encrypted board); call after the log's segments are written."""
        self.meta["log"] = self.log.entries
        self.meta["app_version"] = __version__
        seal = seal_of(self.meta)
        if seal:
            return seal(dump(self.tables))
        return dump_pieces(self.tables)
