"""FieldApp: offline-first desk visits for IT field-support technicians."""

__version__ = "0.1.0"
