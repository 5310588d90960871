"""One module per messaging platform: verify the sender, turn an update into a
conversation turn (api.conversation.converse), reply through the platform's API."""
