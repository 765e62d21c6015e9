"""The service layer: the one place the CLI and the API call into the ledger and the model."""
