"""Let cron and friends run ``python -m advisors``."""

from advisors.cli import app

app(prog_name="advisors")
