"""The store: the only package that touches the data file, and the only one
that imports TinyDB. One job per module:

- ``durable``: bytes that reach the disk whole (temp file, fsync, rename);
- ``layout``: every path that belongs to one data file;
- ``schema``: what a file must look like, and the named list of migrations;
- ``segments``: the conversation log in immutable segments, and its index;
- ``state``: one consistent state in memory (``Data``);
- ``backups``: taking and rotating backups;
- ``restore``: checking a backup and putting it back, as one change;
- ``undo``: the history each change keeps, and undo and redo;
- ``datafile``: reading a snapshot, and the transaction that commits a change.
"""

from advisors.store.datafile import DataFile
from advisors.store.durable import Payload, pieces_of, replace_with, write_output
from advisors.store.layout import Layout
from advisors.store.state import Data

__all__ = ["Data", "DataFile", "Layout", "Payload", "pieces_of", "replace_with", "write_output"]
