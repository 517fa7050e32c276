"""Benchmarks (issue 6): dfa side by side with ERC-3643/T-REX and a plain ERC-20 floor.

Run ``python -m benchmarks`` (``--help`` for the options). Gas comes from receipts; timings are
ratios against a baseline measured in the same run, with the absolute numbers beside them.
"""
