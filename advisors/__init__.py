"""advisors: keep in touch with your board of advisors."""

__version__ = "0.1.0"
