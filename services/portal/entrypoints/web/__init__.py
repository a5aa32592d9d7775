"""The portal's web pages: server-rendered (Jinja2), Catalan first, working without JavaScript."""
