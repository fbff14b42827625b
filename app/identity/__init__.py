"""Sign-in providers: who may use WardScribe and in which role."""
