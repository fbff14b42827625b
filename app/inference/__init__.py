"""Local inference: the model file, its prompt templates and the llama.cpp engine.

Import from the submodules (`app.inference.engine`, `.templates`, `.model_files`, `.types`,
`.errors`); only `engine` loads llama.cpp's native library.
"""
