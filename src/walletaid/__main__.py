"""Allows ``python -m walletaid``."""

from walletaid.cli import main

if __name__ == "__main__":
    main()
