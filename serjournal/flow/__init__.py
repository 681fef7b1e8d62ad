"""The guided check-in: stages, the prompt layer and the runner that keeps drafts."""
