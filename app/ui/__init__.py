"""Qt widgets: thin, and never waiting on the model, the disk or the network."""
