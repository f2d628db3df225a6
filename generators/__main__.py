"""`python -m generators` runs the `fanzone` command line."""

from .cli import main

main()
