//! Rendering results as text (for people) or JSON/YAML (for scripts).
