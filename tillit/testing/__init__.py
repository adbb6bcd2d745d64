"""Test support shared by every app: factories and a small organisation with one user per role."""
