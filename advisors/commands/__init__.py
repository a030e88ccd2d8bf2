"""One module per command group, joined in ``advisors.cli``."""
