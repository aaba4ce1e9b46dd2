"""The city comparison, one module per row of the comparison screen.

Every row is a function over the city's attributed sentences (`scope.CityText`)
and the stored entities; `store.compare` assembles them. Nothing here knows any
particular city: cells come only from the stored articles.
"""
