"""Output: one console writer, the JSON shapes, and a view per part of the
product. Commands hand their results here; nothing else prints."""
