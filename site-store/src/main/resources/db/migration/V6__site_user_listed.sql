-- Whether the user's AOR is published to connected sites (the directory of issue 10). Listed unless the
-- administrator says otherwise; an unlisted user can still be called by anyone who knows the AOR.
ALTER TABLE site_user ADD COLUMN listed BOOLEAN DEFAULT TRUE NOT NULL;
