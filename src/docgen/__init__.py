"""docgen: YAML plans to GB/T 9704 official documents."""

__version__ = "0.1.0"
