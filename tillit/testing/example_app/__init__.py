"""A small app that plugs itself into Tillit, used by tillit/home/tests/test_plugin_example.py to
show that an app adds a workflow, a menu entry, a permission, a reminder source, a report section
and pages without any other app being edited. It is never installed in a running Tillit."""
