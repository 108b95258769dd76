"""``python -m monitor.cli``: the same as the ``monitor`` command."""

from monitor.cli import main

main()
