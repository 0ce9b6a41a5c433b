"""The schemas of the knowledge files: one module per file (or folder of files), each a Pydantic model that
validates the file when it is loaded.

``common`` (bilingual text, sources, the strict base every record uses), ``causes`` (``causes.json``),
``contacts`` (``contacts.json``), ``links`` (``links.json``), ``escalation`` (``escalation.json``),
``posture`` (``posture.json``) and ``rules`` (the rule format of ``diagnose/``, ``signals/`` and
``spellings.yaml``).  The documents walletaid prints are not here: they are in ``models/``.
"""
