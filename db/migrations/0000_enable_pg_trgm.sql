-- Institution search matches any part of a name while the user types (trigram index).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
