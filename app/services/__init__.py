"""Use cases: the only door from the UI and the CLI to storage, the model and identity.

Every public service method takes the caller's session, checks the role's permission and writes
its audit event, so a UI bug cannot skip either.
"""
