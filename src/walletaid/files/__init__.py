"""Files walletaid reads and writes: ``read`` (user input in chunks up to a limit), ``write`` (0600, atomic,
never overwriting unless asked), ``evidence`` (screenshots checked and hashed), ``export`` (case files and
bundles)."""
