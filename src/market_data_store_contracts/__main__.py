"""``python -m market_data_store_contracts`` is ``store-contracts``."""

from ._cli import main

main()
