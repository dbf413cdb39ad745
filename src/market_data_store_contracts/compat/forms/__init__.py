"""What the checker decides on: normal forms of schema nodes and the exact questions asked of them.

``_shape`` and ``_normal``: the normal form (a union of branches, one JSON type each);
``_numbers``: the readings of a number literal; ``_json``: JSON equality and value sets;
``_negation``: the complement of a negated schema; ``_regex`` (over ``_regex_tree`` and
``_automata``): questions about ``pattern`` decided on automata; ``_examples``: instances of a
branch, the witnesses a finding shows.
"""
