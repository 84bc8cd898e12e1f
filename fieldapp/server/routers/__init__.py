"""One FastAPI router per resource of the /api/v1 wire protocol."""
