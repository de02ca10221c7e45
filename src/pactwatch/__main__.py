import sys

from pactwatch.cli import main

sys.exit(main())
