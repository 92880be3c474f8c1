"""``python -m scripts.verify``: every place where the policy contradicts itself, its data file or the law.

One module per family of checks, each with ``check(policy_input) -> list[Finding]``;
``__main__`` parses the options, runs them, prints the findings and decides the exit status.
"""
