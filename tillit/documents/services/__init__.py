"""Write services of styrande dokument and processes (views, the importer and the demo call these).

`documents`: create a document (with its first draft) · `versions`: new versions, the workflow
steps and their hooks · `receipts`: läskvittenser · `processes`: processes and their activities.
"""

from tillit.documents.services.documents import document_create, document_update
from tillit.documents.services.processes import (
    activity_add,
    activity_move,
    activity_remove,
    activity_update,
    process_create,
    process_update,
)
from tillit.documents.services.receipts import read_receipt_confirm, read_receipts_request, receipt_staff
from tillit.documents.services.versions import version_create, version_transition

__all__ = [
    "activity_add",
    "activity_move",
    "activity_remove",
    "activity_update",
    "document_create",
    "document_update",
    "process_create",
    "process_update",
    "read_receipt_confirm",
    "read_receipts_request",
    "receipt_staff",
    "version_create",
    "version_transition",
]
