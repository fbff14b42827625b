"""Grounded drafts: the facts of a note copied from the notes by rule, the model writing only
the prose between them (`draft.plan_draft` is the entry point)."""
