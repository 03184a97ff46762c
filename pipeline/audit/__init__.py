"""The audit trail (issue 18): what every run checked, on which inputs, with which code,
and what reviewers decided, kept so that an auditor can prove it.

OUT/audit/ holds:

- `runs/<run id>.jsonl`: each run's records (the run record, one per applicant, one per
  check, parts recomputed because they no longer matched the log, the reviewer log's head,
  the hashes of the files the run wrote, the end), each chained to the one before by sha256
  (`chain`); the first record of a run links to the last of the run before, so the runs form
  one chain. Written whole at the end of a run (never appended to afterwards, never
  overwritten: a new run writes a new file).
- `runs/<run id>.json`: the run record (who, when, code, engines, models, rules, calibration,
  inventory, counts, reuse), the same object as the first record of its log.
- `runs/<run id>.sig`: the run's root (the hash of its last record) signed with Ed25519
  (`sign`); the private key lives outside OUT, its public half is `audit-ed25519.pub`.
- `current-run`: the id of the latest run (the desk cites it in decisions).
- `desk-events.jsonl`: the reviewer desk's events, in the shared format (`events`).

`verify` recomputes all of it; `export` writes the records in the formats auditors use.
"""
