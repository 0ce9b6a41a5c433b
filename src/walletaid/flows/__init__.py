"""Flows: each command's path from options to output (answers → engine → renderer), called by ``cli.py``."""
