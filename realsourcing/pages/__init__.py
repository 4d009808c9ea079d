"""One module per route family; each function returns the page's component tree."""
