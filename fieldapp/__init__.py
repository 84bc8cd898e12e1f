"""FieldApp: offline-first desk visits for IT field-support technicians."""

__version__ = "0.2.0"
