// TestWorld: placeholder.
