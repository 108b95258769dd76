"""``python -m monitor.demo``: write Voorbeeldstad's files again (``make demo-files``)."""

from monitor.demo.generate import main

main()
