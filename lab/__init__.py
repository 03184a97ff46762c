"""The measuring lab: synthetic windows, eval, bench and calibration fitting.

Kept apart from the product (`models`, `stages`, `pipeline`), which never imports it: the lab
runs the product and reads its results only through OUT's contract files and
`pipeline.run.load_results`.
"""
