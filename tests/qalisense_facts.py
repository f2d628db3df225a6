"""What the client's Qalisense specification states, written once for the workspace and site tests."""

from __future__ import annotations

from pathlib import Path

QALISENSE = Path(__file__).resolve().parents[1] / "examples" / "qalisense"
# the nine enums, with exactly their values
QALISENSE_ENUMS = {
    "EvidenceStatusEnum": ["ON_HOLD", "DONE"],
    "EvidenceTypeEnum": ["EMAIL", "PICTURE"],
    "OrganizationEnum": ["INTER_COMPANY", "INTRA_COMPANY", "INTERNAL"],
    "StorageNameEnum": ["DOCUMENT", "TEMPLATE"],
    "TaskStatusEnum": ["OPEN", "VALIDATED", "NOT_VALIDATED", "CLOSE"],
    "TaskTypeEnum": ["MODEL", "SESSION", "TRAINING"],
    "TenantStatusEnum": ["ACTIVE", "INACTIVE", "PROCESSING", "SUSPENDED"],
    "TrainingModeEnum": ["REMOTE", "IN_PERSON", "HYBRID"],
    "TrainingSessionStatusEnum": ["IN_PROGRESS", "SCHEDULED", "DONE"],
}
# pct-storage's six endpoints (method in upper case, as the site shows them)
STORAGE_ENDPOINTS = frozenset(
    {
        ("POST", "/storages"),
        ("POST", "/storages/{storage-identifier}/documents-storage"),
        ("GET", "/storages/{storage-identifier}/documents-storage/{document-storage-id}"),
        ("PUT", "/storages/{storage-identifier}/documents-storage/{document-storage-id}"),
        ("DELETE", "/storages/{storage-identifier}/documents-storage/{document-storage-id}"),
        ("PUT", "/storages/{storage-identifier}/documents-storage/{document-storage-id}/tags"),
    }
)
QALISENSE_SEQUENCES = frozenset({"SEQ-AUTH-01", "SEQ-STO-01", "SEQ-STO-02"})
