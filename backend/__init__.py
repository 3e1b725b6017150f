"""Journey Builder: custom actions, journeys on a canvas, and the runtime that executes them."""
