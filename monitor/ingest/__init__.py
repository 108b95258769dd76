"""Ingest: turn files into validated frames (parse, validate) before they reach the store."""
