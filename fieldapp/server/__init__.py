"""The central sync server: FastAPI app, its database, dispatch and the change feed."""
