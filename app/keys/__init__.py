"""Keys: the database keys and named secrets kept in the operating system's credential store.

The lowest adapter: storage, identity and the audit checkpoints ask it for keys; it imports
nothing of WardScribe's but the domain's errors.
"""
