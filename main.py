"""Entry point: `python main.py ...` does what the `trilateral` console script does."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
