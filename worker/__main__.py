import sys

from worker.cli import main

if __name__ == "__main__":  # the pipeline pool's spawned children import this module too
    sys.exit(main())
