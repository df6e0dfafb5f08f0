"""One router per use case; :func:`api.http.app.create_app` mounts them."""
