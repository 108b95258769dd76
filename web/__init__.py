"""Web glue: the Flask/Dash side (API routes; login, sessions, CSRF and CSP follow)."""
