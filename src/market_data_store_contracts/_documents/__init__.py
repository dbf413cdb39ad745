"""The plumbing every tool reads documents with: which keywords hold subschemas
(:mod:`.keywords`), JSON pointers (:mod:`.pointers`), reading and writing files (:mod:`.io`) and
canonical JSON with the digests of a schema (:mod:`.canonical`). Imports no tool."""
