//! The client commands (`cors put|get|delete`, `config show`, live rules for `cors test`).
//! Owned by the client work (issue 4). PLACEHOLDER until it lands.
