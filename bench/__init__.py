"""`make bench`: the service against the default `rasa init` bot, on the same machine.

See docs/performance.md for what it measures and the targets; `python -m bench.run`.
"""
