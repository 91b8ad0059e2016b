"""Ingest: load files, clean them into stored document text, split into structured chunks."""
