// mtasts-lookup: placeholder.
