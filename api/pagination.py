from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """`?limit=&offset=`: 100 rows a page unless asked, at most 10,000 (a CSV of a whole list for Power BI)."""

    default_limit = 100
    max_limit = 10_000
