"""Question definitions of each command."""
