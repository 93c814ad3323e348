"""web: the HTTP API and dashboard (``app``) served by `detente serve`, and the self-contained
briefing report (``report``) written by `detente report`."""
