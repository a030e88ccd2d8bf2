"""The domain: the records of a board and every rule about them, as plain
code with no I/O. Each function takes the records (anything that behaves
like ``records.Records``, such as the store's ``Data``) and a date, and
either answers a question (who is due, what the digest says) or makes one
change (log a conversation, remove a person with everything that hangs on
them, a step of the advice loop).
"""
