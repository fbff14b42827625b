"""Local inference: the model file, the prompt and the llama.cpp engine.

Import from the submodules (`app.inference.engine`, `.prompt`, `.model_files`, `.types`,
`.errors`); only `engine` loads llama.cpp's native library. Note templates are domain values
(`app.domain.note_templates`).
"""
