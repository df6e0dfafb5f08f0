"""One router per use case; :func:`api.app.create_app` mounts them."""
