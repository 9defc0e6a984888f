"""Reports as data, one module a report; `common.py` holds what they share."""
