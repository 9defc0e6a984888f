"""The monthly HTML report: its context, charts and template."""
