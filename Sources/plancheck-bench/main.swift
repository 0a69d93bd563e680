print("plancheck-bench: not yet")
