"""The heavylegs Rasa project: triage engine, free-text understanding, NLU component and actions."""
