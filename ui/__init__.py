"""The faces a person uses: the command line and the desktop window. The only package using Qt."""
