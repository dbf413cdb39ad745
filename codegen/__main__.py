"""``python -m codegen``: the same as ``store-contracts generate`` (what ``make generate`` runs)."""

import sys

from market_data_store_contracts.cli import main

sys.argv[1:1] = ["generate"]
main()
