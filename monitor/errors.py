"""The one exception type users see: a Dutch message that says what to fix."""


class MonitorError(Exception):
    """A problem in the user's input or request, explained in Dutch.

    The CLI prints it without a traceback and exits non-zero; the app shows it.
    """
