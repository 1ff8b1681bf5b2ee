"""Generator of the synthetic example (resources/example/); independent of preventie on purpose."""
