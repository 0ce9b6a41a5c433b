"""walletaid: a calm terminal self-help wizard for people in trouble with a digital wallet."""

__version__ = "0.1.0"
