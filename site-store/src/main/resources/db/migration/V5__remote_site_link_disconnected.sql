-- Whether this site's administrator disconnected the link to this site (Disconnect pressed, not Connect since).
-- A Connect from a site on the list links without a press here (issue 10: the certificate import is the consent)
-- unless this is set: a Disconnect stands, across restarts, until the administrator presses Connect again.
ALTER TABLE remote_site ADD COLUMN link_disconnected BOOLEAN DEFAULT FALSE NOT NULL;
