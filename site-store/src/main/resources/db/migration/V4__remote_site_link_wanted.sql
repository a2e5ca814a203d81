-- Whether the administrator wants the link to this site up (Connect pressed, not Disconnect since), so that a
-- site that restarts reconnects the links that were connected and leaves the disconnected ones alone.
ALTER TABLE remote_site ADD COLUMN link_wanted BOOLEAN DEFAULT FALSE NOT NULL;
