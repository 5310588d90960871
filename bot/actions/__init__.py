"""Custom actions (rasa_sdk), served by the FastAPI service at POST /webhook."""
