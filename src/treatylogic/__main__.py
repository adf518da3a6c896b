"""``python -m treatylogic``: the same as the ``treatylogic`` command."""

from .cli import main

if __name__ == "__main__":
    main()
