print("orgc")
