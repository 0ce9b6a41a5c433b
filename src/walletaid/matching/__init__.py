"""Text matching shared by diagnose, the message check, ``--verify`` and redaction.

``normalize`` (one canonical form of any text, with a map back to the original),
``loader`` (rule files read, validated and compiled), ``ruleset`` (one Aho–Corasick
pass, then the rules), ``cache`` (compiled rules reused between runs), ``plain``
(validated knowledge as plain records, what the cache holds) and ``knowledge`` (the
compiled rule sets of the package).
"""
