-- The administrator's password for the web console (issue 12), as an Argon2id hash in PHC string format
-- ($argon2id$v=19$m=..,t=..,p=..$salt$hash): one row at most, absent until init or `admin passwd` sets it.
CREATE TABLE admin_password (
    id INT PRIMARY KEY CHECK (id = 1),
    hash VARCHAR(512) NOT NULL,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
