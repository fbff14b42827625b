"""Pure models and rules: no I/O, no Qt, no llama.cpp. Everything above may import this."""
