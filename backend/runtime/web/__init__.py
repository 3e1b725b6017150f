"""Web: the runtime's HTTP controllers and the Litestar plugin that wires runtime services into the app."""
