"""Files: reading them with located errors, writing them atomically under a lock, the cache."""
