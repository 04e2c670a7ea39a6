//! Credentials, endpoint and profile resolution (flags > env > ossutil config file).
