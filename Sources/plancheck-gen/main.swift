print("plancheck-gen: not yet")
