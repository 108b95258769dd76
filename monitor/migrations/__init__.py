"""Alembic migration scripts for the store schema."""
