"""The audit trail is append-only in the database too, not only in Audit.save()/delete(): a trigger
refuses UPDATE and DELETE of its rows from any client (an admin's SQL shell, a bug, an attacker
with the application's credentials). The one update allowed is ON DELETE SET NULL of the user or
region a record names, so removing a user keeps their records.

PostgreSQL only (production); SQLite is the laptop default. TRUNCATE is left to the table's owner,
which the test suite uses to empty tables."""

from django.db import migrations

FUNGSI = """
CREATE OR REPLACE FUNCTION kesbangpol_audit_tetap() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (NEW.pengguna_id IS NULL OR NEW.pengguna_id IS NOT DISTINCT FROM OLD.pengguna_id)
       AND (NEW.provinsi_id IS NULL OR NEW.provinsi_id IS NOT DISTINCT FROM OLD.provinsi_id)
       AND (to_jsonb(NEW) - 'pengguna_id' - 'provinsi_id') = (to_jsonb(OLD) - 'pengguna_id' - 'provinsi_id')
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'Jejak audit tidak dapat diubah atau dihapus (%).', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_tetap ON kesbangpol_audit;
CREATE TRIGGER audit_tetap BEFORE UPDATE OR DELETE ON kesbangpol_audit
    FOR EACH ROW EXECUTE FUNCTION kesbangpol_audit_tetap();
"""
HAPUS = """
DROP TRIGGER IF EXISTS audit_tetap ON kesbangpol_audit;
DROP FUNCTION IF EXISTS kesbangpol_audit_tetap();
"""


def pasang(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FUNGSI, params=None)


def lepas(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(HAPUS, params=None)


class Migration(migrations.Migration):
    dependencies = [("kesbangpol", "0004_audit")]

    operations = [migrations.RunPython(pasang, lepas, elidable=False)]
