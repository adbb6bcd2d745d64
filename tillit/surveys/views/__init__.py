"""Survey pages: the builder, distribution, results (staff) and the answer pages (public)."""
