"""Where walletaid keeps its data: ``WALLETAID_HOME`` when set, else the platform's user data folder.

The folder is created with mode 0700 (only the user can read it): it holds the
case store and interrupted-wizard drafts, both of which describe the user's
money problems.
"""

from __future__ import annotations

import os
from pathlib import Path


def data_dir(create: bool = True) -> Path:
    """The data folder (created 0700 when ``create``)."""
    home = os.environ.get("WALLETAID_HOME")
    if home:
        path = Path(home).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir("walletaid", appauthor=False))
    if create:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.stat().st_mode & 0o777 != 0o700:  # tightened only when needed: a read-only disk is still readable
            os.chmod(path, 0o700)
    return path
