"""Local fakes of external services (feed server, chat APIs) for tests."""
