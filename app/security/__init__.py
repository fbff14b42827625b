"""What the workstation enforces around the data: process hardening, the network guard, the
machine policy, the environment it reads, and shipping the audit log to the hospital's collector.

It sits above storage, identity and inference (the policy gathers their settings); keys live in
`app.keys`, password hashing in `app.identity.passwords`.
"""
