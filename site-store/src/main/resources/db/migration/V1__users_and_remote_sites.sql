-- The site's own users (AORs user@site). Only digest HA1 values are kept (RFC 7616 §3.4.2, RFC 8760).
CREATE TABLE site_user (
    name_key            VARCHAR(64)  NOT NULL PRIMARY KEY, -- lower-case: user names compare case-insensitively
    name                VARCHAR(64)  NOT NULL,             -- the spelling given at "user add"
    ha1_md5             CHAR(32)     NOT NULL,
    ha1_sha256          CHAR(64)     NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    password_changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The Network Connection list: remote sites this site trusts, each pinned to one certificate.
CREATE TABLE remote_site (
    name_key           VARCHAR(253) NOT NULL PRIMARY KEY,
    name               VARCHAR(253) NOT NULL,
    host               VARCHAR(255) NOT NULL,
    port               INT          NOT NULL,
    fingerprint_sha256 CHAR(95)     NOT NULL,
    certificate_pem    CLOB         NOT NULL,
    added_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
