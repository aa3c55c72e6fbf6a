"""LinkedIn "Get a copy of your data": the CSV files of the Basic and the Complete download, and articles."""
