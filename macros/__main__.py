"""`python -m macros [DATA_DIR]`: validate the data files and list every problem."""

import sys

from .validate import main

sys.exit(main(sys.argv[1:]))
