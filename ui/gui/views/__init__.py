"""The window's views, one per thing a team leader looks at, each reading the open document."""
