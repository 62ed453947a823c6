"""``python -m docgen`` runs the CLI."""

from .cli import main

raise SystemExit(main())
