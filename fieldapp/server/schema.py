"""Every server table on one metadata: what migrations/ creates and is compared against.

The tables are split over several models modules, each registering on models.Base when it
is imported; importing this module imports them all, so the metadata is whole.
"""

from sqlalchemy import MetaData

from fieldapp.server import (
    models,
    models_auth,
    models_customer,
    models_devices,
    models_facts,
    models_files,
    models_knowledge,
    models_supervision,
)

TABLE_MODULES = (
    models,
    models_auth,
    models_customer,
    models_devices,
    models_facts,
    models_files,
    models_supervision,
    models_knowledge,
)
metadata: MetaData = models.Base.metadata
