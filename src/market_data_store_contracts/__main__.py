"""``python -m market_data_store_contracts`` is ``store-contracts``."""

from .cli import main

main()
