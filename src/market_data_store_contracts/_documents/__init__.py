"""The plumbing every tool reads documents with: which keywords hold subschemas
(:mod:`.keywords`), JSON pointers (:mod:`.pointers`), values quoted as JSON in messages
(:mod:`.messages`), reading and writing files (:mod:`.io`) and canonical JSON with the digests
of a schema (:mod:`.canonical`). Imports no tool."""
