"""Reading text, shared by the fetchers, the rules and the photo stage: phrase matching (`phrases`), a
policy's words as one matcher (`vocabulary`), employer mentions and whose job they are about (`mentions`,
`whose`), and what the person shared from someone else or the platform sent (`shared_content`)."""
