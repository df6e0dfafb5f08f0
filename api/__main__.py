"""``python -m api`` runs the ``verbinder`` command line."""

from api.cli import main

main()
