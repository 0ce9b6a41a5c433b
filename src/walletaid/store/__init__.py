"""The local case store: the SQLite file (``db``), its schema versions (``migrations``), the saved cases
(``cases``), case ids (``caseid``) and the data folder it lives in (``paths``)."""
