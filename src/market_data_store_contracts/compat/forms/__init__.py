"""What the checker decides on: normal forms of schema nodes and the exact questions asked of them.

``_shape``: the normal form (a union of branches, one JSON type each) and ``_normal``, which
builds it; ``_empty``: branches that certainly have no instance; ``_numbers``: the readings of a
number literal; ``_json``: JSON equality and value sets; ``_negation``: the complement of a
negated schema; ``_regex`` (over ``_regex_tree`` and ``_automata``): questions about
``pattern`` decided on automata; ``_names``: classes of property names; ``_examples``:
instances of a branch, the raw material of witnesses.
"""
