"""Pydantic models of walletaid's public inputs and outputs (answers files and JSON documents)."""
