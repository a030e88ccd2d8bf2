"""The domain: the records of a board and every rule about them, as plain
code with no I/O. Each function takes the records (anything that behaves
like ``records.Records``, such as the store's ``Data``) and a date, and
either answers a question (who is due, what the digest says) or makes one
change (log a conversation, remove a person with everything that hangs on
them, a step of the advice loop).
"""

# The areas of a life that the board always shows (the config's `areas`
# replaces them). Here, not in a module with classes, because the config,
# read at every start, needs it too.
DEFAULT_AREAS = ("career", "wellness", "spirituality", "community", "family")
