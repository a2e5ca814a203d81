-- A certificate is pinned for one site name only: two sites never share a fingerprint.
CREATE UNIQUE INDEX remote_site_fingerprint ON remote_site (fingerprint_sha256);
