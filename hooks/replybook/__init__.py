"""Replybook: load, validate and render the playbook library (independent of MkDocs)."""
