"""mumcoach: a private, offline coach for making friends with other parents."""

__version__ = "0.1.0"
