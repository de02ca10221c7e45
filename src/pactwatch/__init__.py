"""pactwatch: watch university news pages for newly signed cooperation agreements."""

__version__ = "0.1.0"
