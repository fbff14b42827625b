"""Turn a stored draft into what leaves WardScribe: clipboard text, PDF content, FHIR JSON.

Pure functions of a draft, its patient and the reviewer's name: permission checks and audit
live in app.services.export, file writing in the UI, so each part can be tested on its own.
"""
