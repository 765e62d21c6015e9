"""The measures ledger: dated trade measures with sources, the state on any date, duty stacks."""
