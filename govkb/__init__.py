"""GovKB shared kernel: the types and settings that cross ingest/, index/ and app/."""

__version__ = "0.1.0"
